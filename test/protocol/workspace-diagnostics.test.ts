import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DocumentDiagnosticRequest,
  DiagnosticRefreshRequest,
  WorkspaceDiagnosticRequest,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type PublishDiagnosticsParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { parseScope } from '../../server/src/lsp/features/settings';
import { vscodeFileUri } from '../../server/src/lsp/uri-spelling';
import { LspClient } from '../helpers/lsp-client';
import { ROOT } from '../helpers/parser';

/**
 * A workspace of three resolution groups: `pkg` (types.wit defines `info`; api.wit, never
 * opened, uses it; broken.wit has an error from the start), `consumer` (resolves
 * `test:pkg` from the other group) and `other` (unrelated, one rule warning).
 */
const FILES: Record<string, string> = {
  'pkg/types.wit': 'package test:pkg;\n\ninterface types {\n  record info {\n    name: string,\n  }\n}\n',
  'pkg/api.wit': 'interface api {\n  use types.{info};\n  get: func() -> info;\n}\n',
  'pkg/broken.wit': 'interface broken {\n  f: func(x: missing-type);\n}\n',
  'consumer/c.wit': 'package test:consumer;\n\ninterface c {\n  use test:pkg/types.{info};\n  show: func(i: info);\n}\n',
  'other/x.wit': 'package test:other;\n\ninterface o {\n  resource r {\n    write: async func(data: stream<u8>);\n  }\n}\n',
};

let root = '';
const uri = (file: string): string => pathToFileURL(path.join(root, file)).href;
const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
const TYPES = 'pkg/types.wit';

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-workspace-diagnostics-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Renames the record `info` of the open types.wit (breaking every file that uses it). */
async function renameInfo(client: LspClient, to: string, from = 'info'): Promise<number> {
  const text = client.text(uri(TYPES));
  const start = text.indexOf(`record ${from}`) + 'record '.length;
  return client.replace(uri(TYPES), start, start + from.length, to);
}

/** Waits for pushed diagnostics of `file` that satisfy `done`, skipping earlier ones. */
async function pushedUntil(client: LspClient, file: string, done: (codes: string[]) => boolean): Promise<PublishDiagnosticsParams> {
  for (;;) {
    const params = await client.waitForDiagnostics(uri(file));
    if (done(codes(params.diagnostics))) return params;
  }
}

describe('wit.diagnostics.scope', () => {
  it('is contributed with the values the server reads, `workspace` by default', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['wit.diagnostics.scope'];
    assert.deepEqual(setting.enum, ['workspace', 'openFiles']);
    assert.equal(setting.default, 'workspace');
    assert.deepEqual([undefined, {}, { scope: 'openFiles' }, { scope: 'bogus' }].map((d) => parseScope({ diagnostics: d })), [
      'workspace',
      'workspace',
      'openFiles',
      'workspace',
    ]);
  });
});

describe('whole-workspace diagnostics pushed to a client without pull', () => {
  const clients: LspClient[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

  async function start(settings: unknown = {}): Promise<LspClient> {
    const client = await LspClient.start();
    clients.push(client);
    client.settings = settings;
    const result = await client.initialize({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'w' }] });
    assert.equal(result.capabilities.diagnosticProvider, undefined, 'no pull for a client that cannot pull');
    return client;
  }

  it('reports files never opened, and a closed file breaks and heals with the open file it uses', async () => {
    const client = await start();
    assert.deepEqual(codes((await pushedUntil(client, 'pkg/broken.wit', (c) => c.length > 0)).diagnostics), ['unknown-name@1']);
    assert.deepEqual(codes((await pushedUntil(client, 'other/x.wit', (c) => c.length > 0)).diagnostics), ['async-stream-param@4']);
    await client.open(uri(TYPES), FILES[TYPES]);
    await client.waitForDiagnostics(uri(TYPES), 1);

    await renameInfo(client, 'detail');
    const broken = await pushedUntil(client, 'pkg/api.wit', (c) => c.length > 0);
    assert.deepEqual(codes(broken.diagnostics), ['unknown-name@1']);
    assert.match(broken.diagnostics[0].message as string, /`info`/);
    // Another group that resolves `test:pkg` breaks too.
    assert.deepEqual(codes((await pushedUntil(client, 'consumer/c.wit', (c) => c.length > 0)).diagnostics), ['unknown-name@3']);

    await renameInfo(client, 'info', 'detail');
    await pushedUntil(client, 'pkg/api.wit', (c) => c.length === 0);
    await pushedUntil(client, 'consumer/c.wit', (c) => c.length === 0);
    // An unrelated group's unchanged report is not sent again.
    assert.equal(client.diagnosticsReceived(uri('other/x.wit')), 1);
    // Only open documents carry a version; closed files are reported from their disk text.
    assert.equal(client.unreadDiagnostics(uri('pkg/api.wit')).length, 0);
  });

  it('closing an edited document shows its disk text’s diagnostics again', async () => {
    const client = await start();
    await pushedUntil(client, 'pkg/broken.wit', (c) => c.length > 0);
    await client.open(uri('pkg/broken.wit'), 'interface broken {\n  f: func(x: u32);\n}\n');
    assert.deepEqual(codes((await client.waitForDiagnostics(uri('pkg/broken.wit'), 1)).diagnostics), []);
    await client.close(uri('pkg/broken.wit'));
    assert.deepEqual(codes((await pushedUntil(client, 'pkg/broken.wit', (c) => c.length > 0)).diagnostics), ['unknown-name@1']);
  });

  it('holds a folder’s files under the editor’s spelling of their URIs (VS Code writes `@` as `%40`)', async () => {
    const spelled = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-spelling-'));
    try {
      const folder = path.join(spelled, 'WASI@v0.3.0');
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'types.wit'), FILES[TYPES]);
      fs.writeFileSync(path.join(folder, 'api.wit'), 'interface api {\n  use types.{info};\n  resource r {\n    write: async func(data: stream<u8>);\n  }\n}\n');
      const client = await LspClient.start();
      clients.push(client);
      await client.initialize({ workspaceFolders: [{ uri: vscodeFileUri(spelled), name: 'w' }] });
      const nodeSpelling = pathToFileURL(path.join(folder, 'api.wit')).href;
      assert.deepEqual(codes((await client.waitForDiagnostics(nodeSpelling)).diagnostics), ['async-stream-param@3']);
      // VS Code opens types.wit under its own spelling: its closed sibling must still see `info`.
      await client.open(vscodeFileUri(path.join(folder, 'types.wit')), FILES[TYPES]);
      const sibling = await client.waitForDiagnostics(vscodeFileUri(path.join(folder, 'api.wit')));
      assert.deepEqual(codes(sibling.diagnostics), ['async-stream-param@3']);
    } finally {
      fs.rmSync(spelled, { recursive: true, force: true });
    }
  });

  it('`wit.diagnostics.scope` switches between the workspace and the open files, live', async () => {
    const client = await start({ diagnostics: { scope: 'openFiles' } });
    await client.open(uri(TYPES), FILES[TYPES]);
    await client.waitForDiagnostics(uri(TYPES), 1);
    await renameInfo(client, 'detail');
    await client.waitForDiagnostics(uri(TYPES), 2);

    client.settings = { diagnostics: { scope: 'workspace' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(codes((await pushedUntil(client, 'pkg/api.wit', (c) => c.length > 0)).diagnostics), ['unknown-name@1']);
    await pushedUntil(client, 'pkg/broken.wit', (c) => c.length > 0);

    client.settings = { diagnostics: { scope: 'openFiles' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await pushedUntil(client, 'pkg/api.wit', (c) => c.length === 0);
    await pushedUntil(client, 'pkg/broken.wit', (c) => c.length === 0);
    // The open document keeps its own.
    assert.deepEqual(codes((await client.waitForDiagnostics(uri(TYPES))).diagnostics), []);
  });
});

/** The reports a `workspace/diagnostic` request streamed, latest per file. */
class WorkspaceStream {
  readonly latest = new Map<string, WorkspaceDocumentDiagnosticReport>();
  private readonly waiters = new Set<() => void>();
  private readonly cancellation = new CancellationTokenSource();
  readonly answer: Promise<WorkspaceDiagnosticReport>;

  constructor(client: LspClient, previousResultIds: { uri: string; value: string }[] = []) {
    const token = `stream-${Math.random()}`;
    client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, token, ({ items }) => {
      for (const item of items) this.latest.set(item.uri, item);
      for (const wake of this.waiters) wake();
    });
    this.answer = client.connection.sendRequest(
      WorkspaceDiagnosticRequest.type,
      { previousResultIds, partialResultToken: token },
      this.cancellation.token,
    );
  }

  /** Waits until the latest report of `file` satisfies `done` (a full report's codes). */
  async until(file: string, done: (codes: string[]) => boolean): Promise<WorkspaceDocumentDiagnosticReport> {
    const check = (): WorkspaceDocumentDiagnosticReport | undefined => {
      const report = this.latest.get(uri(file));
      return report?.kind === 'full' && done(codes(report.items)) ? report : undefined;
    };
    const found = check();
    if (found) return found;
    let wake = (): void => {};
    try {
      return await new Promise((resolve) => {
        wake = () => {
          const report = check();
          if (report) resolve(report);
        };
        this.waiters.add(wake);
      });
    } finally {
      this.waiters.delete(wake);
    }
  }

  async cancel(): Promise<WorkspaceDiagnosticReport> {
    this.cancellation.cancel();
    return this.answer;
  }
}

describe('pull diagnostics (LSP 3.17)', () => {
  const clients: LspClient[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

  async function start(settings: unknown = {}): Promise<{ client: LspClient; refreshed: Promise<void> }> {
    const client = await LspClient.start();
    clients.push(client);
    client.settings = settings;
    let onRefresh = (): void => {};
    const refreshed = new Promise<void>((resolve) => (onRefresh = resolve));
    client.connection.onRequest(DiagnosticRefreshRequest.type, () => onRefresh());
    const result = await client.initialize({
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'w' }],
      capabilities: {
        textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
        workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      },
    });
    assert.deepEqual(result.capabilities.diagnosticProvider, { identifier: 'wit', interFileDependencies: true, workspaceDiagnostics: true });
    return { client, refreshed };
  }

  const pull = (client: LspClient, file: string, previousResultId?: string): Promise<DocumentDiagnosticReport> =>
    client.request(DocumentDiagnosticRequest.method, { textDocument: { uri: uri(file) }, previousResultId });

  it('streams a closed file’s error as the open file it uses breaks, and its fix', async () => {
    const { client } = await start();
    const stream = new WorkspaceStream(client);
    await stream.until('pkg/broken.wit', (c) => c.join() === 'unknown-name@1');
    await stream.until('pkg/api.wit', (c) => c.length === 0);
    await stream.until('other/x.wit', (c) => c.length === 1);

    await client.open(uri(TYPES), FILES[TYPES]);
    const first = await pull(client, TYPES);
    assert.equal(first.kind, 'full');
    assert.deepEqual(await pull(client, TYPES, first.resultId), { kind: 'unchanged', resultId: first.resultId });

    await renameInfo(client, 'detail');
    await stream.until('pkg/api.wit', (c) => c.join() === 'unknown-name@1');
    await stream.until('consumer/c.wit', (c) => c.join() === 'unknown-name@3');
    await renameInfo(client, 'info', 'detail');
    await stream.until('pkg/api.wit', (c) => c.length === 0);
    await stream.until('consumer/c.wit', (c) => c.length === 0);

    assert.deepEqual(await stream.cancel(), { items: [] });
    // Nothing is pushed to a client that pulls: VS Code would show everything twice.
    assert.equal(client.diagnosticsReceived(uri(TYPES)), 0);
    assert.equal(client.diagnosticsReceived(uri('pkg/api.wit')), 0);
  });

  it('answers `unchanged` for what the client has, and holds the request until something changes', async () => {
    const { client } = await start();
    const first = await client.request<WorkspaceDiagnosticReport>(WorkspaceDiagnosticRequest.method, { previousResultIds: [] });
    const files = Object.keys(FILES).map(uri).sort();
    assert.deepEqual(first.items.map((i) => i.uri).sort(), files);
    assert.ok(first.items.every((i) => i.kind === 'full' && i.resultId));
    const known = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));

    await client.open(uri(TYPES), FILES[TYPES]);
    const held = client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: known });
    let answered = false;
    void held.then(() => (answered = true));
    // Opening a file with its disk text changes no report: the request stays open.
    const opened = await pull(client, TYPES);
    assert.equal(opened.kind === 'full' && opened.resultId, known.find((k) => k.uri === uri(TYPES))!.value);
    assert.equal(answered, false);

    await renameInfo(client, 'detail');
    const changed = await held;
    const byUri = new Map(changed.items.map((i) => [i.uri, i]));
    const api = byUri.get(uri('pkg/api.wit'));
    assert.ok(api?.kind === 'full');
    assert.deepEqual(codes(api.items), ['unknown-name@1']);
    // (Listed `unchanged` at most: under load the request may first be answered after the edit.)
    assert.notEqual(byUri.get(uri('other/x.wit'))?.kind, 'full', 'an unrelated file is not sent again');
  });

  it('asks the client to pull an open document again when a file it uses changes', async () => {
    const { client, refreshed } = await start();
    await client.open(uri(TYPES), FILES[TYPES]);
    await client.open(uri('pkg/api.wit'), FILES['pkg/api.wit']);
    const clean = await pull(client, 'pkg/api.wit');
    assert.deepEqual(clean.kind === 'full' && clean.items, []);
    await pull(client, TYPES);

    await renameInfo(client, 'detail');
    await refreshed;
    const stale = await pull(client, 'pkg/api.wit', clean.resultId);
    assert.ok(stale.kind === 'full');
    assert.deepEqual(codes(stale.items), ['unknown-name@1']);
  });

  it('`openFiles` scope reports open documents only, and clears closed files the client holds', async () => {
    const { client } = await start();
    const stream = new WorkspaceStream(client);
    await stream.until('pkg/broken.wit', (c) => c.length > 0);

    client.settings = { diagnostics: { scope: 'openFiles' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await stream.until('pkg/broken.wit', (c) => c.length === 0);
    await stream.until('other/x.wit', (c) => c.length === 0);
    assert.deepEqual(await pull(client, 'pkg/broken.wit'), { kind: 'full', items: [] });

    await client.open(uri('pkg/broken.wit'), FILES['pkg/broken.wit']);
    const open = await pull(client, 'pkg/broken.wit');
    assert.deepEqual(open.kind === 'full' && codes(open.items), ['unknown-name@1']);
    await stream.cancel();
  });
});
