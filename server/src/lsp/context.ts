import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import type { AnalysisSettings } from '../analysis/analyze';
import type { Workspace } from '../analysis/model';
import type { PositionEncoding } from '../analysis/text';
import { Converter } from './convert';
import type { DocumentStore } from './documents';

export type DiagnosticsScope = 'workspace' | 'openFiles';

/** What every feature module needs: the connection, the documents and the settings. */
export class ServerContext {
  encoding: PositionEncoding = 'utf-16';
  settings: AnalysisSettings = { rules: {} };
  /**
   * False until the first settings arrive from a client that is asked for them, so the
   * first diagnostics already use the user's severities instead of flickering.
   */
  settingsLoaded = true;
  clientCapabilities: ClientCapabilities = {};
  /** Which files get diagnostics (`wit.diagnostics.scope`): every WIT file of the workspace, or the open ones. */
  diagnosticsScope: DiagnosticsScope = 'workspace';
  /** The client pulls diagnostics (LSP 3.17): none are pushed for open documents. */
  pullsDiagnostics = false;
  documents!: DocumentStore;
  /**
   * The cross-file model of the workspace's WIT (open documents and files on disk); the
   * navigation features (definition, references, rename, ...) answer from it.
   */
  workspace?: Workspace;
  private readonly initializedHandlers: (() => void)[] = [];
  private readonly settingsHandlers: (() => void)[] = [];

  constructor(readonly connection: Connection) {}

  converter(uri: string): Converter | undefined {
    const lines = this.documents.lines(uri);
    return lines && new Converter(lines, this.encoding);
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  logError(what: string, error: unknown): void {
    this.connection.console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /**
   * Runs `handler` once the client sent `initialized`. The connection keeps a single
   * handler per notification, so feature modules register here instead of overwriting
   * each other's `connection.onInitialized`.
   */
  afterInitialized(handler: () => void): void {
    this.initializedHandlers.push(handler);
  }

  /** Runs `handler` whenever settings arrive or change (after the documents were re-published). */
  onSettingsChanged(handler: () => void): void {
    this.settingsHandlers.push(handler);
  }

  runSettingsHandlers(): void {
    for (const handler of this.settingsHandlers) this.guard('settings', undefined, handler)();
  }

  runInitializedHandlers(): void {
    for (const handler of this.initializedHandlers) this.guard('initialized', undefined, handler)();
  }

  /**
   * Runs one request's handler; a thrown error (or a rejected promise) is logged and
   * answered with `fallback`, so a bug in one feature never takes the server down.
   */
  guard<A extends unknown[], R>(feature: string, fallback: R, handler: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      try {
        const result = handler(...args);
        if (result instanceof Promise) {
          return result.catch((error: unknown) => {
            this.logError(`${feature} failed`, error);
            return fallback; // an async handler's fallback is a promise; `catch` unwraps it
          }) as R;
        }
        return result;
      } catch (error) {
        this.logError(`${feature} failed`, error);
        return fallback;
      }
    };
  }
}
