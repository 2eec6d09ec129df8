// The formatter over ../shared/wit-corpus: wasm-tools' printed WIT is a fixed point, and on
// every valid file formatting is idempotent and changes nothing but whitespace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatText } from '../../server/src/analysis/format';
import type { WitParser } from '../../server/src/parser';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { witParser } from '../helpers/parser';
import { tokensAndComments } from './tokens';

const PRINTED = path.join(CORPUS, 'wit-component-print');
const PARSE_FAIL = path.join(CORPUS, 'wit-parser-ui', 'parse-fail');

function format(parser: WitParser, text: string): string {
  const tree = parser.parse(text);
  try {
    const result = formatText(text, tree);
    if ('refused' in result) throw new Error(`refused: ${result.refused}`);
    return result.text;
  } finally {
    tree.delete();
  }
}

function printedFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.wit.print'))
    .map((name) => path.join(dir, name))
    .sort();
}

describe('formatter over ../shared/wit-corpus', { skip: corpusMissing }, () => {
  it("leaves every .wit.print file of wasm-tools' printer unchanged, byte for byte", async (t) => {
    const parser = await witParser();
    const files = printedFiles(PRINTED);
    const changed = files.filter((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return format(parser, text) !== text;
    });
    t.diagnostic(`fixed points: ${files.length - changed.length}/${files.length} .wit.print files`);
    assert.ok(files.length >= 41, `expected the 41 printed files, found ${files.length}`);
    assert.deepEqual(changed.map((f) => path.relative(CORPUS, f)), []);
  });

  it('formats every valid file to a fixed point with the same tokens and comments', async (t) => {
    const parser = await witParser();
    const files = witFiles(CORPUS).filter((f) => !f.startsWith(PARSE_FAIL + path.sep));
    const problems: string[] = [];
    let changed = 0;
    for (const file of files) {
      const where = path.relative(CORPUS, file);
      const text = fs.readFileSync(file, 'utf8');
      const once = format(parser, text);
      if (once !== text) changed++;
      const before = parser.parse(text);
      const after = parser.parse(once);
      try {
        if (after.rootNode.hasError) problems.push(`${where}: the formatted text has a syntax error`);
        else if (format(parser, once) !== once) problems.push(`${where}: formatting twice changes it again`);
        const [left, right] = [tokensAndComments(before), tokensAndComments(after)];
        if (left.join('\n') !== right.join('\n')) {
          const i = left.findIndex((token, k) => token !== right[k]);
          problems.push(`${where}: token ${i} was ${JSON.stringify(left[i])}, is ${JSON.stringify(right[i])}`);
        }
      } finally {
        before.delete();
        after.delete();
      }
    }
    t.diagnostic(`valid files: ${files.length}, reformatted: ${changed}, idempotent with equal tokens and comments: ${files.length - problems.length}`);
    assert.ok(files.length > 300, `expected the corpus's valid files, found ${files.length}`);
    assert.deepEqual(problems, []);
  });
});
