import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const MODULE = path.join(__dirname, '../../server/src/lsp/young-generation.ts');

/**
 * The young generation's size after a burst of work that keeps much of what it allocates
 * (as opening many documents does), in a fresh Node process, with the cap or without.
 */
function youngGenerationAfterBurst(capBytes: number | null): number {
  const script = `
    const v8 = require('node:v8');
    ${capBytes === null ? '' : `require(${JSON.stringify(MODULE)}).capYoungGeneration(${capBytes});`}
    const kept = [];
    let rounds = 0;
    // Small slices with a yield between them, as the server handles one message at a time.
    const slice = () => {
      for (let i = 0; i < 20000; i++) kept.push({ i, text: 'x' + i });
      if (kept.length > 2000000) kept.length = 0;
      if (++rounds < 400) setImmediate(slice);
      else process.stdout.write(String(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size));
    };
    slice();`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return Number(result.stdout);
}

describe('capYoungGeneration', () => {
  it('stops the young generation within one doubling of the cap, where V8 alone grows it further', () => {
    const cap = 4 * 1024 * 1024;
    // The observer hears of collections between tasks, so one more growth may slip through.
    assert.ok(youngGenerationAfterBurst(null) > 2 * cap, 'without the cap the burst grows the young generation past it');
    assert.ok(youngGenerationAfterBurst(cap) <= 2 * cap);
  });
});
