import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createWorkspace } from '../../server/src/analysis/model';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { witParser } from '../helpers/parser';

/** Every `@unstable(feature = ..)` the files name: the corpus README says some need theirs on. */
function featuresIn(texts: readonly string[]): string[] {
  const features = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/@unstable\s*\(\s*feature\s*=\s*([a-z0-9-]+)/g)) features.add(m[1]);
  return [...features].sort();
}

/**
 * Folders that hold only the files a change touched, or one file of a package: without the
 * rest of their package or its deps, wit-parser rejects them too. There, only errors about
 * that missing context are expected.
 */
const FRAGMENTS = [/wasi-p3\/pr8\d\d-/, /wasi-p3\/draft-2025-02\//];
const MISSING_CONTEXT = new Set(['missing-package', 'unknown-package', 'unknown-name']);

/**
 * Real WIT outside wit-parser's own tests is valid: loaded into one workspace (as a user
 * opening the corpus folder would), no file gets a semantic error and every name resolves,
 * with no `@unstable` feature enabled (the default) and with every one the files name.
 * Also prints how long indexing and checking the whole corpus takes.
 */
test('no semantic error on the valid corpus, and the time to index it', { skip: corpusMissing }, async () => {
  const parser = await witParser();
  // The whole corpus is indexed (for the timing); wit-parser's own tests include failing ones.
  const all = witFiles(CORPUS);
  const texts = all.map((f) => fs.readFileSync(f, 'utf8'));
  const files = all.filter((f) => !f.includes(`${path.sep}wit-parser-ui${path.sep}`));
  const workspace = createWorkspace(parser);
  const started = performance.now();
  all.forEach((file, i) => workspace.setText(`file://${file}`, texts[i]));
  const parsed = performance.now();
  for (const file of all) workspace.diagnostics(`file://${file}`);
  const checked = performance.now();
  console.log(`indexed ${all.length} files (${(texts.join('').length / 1024).toFixed(0)} KiB): parse ${(parsed - started).toFixed(0)} ms, resolve and check ${(checked - parsed).toFixed(0)} ms`);
  const problems: string[] = [];
  for (const features of [[], featuresIn(texts)]) {
    workspace.setFeatures(features);
    for (const file of files) {
      const fragment = FRAGMENTS.some((f) => f.test(path.relative(CORPUS, file).split(path.sep).join('/')));
      const where = (offset: number): string =>
        `${path.relative(CORPUS, file)}:${workspace.document(`file://${file}`)!.lines.lineOf(offset) + 1} (features: ${features.join(', ') || 'none'})`;
      for (const reference of workspace.references(`file://${file}`)) {
        if (!reference.target && !fragment) problems.push(`${where(reference.span.start)}: ${reference.kind} \`${reference.name}\` does not resolve`);
      }
      for (const d of workspace.diagnostics(`file://${file}`)) {
        if (!(fragment && MISSING_CONTEXT.has(d.code))) problems.push(`${where(d.span.start)}: ${d.message}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
