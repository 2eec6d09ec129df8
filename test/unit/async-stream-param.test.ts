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
    const explanation = diagnostics[0].explain();
    assert.match(explanation, /set up the future, pass it on and step out of the way; it has to stay in the call until the future resolves/);
    assert.doesNotMatch(explanation, /stream is drained|whole stream/);
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

describe('async-stream-param: where streams hide and where functions live', () => {
  it('finds streams nested in containers, aliases, records and variants', async () => {
    const { ranges, diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  type chunks = list<stream<u8>>;
  record req { headers: list<string>, body: option<stream<u8>> }
  variant payload { none, bytes(stream<u8>) }
  «a: async» func(x: option<stream<u8>>);
  «b: async» func(x: result<tuple<u32, stream>, string>);
  «c: async» func(x: chunks);
  «d: async» func(x: req);
  «e: async» func(x: payload);
  f: async func(x: list<u8>, y: option<string>);
}`);
    assert.deepEqual(diagnostics.map((d) => d.span), ranges);
    assert.match(diagnostics[0].message, /consumes `x: option<stream<u8>>`: /, 'a visible stream is not repeated');
    assert.match(diagnostics[3].message, /consumes `x: req` \(which holds a `stream<u8>`\): /);
  });

  it('follows a `use` of a local interface with a rename, and aliases of aliases', async () => {
    const { ranges, diagnostics } = await ruleDiagnostics(`package a:b;
interface types {
  type bytes = stream<u8>;
  type more-bytes = bytes;
}
interface i {
  use types.{more-bytes as input};
  resource sink { «put: async» func(data: input) -> result; }
}`);
    assert.deepEqual(diagnostics.map((d) => d.span), ranges);
    assert.equal(diagnostics[0].message, '`put` is async and consumes `data: input` (which holds a `stream<u8>`): it keeps `this` borrowed until the stream ends. Return a future instead.');
  });

  it('prefers the stream when a function takes both a future and a stream', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i { f: async func(done: future, data: stream<u8>); }`);
    assert.match(diagnostics[0].message, /consumes `data: stream<u8>`: the call stays in progress until the stream ends/);
  });

  it('reports in inline interfaces of a world and in world functions', async () => {
    const { ranges, diagnostics } = await ruleDiagnostics(`package a:b;
world w {
  import sink: interface {
    «write: async» func(data: stream<u8>);
  }
  export «run: async» func(input: stream<string>) -> result;
  import «wait: async» func(f: future<u32>);
}`);
    assert.deepEqual(diagnostics.map((d) => d.span), ranges);
    assert.match(diagnostics[2].message, /waits on `f: future<u32>`: the call stays in progress until the future resolves/);
  });

  it('counts offsets in UTF-16 code units after non-ASCII text on the same line', async () => {
    const { text, ranges, diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  resource r { /* é 🚀 ü */ «send: async» func(data: stream<u8>); }
}`);
    assert.deepEqual(diagnostics.map((d) => d.span), ranges);
    assert.equal(text.slice(diagnostics[0].span.start, diagnostics[0].span.end), 'send: async');
  });

  it('quotes a multi-line parameter on one line', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i { f: async func(
  data: stream<
    u8
  >,
); }`);
    assert.match(diagnostics[0].message, /consumes `data: stream<u8>`/);
  });

  it('ignores escaped names, sync functions and types that merely look like streams', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
  record %stream { x: u32 }
  f: async func(s: %stream);
  g: func(s: stream<u8>);
  h: async func(s: borrow<res>);
  resource res;
}`);
    assert.deepEqual(diagnostics, []);
  });

  it('never throws and reports nothing on half-typed signatures', async () => {
    const full = `package a:b;
interface i {
  resource r {
    send: async func(data: stream<u8>) -> result<_, string>;
  }
}
world w { import f: async func(x: stream); }`;
    for (let end = 0; end <= full.length; end++) {
      const { diagnostics } = await ruleDiagnostics(full.slice(0, end));
      for (const d of diagnostics) assert.ok(d.span.end <= end && !d.fix!.edits.some((e) => e.span.end > end));
    }
    const broken = await ruleDiagnostics('package a:b;\ninterface i { send: async func(data: stream<u8> -> result; }');
    assert.deepEqual(broken.diagnostics, []);
  });

  it('removes `async` when `func` is on the next line, and keeps the rest as written', async () => {
    const source = `package a:b;
interface i {
  /// Writes.
  @since(version = 0.3.0)
  write: async
    func(data: stream<u8>) -> result<_, string>; // trailing
}`;
    const { text, diagnostics } = await ruleDiagnostics(source);
    const fixed = applyEdits(text, diagnostics[0].fix!.edits);
    assert.equal(fixed, source.replace('write: async\n    func(data: stream<u8>) -> result<_, string>;', 'write: func(data: stream<u8>) -> future<result<_, string>>;'));
    assert.equal(diagnostics[0].fix!.isPreferred, true);
  });

  it('only drops `async` when the result is already only streams and futures', async () => {
    const cases: [string, string][] = [
      ['f: async func(s: stream<u8>) -> future<u32>;', 'f: func(s: stream<u8>) -> future<u32>;'],
      ['transform: async func(input: stream<u8>) -> stream<u8>;', 'transform: func(input: stream<u8>) -> stream<u8>;'],
      [
        'pipe: async func(input: stream<u8>) -> tuple<stream<u8>, future<result<_, string>>>;',
        'pipe: func(input: stream<u8>) -> tuple<stream<u8>, future<result<_, string>>>;',
      ],
      // An alias (here brought in by `use`) of a stream is still only a stream.
      ['g: async func(s: stream<u8>) -> bytes;', 'g: func(s: stream<u8>) -> bytes;'],
    ];
    for (const [before, after] of cases) {
      const source = `package a:b;\ninterface t { type bytes = stream<u8>; }\ninterface i { use t.{bytes}; ${before} }`;
      const { text, diagnostics } = await ruleDiagnostics(source);
      assert.equal(diagnostics.length, 1, before);
      assert.equal(applyEdits(text, diagnostics[0].fix!.edits), source.replace(before, after));
      assert.equal(diagnostics[0].fix!.title, 'Remove `async`: the result already reports completion');
      assert.match(diagnostics[0].message, /Drop `async`: the result already reports completion\.$/);
      const explanation = diagnostics[0].explain();
      assert.match(explanation, /keep the result as it is/);
      assert.ok(explanation.includes(`\`\`\`wit\n${after}\n\`\`\``), explanation);
    }
  });

  it('wraps in a future a result that holds streams beside data or inside a result', async () => {
    const cases: [string, string][] = [
      ['a: async func(s: stream<u8>) -> result<stream<u8>, string>;', 'a: func(s: stream<u8>) -> future<result<stream<u8>, string>>;'],
      ['b: async func(s: stream<u8>) -> tuple<u32, stream<u8>>;', 'b: func(s: stream<u8>) -> future<tuple<u32, stream<u8>>>;'],
      ['c: async func(s: stream<u8>) -> option<future>;', 'c: func(s: stream<u8>) -> future<option<future>>;'],
      ['d: async func(s: stream<u8>) -> pair;', 'd: func(s: stream<u8>) -> future<pair>;'],
    ];
    for (const [before, after] of cases) {
      const source = `package a:b;\ninterface i { record pair { s: stream<u8> } ${before} }`;
      const { text, diagnostics } = await ruleDiagnostics(source);
      assert.equal(diagnostics.length, 1, before);
      assert.equal(diagnostics[0].fix!.title, 'Return a future instead of being async');
      assert.equal(applyEdits(text, diagnostics[0].fix!.edits), source.replace(before, after));
    }
  });

  it('shows a multi-line signature before and after without the file\'s indentation', async () => {
    const { diagnostics } = await ruleDiagnostics(`package a:b;
interface i {
    resource r {
        write-via-stream: async func(
            data: stream<u8>,
        ) -> result<_, string>;
    }
}`);
    const text = diagnostics[0].explain();
    assert.ok(text.includes('```wit\nwrite-via-stream: async func(\n    data: stream<u8>,\n) -> result<_, string>;\n```'), text);
    assert.ok(text.includes('```wit\nwrite-via-stream: func(\n    data: stream<u8>,\n) -> future<result<_, string>>;\n```'), text);
    assert.match(text, /borrow<r>/);
    assert.match(text, /middleware/i);
  });
});
