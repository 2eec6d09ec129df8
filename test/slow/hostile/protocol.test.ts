/** Clients that break the protocol: the server answers, or exits so it is restarted. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { ConfigurationRequest } from 'vscode-languageserver/node';
import { LspClient, SERVER_BUNDLE } from '../../helpers/lsp-client';
import { WAIT_MS } from './server';

const FLAGGED = 'package a:b;\ninterface i {\n  resource r {\n    write: async func(data: stream<u8>) -> result;\n  }\n}\n';

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Spawns the server, writes `input`, and resolves with its exit code and stderr (or null codes if it lives on). */
function feed(input: string, waitMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.write(input);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: null, stdout, stderr });
    }, waitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('hostile clients', () => {
  for (const [name, header] of [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
    ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n{}'],
    ['an absurd Content-Length', 'Content-Length: 99999999999999\r\n\r\n{}'],
  ] as const) {
    it(`${name}: the server exits with an error, so the client restarts it`, async () => {
      const init = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
      const result = await feed(init + header, WAIT_MS);
      assert.notEqual(result.code, null, 'the server stayed alive but deaf');
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /unreadable message stream/);
    });
  }

  it('a request before initialize gets error -32002, and initialize still works after it', async () => {
    const hover = frame(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.wit' }, position: { line: 0, character: 0 } } }));
    const init = frame(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    const shutdown = frame(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'shutdown' }));
    const exit = frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' }));
    const result = await feed(hover + init + shutdown + exit, WAIT_MS);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /"id":7,"error":\{"code":-32002/);
    assert.match(result.stdout, /"id":8,"result":\{"capabilities"/);
  });

  it('a client that never answers workspace/configuration still gets diagnostics, with the defaults', async () => {
    const client = await LspClient.start({ timeoutMs: WAIT_MS });
    try {
      client.connection.onRequest(ConfigurationRequest.type, () => new Promise<never>(() => {})); // never answers
      await client.initialize({ configuration: true });
      await client.open('file:///silent/a.wit', FLAGGED);
      const published = await client.waitForDiagnostics('file:///silent/a.wit');
      assert.ok(published.diagnostics.some((d) => d.code === 'async-stream-param'), JSON.stringify(published.diagnostics));
    } finally {
      client.dispose();
    }
  });
});
