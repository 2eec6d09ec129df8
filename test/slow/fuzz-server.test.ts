import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LineIndex } from '../../server/src/analysis/text';
import { ANSWER_LIMIT_MS, LspProcess, ResponseError } from '../../bench/lsp-process';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { ROOT } from '../helpers/parser';
import { FEATURES } from '../helpers/features';
import { Random, applyMutation, describeCase, randomMutation, seedOf, type Mutation } from '../helpers/mutations';

const BASE_SEED = 869;
/** Every n-th corpus file: enough variety while the whole suite stays fast. */
const SAMPLE_EVERY = 8;
const CHANGES_PER_FILE = 6;
/** A request or a diagnostics notification slower than this counts as a hang. */
const ANSWER_WITHIN_MS = ANSWER_LIMIT_MS;

/**
 * Sequences that once failed, replayed first on every run: add the file (relative to the
 * corpus) and the seed that a failure message printed.
 */
const REGRESSIONS: { file: string; seed: number }[] = [];

/** The recorded regressions, then a sample of the corpus (or the repository's own WIT). */
function sample(): { name: string; file: string; seed: number }[] {
  const named = (base: string) => (file: string) => {
    const name = path.relative(base, file);
    return { name, file, seed: seedOf(name, BASE_SEED) };
  };
  if (corpusMissing) return witFiles(path.join(ROOT, 'examples')).map(named(ROOT));
  const replays = REGRESSIONS.map(({ file, seed }) => ({ name: file, file: path.join(CORPUS, file), seed }));
  return [...replays, ...witFiles(CORPUS).filter((_, i) => i % SAMPLE_EVERY === 0).map(named(CORPUS))];
}

/**
 * LSP cannot name an offset between the `\r` and `\n` of a line break (both are one
 * break), and no editor puts a cursor there: such an edit end moves before the `\r`.
 */
function inLspTerms(text: string, mutation: Mutation): Mutation {
  const snap = (offset: number) => (text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset);
  return { ...mutation, span: { start: snap(mutation.span.start), end: snap(mutation.span.end) } };
}

describe('fuzzing a live server with didChange', () => {
  // `edited` only ever gets incremental changes; `fresh` opens each resulting text anew.
  let edited: LspProcess;
  let fresh: LspProcess;
  let capabilities: Record<string, unknown>;
  before(async () => {
    edited = new LspProcess();
    fresh = new LspProcess();
    const [answer] = await Promise.all([edited.initialize(), fresh.initialize()]);
    capabilities = (answer as { capabilities: Record<string, unknown> }).capabilities;
  });
  after(async () => {
    await Promise.all([edited.stop(), fresh.stop()]);
  });

  /**
   * Sends `CHANGES_PER_FILE` didChange notifications of one to three random edits each.
   * After each: the diagnostics arrive, equal to those of the same text opened fresh, and
   * every feature the server announces answers in time at a random place.
   */
  async function fuzz(name: string, text: string, seed: number): Promise<void> {
    const random = new Random(seed);
    const uri = `file:///fuzz/${name.replace(/[^\w./-]/g, '_')}`;
    let version = 1;
    let current = text;
    const applied: Mutation[] = [];
    const opened = edited.diagnosticsFor(uri, version, ANSWER_WITHIN_MS);
    edited.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'wit', version, text } });
    await opened;
    for (let step = 0; step < CHANGES_PER_FILE; step++) {
      version++;
      // Each change's range refers to the text left by the change before it, as in LSP.
      const contentChanges = [];
      for (let n = random.int(1, 3); n > 0; n--) {
        const mutation = inLspTerms(current, randomMutation(current, random));
        applied.push(mutation);
        const lines = new LineIndex(current);
        contentChanges.push({ range: { start: lines.position(mutation.span.start), end: lines.position(mutation.span.end) }, text: mutation.newText });
        current = applyMutation(current, mutation);
      }
      const where = describeCase(name, seed, applied);
      const incremental = edited.diagnosticsFor(uri, version, ANSWER_WITHIN_MS);
      edited.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      const reference = fresh.diagnosticsFor(uri, version, ANSWER_WITHIN_MS);
      fresh.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'wit', version, text: current } });
      const [got, expected] = await Promise.all([incremental, reference]);
      fresh.notify('textDocument/didClose', { textDocument: { uri } });
      assert.deepEqual(got.diagnostics, expected.diagnostics, `diagnostics after incremental edits differ from a fresh open: ${where}`);

      // Every feature the server announces, at one random place: each answers in time (an
      // error response such as "cannot rename a keyword" is an answer) and no handler
      // throws (the server logs that, and answers with an empty result).
      const position = new LineIndex(current).position(random.int(0, current.length));
      const loggedBefore = edited.loggedErrors();
      for (const feature of FEATURES.filter((f) => capabilities[f.capability])) {
        try {
          await edited.request(feature.method, feature.params(uri, position), ANSWER_WITHIN_MS);
        } catch (error) {
          if (!(error instanceof ResponseError)) assert.fail(`${feature.method} at ${JSON.stringify(position)}: ${String(error)}: ${where}`);
        }
      }
      const logged = edited.loggedErrors().slice(loggedBefore.length);
      assert.deepEqual(logged, [], `a feature failed at ${JSON.stringify(position)}: ${where}`);
    }
    edited.notify('textDocument/didClose', { textDocument: { uri } });
  }

  it('keeps incremental diagnostics equal to a fresh open and answers every request', { timeout: 1_200_000 }, async (t) => {
    if (corpusMissing) t.diagnostic(`${corpusMissing}; fuzzing examples/ instead`);
    const files = sample();
    for (const { name, file, seed } of files) await fuzz(name, fs.readFileSync(file, 'utf8'), seed);
    assert.ok(edited.alive && fresh.alive, `a server died: ${edited.stderr}${fresh.stderr}`);
    t.diagnostic(`${files.length} sequences (${corpusMissing ? 0 : REGRESSIONS.length} recorded regressions), ${files.length * CHANGES_PER_FILE} didChange notifications`);
  });
});
