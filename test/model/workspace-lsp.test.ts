import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lsp-client';

const TYPES = `package demo:files@0.1.0;

interface types {
  type bytes = stream<u8>;
  enum error-code { io }
}
`;

const API = `package demo:files@0.1.0;

interface api {
  use types.{bytes, error-code};
  use wasi:io/poll@0.2.0.{pollable};

  resource sink {
    write: async func(data: bytes) -> result<_, error-code>;
    ready: func() -> pollable;
  }
}
`;

const POLL = `package wasi:io@0.2.0;

interface poll {
  resource pollable;
}
`;

/**
 * The server indexes the workspace folder, resolves names across its files and deps/,
 * runs the rules with the cross-file resolver, and follows files changing on disk.
 */
describe('workspace indexing and file watching', () => {
  let client: LspClient;
  let folder: string;
  const file = (relative: string): string => path.join(folder, 'wit', relative);
  const uri = (relative: string): string => pathToFileURL(file(relative)).href;

  /** Waits for the first diagnostics of `target` that satisfy `wanted` (publishes may precede indexing). */
  const diagnosticsUntil = async (target: string, wanted: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> => {
    for (;;) {
      const { diagnostics } = await client.waitForDiagnostics(target);
      if (wanted(diagnostics)) return diagnostics;
    }
  };
  const errors = (diagnostics: Diagnostic[]): string[] => diagnostics.filter((d) => d.severity === 1).map((d) => String(d.message));

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-workspace-'));
    fs.mkdirSync(path.join(folder, 'wit', 'deps', 'io'), { recursive: true });
    fs.writeFileSync(file('types.wit'), TYPES);
    fs.writeFileSync(file('api.wit'), API);
    fs.writeFileSync(file('deps/io/poll.wit'), POLL);
    client = await LspClient.start();
    await client.initialize({
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'demo' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
  });
  after(() => {
    client.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('resolves `use` across files and deps/, so the async rule sees the aliased stream', async () => {
    await client.open(uri('api.wit'), API);
    // Every publish, also one sent before the index is complete, is free of false errors.
    await diagnosticsUntil(uri('api.wit'), (d) => {
      assert.deepEqual(errors(d), []);
      return d.some((x) => x.code === 'async-stream-param');
    });
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
  });

  it('reports what a deleted file declared as missing, and recovers when it is back', async () => {
    fs.rmSync(file('types.wit'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('types.wit'), type: FileChangeType.Deleted }] });
    const broken = await diagnosticsUntil(uri('api.wit'), (d) => errors(d).length > 0);
    assert.deepEqual(errors(broken), ['interface or world `types` does not exist']);

    fs.writeFileSync(file('types.wit'), TYPES);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('types.wit'), type: FileChangeType.Created }] });
    await diagnosticsUntil(uri('api.wit'), (d) => errors(d).length === 0);
  });

  it('prefers an open document over the disk, and re-checks the documents that depend on it', async () => {
    const renamed = TYPES.replace('type bytes', 'type octets');
    await client.open(uri('types.wit'), renamed);
    const broken = await diagnosticsUntil(uri('api.wit'), (d) => errors(d).length > 0);
    assert.deepEqual(errors(broken), ['name `bytes` does not exist']);
    await client.close(uri('types.wit'));
    await diagnosticsUntil(uri('api.wit'), (d) => errors(d).length === 0);
  });

  it('treats items behind a feature as absent until `wit.features` enables it', async () => {
    const gated = 'package demo:files@0.1.0;\n\ninterface gated {\n  @unstable(feature = fancy)\n  type later = u8;\n  type now = later;\n}\n';
    await client.open(uri('gated.wit'), gated);
    const excluded = await diagnosticsUntil(uri('gated.wit'), (d) => errors(d).length > 0);
    assert.deepEqual(errors(excluded), ['found a reference to a type which is excluded due to its feature not being activated']);
    client.settings = { features: ['fancy'] };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await diagnosticsUntil(uri('gated.wit'), (d) => errors(d).length === 0);
    await client.close(uri('gated.wit'));
  });

  it('reads the package folder of a file opened from outside the workspace folders', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'types.wit'), TYPES);
      fs.mkdirSync(path.join(outside, 'deps', 'io'), { recursive: true });
      fs.writeFileSync(path.join(outside, 'deps', 'io', 'poll.wit'), POLL);
      const opened = pathToFileURL(path.join(outside, 'api.wit')).href;
      await client.open(opened, API);
      await diagnosticsUntil(opened, (d) => errors(d).length === 0 && d.some((x) => x.code === 'async-stream-param'));
      await client.close(opened);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reports a duplicate in another file with the first occurrence as related information', async () => {
    const copy = `package demo:files@0.1.0;\n\ninterface api {}\n`;
    await client.open(uri('copy.wit'), copy);
    const [duplicate] = await diagnosticsUntil(uri('copy.wit'), (d) => errors(d).length > 0);
    assert.equal(duplicate.message, 'duplicate item named `api`');
    assert.equal(duplicate.relatedInformation?.[0].location.uri, uri('api.wit'));
    await client.close(uri('copy.wit'));
  });
});

/** Folders the editor adds to or removes from its workspace are indexed or forgotten. */
describe('workspace folders added and removed', () => {
  let client: LspClient;
  let root: string;
  const APP = 'package demo:app;\n\nworld app {\n  import demo:gadgets/gadget;\n}\n';
  const GADGETS = 'package demo:gadgets;\n\ninterface gadget {\n  resource knob;\n}\n';

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-folders-'));
    fs.mkdirSync(path.join(root, 'app', 'wit'), { recursive: true });
    fs.mkdirSync(path.join(root, 'gadgets', 'wit'), { recursive: true });
    fs.writeFileSync(path.join(root, 'app', 'wit', 'app.wit'), APP);
    fs.writeFileSync(path.join(root, 'gadgets', 'wit', 'gadget.wit'), GADGETS);
    client = await LspClient.start();
  });
  after(() => {
    client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('declares the capability, indexes an added folder and drops a removed one', async () => {
    const app = { uri: pathToFileURL(path.join(root, 'app')).href, name: 'app' };
    const gadgets = { uri: pathToFileURL(path.join(root, 'gadgets')).href, name: 'gadgets' };
    const result = await client.initialize({ workspaceFolders: [app], capabilities: { workspace: { workspaceFolders: true } } });
    assert.deepEqual(result.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    const appUri = pathToFileURL(path.join(root, 'app', 'wit', 'app.wit')).href;
    await client.open(appUri, APP);
    const errorsOf = async (wanted: (errors: string[]) => boolean): Promise<string[]> => {
      for (;;) {
        const { diagnostics } = await client.waitForDiagnostics(appUri);
        const found = diagnostics.filter((d) => d.severity === 1).map((d) => String(d.message));
        if (wanted(found)) return found;
      }
    };
    const missing = ["package 'demo:gadgets' not found"];
    assert.deepEqual(await errorsOf((e) => e.length > 0), missing);

    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [gadgets], removed: [] } });
    await errorsOf((e) => e.length === 0);
    const symbols = await client.request<{ name: string }[]>('workspace/symbol', { query: 'knob' });
    assert.deepEqual(symbols.map((s) => s.name), ['knob']);

    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [gadgets] } });
    assert.deepEqual(await errorsOf((e) => e.length > 0), missing);
    assert.deepEqual(await client.request('workspace/symbol', { query: 'knob' }), []);
  });
});
