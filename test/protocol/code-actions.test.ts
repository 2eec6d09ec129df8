import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lsp-client';
import { marked } from '../helpers/markers';

const BEFORE = `package wasi:filesystem@0.3.0;

interface types {
  resource descriptor {
    write-via-stream: async func(data: stream<u8>, offset: u64) -> result<_, error-code>;
    append-via-stream: async func(data: stream<u8>) -> result<_, error-code>;
    read-directory: async func() -> tuple<stream<string>, future<result<_, error-code>>>;
  }
  enum error-code { io }
}
`;

/** The WebAssembly/WASI#870 and #869 shapes. */
const AFTER = `package wasi:filesystem@0.3.0;

interface types {
  resource descriptor {
    write-via-stream: func(data: stream<u8>, offset: u64) -> future<result<_, error-code>>;
    append-via-stream: func(data: stream<u8>) -> future<result<_, error-code>>;
    read-directory: func() -> tuple<stream<string>, future<result<_, error-code>>>;
  }
  enum error-code { io }
}
`;

describe('hover and code actions', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
    await client.initialize();
  });
  after(() => client.dispose());

  const codeActions = (uri: string, start: number, end: number, diagnostics: Diagnostic[], only?: string[]) =>
    client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: client.rangeOf(uri, start, end),
      context: { diagnostics, only },
    });

  it('explains a flagged function on hover, with the signature before and after', async () => {
    const uri = 'file:///w/hover/main.wit';
    const { text, cursor } = marked(BEFORE.replace('write-via-stream:', 'write-vi‸a-stream:'));
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, 1);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: client.positionAt(uri, cursor) });
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /keeps its resource \(`this`, a `borrow<descriptor>`\) borrowed/);
    assert.match(value, /write-via-stream: func\(data: stream<u8>, offset: u64\) -> future<result<_, error-code>>;/);
    assert.match(value, /WebAssembly\/WASI#870/);
  });

  it('offers a preferred quick fix tied to its diagnostic; applying it clears the finding', async () => {
    const uri = 'file:///w/quickfix/main.wit';
    await client.open(uri, BEFORE);
    const [write] = (await client.waitForDiagnostics(uri, 1)).diagnostics;
    const at = BEFORE.indexOf('write-via-stream');
    const actions = await codeActions(uri, at, at, [write], ['quickfix']);
    assert.equal(actions.length, 1);
    const [fix] = actions;
    assert.equal(fix.title, 'Return a future instead of being async');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics?.map((d) => [d.code, d.range]), [[write.code, write.range]]);

    const applied = await client.applyWorkspaceEdit(fix.edit!);
    assert.ok(applied.applied);
    const after = (await client.waitForDiagnostics(uri, 2)).diagnostics;
    assert.deepEqual(after.map((d) => d.code), ['async-stream-param', 'redundant-async']);
    assert.ok(client.text(uri).includes(AFTER.split('\n')[4]));
  });

  it('offers source.fixAll.wit, which rewrites every flagged signature as WASI did', async () => {
    const uri = 'file:///w/fixall-action/main.wit';
    await client.open(uri, BEFORE);
    await client.waitForDiagnostics(uri, 1);
    const actions = await codeActions(uri, 0, 0, [], ['source.fixAll']);
    assert.deepEqual(actions.map((a) => [a.kind, a.title]), [['source.fixAll.wit', 'Fix all async stream functions in file']]);
    await client.applyWorkspaceEdit(actions[0].edit!);
    assert.equal(client.text(uri), AFTER);
    assert.deepEqual((await client.waitForDiagnostics(uri, 2)).diagnostics, []);
    // Nothing left to fix: no action.
    assert.deepEqual(await codeActions(uri, 0, 0, [], ['source.fixAll']), []);
  });

  it('asks for nothing but what `only` names', async () => {
    const uri = 'file:///w/only/main.wit';
    await client.open(uri, BEFORE);
    await client.waitForDiagnostics(uri, 1);
    const at = BEFORE.indexOf('write-via-stream');
    assert.deepEqual(await codeActions(uri, at, at, [], ['refactor']), []);
    const all = await codeActions(uri, at, at, []);
    assert.deepEqual(all.map((a) => a.kind), ['quickfix', 'source.fixAll.wit']);
  });

  it('runs wit.fixAll: the server sends workspace/applyEdit for the current version', async () => {
    const uri = 'file:///w/command/main.wit';
    await client.open(uri, BEFORE, 3);
    await client.waitForDiagnostics(uri, 3);
    const received: unknown[] = [];
    client.onApplyEdit = (params) => {
      received.push(params);
      return client.applyWorkspaceEdit(params.edit);
    };
    assert.equal(await client.request('workspace/executeCommand', { command: 'wit.fixAll', arguments: [uri] }), null);
    assert.equal(received.length, 1);
    const [{ edit, label }] = received as { edit: { documentChanges: { textDocument: unknown }[] }; label: string }[];
    assert.equal(label, 'Fix all async stream functions');
    assert.deepEqual(edit.documentChanges[0].textDocument, { uri, version: 3 });
    assert.equal(client.text(uri), AFTER);
    assert.deepEqual((await client.waitForDiagnostics(uri, 4)).diagnostics, []);

    // Again, with nothing left to fix: no edit is sent.
    await client.request('workspace/executeCommand', { command: 'wit.fixAll', arguments: [uri] });
    assert.equal(received.length, 1);
  });

  it('answers wit.fixAll for a closed document, a missing argument or a refused edit without an edit or error', async () => {
    const uri = 'file:///w/refused/main.wit';
    await client.open(uri, BEFORE);
    await client.waitForDiagnostics(uri, 1);
    let asked = 0;
    client.onApplyEdit = () => {
      asked++;
      return { applied: false, failureReason: 'the user typed meanwhile' };
    };
    await client.request('workspace/executeCommand', { command: 'wit.fixAll', arguments: [uri] });
    assert.equal(asked, 1);
    assert.equal(client.text(uri), BEFORE);
    assert.ok(client.logs.some((l) => l.includes('was not applied: the user typed meanwhile')));
    assert.equal(await client.request('workspace/executeCommand', { command: 'wit.fixAll', arguments: ['file:///w/never-opened/main.wit'] }), null);
    assert.equal(await client.request('workspace/executeCommand', { command: 'wit.fixAll' }), null);
    assert.equal(asked, 1);
    client.onApplyEdit = (params) => client.applyWorkspaceEdit(params.edit);
  });
});

describe('wit.fixAll for a client without versioned document changes', () => {
  let client: LspClient;
  after(() => client.dispose());

  it('sends a plain `changes` edit', async () => {
    client = await LspClient.start();
    await client.initialize({ capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: false } } } });
    const uri = 'file:///w/plain/main.wit';
    await client.open(uri, BEFORE);
    await client.waitForDiagnostics(uri, 1);
    let edit: unknown;
    client.onApplyEdit = (params) => {
      edit = params.edit;
      return client.applyWorkspaceEdit(params.edit);
    };
    await client.request('workspace/executeCommand', { command: 'wit.fixAll', arguments: [uri] });
    assert.deepEqual(Object.keys((edit as { changes: object }).changes), [uri]);
    assert.equal(client.text(uri), AFTER);
  });
});
