import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { LspClient, SERVER_BUNDLE, type Transport } from '../helpers/lsp-client';

const FLAGGED = 'package a:b;\ninterface i {\n  f: async func(s: stream<u8>);\n}\n';

for (const transport of ['stdio', 'node-ipc', 'socket'] as Transport[]) {
  describe(`over ${transport}`, () => {
    it('initializes, diagnoses, hovers, shuts down and exits with 0', async () => {
      const client = await LspClient.start({ transport });
      try {
        const { capabilities, serverInfo } = await client.initialize();
        assert.equal(serverInfo?.name, 'wit-ls');
        assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
        assert.equal(capabilities.positionEncoding, 'utf-16');
        assert.ok(capabilities.hoverProvider);
        assert.deepEqual(capabilities.executeCommandProvider?.commands, ['wit.fixAll']);
        assert.deepEqual(
          capabilities.codeActionProvider,
          { codeActionKinds: ['quickfix', 'source.fixAll.wit'] },
        );

        const uri = 'file:///w/transport/main.wit';
        await client.open(uri, FLAGGED);
        const { diagnostics } = await client.waitForDiagnostics(uri, 1);
        assert.deepEqual(diagnostics.map((d) => d.code), ['async-stream-param']);
        const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
          textDocument: { uri },
          position: diagnostics[0].range.start,
        });
        assert.match(hover.contents.value, /is async and takes/);

        assert.equal(await client.shutdown(), 0);
      } finally {
        client.dispose();
      }
    });
  });
}

describe('lifecycle', () => {
  it('exits with 1 on `exit` without `shutdown`, as the protocol asks', async () => {
    const client = await LspClient.start();
    try {
      await client.initialize();
      await client.notify('exit');
      assert.equal(await client.waitForExit(), 1);
    } finally {
      client.dispose();
    }
  });

  it('stops when the editor closes its end of stdio', async () => {
    const client = await LspClient.start();
    try {
      await client.initialize();
      client.process.stdin?.end();
      assert.notEqual(await client.waitForExit(), undefined);
    } finally {
      client.dispose();
    }
  });

  it('refuses to start without a transport, with usage on stderr', () => {
    const run = spawnSync(process.execPath, [SERVER_BUNDLE, '--clientProcessId=1'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown option "--clientProcessId=1"/);
    assert.match(run.stderr, /--stdio \| --node-ipc/);
    assert.equal(run.stdout, '');
  });
});
