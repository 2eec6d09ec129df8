import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/parser';

/**
 * Keeps `npm run bench` working: its quick mode runs every part with few samples. No
 * figure is asserted (timings belong in the benchmark's report, not in tests); the test
 * fails only when the benchmark itself breaks.
 */
describe('npm run bench -- --quick', () => {
  it('runs every part and reports every figure', { timeout: 900_000 }, () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-bench-')), 'RESULTS.md');
    try {
      const run = spawnSync('npm', ['run', 'bench', '--', '--quick', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(run.status, 0, `the benchmark failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
      const report = fs.readFileSync(out, 'utf8');
      for (const heading of ['Cold start', 'Keystroke latency', '`wit-ls check` on the corpus', 'Memory', 'Package size']) {
        assert.match(report, new RegExp(`## \\d\\. ${heading}`), `the report has no "${heading}" section`);
      }
      assert.doesNotMatch(report, /NaN|undefined|Infinity/, 'a figure could not be computed');
      // Every target of the report is judged, met or missed, and the keystroke setups are all there.
      assert.match(report, /growth: analysed median/);
      for (const setup of ['generated 10,000-line file', '50-file x 200-line package', '5-file x 200-line package', '200-file x 200-line package']) {
        assert.ok(report.includes(setup), `the report has no "${setup}" setup`);
      }
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
