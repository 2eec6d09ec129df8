/** The server on hostile file systems: FIFOs, links, a deps link to `/`, vendored deps. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { LspClient } from '../../helpers/lsp-client';
import { startHostileServer, WAIT_MS } from './server';

const IO = 'package wasi:io@0.2.0;\n\ninterface streams {\n  resource input-stream;\n}\n';
const USES_IO = 'package a:app;\n\nworld w {\n  import wasi:io/streams@0.2.0;\n}\n';

const uriOf = (file: string): string => pathToFileURL(file).href;

/** Waits until the server logs a line matching `pattern` (bounded). */
async function waitForLog(client: LspClient, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!client.logs.some((l) => pattern.test(l))) {
    if (Date.now() > deadline) throw new Error(`no log matching ${pattern}; logs: ${client.logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits for diagnostics of `uri` that satisfy `ok` (later ones replace earlier ones). */
async function waitForDiagnosticsWhere(client: LspClient, uri: string, ok: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  for (;;) {
    const published = await client.waitForDiagnostics(uri); // fails after WAIT_MS
    if (ok(published)) return published;
  }
}

const noFalseErrors = (p: PublishDiagnosticsParams): boolean => p.diagnostics.length === 0;

describe('hostile file systems: the server', () => {
  let root: string;
  let n = 0;
  const fresh = (): string => fs.realpathSync(fs.mkdtempSync(path.join(root, `case-${n++}-`)));
  const clients: LspClient[] = [];
  const start = async (folder?: string): Promise<LspClient> => {
    const client = await startHostileServer(folder ? { workspaceFolders: [{ uri: uriOf(folder), name: 'ws' }] } : {});
    clients.push(client);
    return client;
  };
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-hostile-server-'));
  });
  after(() => {
    for (const c of clients) c.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('change notifications for FIFO .wit files never stall indexing', async () => {
    const dir = fresh();
    const fifos = Array.from({ length: 8 }, (_, i) => path.join(dir, `fifo-${i}.wit`));
    for (const fifo of fifos) spawnSync('mkfifo', [fifo]);
    fs.writeFileSync(path.join(dir, 'world.wit'), USES_IO);
    const client = await start(dir);
    await waitForLog(client, /indexed \d+ WIT files/);
    const world = uriOf(path.join(dir, 'world.wit'));
    await client.open(world, USES_IO);
    const missing = await client.waitForDiagnostics(world);
    assert.ok(missing.diagnostics.length > 0, 'wasi:io is not there yet');
    for (const fifo of fifos) {
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(fifo), type: 2 }] });
    }
    // After the FIFOs, a real file still gets read: the package it defines resolves.
    fs.mkdirSync(path.join(dir, 'deps', 'io'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'deps', 'io', 'streams.wit'), IO);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, 'deps', 'io', 'streams.wit')), type: 1 }] });
    await waitForDiagnosticsWhere(client, world, noFalseErrors);
  });

  for (const layout of ['deps/io is a link', 'deps is a link', 'the .wit file is a link'] as const) {
    for (const where of ['in a workspace folder', 'opened outside any workspace folder'] as const) {
      it(`follows links (${layout}, ${where}): no false "package not found"`, async () => {
        const dir = fresh();
        const vendor = path.join(dir, 'vendor');
        fs.mkdirSync(path.join(vendor, 'io'), { recursive: true });
        fs.writeFileSync(path.join(vendor, 'io', 'streams.wit'), IO);
        const app = path.join(dir, 'app');
        fs.mkdirSync(app);
        let text = USES_IO;
        if (layout === 'deps/io is a link') {
          fs.mkdirSync(path.join(app, 'deps'));
          fs.symlinkSync(path.join(vendor, 'io'), path.join(app, 'deps', 'io'));
          fs.writeFileSync(path.join(app, 'world.wit'), text);
        } else if (layout === 'deps is a link') {
          fs.symlinkSync(vendor, path.join(app, 'deps'));
          fs.writeFileSync(path.join(app, 'world.wit'), text);
        } else {
          fs.mkdirSync(path.join(app, 'deps', 'io'), { recursive: true });
          fs.symlinkSync(path.join(vendor, 'io', 'streams.wit'), path.join(app, 'deps', 'io', 'streams.wit'));
          fs.mkdirSync(path.join(dir, 'elsewhere'));
          fs.writeFileSync(path.join(dir, 'elsewhere', 'world.wit'), text);
          fs.symlinkSync(path.join(dir, 'elsewhere', 'world.wit'), path.join(app, 'world.wit'));
          text = fs.readFileSync(path.join(app, 'world.wit'), 'utf8');
        }
        const client = await start(where === 'in a workspace folder' ? app : undefined);
        if (where === 'in a workspace folder') await waitForLog(client, /indexed \d+ WIT files/);
        const world = uriOf(path.join(app, 'world.wit'));
        await client.open(world, text);
        await waitForDiagnosticsWhere(client, world, noFalseErrors);
      });
    }
  }

  it('a workspace with link loops finishes indexing', async () => {
    const dir = fresh();
    fs.mkdirSync(path.join(dir, 'pkg', 'deps', 'io'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pkg', 'deps', 'io', 'streams.wit'), IO);
    fs.writeFileSync(path.join(dir, 'pkg', 'world.wit'), USES_IO);
    fs.symlinkSync('.', path.join(dir, 'pkg', 'self'));
    fs.symlinkSync('..', path.join(dir, 'pkg', 'deps', 'io', 'up'));
    fs.symlinkSync(dir, path.join(dir, 'pkg', 'root'));
    const client = await start(dir);
    await waitForLog(client, /indexed 2 WIT files/);
  });

  it('a deps link to / beside a file outside the workspace: diagnostics and hovers, no walk of the file system', async () => {
    const dir = fresh();
    fs.writeFileSync(path.join(dir, 'a.wit'), USES_IO);
    fs.symlinkSync('/', path.join(dir, 'deps'));
    const client = await start(fresh()); // a workspace folder elsewhere
    const uri = uriOf(path.join(dir, 'a.wit'));
    await client.open(uri, USES_IO);
    await client.waitForDiagnostics(uri);
    // wit-parser reads deps/*.wit and deps/*/*.wit only: bounded, whatever deps links to.
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 1 },
    });
    assert.match(hover?.contents.value ?? '', /world/);
    assert.ok(client.running);
  });

  it('rename refuses a declaration in deps/ with a message, over the protocol', async () => {
    const dir = fresh();
    fs.mkdirSync(path.join(dir, 'deps', 'io'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'deps', 'io', 'streams.wit'), IO);
    fs.writeFileSync(path.join(dir, 'world.wit'), USES_IO);
    const client = await start(dir);
    await waitForLog(client, /indexed 2 WIT files/);
    const world = uriOf(path.join(dir, 'world.wit'));
    await client.open(world, USES_IO);
    await client.waitForDiagnostics(world);
    const position = client.positionAt(world, USES_IO.indexOf('streams@') + 2);
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: world }, position, newName: 'pipes' }),
      /a vendored dependency: rename does not edit files in `deps\/`/,
    );
    assert.equal(fs.readFileSync(path.join(dir, 'deps', 'io', 'streams.wit'), 'utf8'), IO);
  });
});
