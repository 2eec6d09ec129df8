import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { LspClient } from '../helpers/lsp-client';

const TEXT = `package a:b;
interface i {
  resource r {
    write: async func(data: stream<u8>) -> result;
    entries: async func() -> stream<string>;
  }
}
`;

const codesAndSeverities = (diagnostics: { code?: string | number; severity?: number }[]) =>
  diagnostics.map((d) => `${d.code}:${d.severity}`);

/**
 * Waits for diagnostics of `uri` with `expected` codes and severities. A publication made
 * before a settings change (the first index finishing, say) may still arrive after it was
 * sent: the server answers the change with one of its own, which is the one to wait for.
 */
async function severitiesBecome(client: LspClient, uri: string, expected: string[]): Promise<void> {
  const seen: string[][] = [];
  for (;;) {
    const published = await client.waitForDiagnostics(uri, 1).catch((error: unknown) => {
      throw new Error(`the diagnostics of ${uri} never became ${JSON.stringify(expected)}; published since: ${JSON.stringify(seen)} (${error})`);
    });
    const now = codesAndSeverities(published.diagnostics);
    if (JSON.stringify(now) === JSON.stringify(expected)) return;
    seen.push(now);
  }
}

describe('rule severities from workspace/configuration (VS Code)', () => {
  const clients: LspClient[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

  it('asks for the wit section and registers for changes once initialized', async () => {
    const client = await LspClient.start();
    clients.push(client);
    await client.initialize();
    await client.open('file:///w/a/main.wit', TEXT);
    await client.waitForDiagnostics('file:///w/a/main.wit', 1);
    assert.deepEqual(client.configurationRequests[0], [{ section: 'wit' }]);
    assert.deepEqual(
      client.registrations.map((r) => [r.method, r.registerOptions]),
      [['workspace/didChangeConfiguration', { section: 'wit' }]],
    );
  });

  it('uses the configured severities in the very first diagnostics', async () => {
    const client = await LspClient.start();
    clients.push(client);
    client.settings = { rules: { 'async-stream-param': 'error', 'redundant-async': 'off' } };
    await client.initialize();
    await client.open('file:///w/a/main.wit', TEXT);
    const first = await client.waitForDiagnostics('file:///w/a/main.wit');
    assert.deepEqual(codesAndSeverities(first.diagnostics), ['async-stream-param:1']);
  });

  it('applies a change announced with `settings: null` without a restart', async () => {
    const client = await LspClient.start();
    clients.push(client);
    await client.initialize();
    const uri = 'file:///w/a/main.wit';
    await client.open(uri, TEXT);
    assert.deepEqual(codesAndSeverities((await client.waitForDiagnostics(uri)).diagnostics), ['async-stream-param:2', 'redundant-async:4']);

    client.settings = { rules: { 'async-stream-param': 'error' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await severitiesBecome(client, uri, ['async-stream-param:1', 'redundant-async:4']);

    client.settings = { rules: { 'async-stream-param': 'off', 'redundant-async': 'information' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await severitiesBecome(client, uri, ['redundant-async:3']);

    // A rule that is off offers no fix either.
    const actions = await client.request<{ kind: string }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: client.rangeOf(uri, TEXT.indexOf('write'), TEXT.indexOf('write')),
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(actions, []);

    // Unknown rules and values are ignored, so the rest of the settings still apply.
    client.settings = { rules: { 'async-stream-param': 'loud', 'no-such-rule': 'error', 'redundant-async': 'warning' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await severitiesBecome(client, uri, ['async-stream-param:2', 'redundant-async:2']);
  });

  it('keeps working with a client that answers the configuration request with an error', async () => {
    const client = await LspClient.start();
    clients.push(client);
    client.connection.onRequest('workspace/configuration', () => {
      throw new Error('configuration is broken');
    });
    await client.initialize();
    await client.open('file:///w/a/main.wit', TEXT);
    const published = await client.waitForDiagnostics('file:///w/a/main.wit', 1);
    assert.deepEqual(codesAndSeverities(published.diagnostics), ['async-stream-param:2', 'redundant-async:4']);
    assert.ok(client.running);
  });
});

describe('rule severities pushed by a client without workspace/configuration', () => {
  let client: LspClient;
  after(() => client.dispose());

  it('reads the wit section from the notification, and keeps it on `settings: null`', async () => {
    client = await LspClient.start();
    await client.initialize({ configuration: false });
    const uri = 'file:///w/a/main.wit';
    await client.open(uri, TEXT);
    assert.deepEqual(codesAndSeverities((await client.waitForDiagnostics(uri, 1)).diagnostics), ['async-stream-param:2', 'redundant-async:4']);

    await client.notify('workspace/didChangeConfiguration', { settings: { wit: { rules: { 'redundant-async': 'error' } } } });
    await severitiesBecome(client, uri, ['async-stream-param:2', 'redundant-async:1']);

    // `null` carries nothing to read: the settings stay. A follow-up edit shows they did.
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const version = await client.replace(uri, TEXT.length, TEXT.length, '\n');
    assert.deepEqual(codesAndSeverities((await client.waitForDiagnostics(uri, version)).diagnostics), ['async-stream-param:2', 'redundant-async:1']);
    assert.deepEqual(client.configurationRequests, []);
  });
});
