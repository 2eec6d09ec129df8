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
  return { text, ranges, diagnostics: analysis.rules.filter((d) => d.code === 'async-stream-param') };
}

describe('async-stream-param', () => {
  it('warns on a resource method, from its name to `async`', async () => {
    const { ranges, diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  resource output {
    «send: async» func(data: stream<u8>) -> result<_, string>;
  }
}`);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0].span, ranges[0]);
    assert.equal(diagnostics[0].severity, Severity.Warning);
    assert.equal(
      diagnostics[0].message,
      '`send` is async and consumes `data: stream<u8>`: it keeps `this` borrowed until the stream ends. Return a future instead.',
    );
  });

  it('informs on interface functions, world functions and static functions', async () => {
    const { ranges, diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  «write: async» func(data: stream<u8>);
  resource r { «make: static async» func(s: stream); }
}
world w { import «f: async» func(x: option<stream<u8>>); }`);
    assert.deepEqual(diagnostics.map((d) => d.span), ranges);
    assert.ok(diagnostics.every((d) => d.severity === Severity.Information));
  });

  it('sees through a type alias, records and `use` within the file', async () => {
    const { ranges, diagnostics } = await ruleDiagnostics(`package a:b;
interface types { type bytes = stream<u8>; record body { data: bytes } }
interface i {
  use types.{bytes, body as payload};
  «a: async» func(b: bytes);
  «c: async» func(p: payload);
  d: async func(n: u32) -> u32;
}`);
    assert.deepEqual(diagnostics.map((d) => d.span), ranges);
  });

  it('reports a future parameter with future wording', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i { resource r { wait: async func(done: future<u32>); } }`);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /waits on `done: future<u32>`: it keeps `this` borrowed until the future resolves/);
  });

  it('ignores sync functions and async functions without a stream or future parameter', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  write: func(data: stream<u8>) -> future<result>;
  get: async func(key: string) -> list<u8>;
}`);
    assert.equal(diagnostics.length, 0);
  });

  it('fixes the signature into a sync function returning a future, and only once', async () => {
    const source = `package a:b;
interface i {
  resource r {
    // keep me
    @since(version = 0.1.0)
    send: async   func(
      data: stream<u8>,   // the bytes
    ) -> result<_, string>;
    done: async func(s: stream);
  }
}`;
    const { text, diagnostics } = await ruleDiagnostics(source);
    const fixed = applyEdits(text, diagnostics.flatMap((d) => d.fix!.edits));
    assert.equal(
      fixed,
      source
        .replace('send: async   func(', 'send: func(')
        .replace(') -> result<_, string>;', ') -> future<result<_, string>>;')
        .replace('done: async func(s: stream);', 'done: func(s: stream) -> future;'),
    );
    const again = await ruleDiagnostics(fixed);
    assert.equal(again.diagnostics.length, 0);
  });

  it('explains the hazard with the signature before and after', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i { resource r { send: async func(data: stream<u8>) -> result; } }`);
    const text = diagnostics[0].explain();
    assert.match(text, /```wit\nsend: async func\(data: stream<u8>\) -> result;\n```/);
    assert.match(text, /```wit\nsend: func\(data: stream<u8>\) -> future<result>;\n```/);
    assert.match(text, /WebAssembly\/WASI\/pull\/870/);
    assert.match(text, /self-referential/);
  });
});
