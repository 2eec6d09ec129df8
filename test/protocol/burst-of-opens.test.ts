import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  createConnection,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ProposedFeatures,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { allDiagnostics } from '../../server/src/analysis/analyze';
import { createWorkspace } from '../../server/src/analysis/model';
import { ModelWorkspace } from '../../server/src/analysis/model/workspace';
import { DocumentStore } from '../../server/src/lsp/documents';
import { startServer } from '../../server/src/lsp/server';
import { witParser } from '../helpers/parser';

/**
 * An editor restoring many files of one package at once (issue 14): the package's group is
 * built in slices, one file's syntax copy (or declaring one file, resolving one interface) per
 * turn, so a request about another document is answered between two slices. The server runs
 * in this process, so the test can see its turns: it counts the syntax copies the model has
 * made when the answer arrives (ModelWorkspace's private `source`), never the clock.
 */

const COUNT = 200;
const PROBE = 'file:///burst/probe/p.wit';
const PROBE_TEXT = 'package probe:doc;\n\ninterface i {\n  f: func();\n}\n';

function uriOf(index: number): string {
  return `file:///burst/pkg/a-${index}.wit`;
}

/** The `index`-th file of package `many:docs`: each uses the one before; file 50 names a type that does not exist. */
function textOf(index: number): string {
  const used = index === 50 ? 'missing' : `t${index - 1}`;
  const use = index > 0 ? `  use item-${index - 1}.{${used}};\n` : '';
  return `package many:docs;\n\ninterface item-${index} {\n${use}  type t${index} = u32;\n  f: func(x: t${index}) -> u32;\n}\n`;
}

interface Server {
  client: ProtocolConnection;
  /** Every publication, in order of arrival. */
  published: PublishDiagnosticsParams[];
  /** Resolves once `uri` is published with diagnostics satisfying `check` (a later publication counts). */
  publishedWith(uri: string, check: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  dispose(): void;
}

/** The server over an in-process stream pair, initialised as an editor without pull diagnostics does (or with, as VS Code does). */
async function startInProcess(capabilities: ClientCapabilities = {}): Promise<Server> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(connection, await witParser());
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  let waiters: { uri: string; check: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const waiter of waiters.filter((w) => w.uri === params.uri && w.check(params))) waiter.resolve(params);
    waiters = waiters.filter((w) => !(w.uri === params.uri && w.check(params)));
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities, workspaceFolders: null });
  await client.sendNotification(InitializedNotification.type, {});
  const latest = (uri: string): PublishDiagnosticsParams | undefined => published.filter((p) => p.uri === uri).pop();
  return {
    client,
    published,
    publishedWith: (uri, check) =>
      new Promise((resolve) => {
        const already = latest(uri);
        if (already && check(already)) resolve(already);
        else waiters.push({ uri, check, resolve });
      }),
    // The server's connection stays: its timers may still publish (into a stream nobody reads).
    dispose: () => client.dispose(),
  };
}

/** What each document's diagnostics are when the model is asked for them at once (`code: message @ line`). */
async function expectedDiagnostics(texts: Map<string, string>): Promise<Map<string, string[]>> {
  const parser = await witParser();
  const store = new DocumentStore(parser, () => 'utf-16', () => ({ rules: {} }));
  store.attachWorkspace(createWorkspace(parser), () => {});
  for (const [uri, text] of texts) store.openDocument(uri, text, 1);
  const expected = new Map<string, string[]>();
  for (const [uri, text] of texts) {
    const lines = (offset: number): number => text.slice(0, offset).split('\n').length - 1;
    expected.set(uri, allDiagnostics(store.analysis(uri)!).map((d) => `${d.code}: ${d.message} @ ${lines(d.span.start)}`));
  }
  for (const uri of texts.keys()) store.closeDocument(uri);
  return expected;
}

function summary(params: { diagnostics: Diagnostic[] }): string[] {
  return params.diagnostics.map((d) => `${d.code}: ${d.message} @ ${d.range.start.line}`);
}

/**
 * Runs `during` at the `at`-th syntax copy the model is asked for once `opens` documents were
 * opened (the build of the package, in slices), and says how many copies it had been asked
 * for, and how many documents of `texts` were published, when `during` started and ended.
 */
async function duringTheBuild(
  server: Server,
  texts: ReadonlyMap<string, string>,
  opens: number,
  at: number,
  during: () => Promise<unknown>,
): Promise<{ copies: [number, number]; published: [number, number] }> {
  const workspace = ModelWorkspace.prototype as unknown as { source: (uri: string) => unknown };
  const store = DocumentStore.prototype;
  const source = workspace.source;
  const openDocument = store.openDocument;
  let opened = 0;
  let copies = 0;
  const publishedOfPackage = (): number => server.published.filter((p) => texts.has(p.uri)).length;
  let started: [number, number] | undefined;
  let resolve!: (r: { copies: [number, number]; published: [number, number] }) => void;
  const done = new Promise<{ copies: [number, number]; published: [number, number] }>((r) => (resolve = r));
  store.openDocument = function (this: DocumentStore, ...args: Parameters<typeof openDocument>) {
    opened++;
    return openDocument.apply(this, args);
  };
  workspace.source = function (this: unknown, uri: string) {
    if (opened >= opens && ++copies === at) {
      started = [copies, publishedOfPackage()];
      void during().then(() => resolve({ copies: [started![0], copies], published: [started![1], publishedOfPackage()] }));
    }
    return source.call(this, uri);
  };
  try {
    return await done;
  } finally {
    workspace.source = source;
    store.openDocument = openDocument;
  }
}

function openAll(server: Server, texts: ReadonlyMap<string, string>): void {
  for (const [uri, text] of texts) {
    void server.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'wit', version: 1, text } });
  }
}

describe('a burst of opens of one package', () => {
  let server: Server;
  const texts = new Map(Array.from({ length: COUNT }, (_, i) => [uriOf(i), textOf(i)] as const));
  let expected: Map<string, string[]>;
  before(async () => {
    expected = await expectedDiagnostics(texts);
    server = await startInProcess();
    await server.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: PROBE, languageId: 'wit', version: 1, text: PROBE_TEXT } });
    await server.publishedWith(PROBE, () => true);
  });
  after(() => server.dispose());

  it('answers a hover on another document between the slices of the build, and publishes every document as the model answers at once', async () => {
    assert.equal(expected.get(uriOf(50))?.length, 1, 'file 50 names a type that does not exist');
    const build = duringTheBuild(server, texts, COUNT, 2, async () => {
      const hover = await server.client.sendRequest(HoverRequest.type, { textDocument: { uri: PROBE }, position: { line: 3, character: 6 } });
      assert.match(JSON.stringify(hover), /func/);
    });
    openAll(server, texts);
    const { copies, published } = await build;
    // Answered while the package's files were still being copied, before any of them was published.
    assert.ok(copies[1] < COUNT, `the hover waited for ${copies[1]} of ${COUNT} copies`);
    assert.equal(published[1], published[0], 'no document of the package was published before the hover was answered');
    const all = await Promise.all([...texts.keys()].map((uri) => server.publishedWith(uri, (p) => p.version === 1)));
    for (const params of all) assert.deepEqual(summary(params), expected.get(params.uri), params.uri);
  });

  it('follows a close, a change and a hover on the package that arrive mid-build: the newer version wins', async () => {
    for (const uri of texts.keys()) void server.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await server.publishedWith(uriOf(COUNT - 1), (p) => p.diagnostics.length === 0 && p.version === undefined);
    // While the group is built again: file 120 closes (file 121's `use` reaches nothing: the
    // sliced work on the old set of files is dropped); then file 10 changes to name a type
    // item-9 does not have (its diagnostics are due at once: the rest of the build is done
    // then), and a hover on file 30 needs the whole group.
    const changed = uriOf(10);
    const closed = uriOf(120);
    const changedText = textOf(10).replace('{t9}', '{nothing}');
    const mid = duringTheBuild(server, texts, COUNT, 3, async () => {
      await server.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: closed } });
      await server.client.sendRequest(HoverRequest.type, { textDocument: { uri: PROBE }, position: { line: 3, character: 6 } });
    });
    openAll(server, texts);
    const { copies } = await mid;
    // Messages are handled in order: the close came before the hover, between two slices.
    assert.ok(copies[1] < COUNT, `the hover waited for ${copies[1]} of ${COUNT} copies`);
    await server.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: changed, version: 2 }, contentChanges: [{ text: changedText }] });
    const hover = await server.client.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(30) }, position: { line: 3, character: 16 } });
    assert.match(JSON.stringify(hover), /t29/, 'a hover on a file of the package sees the whole group');
    const now = new Map(texts);
    now.delete(closed);
    now.set(changed, changedText);
    const final = await expectedDiagnostics(now);
    assert.equal(final.get(changed)?.length, 1);
    assert.equal(final.get(uriOf(121))?.length, 1);
    for (const [uri, diagnostics] of final) {
      const published = await server.publishedWith(uri, (p) => p.version !== undefined && JSON.stringify(summary(p)) === JSON.stringify(diagnostics));
      assert.equal(published.version, uri === changed ? 2 : 1, uri);
    }
    assert.deepEqual(server.published.filter((p) => p.uri === closed).pop()?.diagnostics, []);
  });
});

describe('a burst of opens of one package, with a client that pulls diagnostics (VS Code)', () => {
  let server: Server;
  const texts = new Map(Array.from({ length: COUNT }, (_, i) => [uriOf(i), textOf(i)] as const));
  before(async () => {
    server = await startInProcess({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    await server.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: PROBE, languageId: 'wit', version: 1, text: PROBE_TEXT } });
  });
  after(() => server.dispose());

  it('answers a pull for a document of the package once its group is built in slices, and a hover on another document between them', async () => {
    const expected = await expectedDiagnostics(texts);
    let pulled: Promise<unknown> | undefined;
    const build = duringTheBuild(server, texts, COUNT, 2, async () => {
      pulled = server.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uriOf(50) } });
      const hover = await server.client.sendRequest(HoverRequest.type, { textDocument: { uri: PROBE }, position: { line: 3, character: 6 } });
      assert.match(JSON.stringify(hover), /func/);
    });
    openAll(server, texts);
    const { copies } = await build;
    // The pull came first; it waits for the slices instead of building the package at once.
    assert.ok(copies[1] < COUNT, `the hover waited for ${copies[1]} of ${COUNT} copies`);
    const report = (await pulled) as { kind: string; items: Diagnostic[] };
    assert.equal(report.kind, 'full');
    assert.deepEqual(summary({ diagnostics: report.items }), expected.get(uriOf(50)));
    assert.equal(server.published.length, 0, 'a pulling client gets no publications');
  });
});
