import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUIET_MS } from '../../server/src/lsp/young-generation';
import { youngGenerationSizes } from '../helpers/young-generation';

const MB = 1024 * 1024;

describe('manageYoungGeneration when the process is quiet', () => {
  it('gives the young generation back after a burst, which V8 alone keeps, and lets the next burst grow it again', async () => {
    const cap = 4 * MB;
    // Two tries, QUIET_MS apart, after QUIET_MS of quiet.
    const quiet = 2 * QUIET_MS + 1000;
    const [alone, managed] = await Promise.all([
      youngGenerationSizes(null, ['burst', quiet]),
      youngGenerationSizes(cap, ['burst', quiet, 'burst']),
    ]);
    assert.ok(alone[1] > 2 * MB, `V8 alone keeps the burst's young generation (${alone[1]} bytes)`);
    assert.ok(managed[1] <= 2 * MB, `given back when quiet (${managed[1]} bytes)`);
    assert.ok(managed[2] >= cap, `grown again by the next burst (${managed[2]} bytes)`);
  });
});
