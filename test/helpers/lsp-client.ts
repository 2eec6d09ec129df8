import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ReadableStreamMessageReader,
  RegistrationRequest,
  ShutdownRequest,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type ApplyWorkspaceEditResult,
  type ClientCapabilities,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { ROOT } from './parser';

/** The bundled server, as editors run it (`npm run build` writes it). */
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'wit-ls.js');

export type Transport = 'stdio' | 'node-ipc' | 'socket';
export type Encoding = 'utf-8' | 'utf-16' | 'utf-32';

export interface StartOptions {
  transport?: Transport;
  /** How long a request or a wait may take before the test fails instead of hanging. */
  timeoutMs?: number;
}

export interface InitializeOptions {
  /** `general.positionEncodings` to offer, in order of preference; omitted when undefined. */
  positionEncodings?: Encoding[];
  /** Whether the client answers `workspace/configuration` (VS Code does). Default true. */
  configuration?: boolean;
  /** Extra or replacing client capabilities, merged over the defaults. */
  capabilities?: ClientCapabilities;
  /** The workspace folders the editor has open (`file:` URIs); none by default. */
  workspaceFolders?: { uri: string; name: string }[];
}

/** Answers `workspace/applyEdit`; the default applies the edit to the open documents. */
export type ApplyEditHandler = (params: ApplyWorkspaceEditParams) => ApplyWorkspaceEditResult | Promise<ApplyWorkspaceEditResult>;

interface OpenDocument {
  text: string;
  version: number;
}

/**
 * An editor in a test: spawns the bundled server over a chosen transport and speaks
 * JSON-RPC to it. It keeps the text of the documents it opened, converts offsets to the
 * negotiated position encoding, answers the server's requests (configuration from
 * `settings`, registrations, `workspace/applyEdit`) and queues every diagnostics
 * notification so tests can wait for the one of a given version.
 */
export class LspClient {
  /** The `wit` settings section returned to `workspace/configuration`. */
  settings: unknown = {};
  /** Every `workspace/configuration` request's items, in order. */
  readonly configurationRequests: { section?: string }[][] = [];
  readonly registrations: Registration[] = [];
  /** `window/logMessage` texts, in order. */
  readonly logs: string[] = [];
  encoding: Encoding = 'utf-16';
  onApplyEdit: ApplyEditHandler = (params) => this.applyWorkspaceEdit(params.edit);

  private readonly documents = new Map<string, OpenDocument>();
  private readonly pendingDiagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly diagnosticsCounts = new Map<string, number>();
  private readonly diagnosticWaiters = new Set<() => void>();
  private stderrText = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    private readonly timeoutMs: number,
    private readonly cleanup: () => void,
  ) {
    process.stderr?.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString()));
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const queue = this.pendingDiagnostics.get(params.uri) ?? [];
      queue.push(params);
      this.pendingDiagnostics.set(params.uri, queue);
      this.diagnosticsCounts.set(params.uri, (this.diagnosticsCounts.get(params.uri) ?? 0) + 1);
      for (const wake of this.diagnosticWaiters) wake();
    });
    connection.onNotification(LogMessageNotification.type, ({ message }) => {
      this.logs.push(message);
    });
    connection.onRequest(ConfigurationRequest.type, ({ items }) => {
      this.configurationRequests.push(items);
      return items.map((item) => (item.section === 'wit' ? this.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, ({ registrations }) => {
      this.registrations.push(...registrations);
    });
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => this.onApplyEdit(params));
    connection.listen();
  }

  /** Starts `node dist/wit-ls.js` with the transport's flag. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
    const transport = options.transport ?? 'stdio';
    const timeoutMs = options.timeoutMs ?? 60_000; // a hang detector: answers take milliseconds
    let child: ChildProcess;
    let reader: MessageReader;
    let writer: MessageWriter;
    let cleanup = (): void => {};
    if (transport === 'stdio') {
      child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      reader = withoutPartialTimer(new StreamMessageReader(child.stdout!));
      writer = new StreamMessageWriter(child.stdin!);
    } else if (transport === 'node-ipc') {
      child = fork(SERVER_BUNDLE, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      reader = new IPCMessageReader(child);
      writer = new IPCMessageWriter(child);
    } else {
      // With `--socket=PORT` the server connects to the editor, which listens.
      const listener = net.createServer();
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const port = (listener.address() as net.AddressInfo).port;
      const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
      child = spawn(process.execPath, [SERVER_BUNDLE, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
      const socket = await withTimeout(accepted, timeoutMs, 'the server to connect to the socket');
      reader = withoutPartialTimer(new SocketMessageReader(socket));
      writer = new SocketMessageWriter(socket);
      cleanup = () => {
        socket.destroy();
        listener.close();
      };
    }
    return new LspClient(child, createProtocolConnection(reader, writer), timeoutMs, cleanup);
  }

  /** `initialize` then `initialized`, as an editor does; remembers the negotiated encoding. */
  async initialize(options: InitializeOptions = {}): Promise<InitializeResult> {
    const capabilities: ClientCapabilities = {
      general: options.positionEncodings ? { positionEncodings: options.positionEncodings } : undefined,
      workspace: {
        configuration: options.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        applyEdit: true,
        executeCommand: {},
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, relatedInformation: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
        },
      },
      ...options.capabilities,
    };
    const result = await this.request(InitializeRequest.method, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities,
    }) as InitializeResult;
    this.encoding = (result.capabilities.positionEncoding as Encoding | undefined) ?? 'utf-16';
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Sends a request, failing after the timeout rather than hanging the test. */
  request<R = unknown>(method: string, params?: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), this.timeoutMs, `the answer to ${method}`);
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    this.documents.set(uri, { text, version });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'wit', version, text },
    });
  }

  /**
   * Sends `didChange` with `changes` (ranges in the negotiated encoding, each relative to
   * the text left by the previous one) and returns the new version.
   */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const document = this.document(uri);
    for (const change of changes) {
      if ('range' in change) {
        const start = this.offsetAt(uri, change.range.start);
        const end = this.offsetAt(uri, change.range.end);
        document.text = document.text.slice(0, start) + change.text + document.text.slice(end);
      } else {
        document.text = change.text;
      }
    }
    document.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: document.version },
      contentChanges: changes,
    });
    return document.version;
  }

  /** Replaces the UTF-16 offsets `start..end` with `newText` as one incremental change. */
  replace(uri: string, start: number, end: number, newText: string): Promise<number> {
    return this.change(uri, [{ range: this.rangeOf(uri, start, end), text: newText }]);
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.document(uri).text;
  }

  version(uri: string): number {
    return this.document(uri).version;
  }

  /**
   * The oldest diagnostics notification for `uri` not yet returned, of `version` or a later
   * one when given (older ones are skipped: the server publishes a burst of changes once,
   * for its last version). Waits for it; fails after the timeout.
   */
  async waitForDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    const take = (): PublishDiagnosticsParams | undefined => {
      const queue = this.pendingDiagnostics.get(uri) ?? [];
      const index = queue.findIndex((p) => version === undefined || (p.version !== undefined && p.version >= version));
      if (index === -1) return undefined;
      return queue.splice(0, index + 1)[index];
    };
    const found = take();
    if (found) return found;
    let wake = (): void => {};
    const arrived = new Promise<PublishDiagnosticsParams>((resolve) => {
      wake = () => {
        const params = take();
        if (params) resolve(params);
      };
      this.diagnosticWaiters.add(wake);
    });
    try {
      return await withTimeout(arrived, this.timeoutMs, `diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`);
    } finally {
      this.diagnosticWaiters.delete(wake);
    }
  }

  /** How many diagnostics notifications arrived for `uri` in all. */
  diagnosticsReceived(uri: string): number {
    return this.diagnosticsCounts.get(uri) ?? 0;
  }

  /** The diagnostics notifications received for `uri` and not yet returned by a wait. */
  unreadDiagnostics(uri: string): PublishDiagnosticsParams[] {
    return [...(this.pendingDiagnostics.get(uri) ?? [])];
  }

  /** A position of the document's text in the negotiated encoding. */
  positionAt(uri: string, offset: number): Position {
    return positionIn(this.text(uri), offset, this.encoding);
  }

  rangeOf(uri: string, start: number, end: number): Range {
    return { start: this.positionAt(uri, start), end: this.positionAt(uri, end) };
  }

  offsetAt(uri: string, position: Position): number {
    return offsetIn(this.text(uri), position, this.encoding);
  }

  /**
   * Applies a workspace edit to the open documents as an editor would: one `didChange`
   * per document, edits sent last-first so each range still refers to unchanged text.
   * Refuses (as VS Code does) an edit for a version that is no longer current.
   */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<ApplyWorkspaceEditResult> {
    const perDocument: { uri: string; version?: number | null; edits: TextEdit[] }[] = [];
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perDocument.push({ uri, edits });
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) return { applied: false, failureReason: 'only text edits are supported' };
      perDocument.push({ uri: change.textDocument.uri, version: change.textDocument.version, edits: change.edits as TextEdit[] });
    }
    for (const { uri, version } of perDocument) {
      const document = this.documents.get(uri);
      if (!document) return { applied: false, failureReason: `${uri} is not open` };
      if (version !== undefined && version !== null && version !== document.version) {
        return { applied: false, failureReason: `${uri} is at version ${document.version}, not ${version}` };
      }
    }
    for (const { uri, edits } of perDocument) {
      const ordered = [...edits].sort((a, b) => this.offsetAt(uri, b.range.start) - this.offsetAt(uri, a.range.start));
      await this.change(uri, ordered.map((e) => ({ range: e.range, text: e.newText })));
    }
    return { applied: true };
  }

  /** Everything the server wrote to stderr so far. */
  get stderr(): string {
    return this.stderrText;
  }

  /** `shutdown` then `exit`; resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.request(ShutdownRequest.method);
    await this.connection.sendNotification(ExitNotification.type);
    return this.waitForExit();
  }

  waitForExit(): Promise<number | null> {
    return withTimeout(this.exited, this.timeoutMs, 'the server to exit');
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Ends the connection and, if it still runs, the server. Safe to call twice. */
  dispose(): void {
    this.connection.dispose();
    this.cleanup();
    if (this.running) this.process.kill();
  }

  private document(uri: string): OpenDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open in the test client`);
    return document;
  }
}

/**
 * A line/character position for a UTF-16 offset of `text`, counted in `encoding`. Written
 * independently of the server's line index so tests check it rather than echo it.
 */
export function positionIn(text: string, offset: number, encoding: Encoding): Position {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  const column = lines[lines.length - 1];
  const character =
    encoding === 'utf-16' ? column.length : encoding === 'utf-8' ? Buffer.byteLength(column, 'utf8') : [...column].length;
  return { line: lines.length - 1, character };
}

/** The UTF-16 offset of a position counted in `encoding` (the inverse of `positionIn`). */
export function offsetIn(text: string, position: Position, encoding: Encoding): number {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  let offset = 0;
  for (let line = 0; line < position.line && line < lines.length; line++) offset += lines[line].length;
  const content = (lines[position.line] ?? '').replace(/\r?\n$|\r$/, '');
  let prefix: string;
  if (encoding === 'utf-16') prefix = content.slice(0, position.character);
  else if (encoding === 'utf-32') prefix = [...content].slice(0, position.character).join('');
  else prefix = Buffer.from(content, 'utf8').subarray(0, position.character).toString('utf8');
  return offset + prefix.length;
}

/**
 * vscode-jsonrpc re-arms a 10 s "partial message" timer for as long as a frame stays
 * incomplete, and disposing the reader does not clear it. A server killed between the
 * header and the body of a message (as `dispose()` at the end of a test may do) then kept
 * the test process alive for ever. No test uses that event: the timer is off.
 */
export function withoutPartialTimer<R extends ReadableStreamMessageReader>(reader: R): R {
  reader.partialMessageTimeout = 0;
  return reader;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
