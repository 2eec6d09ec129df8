import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Analysis, AnalysisSettings } from '../analysis/analyze';
import { WitDocument } from '../analysis/document';
import { FileAnalysisCache } from '../analysis/file-analysis-cache';
import { analysedFirstInWorker, isOversized, MAIN_THREAD_FIRST_TOKENS, maxFileSize, tokenCount } from '../analysis/limits';
import type { Workspace } from '../analysis/model';
import type { LineIndex, PositionEncoding } from '../analysis/text';
import { fileTypeResolver } from '../analysis/types';
import type { WitParser } from '../parser';
import { isComponentView } from '../components/component-wit';
import { ChangesElsewhere } from './changes-elsewhere';
import { LargeDocument } from './large-documents/large-document';
import type { LargeAnalysis, LargeAnalysisRequest, LargeNavigation } from './large-documents/protocol';
import { LargeAnalysisQueue } from './large-documents/queue';
import { applyTextChanges, editOffset } from './text-changes';

/**
 * The open documents, each with its tree (kept up to date incrementally) and the
 * analysis of its current version, computed at most once per version. A document above
 * `wit.analysis.maxFileSize`, or big or dense until its first analysis (limits.ts), keeps
 * no tree here: it is a `LargeDocument`, analysed in a worker thread, and only the
 * features that can answer from that analysis serve it.
 */
export class DocumentStore {
  /**
   * Each open document with the analysis of its current version, made under the model's
   * `stamp` for it: a change elsewhere that the model says cannot reach it keeps it.
   */
  private readonly open = new Map<
    string,
    { document: WitDocument; version: number; analysis?: Analysis; stamp?: number; withoutSemantics?: boolean; files: FileAnalysisCache }
  >();
  /** hostile-input: the open documents without a tree here (text only; their analysis comes from a worker). */
  private readonly large = new Map<string, { document: LargeDocument; version: number }>();
  private onLargeAnalysed: (uri: string) => void = () => {};
  /** Analyses large documents off the main thread, in worker threads with their own parser. */
  private readonly largeAnalyses: LargeAnalysisQueue;
  /** The cross-file model: told of every version, it resolves types and adds semantic errors. */
  private workspace: Workspace | undefined;
  /** Per open document, the changes of other files the model announced: its kept rule findings' key. */
  private changesElsewhere: ChangesElsewhere | undefined;
  /** Called after a document opened, changed or closed (other documents' analyses may be stale). */
  private onDidChange: ((uri: string) => void) | undefined;
  private semanticReady: () => boolean = () => true;

  constructor(
    private readonly parser: WitParser,
    private readonly encoding: () => PositionEncoding,
    private readonly settings: () => AnalysisSettings,
    /** Hears of a failure of the cross-file model, after which the file is analysed alone. */
    private readonly onModelError: (uri: string, error: unknown) => void = () => {},
  ) {
    this.largeAnalyses = new LargeAnalysisQueue(parser.wasmDir);
  }

  /** `listener` hears when the worker's analysis of a large document arrives, or it moved to the main thread (to publish it). */
  onLargeDocumentAnalysed(listener: (uri: string) => void): void {
    this.onLargeAnalysed = listener;
  }

  /**
   * Attaches the workspace model; `onDidChange` hears of each document change. Until
   * `semanticReady` says so (the first index of the workspace is done), semantic errors are
   * held back: before it, names defined in files not read yet would look undefined.
   */
  attachWorkspace(workspace: Workspace, onDidChange: (uri: string) => void, semanticReady: () => boolean = () => true): void {
    this.workspace = workspace;
    this.onDidChange = onDidChange;
    this.semanticReady = semanticReady;
    this.changesElsewhere = new ChangesElsewhere(workspace, (uri) => this.open.has(uri));
    for (const entry of this.open.values()) workspace.setDocument(entry.document);
  }

  openDocument(uri: string, text: string, version: number): void {
    this.forget(uri);
    this.track(uri, text, version);
    this.onDidChange?.(uri);
  }

  /** Applies the client's changes in order; each range refers to the text before it. */
  changeDocument(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const large = this.large.get(uri);
    if (large) {
      // hostile-input: string edits only; the text is parsed here only once it is fit for the main thread.
      const text = applyTextChanges(large.document.text, changes, this.encoding(), large.document.lines);
      if (this.workerPurpose(text) === large.document.purpose) {
        large.document.setText(text);
        large.version = version;
      } else {
        this.forget(uri);
        this.track(uri, text, version);
      }
      this.onDidChange?.(uri);
      return;
    }
    const entry = this.open.get(uri);
    if (!entry) return;
    const pastesManyTokens = changes.some((change) => tokenCount(change.text, MAIN_THREAD_FIRST_TOKENS + 1) > MAIN_THREAD_FIRST_TOKENS);
    if (pastesManyTokens || this.mayBecomeOversized(entry.document.text, changes)) {
      const text = applyTextChanges(entry.document.text, changes, this.encoding(), entry.document.lines);
      if (pastesManyTokens || isOversized(text, this.settings())) {
        // hostile-input: a paste that makes the document oversized is never parsed here, and
        // one of many tokens is parsed first in the worker, as if the document opened so (40 KB
        // of garbage pasted costs the main thread's parser hundreds of milliseconds).
        this.forget(uri);
        this.track(uri, text, version);
        this.onDidChange?.(uri);
        return;
      }
    }
    for (const change of changes) {
      if ('range' in change) {
        const lines = entry.document.lines;
        const start = editOffset(lines, change.range.start, this.encoding());
        const end = editOffset(lines, change.range.end, this.encoding());
        entry.document.applyChange({ start: Math.min(start, end), end: Math.max(start, end) }, change.text);
      } else {
        entry.document.setText(change.text);
      }
    }
    entry.version = version;
    entry.analysis = undefined;
    this.shareWithModel(entry.document);
    this.onDidChange?.(uri);
  }

  closeDocument(uri: string): void {
    if (!this.isOpen(uri)) return;
    this.forget(uri);
    this.onDidChange?.(uri);
  }

  /** The open document with its tree; undefined for an oversized one, which has no tree here. */
  get(uri: string): WitDocument | undefined {
    return this.open.get(uri)?.document;
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri) || this.large.has(uri);
  }

  /** The text of any open document, with a tree or without. */
  text(uri: string): string | undefined {
    return (this.open.get(uri) ?? this.large.get(uri))?.document.text;
  }

  /** The line index of any open document, with a tree or without. */
  lines(uri: string): LineIndex | undefined {
    return (this.open.get(uri) ?? this.large.get(uri))?.document.lines;
  }

  /** hostile-input: the worker's latest analysis of a document without a tree here (hovers). */
  largeAnalysis(uri: string): LargeAnalysis | undefined {
    return this.large.get(uri)?.document.latest;
  }

  /** hostile-input: the outline and folding of a document without a tree here, once its worker sends them. */
  async largeNavigation(uri: string): Promise<LargeNavigation | undefined> {
    return this.large.get(uri)?.document.navigation(this.settings());
  }

  version(uri: string): number | undefined {
    return (this.open.get(uri) ?? this.large.get(uri))?.version;
  }

  uris(): string[] {
    return [...this.open.keys(), ...this.large.keys()];
  }

  /** Whether `uri`'s analysis would be computed anew (it is not cached for this version and model state). */
  isStale(uri: string): boolean {
    const entry = this.open.get(uri);
    if (!entry) return false;
    if (!entry.analysis) return true;
    if (!this.workspace) return false;
    // Made while semantic errors were held back (the first index was not done): they are due now.
    if (entry.withoutSemantics && this.semanticReady()) return true;
    try {
      this.workspace.setFeatures(this.settings().features ?? []);
      return entry.stamp !== this.workspace.stamp(uri);
    } catch {
      return true;
    }
  }

  /**
   * The analysis of `uri`'s current version. For an oversized document it is undefined until
   * the worker's arrives (`onLargeDocumentAnalysed`); asking starts that work.
   */
  analysis(uri: string): Analysis | undefined {
    const large = this.large.get(uri);
    if (large) {
      const analysis = large.document.analysis(this.settings());
      // Already capped and sorted by the worker; rule findings keep no fix here (no tree to check it against).
      return analysis && { syntax: analysis.diagnostics, rules: [] };
    }
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    if (!this.isStale(uri)) return entry.analysis;
    const settings = this.settings();
    const workspace = this.workspace;
    // The file's own findings are kept per item across edits (FileAnalysisCache).
    const fileLocal = (): Analysis => entry.files.analyze(entry.document, settings, fileTypeResolver, fileTypeResolver);
    if (!workspace) return (entry.analysis = fileLocal());
    try {
      workspace.setFeatures(settings.features ?? []);
      entry.stamp = workspace.stamp(uri);
      const resolution = this.changesElsewhere?.count(uri);
      const analysis = entry.files.analyze(entry.document, settings, workspace.typeResolver(uri), resolution);
      entry.withoutSemantics = !this.semanticReady();
      const semantic = entry.withoutSemantics ? [] : workspace.diagnostics(uri);
      // A component's WIT names the packages it imports without defining them: no error there.
      analysis.semantic = isComponentView(uri) ? semantic.filter((d) => d.code !== 'unknown-package') : semantic;
      return (entry.analysis = analysis);
    } catch (error) {
      // A bug in cross-file resolution must not cost the user syntax errors and rule findings.
      this.onModelError(uri, error);
      entry.stamp = undefined;
      return (entry.analysis = fileLocal());
    }
  }

  /**
   * One slice of the model's work that `analysis(uri)` would otherwise do at once (building
   * its package's group: see `Workspace.buildStep`); false when none is left, or when the
   * model failed (reported as `analysis` reports it).
   */
  prepareStep(uri: string): boolean {
    if (!this.workspace || !this.open.has(uri)) return false;
    try {
      this.workspace.setFeatures(this.settings().features ?? []);
      return this.workspace.buildStep(uri);
    } catch (error) {
      this.onModelError(uri, error);
      return false;
    }
  }

  /** Forgets the cached analysis of one document (a file it depends on changed). */
  invalidateAnalysis(uri: string): void {
    const entry = this.open.get(uri);
    if (entry) entry.analysis = undefined;
  }

  /**
   * Holds a newly opened text: with a tree and in the model, or (hostile-input) as a
   * `LargeDocument` in neither, when it is oversized or big enough that its first analysis
   * would hold the main thread up.
   */
  private track(uri: string, text: string, version: number): void {
    const purpose = this.workerPurpose(text);
    if (purpose) {
      this.workspace?.closeDocument(uri); // the model reads the disk file instead, if it is not too large
      const document = new LargeDocument(uri, text, purpose, this.largeAnalyses, () => this.largeAnalysed(document));
      this.large.set(uri, { document, version });
      return;
    }
    this.trackWithTree(uri, text, version);
  }

  private trackWithTree(uri: string, text: string, version: number): void {
    // Parsed when first needed (its diagnostics, a request, its package's build in slices).
    const document = WitDocument.deferred(this.parser, uri, text);
    this.open.set(uri, { document, version, files: new FileAnalysisCache() });
    this.shareWithModel(document);
  }

  /** Tells the model of the document's new text, as its own change (`ChangesElsewhere`). */
  private shareWithModel(document: WitDocument): void {
    const workspace = this.workspace;
    if (!workspace) return;
    this.changesElsewhere?.own(document.uri, () => workspace.setDocument(document));
  }

  /** Why a text would be analysed in the worker (limits.ts), or undefined: on the main thread. */
  private workerPurpose(text: string): LargeAnalysisRequest['purpose'] | undefined {
    const settings = this.settings();
    if (isOversized(text, settings)) return 'oversized';
    return analysedFirstInWorker(text, settings) ? 'first' : undefined;
  }

  /**
   * The worker's analysis of `document` (its current text) arrived, to be published. A
   * document that came for its first analysis and has few syntax errors first moves to the
   * main thread and the model: its findings there include the model's, so the worker's
   * (which lack them) are never shown.
   */
  private largeAnalysed(document: LargeDocument): void {
    const entry = this.large.get(document.uri);
    if (entry?.document === document && document.purpose === 'first' && document.latest?.fitForMainThread) {
      this.forget(document.uri);
      this.trackWithTree(document.uri, document.text, entry.version);
      this.onDidChange?.(document.uri);
    }
    this.onLargeAnalysed(document.uri);
  }

  /** Drops `uri`'s document, whichever kind it is: its tree is freed, its running analysis cancelled. */
  private forget(uri: string): void {
    const entry = this.open.get(uri);
    if (entry) {
      this.workspace?.closeDocument(uri); // before the tree is freed: the model must not read it again
      entry.document.dispose();
      this.open.delete(uri);
      this.changesElsewhere?.forget(uri);
    }
    this.large.get(uri)?.document.dispose();
    this.large.delete(uri);
  }

  /**
   * Whether `changes` could take `text` above `wit.analysis.maxFileSize`: its length plus
   * every inserted text, at up to 3 UTF-8 bytes per UTF-16 unit, against the limit.
   */
  private mayBecomeOversized(text: string, changes: readonly TextDocumentContentChangeEvent[]): boolean {
    let bound = text.length;
    for (const change of changes) bound = 'range' in change ? bound + change.text.length : change.text.length;
    return bound * 3 > maxFileSize(this.settings());
  }

  /**
   * Forgets every cached analysis, e.g. after the settings changed; a document that a new
   * `wit.analysis.maxFileSize` moves across the limit is held anew. (An oversized
   * document's analysis is kept per settings by `LargeDocument`.)
   */
  invalidateAnalyses(): void {
    for (const entry of this.open.values()) entry.analysis = undefined;
    const settings = this.settings();
    for (const uri of this.uris()) {
      const text = (this.open.get(uri) ?? this.large.get(uri))!.document.text;
      if (isOversized(text, settings) === (this.large.get(uri)?.document.purpose === 'oversized')) continue;
      const version = this.version(uri)!;
      this.forget(uri);
      this.track(uri, text, version);
    }
  }
}
