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
import { Random, applyMutation, describeCase, firstDifference, randomMutation, seedOf, treeSignature, type Mutation } from './mutations';

/** Bump to explore new sequences; failures found are kept in REGRESSIONS below. */
const BASE_SEED = 870;
const MUTATIONS_PER_FILE = 6;
/** Far beyond a normal run: past it, something hangs and the test fails instead of CI. */
const HANG_AFTER_MS = 120_000;

/**
 * Sequences that once failed, replayed on every run: the file (relative to the corpus) and
 * the seed its failure message printed.
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

/** The corpus when it is there, else the repository's own WIT: the fuzzer always has input. */
function inputs(): { name: string; file: string }[] {
  if (!corpusMissing) return witFiles(CORPUS).map((file) => ({ name: path.relative(CORPUS, file), file }));
  return witFiles(path.join(ROOT, 'examples')).map((file) => ({ name: path.relative(ROOT, file), file }));
}

describe('fuzzing the analysis layer', () => {
  it('replays the sequences that once failed', { skip: REGRESSIONS.length === 0 ? 'none recorded' : corpusMissing }, async () => {
    const parser = await witParser();
    for (const { file, seed } of REGRESSIONS) fuzz(parser, file, fs.readFileSync(path.join(CORPUS, file), 'utf8'), seed);
  });

  it(`survives ${MUTATIONS_PER_FILE} random edits to every corpus file, the incremental tree always equal to a fresh parse`, { timeout: HANG_AFTER_MS }, async (t) => {
    if (corpusMissing) t.diagnostic(`${corpusMissing}; fuzzing examples/ instead`);
    const parser = await witParser();
    const files = inputs();
    for (const { name, file } of files) fuzz(parser, name, fs.readFileSync(file, 'utf8'), seedOf(name, BASE_SEED));
    t.diagnostic(`${files.length} files, ${files.length * MUTATIONS_PER_FILE} edits`);
  });
});
