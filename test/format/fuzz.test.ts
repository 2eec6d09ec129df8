// Mutated corpus files never crash the formatter: a broken text is refused with a reason,
// a valid one formats safely (no syntax error, same tokens and comments, idempotent), and
// a random range only edits whitespace it touches.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatEdits, formatText } from '../../server/src/analysis/format';
import { applyEdits } from '../../server/src/analysis/text';
import type { WitParser } from '../../server/src/parser';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { Random, applyMutation, describeCase, randomMutation, seedOf, type Mutation } from '../helpers/mutations';
import { witParser } from '../helpers/parser';
import { tokensAndComments } from './tokens';

const BASE_SEED = 12;
const MUTATIONS_PER_FILE = 4;
/** Every FILE_STRIDE-th corpus file, so the test stays within a few seconds. */
const FILE_STRIDE = 4;
/** Whitespace a careless edit leaves: formatting must absorb it. */
const WHITESPACE = [' ', '\n', '\t', '\n\n\n', '  \n  ', '\r\n'];

function check(parser: WitParser, text: string, random: Random, where: string): void {
  const tree = parser.parse(text);
  try {
    const result = formatEdits(text, tree);
    if (tree.rootNode.hasError) {
      assert.ok('refused' in result && result.refused.length > 0, `a broken text must be refused: ${where}`);
      return;
    }
    assert.ok('edits' in result, `a valid text must be formatted: ${where}`);
    const formatted = applyEdits(text, result.edits);
    const after = parser.parse(formatted);
    try {
      assert.ok(!after.rootNode.hasError, `the formatted text parses: ${where}`);
      assert.deepEqual(tokensAndComments(after), tokensAndComments(tree), `same tokens and comments: ${where}`);
      const again = formatText(formatted, after);
      assert.ok('text' in again && again.text === formatted, `idempotent: ${where}`);
    } finally {
      after.delete();
    }
    const start = random.int(0, text.length);
    const range = { start, end: Math.min(text.length, start + random.int(0, 200)) };
    const partial = formatEdits(text, tree, undefined, range);
    assert.ok('edits' in partial, `range ${JSON.stringify(range)}: ${where}`);
    for (const edit of partial.edits) {
      assert.ok(edit.span.end >= range.start && edit.span.start <= range.end, `edit ${JSON.stringify(edit)} outside ${JSON.stringify(range)}: ${where}`);
      assert.match(text.slice(edit.span.start, edit.span.end), /^\s*$/, `only whitespace is replaced: ${where}`);
    }
    const reparsed = parser.parse(applyEdits(text, partial.edits));
    try {
      assert.deepEqual(tokensAndComments(reparsed), tokensAndComments(tree), `range format keeps the tokens: ${where}`);
    } finally {
      reparsed.delete();
    }
  } finally {
    tree.delete();
  }
}

describe('formatter under fuzzed input', { skip: corpusMissing }, () => {
  it('never crashes, refuses broken text and formats valid text safely', async (t) => {
    const parser = await witParser();
    const files = witFiles(CORPUS).filter((_, i) => i % FILE_STRIDE === 0);
    let refused = 0;
    let formatted = 0;
    for (const file of files) {
      const name = path.relative(CORPUS, file);
      const seed = seedOf(name, BASE_SEED);
      const random = new Random(seed);
      let text = fs.readFileSync(file, 'utf8');
      const applied: Mutation[] = [];
      for (let step = 0; step < MUTATIONS_PER_FILE; step++) {
        // Every other step only inserts whitespace, which mostly keeps the text valid.
        const at = random.int(0, text.length);
        const mutation = step % 2 === 1 ? randomMutation(text, random) : { kind: 'whitespace', span: { start: at, end: at }, newText: random.pick(WHITESPACE) };
        applied.push(mutation);
        text = applyMutation(text, mutation);
        check(parser, text, random, describeCase(name, seed, applied));
        const tree = parser.parse(text);
        if (tree.rootNode.hasError) refused++;
        else formatted++;
        tree.delete();
      }
    }
    t.diagnostic(`${files.length} files, ${MUTATIONS_PER_FILE} mutations each: ${refused} broken texts refused, ${formatted} valid ones formatted`);
    assert.ok(refused > 0 && formatted > 0);
  });
});
