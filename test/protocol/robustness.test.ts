import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Position } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lsp-client';

/** Every position-taking request the server answers, at `position` of `uri`. */
async function askEverything(client: LspClient, uri: string, position: Position): Promise<void> {
  const range = { start: position, end: position };
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position });
  assert.ok(hover === null || typeof hover === 'object');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics: [] },
  });
  assert.ok(Array.isArray(actions));
}

const HALF_TYPED = [
  '',
  'package',
  'package a:b;\ninterface i {\n  f: async func(s: stream<',
  'package a:b;\nworld w {\n  import x: interface {\n    r: func() -> result<_,',
  'interface { resource { constructor(; } } }}}}',
  '/* unterminated comment\npackage a:b;',
  'package a:b@1.0.0-;\ninterface i { type t = tuple<u8,, >; }',
  '\uFEFFpackage a:b;\r\ninterface i {\r\n  f: async func(s: stream<u8>);\r\n}\r\n',
  'package a:b;\n' + 'interface i {\n'.repeat(200),
];

describe('robustness', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
    await client.initialize();
  });
  after(() => client.dispose());

  it('diagnoses half-typed and broken files and answers every request anywhere in them', async () => {
    for (const [index, text] of HALF_TYPED.entries()) {
      const uri = `file:///w/half-${index}/main.wit`;
      await client.open(uri, text);
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      if (text !== '' && text !== 'package') assert.ok(diagnostics.length > 0 || index === 7, `no diagnostics for ${JSON.stringify(text)}`);
      for (let offset = 0; offset <= text.length; offset += Math.max(1, Math.floor(text.length / 25))) {
        await askEverything(client, uri, client.positionAt(uri, offset));
      }
    }
  });

  it('survives binary garbage, NUL bytes and lone surrogates', async () => {
    const garbage = [
      randomBytes(4096).toString('latin1'),
      '\0'.repeat(100),
      'package a:b;\ninterface i {\n  f: func(\uD800 x: u8);\n}\n',
      '\uDC00\uD83D',
    ];
    for (const [index, text] of garbage.entries()) {
      const uri = `file:///w/garbage-${index}/main.wit`;
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, 1);
      await askEverything(client, uri, { line: 0, character: 1 });
      const version = await client.replace(uri, 0, Math.min(3, text.length), '\uD83D');
      await client.waitForDiagnostics(uri, version);
    }
  });

  it('answers requests about documents it never saw', async () => {
    await askEverything(client, 'file:///w/never-opened/main.wit', { line: 0, character: 0 });
    await client.notify('textDocument/didChange', {
      textDocument: { uri: 'file:///w/never-opened/main.wit', version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    await client.notify('textDocument/didClose', { textDocument: { uri: 'file:///w/also-never-opened/main.wit' } });
    await askEverything(client, 'untitled:Untitled-1', { line: 3, character: 4 });
  });

  it('clamps positions past the end of a line or of the file, and negative or reversed ranges', async () => {
    const uri = 'file:///w/positions/main.wit';
    const text = 'package a:b;\ninterface i {\n  f: async func(s: stream<u8>);\n}\n';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, 1);
    for (const position of [
      { line: 0, character: 1000 },
      { line: 1000, character: 0 },
      { line: 2, character: 2 ** 31 - 1 },
      { line: -1, character: -5 },
    ]) {
      await askEverything(client, uri, position);
    }
    const reversed = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 2, character: 4 } },
      context: { diagnostics: [] },
    });
    assert.ok(reversed.some((a) => a.kind === 'quickfix'));

    // An edit past the end appends; the document stays in step with the client's view.
    const version = await client.change(uri, [
      { range: { start: { line: 99, character: 0 }, end: { line: 99, character: 5 } }, text: '// end\n' },
    ]);
    await client.waitForDiagnostics(uri, version);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 3 },
    });
    assert.match(hover.contents.value, /is async and takes/);
  });

  it('logs a failing handler and answers it, then keeps serving', async () => {
    // Parameters that are not what the protocol says make the handlers throw. The server
    // answers in order, so its log messages have arrived once the last answer has.
    await client.notify('textDocument/didOpen', { textDocument: null });
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: 'file:///w/x/main.wit' } }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: null, position: null }), null);
    assert.ok(client.logs.some((l) => l.startsWith('hover failed: TypeError')), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => l.startsWith('didOpen failed')), client.logs.join('\n'));

    const uri = 'file:///w/after-failure/main.wit';
    await client.open(uri, 'package a:b;\ninterface i {\n  f: async func(s: stream<u8>);\n}\n');
    assert.equal((await client.waitForDiagnostics(uri, 1)).diagnostics.length, 1);
    assert.equal(await client.request('workspace/executeCommand', { command: 'wit.no-such-command' }), null);
    assert.ok(client.running);
  });

  it('applies an edit that splits a surrogate pair exactly where the client did', async () => {
    // Editors do not send such ranges, but a client's UTF-16 text may legally hold a lone half.
    const uri = 'file:///w/split-pair/main.wit';
    const text = 'package a:b;\n/* 😀 */ interface i {}\n';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, 1);
    const emoji = text.indexOf('😀');
    const version = await client.replace(uri, emoji, emoji + 1, '');
    const edited = (await client.waitForDiagnostics(uri, version)).diagnostics;
    const fresh = 'file:///w/split-pair-fresh/main.wit';
    await client.open(fresh, client.text(uri));
    assert.deepEqual(edited, (await client.waitForDiagnostics(fresh, 1)).diagnostics);
    // Typing the high half back restores the original text, and its diagnostics.
    const restored = await client.replace(uri, emoji, emoji, '\uD83D');
    assert.equal(client.text(uri), text);
    assert.deepEqual((await client.waitForDiagnostics(uri, restored)).diagnostics, []);
  });

  it('stays in step over many small edits typed one character at a time', async () => {
    const uri = 'file:///w/typing/main.wit';
    const target = 'package a:b;\n\ninterface i {\n  resource r {\n    write: async func(data: stream<u8>) -> result;\n  }\n}\n';
    await client.open(uri, '');
    let version = 1;
    for (let i = 0; i < target.length; i++) version = await client.replace(uri, i, i, target[i]);
    const { diagnostics, version: published } = await client.waitForDiagnostics(uri, version);
    assert.equal(published, version);
    assert.deepEqual(diagnostics.map((d) => d.code), ['async-stream-param']);
    // A burst is analysed for its last version, not once per keystroke.
    assert.ok(client.diagnosticsReceived(uri) < target.length / 2, `${client.diagnosticsReceived(uri)} publications for ${target.length} changes`);
    // Delete it backwards as fast: every intermediate text parses and diagnoses, and the
    // end state is diagnosed exactly as a freshly opened empty file.
    for (let i = target.length; i > 0; i--) version = await client.replace(uri, i - 1, i, '');
    assert.equal(client.text(uri), '');
    const emptied = (await client.waitForDiagnostics(uri, version)).diagnostics;
    await client.open('file:///w/empty/main.wit', '');
    assert.deepEqual(emptied, (await client.waitForDiagnostics('file:///w/empty/main.wit', 1)).diagnostics);
  });
});
