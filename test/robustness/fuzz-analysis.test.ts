import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allDiagnostics, analyze } from '../../server/src/analysis/analyze';
import { fixAllEdits, quickFixes } from '../../server/src/analysis/code-actions';
import { WitDocument } from '../../server/src/analysis/document';
import { hoverAt } from '../../server/src/analysis/hover';
import { applyEdits } from '../../server/src/analysis/text';
import { fileTypeResolver } from '../../server/src/analysis/types';
import type { WitParser } from '../../server/src/parser';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { ROOT, witParser } from '../helpers/parser';
import { Random, applyMutation, describeCase, firstDifference, randomMutation, seedOf, treeSignature, type Mutation } from '../helpers/mutations';

/** Bump to explore new sequences; failures found are kept in REGRESSIONS below. */
const BASE_SEED = 870;
const MUTATIONS_PER_FILE = 6;
/** Far beyond a normal run (about 7 s idle), even on a loaded machine: past it, something hangs. */
const HANG_AFTER_MS = 600_000;

/**
 * Sequences that once failed, replayed first on every run: add the file (relative to the
 * corpus) and the seed that a failure message printed.
 */
const REGRESSIONS: { file: string; seed: number }[] = [];

/**
 * Applies `MUTATIONS_PER_FILE` random mutations to `text` one after another, as
 * incremental edits. After each: the incremental tree equals a fresh parse, and analysis,
 * hover and code actions run without throwing and answer inside the text.
 */
function fuzz(parser: WitParser, name: string, text: string, seed: number): void {
  const random = new Random(seed);
  const document = WitDocument.create(parser, `file:///fuzz/${name}`, text);
  const applied: Mutation[] = [];
  let current = text;
  try {
    for (let step = 0; step < MUTATIONS_PER_FILE; step++) {
      const mutation = randomMutation(current, random);
      applied.push(mutation);
      const where = describeCase(name, seed, applied);
      current = applyMutation(current, mutation);
      document.applyChange(mutation.span, mutation.newText);
      assert.equal(document.text, current, `text after the edit: ${where}`);

      const fresh = WitDocument.create(parser, document.uri, current);
      try {
        const incremental = treeSignature(document.tree);
        const expected = treeSignature(fresh.tree);
        if (incremental !== expected) {
          assert.fail(`incremental tree differs from a fresh parse (${firstDifference(incremental, expected)}): ${where}`);
        }
      } finally {
        fresh.dispose();
      }

      try {
        const analysis = analyze(document);
        for (const diagnostic of allDiagnostics(analysis)) {
          const { start, end } = diagnostic.span;
          assert.ok(0 <= start && start <= end && end <= current.length, `diagnostic span ${start}-${end} outside the text: ${where}`);
        }
        for (let probe = 0; probe < 3; probe++) {
          const offset = random.int(0, current.length);
          const hover = hoverAt(document, offset, analysis.rules, fileTypeResolver);
          if (hover) assert.ok(hover.span.end <= current.length && hover.markdown.length > 0, `hover at ${offset}: ${where}`);
          const start = random.int(0, current.length);
          for (const { fix } of quickFixes(analysis, { start, end: Math.min(current.length, start + random.int(0, 40)) })) {
            applyEdits(current, fix.edits);
          }
        }
        applyEdits(current, fixAllEdits(analysis));
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assert.fail(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n  while analyzing ${where}`);
      }
    }
  } finally {
    document.dispose();
  }
}

/**
 * The recorded regressions, then every file of the corpus when it is there, else of the
 * repository's own WIT: the fuzzer always has input.
 */
function inputs(): { name: string; file: string; seed: number }[] {
  const named = (base: string) => (file: string) => {
    const name = path.relative(base, file);
    return { name, file, seed: seedOf(name, BASE_SEED) };
  };
  if (corpusMissing) return witFiles(path.join(ROOT, 'examples')).map(named(ROOT));
  const replays = REGRESSIONS.map(({ file, seed }) => ({ name: file, file: path.join(CORPUS, file), seed }));
  return [...replays, ...witFiles(CORPUS).map(named(CORPUS))];
}

describe('fuzzing the analysis layer', () => {
  it(`survives ${MUTATIONS_PER_FILE} random edits to every corpus file, the incremental tree always equal to a fresh parse`, { timeout: HANG_AFTER_MS }, async (t) => {
    if (corpusMissing) t.diagnostic(`${corpusMissing}; fuzzing examples/ instead`);
    const parser = await witParser();
    const files = inputs();
    for (const { name, file, seed } of files) fuzz(parser, name, fs.readFileSync(file, 'utf8'), seed);
    t.diagnostic(`${files.length} sequences (${corpusMissing ? 0 : REGRESSIONS.length} recorded regressions), ${files.length * MUTATIONS_PER_FILE} edits`);
  });
});
