import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { Severity } from '../../server/src/analysis/diagnostics';
import { applyEdits } from '../../server/src/analysis/text';
import { marked } from '../helpers/markers';
import { createWorkspace } from '../../server/src/analysis/model';
import { documentOf, witParser } from '../helpers/parser';
import { referenceError } from '../helpers/reference';

async function ruleDiagnostics(source: string) {
  const { text, ranges } = marked(source);
  const analysis = analyze(await documentOf(text));
  return { text, ranges, diagnostics: analysis.rules.filter((d) => d.code === 'redundant-async') };
}

describe('redundant-async', () => {
  it('hints on async functions whose result is only streams and futures', async () => {
    const { ranges, diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  type entries = stream<string>;
  type done = future<result<_, string>>;
  type listing = tuple<entries, done>;
  resource dir {
    «read-directory: async» func() -> tuple<stream<string>, future<result<_, string>>>;
    «open: static async» func(path: string) -> future<dir>;
  }
  «list-names: async» func() -> entries;
  «list-all: async» func() -> listing;
  maybe: async func() -> option<future>;
  plain: async func() -> list<u8>;
  sync: func() -> stream<u8>;
}`);
    assert.deepEqual(diagnostics.map((d) => d.span), ranges);
    assert.ok(diagnostics.every((d) => d.severity === Severity.Hint));
    assert.equal(diagnostics[0].message, '`read-directory` is async but returns only a stream and a future: `async` is redundant.');
    assert.equal(diagnostics[1].message, '`open` is async but returns only a future: `async` is redundant.');
    assert.equal(diagnostics[2].message, '`list-names` is async but returns only a stream: `async` is redundant.');
  });

  it('holds every row of the table in issue 11', async () => {
    const rows: { signature: string; codes: string[]; fixed?: string }[] = [
      // Whether `open` succeeds takes async work to decide: not redundant.
      { signature: 'open: async func(name: string) -> result<stream<u8>, string>;', codes: [] },
      // The shape of a real SQL binding: the column list and the outer result need async work.
      {
        signature: 'query: async func(s: string) -> result<tuple<list<column>, stream<row>, future<result<_, error>>>, error>;',
        codes: [],
      },
      // WASI#869.
      {
        signature: 'get-keys: async func() -> tuple<stream<string>, future<result<_, error>>>;',
        codes: ['redundant-async'],
        fixed: 'get-keys: func() -> tuple<stream<string>, future<result<_, error>>>;',
      },
      {
        signature: 'transform: async func(input: stream<u8>) -> stream<u8>;',
        codes: ['async-stream-param'],
        fixed: 'transform: func(input: stream<u8>) -> stream<u8>;',
      },
      {
        signature: 'pipe: async func(input: stream<u8>) -> tuple<stream<u8>, future<result<_, string>>>;',
        codes: ['async-stream-param'],
        fixed: 'pipe: func(input: stream<u8>) -> tuple<stream<u8>, future<result<_, string>>>;',
      },
    ];
    for (const row of rows) {
      const source = `package a:b;
interface sql {
  record column { name: string }
  record row { values: list<string> }
  variant error { closed, other(string) }
  ${row.signature}
}
`;
      assert.equal(await referenceError(source), null, `the row is valid WIT: ${row.signature}`);
      const analysis = analyze(await documentOf(source));
      assert.deepEqual(analysis.rules.map((d) => d.code), row.codes, row.signature);
      if (!row.fixed) continue;
      const fixed = applyEdits(source, analysis.rules[0].fix!.edits);
      assert.equal(fixed, source.replace(row.signature, row.fixed));
      assert.equal(await referenceError(fixed), null);
      assert.deepEqual(analyze(await documentOf(fixed)).rules, [], 'the fix leaves nothing to report');
    }
  });

  it('does not hint where a stream sits in a result, option, record or beside data', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  record body { data: stream<u8> }
  type maybe-stream = option<stream<u8>>;
  a: async func() -> result<stream<u8>, string>;
  b: async func() -> option<future>;
  c: async func() -> body;
  d: async func() -> tuple<u32, stream<u8>>;
  e: async func() -> maybe-stream;
  f: async func() -> tuple<tuple<stream<u8>>>;
  g: async func() -> list<stream<u8>>;
}`);
    assert.deepEqual(diagnostics, []);
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

describe('redundant-async across files', () => {
  it('looks through a `type` alias brought in by `use` from another file of the package', async () => {
    const workspace = createWorkspace(await witParser(), {});
    workspace.setText('file:///p/types.wit', 'package a:b;\ninterface types {\n  type rows = stream<string>;\n  type done = future<result<_, string>>;\n  type listing = tuple<rows, done>;\n  type maybe = option<rows>;\n}\n');
    const user = 'package a:b;\ninterface user {\n  use types.{listing, maybe};\n  all: async func() -> listing;\n  some: async func() -> maybe;\n}\n';
    workspace.setText('file:///p/user.wit', user);
    const analysis = analyze(workspace.document('file:///p/user.wit')!, { rules: {} }, workspace.typeResolver('file:///p/user.wit'));
    assert.deepEqual(analysis.rules.map((d) => [d.code, d.message]), [
      ['redundant-async', '`all` is async but returns only a stream and a future: `async` is redundant.'],
    ]);
  });
});
