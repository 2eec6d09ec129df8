import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/** Parses WIT with our tree-sitter grammar, compiled to wasm and run by web-tree-sitter. */
export interface WitParser {
  /** Parses `text`; with `oldTree` (already `edit`ed) only the changed part is re-parsed. */
  parse(text: string, oldTree?: Tree): Tree;
  /** The folder the wasm files came from (a worker thread loads its own parser from it). */
  readonly wasmDir: string;
}

let loading: Promise<WitParser> | undefined;

/**
 * Loads web-tree-sitter and the WIT grammar once per process. `wasmDir` holds
 * `web-tree-sitter.wasm` and `tree-sitter-wit.wasm` (the bundle's own folder).
 */
export function loadWitParser(wasmDir: string): Promise<WitParser> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (file: string) => path.join(wasmDir, file) });
    const language = await Language.load(path.join(wasmDir, 'tree-sitter-wit.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return {
      wasmDir,
      parse(text: string, oldTree?: Tree): Tree {
        const tree = parser.parse(text, oldTree);
        // Only null when no language is set or parsing was cancelled; neither happens here.
        if (!tree) throw new Error('tree-sitter returned no tree');
        return tree;
      },
    };
  })();
  return loading;
}
