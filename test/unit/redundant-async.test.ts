import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { Severity } from '../../server/src/analysis/diagnostics';
import { applyEdits } from '../../server/src/analysis/text';
import { marked } from '../helpers/markers';
import { documentOf } from '../helpers/parser';

async function ruleDiagnostics(source: string) {
  const { text, ranges } = marked(source);
  const analysis = analyze(await documentOf(text));
  return { text, ranges, diagnostics: analysis.rules.filter((d) => d.code === 'redundant-async') };
}

describe('redundant-async', () => {
  it('hints on async functions whose result holds a stream or a future', async () => {
    const { ranges, diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  type entries = stream<string>;
  resource dir {
    «read-directory: async» func() -> tuple<stream<string>, future<result<_, string>>>;
    «open: static async» func(path: string) -> future<dir>;
  }
  «list-names: async» func() -> entries;
  «maybe: async» func() -> option<future>;
  plain: async func() -> list<u8>;
  sync: func() -> stream<u8>;
}`);
    assert.deepEqual(diagnostics.map((d) => d.span), ranges);
    assert.ok(diagnostics.every((d) => d.severity === Severity.Hint));
    assert.equal(diagnostics[0].message, '`read-directory` is async but already returns a stream: `async` is redundant.');
    assert.equal(diagnostics[1].message, '`open` is async but already returns a future: `async` is redundant.');
  });

  it('leaves functions that also consume a stream to async-stream-param', async () => {
    const source = `package a:b;
interface i { pipe: async func(input: stream<u8>) -> stream<u8>; }`;
    const analysis = analyze(await documentOf(source));
    assert.deepEqual(analysis.rules.map((d) => d.code), ['async-stream-param']);
  });

  it('removes only `async`, keeping the result as it is', async () => {
    const source = `package a:b;
interface i {
  resource descriptor {
    /// Read directory entries.
    read-directory: async func() -> tuple<stream<string>, future<result<_, string>>>;
  }
}`;
    const { text, diagnostics } = await ruleDiagnostics(source);
    assert.equal(diagnostics[0].fix?.title, 'Remove redundant `async`');
    const fixed = applyEdits(text, diagnostics[0].fix!.edits);
    assert.equal(fixed, source.replace('read-directory: async func', 'read-directory: func'));
    assert.deepEqual((await ruleDiagnostics(fixed)).diagnostics, []);
  });

  it('explains why on hover, with the signature before and after', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i { get: async func() -> future<u32>; }`);
    const text = diagnostics[0].explain();
    assert.ok(text.includes('```wit\nget: async func() -> future<u32>;\n```'));
    assert.ok(text.includes('```wit\nget: func() -> future<u32>;\n```'));
    assert.match(text, /WASI\/pull\/869/);
  });

  it('can be turned off or raised by settings', async () => {
    const document = await documentOf('package a:b;\ninterface i { get: async func() -> future<u32>; }');
    assert.deepEqual(analyze(document, { rules: { 'redundant-async': 'off' } }).rules, []);
    const raised = analyze(document, { rules: { 'redundant-async': 'warning' } }).rules;
    assert.deepEqual(raised.map((d) => d.severity), [Severity.Warning]);
  });
});
