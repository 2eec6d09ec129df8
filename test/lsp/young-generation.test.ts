import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { youngGenerationSizes } from '../helpers/young-generation';

describe('manageYoungGeneration', () => {
  it('stops the young generation within one doubling of the cap, where V8 alone grows it further', async () => {
    const cap = 4 * 1024 * 1024;
    // The observer hears of collections between tasks, so one more growth may slip through.
    const [[alone], [managed]] = await Promise.all([youngGenerationSizes(null, ['burst']), youngGenerationSizes(cap, ['burst'])]);
    assert.ok(alone > 2 * cap, 'without the cap the burst grows the young generation past it');
    assert.ok(managed <= 2 * cap);
  });
});
