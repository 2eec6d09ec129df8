import assert from 'node:assert/strict';
import { test } from 'node:test';
import { marked } from '../helpers/markers';
import { referenceError } from '../helpers/reference';
import { CHECKS } from './checks';

/**
 * The reference parser agrees with each of our semantic checks: wit-parser rejects every
 * case the model reports, with the same message (ours adds no prefix; its may).
 */
test('wit-parser rejects each checked case with our message', async () => {
  const disagreements: string[] = [];
  for (const [name, source, message] of CHECKS) {
    const reference = await referenceError(marked(source).text);
    if (reference === null) disagreements.push(`${name}: wit-parser accepts it`);
    else if (!reference.includes(message)) disagreements.push(`${name}: wit-parser says ${reference.split('\n')[0]}`);
  }
  assert.deepEqual(disagreements, []);
});
