// wit-parser (the reference, through jco) resolves every formatted corpus file to the same
// thing as the original: the same verdict, and where it accepts the file, byte-identical
// component metadata for a world that imports every interface and includes every world of
// the file. (Doc comments are not in that metadata; test/format/corpus.test.ts checks that
// every comment is kept byte for byte.) Slow: two wit-parser runs per corpus file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Tree } from 'web-tree-sitter';
import { formatText } from '../../server/src/analysis/format';
import type { WitParser } from '../../server/src/parser';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { witParser } from '../helpers/parser';

const PARSE_FAIL = path.join(CORPUS, 'wit-parser-ui', 'parse-fail');
const CHECK_WORLD = 'wit-ls-format-check';

/** A world that reaches everything the file's package declares at its top level. */
function checkWorld(tree: Tree, text: string): string {
  const lines: string[] = [];
  for (const item of tree.rootNode.namedChildren) {
    const name = item?.childForFieldName('name');
    if (!item || !name) continue;
    if (item.type === 'interface_item') lines.push(`import ${text.slice(name.startIndex, name.endIndex)};`);
    if (item.type === 'world_item') lines.push(`include ${text.slice(name.startIndex, name.endIndex)};`);
  }
  return `\nworld ${CHECK_WORLD} {\n${lines.join('\n')}\n}\n`;
}

/** The embedded component metadata as hex, or wit-parser's error: of a source, or of a folder (a package and its deps/). */
async function resolve(source: string, folder?: string): Promise<{ metadata: string } | { error: string }> {
  const { componentEmbed } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  try {
    const input = folder === undefined ? { witSource: source } : { witPath: folder };
    const bytes = await componentEmbed({ ...input, world: CHECK_WORLD, dummy: true, features: { tag: 'all' } });
    return { metadata: Buffer.from(bytes).toString('hex') };
  } catch (error) {
    return { error: String((error as { message?: string })?.message ?? error) };
  }
}

/** Folders that hold a package's .wit files (parse-fail cases and deps/ folders aside). */
function packageFolders(): string[] {
  const folders = new Set(witFiles(CORPUS).map((f) => path.dirname(f)));
  return [...folders]
    .filter((d) => !d.startsWith(PARSE_FAIL) && !d.split(path.sep).includes('deps'))
    .sort();
}

/** A copy of `folder` (deps/ included) with every .wit file formatted, or left as it is, plus the check world. */
function preparedCopy(parser: WitParser, folder: string, into: string, format: boolean): void {
  fs.cpSync(folder, into, { recursive: true, filter: (p) => fs.statSync(p).isDirectory() || p.endsWith('.wit') });
  const worldLines: string[] = [];
  for (const file of witFiles(into)) {
    const text = fs.readFileSync(file, 'utf8');
    const tree = parser.parse(text);
    if (path.dirname(file) === into) worldLines.push(checkWorld(tree, text).split('\n').slice(2, -2).join('\n'));
    if (format) {
      const result = formatText(text, tree);
      if ('text' in result) fs.writeFileSync(file, result.text);
    }
    tree.delete();
  }
  fs.writeFileSync(path.join(into, 'wit-ls-format-check.wit'), `world ${CHECK_WORLD} {\n${worldLines.filter(Boolean).join('\n')}\n}\n`);
}

describe('formatted corpus files resolve as the originals do in wit-parser', { skip: corpusMissing }, () => {
  it('gives the same verdict, and the same metadata where accepted', async (t) => {
    const parser = await witParser();
    const files = witFiles(CORPUS).filter((f) => !f.startsWith(PARSE_FAIL + path.sep));
    const problems: string[] = [];
    let accepted = 0;
    for (const file of files) {
      const where = path.relative(CORPUS, file);
      const text = fs.readFileSync(file, 'utf8');
      const tree = parser.parse(text);
      const formatted = formatText(text, tree);
      const world = checkWorld(tree, text);
      tree.delete();
      if ('refused' in formatted) {
        problems.push(`${where}: refused: ${formatted.refused}`);
        continue;
      }
      const [before, after] = [await resolve(text + world), await resolve(formatted.text + world)];
      if ('metadata' in before) {
        accepted++;
        if (!('metadata' in after)) problems.push(`${where}: rejected once formatted: ${after.error.split('\n')[0]}`);
        else if (before.metadata !== after.metadata) problems.push(`${where}: resolves differently once formatted`);
      } else if ('metadata' in after) {
        problems.push(`${where}: accepted only once formatted`);
      }
    }
    t.diagnostic(`valid files: ${files.length}; accepted by wit-parser on their own, metadata compared: ${accepted}; the rest need their folder or deps and fail alike`);
    assert.ok(accepted > 100, `wit-parser accepted only ${accepted} files`);
    assert.deepEqual(problems, []);
  });

  it('resolves every package folder (with its deps/) the same once all its files are formatted', async (t) => {
    // wit-parser reads the folders through WASI: give it the host's file system (Node's
    // shim takes a map of guest to host paths; TypeScript picks the browser typing).
    const { _setPreopens } = await import('@bytecodealliance/preview2-shim/filesystem');
    (_setPreopens as unknown as (preopens: Record<string, string>) => void)({ '/': '/' });
    const parser = await witParser();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-format-reference-'));
    const problems: string[] = [];
    let accepted = 0;
    const folders = packageFolders();
    try {
      for (const [i, folder] of folders.entries()) {
        const where = path.relative(CORPUS, folder) || '.';
        const [original, formatted] = [path.join(work, `${i}-original`), path.join(work, `${i}-formatted`)];
        preparedCopy(parser, folder, original, false);
        preparedCopy(parser, folder, formatted, true);
        const [before, after] = [await resolve('', original), await resolve('', formatted)];
        if ('metadata' in before) {
          accepted++;
          if (!('metadata' in after)) problems.push(`${where}: rejected once formatted: ${after.error.split('\n')[0]}`);
          else if (before.metadata !== after.metadata) problems.push(`${where}: resolves differently once formatted`);
        } else if ('metadata' in after) {
          problems.push(`${where}: accepted only once formatted`);
        }
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    t.diagnostic(`package folders: ${folders.length}; accepted by wit-parser as folders, metadata compared: ${accepted}`);
    assert.ok(accepted > 10, `wit-parser accepted only ${accepted} folders`);
    assert.deepEqual(problems, []);
  });
});
