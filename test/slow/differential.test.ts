import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusMissing } from '../helpers/corpus';
import { cleanUp, explanationOf, report, runDifferential, validSources } from '../differential/differential';

/**
 * A small seeded sample of the differential test (the large run is `npm run differential`):
 * wit-ls's verdict on mutants of valid corpus WIT agrees with wit-parser's, and every
 * disagreement left is one of the explained classes.
 */
test('verdicts agree with wit-parser on seeded mutants of the corpus', { skip: corpusMissing, timeout: 600_000 }, async (t) => {
  const sources = await validSources();
  // Every fourth source keeps the sample small; single files and packages both come.
  const sample = sources.filter((_, i) => i % 4 === 0);
  const result = await runDifferential(sample, 8, 20261203);
  cleanUp();
  t.diagnostic(report(result));
  assert.ok(result.mutants >= 150, `only ${result.mutants} mutants`);
  const unexplained = result.disagreements.filter((d) => !explanationOf(d));
  assert.deepEqual(unexplained.map((d) => `${d.source}: ${d.mutant.kind}: ${d.mutant.change}: wit-parser ${d.reference ?? 'accepts'}; wit-ls ${d.ours ?? 'accepts'}`), []);
  assert.ok(result.agreed / result.mutants >= 0.995);
});
