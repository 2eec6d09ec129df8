import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syntaxErrors } from '../../server/src/analysis/syntax-errors';
import { documentOf } from '../helpers/parser';

/**
 * Issue 14's hostile inputs at full size, through the parser and the syntax-error
 * analysis: each must finish (these took minutes before) and give the errors a person
 * needs, no more. Outcomes only: linear-syntax.test.ts counts the work.
 */
describe('hostile input, full size: syntax', () => {
  it('20,000 unclosed `/*` (60 KB): one error, on the first', async () => {
    const document = await documentOf(`package a:b;\n${'/*\n'.repeat(20000)}`);
    const errors = syntaxErrors(document);
    assert.deepEqual(
      errors.map((e) => [e.span.start, e.message]),
      [[13, 'unterminated block comment']],
    );
    document.dispose();
  });

  it('`package a:b@1.1.1.1…;` (40 KB): one error, after the version', async () => {
    const document = await documentOf(`package a:b@1.1.1${'.1'.repeat(20000)};\n`);
    const errors = syntaxErrors(document);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].span.start, 'package a:b@1.1.1'.length);
    assert.match(errors[0].message, /^expected `;` after the package declaration, found `\.`/);
    document.dispose();
  });

  it('20,000 broken lines `f: func(x: ) -> ;` (400 KB): one error per line', async () => {
    const document = await documentOf(`package a:b;\ninterface i {\n${'  f: func(x: ) -> ;\n'.repeat(20000)}}\n`);
    const errors = syntaxErrors(document);
    assert.equal(errors.length, 20000);
    assert.equal(new Set(errors.map((e) => document.lines.lineOf(e.span.start))).size, 20000);
    document.dispose();
  });

  it('a 40,000-character word with capitals: one error for the whole word', async () => {
    const word = 'aA'.repeat(20000);
    const document = await documentOf(`package a:b;\ninterface i { type ${word} = u32; }`);
    const errors = syntaxErrors(document);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /^invalid identifier `aAaA/);
    document.dispose();
  });
});
