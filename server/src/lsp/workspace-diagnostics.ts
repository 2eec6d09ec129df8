import type { Diagnostic } from 'vscode-languageserver';
import { allDiagnostics, analyze, type Analysis } from '../analysis/analyze';
import type { ServerContext } from './context';
import { Converter } from './convert';
import type { WorkspaceIndex } from './workspace';

/** One file's diagnostics as last computed, with the id a pulling client echoes back. */
export interface FileReport {
  resultId: string;
  items: Diagnostic[];
  /** The open document's version they belong to; undefined for a file read from disk. */
  version?: number;
}

/**
 * Files are re-checked and reported at most this often: a keystroke after a quiet spell that
 * breaks a type shows in closed files at once, while fast typing in a large package does not
 * re-check its files once per keystroke.
 */
const REPORT_DELAY_MS = 100;
/** The longest a re-check runs before other requests are served. */
const SLICE_MS = 20;

/**
 * Diagnostics for every WIT file of the workspace folders, open or not (`wit.diagnostics.scope`
 * `workspace`), or for the open documents only (`openFiles`). A closed file gets exactly what it
 * would get if opened with its disk text: syntax errors, rule findings and semantic errors.
 *
 * The model says which files an edit may affect (`Workspace.onInvalidate`: the edited file's
 * resolution group and the groups that resolve into it); only those are re-checked, and only
 * the reports that differ are sent. Each report keeps a result id until its content changes,
 * so pulling clients are answered `unchanged`.
 *
 * Push clients: open documents are published by `features/diagnostics.ts`; this publishes
 * closed files. Pull clients (`features/pull-diagnostics.ts`) get every report from here, and
 * a `workspace/diagnostic/refresh` when an open document's pulled report went stale because
 * a file it depends on changed.
 */
export class WorkspaceDiagnostics {
  private readonly reports = new Map<string, FileReport & { content: string }>();
  /** Files whose report may be stale. */
  private readonly dirty = new Set<string>();
  /** Files whose report changed since the last announcement to push and pull listeners. */
  private readonly unannounced = new Set<string>();
  /** The content of each closed file's pushed diagnostics (absent: none were pushed). */
  private readonly pushed = new Map<string, string>();
  /** What a pulling client last received for each open document. */
  private readonly pulled = new Map<string, { resultId: string; version?: number }>();
  private readonly listeners = new Set<(uris: readonly string[]) => void>();
  private readonly readyWaiters: (() => void)[] = [];
  private readonly settingsWaiters: (() => void)[] = [];
  private readonly settledWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private wasReady = false;
  private flushing = false;
  private lastFlush = -Infinity;
  /** Distinguishes result ids of this process from those a client kept from an earlier one. */
  private readonly epoch = Date.now().toString(36);
  private nextId = 0;
  /** True once the client pulled `workspace/diagnostic`: closed files are then reported there only. */
  private workspacePulled = false;

  constructor(
    private readonly context: ServerContext,
    private readonly index: WorkspaceIndex,
  ) {
    index.model.onInvalidate((uris) => this.invalidate(uris));
    context.onSettingsChanged(() => {
      for (const resolve of this.settingsWaiters.splice(0)) resolve();
      this.invalidateAll();
    });
  }

  /** The files the scope covers: every WIT file in the workspace folders, and the open documents. */
  uris(): string[] {
    const open = this.context.documents.uris();
    if (this.context.diagnosticsScope !== 'workspace') return open;
    const known = new Set(open);
    return [...open, ...this.index.model.uris().filter((uri) => !known.has(uri) && this.index.inWorkspace(uri))];
  }

  /** The current report of `uri`, re-checked if needed; undefined when the scope leaves it out. */
  report(uri: string): FileReport | undefined {
    if (!this.dirty.has(uri) && this.reports.has(uri)) return this.reports.get(uri);
    return this.update(uri);
  }

  /** Notes what a pulling client received for an open document (to know when it went stale). */
  notePulled(uri: string, report: FileReport): void {
    this.pulled.set(uri, { resultId: report.resultId, version: report.version });
  }

  /** Hears of the files whose report changed, as they change. */
  onChange(listener: (uris: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The client pulls the workspace's diagnostics: closed files pushed so far (before it
   * pulled, or by a client that pulls open documents only) are cleared from the push side.
   */
  startWorkspacePull(): void {
    if (this.workspacePulled) return;
    this.workspacePulled = true;
    for (const uri of [...this.pushed.keys()]) this.push(uri);
  }

  /** Resolves once the settings arrived (diagnostics before would flicker from default severities). */
  whenSettingsLoaded(): Promise<void> {
    if (this.context.settingsLoaded) return Promise.resolve();
    return new Promise((resolve) => this.settingsWaiters.push(resolve));
  }

  /** Resolves once every report is up to date (after the workspace's first check, within a slice or two after an edit). */
  async whenSettled(): Promise<void> {
    await this.whenReady();
    if (this.dirty.size === 0) return;
    this.schedule();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** Resolves once the settings arrived and the workspace folders were read. */
  whenReady(): Promise<void> {
    if (this.isReady()) return Promise.resolve();
    this.schedule();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private isReady(): boolean {
    return this.context.settingsLoaded && this.index.ready;
  }

  /** Re-checks `uris` (the model announced them, or an oversized document's analysis arrived). */
  invalidate(uris: readonly string[]): void {
    for (const uri of uris) {
      this.dirty.add(uri);
      this.context.documents.invalidateAnalysis(uri);
      if (!this.context.pullsDiagnostics && this.context.documents.isOpen(uri)) {
        // Pushed by features/diagnostics.ts while open, which clears it on close: forget what was sent.
        this.reports.delete(uri);
        this.pushed.delete(uri);
      }
    }
    this.schedule();
  }

  /** Settings (severities, features, scope) changed: every report may have. */
  private invalidateAll(): void {
    this.invalidate([...new Set([...this.reports.keys(), ...this.uris()])]);
  }

  /** A change after a quiet spell is reported at once; the rest of a burst at most every REPORT_DELAY_MS. */
  private schedule(): void {
    const wait = Math.max(0, this.lastFlush + REPORT_DELAY_MS - performance.now());
    this.timer ??= setTimeout(this.context.guard('workspace diagnostics', undefined, () => this.flush()), wait);
  }

  /** Re-checks the stale files and announces the reports that changed. */
  private flush(): void {
    this.timer = undefined;
    this.lastFlush = performance.now();
    if (!this.isReady()) {
      this.schedule(); // indexing goes on; there is no event for its end but this check
      return;
    }
    if (!this.wasReady) {
      this.wasReady = true;
      // Semantic errors of open documents were held back until now (a pulling client has
      // them without), and closed files were not reported.
      for (const uri of this.uris()) this.dirty.add(uri);
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    }
    // In slices, so that requests (a hover, the next keystroke) are served between them while
    // a whole workspace is checked.
    const deadline = performance.now() + SLICE_MS;
    this.flushing = true;
    try {
      for (const uri of this.dirty) {
        this.update(uri);
        if (performance.now() > deadline) break;
      }
    } finally {
      this.flushing = false;
    }
    this.announce();
    if (this.dirty.size > 0) this.timer ??= setTimeout(this.context.guard('workspace diagnostics', undefined, () => this.flush()), 0);
    else for (const resolve of this.settledWaiters.splice(0)) resolve();
  }

  private update(uri: string): FileReport | undefined {
    this.dirty.delete(uri);
    const before = this.reports.get(uri);
    const open = this.context.documents.isOpen(uri);
    // A push client gets open documents' diagnostics from features/diagnostics.ts.
    const items = open && !this.context.pullsDiagnostics ? null : this.diagnosticsOf(uri);
    if (!open) this.pulled.delete(uri);
    if (items === null) {
      this.reports.delete(uri);
      if (before) {
        this.unannounced.add(uri);
        if (!this.flushing) this.schedule();
      }
      return undefined;
    }
    const content = JSON.stringify(items);
    const version = this.context.documents.version(uri);
    const resultId = before?.content === content ? before.resultId : `${this.epoch}-${++this.nextId}`;
    const report = { resultId, items, version, content };
    this.reports.set(uri, report);
    if (resultId !== before?.resultId) {
      this.unannounced.add(uri);
      if (!this.flushing) this.schedule();
    }
    return report;
  }

  /** What the file would show open with its current text; null when the scope leaves it out. */
  private diagnosticsOf(uri: string): Diagnostic[] | null {
    const { context } = this;
    const related = (other: string): Converter | undefined => this.converter(other);
    if (context.documents.isOpen(uri)) {
      const analysis = context.documents.analysis(uri);
      const converter = context.converter(uri);
      return analysis && converter ? allDiagnostics(analysis).map((d) => converter.diagnostic(d, related)) : [];
    }
    if (context.diagnosticsScope !== 'workspace' || !this.index.inWorkspace(uri)) return null;
    const model = this.index.model;
    const document = model.document(uri);
    if (!document) return null;
    let analysis: Analysis;
    try {
      model.setFeatures(context.settings.features ?? []);
      analysis = analyze(document, context.settings, model.typeResolver(uri));
      analysis.semantic = model.diagnostics(uri);
    } catch (error) {
      // As for an open document: a bug in cross-file resolution must not cost the file its own findings.
      context.logError(`cross-file analysis of ${uri} failed; showing its own findings only`, error);
      analysis = analyze(document, context.settings);
    }
    const converter = new Converter(document.lines, context.encoding);
    return allDiagnostics(analysis).map((d) => converter.diagnostic(d, related));
  }

  /** Positions in any file the model knows, open or not (related information may point there). */
  private converter(uri: string): Converter | undefined {
    const lines = this.context.documents.lines(uri) ?? this.index.model.document(uri)?.lines;
    return lines && new Converter(lines, this.context.encoding);
  }

  private announce(): void {
    if (this.unannounced.size === 0) return;
    const changed = [...this.unannounced];
    this.unannounced.clear();
    const pushClosed = !this.context.pullsDiagnostics || !this.workspacePulled;
    if (pushClosed) for (const uri of changed) if (!this.context.documents.isOpen(uri)) this.push(uri);
    for (const listener of [...this.listeners]) listener(changed);
    if (this.context.pullsDiagnostics) this.refreshStalePulls(changed);
  }

  /** Publishes a closed file's report (nothing once the client pulls the workspace), if it differs. */
  private push(uri: string): void {
    const report = this.workspacePulled && this.context.pullsDiagnostics ? undefined : this.reports.get(uri);
    const content = report?.content ?? '[]';
    if ((this.pushed.get(uri) ?? '[]') === content) return;
    if (report && report.items.length > 0) this.pushed.set(uri, content);
    else this.pushed.delete(uri);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: report?.items ?? [] });
  }

  /**
   * An open document whose current version was pulled, and whose report changed since, went
   * stale through another file: ask the client to pull again. (A change of the document itself
   * needs no refresh: the client pulls each new version.)
   */
  private refreshStalePulls(changed: readonly string[]): void {
    if (!this.context.clientCapabilities.workspace?.diagnostics?.refreshSupport) return;
    const stale = changed.some((uri) => {
      const pulled = this.pulled.get(uri);
      const report = this.reports.get(uri);
      return pulled !== undefined && pulled.version === this.context.documents.version(uri) && pulled.resultId !== report?.resultId;
    });
    if (!stale) return;
    for (const uri of changed) this.pulled.delete(uri);
    this.context.connection.languages.diagnostics.refresh().catch((error: unknown) => {
      this.context.logError('could not ask the client to pull diagnostics again', error);
    });
  }
}
