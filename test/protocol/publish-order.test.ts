import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspProcess } from '../../bench/lsp-process';

const URI = 'file:///order/main.wit';
/** `f` consumes a stream: one diagnostic, so every publication carries something to convert. */
const TEXT = 'package a:b;\n\ninterface i {\n  f: async func(s: stream<u8>);\n}\n';
/** Inside `f`'s parameter list, after `s`. */
const SITE = { line: 3, character: 18 };

/** `messages` framed as an editor frames them, in one write: the server reads them together. */
function frames(messages: object[]): Buffer {
  return Buffer.concat(
    messages.map((message) => {
      const body = Buffer.from(JSON.stringify(message), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    }),
  );
}

/**
 * A keystroke's diagnostics leave the server after the requests the editor sent with the
 * keystroke (features/diagnostics.ts): the order of the messages the server writes is
 * recorded as they arrive, never timed.
 */
describe('a publication after the requests sent with its change', () => {
  let server: LspProcess;
  /** What the server wrote, in order: `response <id>` or `publish <version>`. */
  const written: string[] = [];

  before(async () => {
    server = new LspProcess();
    let pending = Buffer.alloc(0);
    server.child.stdout.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const headerEnd = pending.indexOf('\r\n\r\n');
        if (headerEnd === -1) return;
        const length = Number(/Content-Length: (\d+)/i.exec(pending.toString('ascii', 0, headerEnd))![1]);
        if (pending.length < headerEnd + 4 + length) return;
        const message = JSON.parse(pending.toString('utf8', headerEnd + 4, headerEnd + 4 + length));
        pending = pending.subarray(headerEnd + 4 + length);
        if (message.method === 'textDocument/publishDiagnostics' && message.params.uri === URI) written.push(`publish ${message.params.version}`);
        else if (message.method === undefined && typeof message.id === 'string') written.push(`response ${message.id}`);
      }
    });
    await server.initialize();
    const opened = server.diagnosticsFor(URI, 1);
    server.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'wit', version: 1, text: TEXT } });
    await opened;
  });
  after(async () => {
    await server.stop();
  });

  /** Sends a change to `version` with `requests` behind it in one write; resolves once all are answered and published. */
  async function keystroke(version: number, text: string, requests: { id: string; method: string; params: object }[]): Promise<string[]> {
    const from = written.length;
    const published = server.diagnosticsFor(URI, version);
    const change = text === '' ? { start: SITE, end: { ...SITE, character: SITE.character + 1 } } : { start: SITE, end: SITE };
    server.writeRaw(
      frames([
        { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: URI, version }, contentChanges: [{ range: change, text }] } },
        ...requests.map((r) => ({ jsonrpc: '2.0', ...r })),
      ]),
    );
    await published;
    while (written.length - from < requests.length + 1) await new Promise((resolve) => setImmediate(resolve));
    return written.slice(from);
  }

  it('answers a hover sent with a keystroke before publishing the keystroke\'s diagnostics', async () => {
    const hover = { id: 'hover-2', method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: SITE } };
    assert.deepEqual(await keystroke(2, 'x', [hover]), ['response hover-2', 'publish 2']);
  });

  it('answers every request already read before publishing, once each', async () => {
    // Well after the last change, so this one is not part of a burst.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const requests = [
      { id: 'hover-3', method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: SITE } },
      { id: 'symbols-3', method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } },
      { id: 'highlights-3', method: 'textDocument/documentHighlight', params: { textDocument: { uri: URI }, position: SITE } },
    ];
    assert.deepEqual(await keystroke(3, '', requests), ['response hover-3', 'response symbols-3', 'response highlights-3', 'publish 3']);
  });

  it('publishes after at most 16 requests when a flood of them came with the change', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    // 20 hovers: the frames stay within one pipe buffer page, so the server reads them at once.
    const hovers = Array.from({ length: 20 }, (_, i) => ({ id: `h${i}`, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: SITE } }));
    const order = await keystroke(4, 'x', hovers);
    assert.deepEqual(order, [...hovers.slice(0, 16).map((h) => `response ${h.id}`), 'publish 4', ...hovers.slice(16).map((h) => `response ${h.id}`)]);
  });
});
