import assert from 'node:assert/strict';
import { test } from 'node:test';
import { marked } from '../helpers/markers';
import { referenceError } from '../helpers/reference';
import { createWorkspace } from '../../server/src/analysis/model';
import { witParser } from '../helpers/parser';
import { CHECKS, VERDICTS } from './checks';

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

test('wit-parser and the model agree on valid and invalid shapes near each rule', async () => {
  const parser = await witParser();
  const disagreements: string[] = [];
  for (const source of VERDICTS) {
    const reference = await referenceError(source, ['x']);
    const workspace = createWorkspace(parser, { features: ['x'] });
    workspace.setText('file:///verdicts/case.wit', source);
    const ours = workspace.diagnostics('file:///verdicts/case.wit').map((d) => d.message);
    if ((reference !== null) !== ours.length > 0) {
      disagreements.push(`${JSON.stringify(source)}: wit-parser ${reference ?? 'accepts'}; we ${ours.length ? ours.join('; ') : 'accept'}`);
    }
  }
  assert.deepEqual(disagreements, []);
});
