import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { CORPUS, corpusMissing } from '../helpers/corpus';
import { errorsOf, uiCases } from './corpus-cases';

const UI = path.join(CORPUS, 'wit-parser-ui');

/**
 * Parity with wit-parser over its own UI tests: valid cases give no error, failing cases
 * give at least one, and our first error sits on the line wit-parser's error points to.
 * Prints the three figures.
 */
test('semantic parity with wit-parser over wit-parser-ui', { skip: corpusMissing }, async () => {
  const valid = uiCases(UI);
  const failing = uiCases(path.join(UI, 'parse-fail'));
  const falseErrors: string[] = [];
  for (const testCase of valid) {
    const { errors } = await errorsOf(testCase);
    if (errors.length) falseErrors.push(`${testCase.name}: ${errors.map((e) => `${e.relative}:${e.line} ${e.diagnostic.message}`).join('; ')}`);
  }
  const missed: string[] = [];
  const wrongLine: string[] = [];
  let located = 0;
  for (const testCase of failing) {
    const { errors } = await errorsOf(testCase);
    if (errors.length === 0) {
      missed.push(testCase.name);
      continue;
    }
    if (!testCase.expected) continue;
    located++;
    const first = errors[0];
    if (first.relative !== testCase.expected.relative || first.line !== testCase.expected.line) {
      wrongLine.push(`${testCase.name}: expected ${testCase.expected.relative}:${testCase.expected.line}, got ${first.relative}:${first.line} ${first.diagnostic.message}`);
    }
  }
  const percent = (n: number, of: number): string => `${n}/${of} (${((100 * n) / of).toFixed(1)}%)`;
  console.log(`valid cases without error:        ${percent(valid.length - falseErrors.length, valid.length)}`);
  console.log(`failing cases with an error:      ${percent(failing.length - missed.length, failing.length)}`);
  console.log(`first error on the reference line: ${percent(located - wrongLine.length, located)} (${failing.length - located} reference errors have no location)`);
  for (const line of [...falseErrors, ...missed.map((m) => `${m}: no error`), ...wrongLine]) console.log(`  ${line}`);
  assert.deepEqual(falseErrors, [], 'valid cases must give no error');
  assert.deepEqual(missed, [], 'failing cases must give an error');
});
