import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository's root folder. */
export const ROOT = path.resolve(__dirname, '..');
/** The bundled server, as the VS Code client and other editors start it. */
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'wit-ls.js');

/**
 * How long a request or notification may take before it counts as lost: a hang detector,
 * not a speed target. Answers take milliseconds; on a 2-core machine shared with other
 * work they can take a hundred times longer, and must still not fail a test.
 */
export const ANSWER_LIMIT_MS = 60_000;

/** An error response from the server, with its JSON-RPC error code. */
export class ResponseError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Waiter {
  method: string;
  matches: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
}

/**
 * The bundled server spawned over stdio and driven as an editor does, byte for byte: each
 * message is framed by hand so benchmarks see the real wire cost and abuse tests can send
 * malformed frames. Server-to-client requests (configuration, registration) get the
 * answers a minimal editor would give.
 */
export class LspProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything the server wrote to stderr, for failure messages. */
  stderr = '';
  /** Every notification received, in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  private waiters: Waiter[] = [];
  private readonly exited: Promise<number | null>;

  /** `nodeOptions` go to Node itself, e.g. `--cpu-prof` to see where the server spends its time. */
  constructor(args: string[] = ['--stdio'], nodeOptions: string[] = []) {
    if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
    this.child = spawn(process.execPath, [...nodeOptions, SERVER_BUNDLE, ...args], { stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    // A server that dies mid-request must fail the request, not leave it waiting forever.
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        for (const { reject } of this.pending.values()) reject(new Error(`server exited (code ${code})${this.lastWords()}`));
        this.pending.clear();
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * `initialize` then `initialized`, with the capabilities a plain editor announces, and the
   * workspace folders (paths) it has open.
   */
  async initialize(capabilities: object = {}, workspaceFolders: string[] = []): Promise<unknown> {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: workspaceFolders.length ? workspaceFolders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })) : null,
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        ...(workspaceFolders.length ? { workspace: { workspaceFolders: true } } : {}),
        ...capabilities,
      },
    });
    this.notify('initialized', {});
    return result;
  }

  request(method: string, params: unknown, timeoutMs = ANSWER_LIMIT_MS): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Writes bytes as they are, framed or not: for protocol abuse. */
  writeRaw(bytes: Buffer | string): void {
    this.child.stdin.write(bytes);
  }

  /** Frames `body` (any bytes) with a correct Content-Length header. */
  writeFramed(body: Buffer | string): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]));
  }

  /**
   * The next notification `method` whose params satisfy `matches`. Register it before
   * sending what triggers it so nothing is missed.
   */
  waitForNotification<T>(method: string, matches: (params: T) => boolean, timeoutMs = ANSWER_LIMIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        matches: (p) => matches(p as T),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as T);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ${method} within ${timeoutMs} ms${this.lastWords()}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The diagnostics the server publishes for `version` of `uri`. */
  diagnosticsFor(uri: string, version: number, timeoutMs = ANSWER_LIMIT_MS): Promise<PublishedDiagnostics> {
    return this.waitForNotification<PublishedDiagnostics>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && p.version === version,
      timeoutMs,
    );
  }

  /** The errors the server has logged so far (`window/logMessage` of type Error), in order. */
  loggedErrors(): string[] {
    return this.notifications
      .filter((n) => n.method === 'window/logMessage' && (n.params as { type?: number }).type === 1)
      .map((n) => (n.params as { message: string }).message);
  }

  /** The server's stderr and its latest logged errors, to explain a failure. */
  lastWords(): string {
    const errors = this.loggedErrors()
      .slice(-3)
      .map((message) => message.slice(0, 1500));
    const stderr = this.stderr.trim().slice(-2000);
    return `${stderr ? `; stderr: ${stderr}` : ''}${errors.length ? `; logged errors: ${errors.join('\n---\n')}` : ''}`;
  }

  /** Resident set size in bytes, from /proc (Linux); undefined elsewhere. */
  residentBytes(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
      return kb ? Number(kb[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** `shutdown` and `exit`; kills the process if it does not leave within the time. */
  async stop(timeoutMs = 5_000): Promise<number | null> {
    if (this.alive) {
      try {
        await this.request('shutdown', null, timeoutMs);
        this.notify('exit', null);
      } catch {
        // Already dead or unresponsive: the kill below ends it.
      }
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  private send(message: object): void {
    this.writeFramed(JSON.stringify(message));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const length = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!length) throw new Error(`server sent a frame without Content-Length: ${this.buffer.toString('utf8', 0, headerEnd)}`);
      const bodyStart = headerEnd + 4;
      const bodyEnd = bodyStart + Number(length[1]);
      if (this.buffer.length < bodyEnd) return;
      const message = JSON.parse(this.buffer.toString('utf8', bodyStart, bodyEnd));
      this.buffer = this.buffer.subarray(bodyEnd);
      this.dispatch(message);
    }
  }

  private dispatch(message: {
    id?: number | string;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { code: number; message: string };
  }): void {
    if (message.method !== undefined && message.id !== undefined) {
      this.send({ jsonrpc: '2.0', id: message.id, result: clientAnswer(message.method, message.params) });
    } else if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      const waiter = this.waiters.find((w) => w.method === message.method && w.matches(message.params));
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(message.params);
      }
    } else if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new ResponseError(message.error.code, message.error.message));
      else pending?.resolve(message.result);
    }
  }
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: LspRange; severity?: number; code?: string | number; message: string }[];
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** What a minimal editor answers to the server's own requests. */
function clientAnswer(method: string, params: unknown): unknown {
  if (method === 'workspace/configuration') {
    return ((params as { items?: unknown[] })?.items ?? []).map(() => null);
  }
  if (method === 'workspace/applyEdit') return { applied: false };
  return null;
}
