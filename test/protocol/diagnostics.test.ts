import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient, positionIn, type Encoding } from '../helpers/lsp-client';
import { marked } from '../helpers/markers';

const README = 'https://github.com/wit-ls/wit-ls/blob/main/README.md';

/** A resource method (warning), a free function (information) and a redundant `async` (hint). */
const SAMPLE = marked(`package example:files@0.1.0;

interface types {
  resource descriptor {
    «write-via-stream: async» func(data: stream<u8>, offset: u64) -> result;
    «read-directory: async» func() -> stream<string>;
    write: func(data: stream<u8>) -> future<result>;
  }
  «log: async» func(lines: stream<string>) -> result;
}
`);

describe('diagnostics over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
    await client.initialize();
  });
  after(() => client.dispose());

  it('publishes each rule with its code, severity, source, link and range, for the opened version', async () => {
    const uri = 'file:///work/sample/main.wit';
    await client.open(uri, SAMPLE.text, 7);
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.version, 7);
    assert.deepEqual(
      published.diagnostics.map((d) => ({ code: d.code, severity: d.severity, source: d.source, href: d.codeDescription?.href, range: d.range })),
      [
        { code: 'async-stream-param', severity: 2, source: 'wit', href: `${README}#async-stream-param`, range: client.rangeOf(uri, SAMPLE.ranges[0].start, SAMPLE.ranges[0].end) },
        { code: 'redundant-async', severity: 4, source: 'wit', href: `${README}#redundant-async`, range: client.rangeOf(uri, SAMPLE.ranges[1].start, SAMPLE.ranges[1].end) },
        { code: 'async-stream-param', severity: 3, source: 'wit', href: `${README}#async-stream-param`, range: client.rangeOf(uri, SAMPLE.ranges[2].start, SAMPLE.ranges[2].end) },
      ],
    );
    assert.match(published.diagnostics[0].message as string, /`write-via-stream` is async and consumes `data: stream<u8>`/);
  });

  it('follows incremental changes: breaks the syntax, repairs it, removes a finding', async () => {
    const uri = 'file:///work/edited/main.wit';
    const { text } = marked('package a:b;\n\ninterface i {\n  f: func();\n}\n');
    await client.open(uri, text);
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, []);

    // Delete the `;` after `func()`: one syntax error, on line 3.
    const semicolon = text.indexOf('();') + 2;
    const broken = await client.replace(uri, semicolon, semicolon + 1, '');
    const syntax = (await client.waitForDiagnostics(uri, broken)).diagnostics;
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].code, 'syntax-error');
    assert.equal(syntax[0].severity, 1);
    assert.equal(syntax[0].source, 'wit');
    assert.equal(syntax[0].range.start.line, 3);

    // Type it back, then turn `f` into an async function taking a stream, in two changes of one notification.
    const repaired = await client.replace(uri, semicolon, semicolon, ';');
    assert.deepEqual((await client.waitForDiagnostics(uri, repaired)).diagnostics, []);
    const start = client.text(uri).indexOf('func()');
    // The second range refers to the text the first change left: `func()` moved by `async `.
    const flagged = await client.change(uri, [
      { range: client.rangeOf(uri, start, start), text: 'async ' },
      { range: { start: { line: 3, character: 15 }, end: { line: 3, character: 17 } }, text: '(s: stream<u8>)' },
    ]);
    assert.equal(client.text(uri), 'package a:b;\n\ninterface i {\n  f: async func(s: stream<u8>);\n}\n');
    const rule = (await client.waitForDiagnostics(uri, flagged)).diagnostics;
    assert.deepEqual(rule.map((d) => d.code), ['async-stream-param']);

    // A full-text change (no range) replaces everything.
    const replaced = await client.change(uri, [{ text: 'package a:b;\n' }]);
    assert.deepEqual((await client.waitForDiagnostics(uri, replaced)).diagnostics, []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///work/closed/main.wit';
    await client.open(uri, 'package a:b;\ninterface i {\n  f: func(\n}\n');
    assert.notEqual((await client.waitForDiagnostics(uri, 1)).diagnostics.length, 0);
    await client.close(uri);
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
  });
});

/** Non-ASCII before the flagged name on its line: two-unit UTF-16 emoji, two-byte `é`. */
const WIDE = marked(`package a:b;
interface i {
  resource r {
    /* é🎉 */ «write: async» func(data: stream<u8>) -> result;
  }
}
`);

for (const encoding of ['utf-8', 'utf-16', 'utf-32'] as Encoding[]) {
  describe(`position encoding ${encoding}`, () => {
    let client: LspClient;
    before(async () => {
      client = await LspClient.start();
      // Offered first, so a server that honours the client's preference picks it.
      const result = await client.initialize({ positionEncodings: [encoding, 'utf-16'] });
      assert.equal(result.capabilities.positionEncoding, encoding);
    });
    after(() => client.dispose());

    it('reports ranges in the negotiated unit after non-ASCII text', async () => {
      const uri = `file:///work/${encoding}/main.wit`;
      await client.open(uri, WIDE.text);
      const [diagnostic] = (await client.waitForDiagnostics(uri, 1)).diagnostics;
      const expectedStart = { utf8: 17, utf16: 14, utf32: 13 }[encoding.replace('-', '') as 'utf8'];
      assert.deepEqual(diagnostic.range.start, { line: 3, character: expectedStart });
      assert.deepEqual(diagnostic.range, {
        start: positionIn(WIDE.text, WIDE.ranges[0].start, encoding),
        end: positionIn(WIDE.text, WIDE.ranges[0].end, encoding),
      });
    });

    it('reads incremental changes and hover positions in the same unit', async () => {
      const uri = `file:///work/${encoding}-edit/main.wit`;
      await client.open(uri, WIDE.text);
      await client.waitForDiagnostics(uri, 1);
      // Insert one more emoji before the comment's end: every later column moves by its width.
      const at = WIDE.text.indexOf(' */');
      const version = await client.replace(uri, at, at, '🎉');
      const [diagnostic] = (await client.waitForDiagnostics(uri, version)).diagnostics;
      const width = { 'utf-8': 4, 'utf-16': 2, 'utf-32': 1 }[encoding];
      const before = positionIn(WIDE.text, WIDE.ranges[0].start, encoding);
      assert.deepEqual(diagnostic.range.start, { line: 3, character: before.character + width });

      const hover = await client.request<{ contents: { value: string }; range: unknown } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 3, character: before.character + width + 1 },
      });
      assert.match(hover?.contents.value ?? '', /`write` is async and takes `data: stream<u8>`/);
      assert.deepEqual(hover?.range, diagnostic.range);
    });
  });
}

describe('position encoding negotiation', () => {
  it('answers UTF-16 to a client that offers no encodings or none the server knows', async () => {
    for (const offered of [undefined, ['utf-7' as Encoding]]) {
      const client = await LspClient.start();
      try {
        const result = await client.initialize({ positionEncodings: offered });
        assert.equal(result.capabilities.positionEncoding, 'utf-16');
      } finally {
        client.dispose();
      }
    }
  });
});
