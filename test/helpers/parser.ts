import * as path from 'node:path';
import { WitDocument } from '../../server/src/analysis/document';
import { loadWitParser, type WitParser } from '../../server/src/parser';

/** The repository's root folder. */
export const ROOT = path.resolve(__dirname, '../..');

/** The parser as the bundled server loads it (`npm run build` puts both wasm files in dist/). */
export function witParser(): Promise<WitParser> {
  return loadWitParser(path.join(ROOT, 'dist'));
}

export async function documentOf(text: string, uri = 'file:///test.wit'): Promise<WitDocument> {
  return WitDocument.create(await witParser(), uri, text);
}
