import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Analysis, AnalysisSettings } from '../analysis/analyze';
import { WitDocument } from '../analysis/document';
import { FileAnalysisCache } from '../analysis/file-analysis-cache';
import { isOversized, oversizedAnalysis } from '../analysis/limits';
import type { Workspace } from '../analysis/model';
import type { LineIndex, PositionEncoding } from '../analysis/text';
import { fileTypeResolver } from '../analysis/types';
import type { WitParser } from '../parser';
import { isComponentView } from '../components/component-wit';
import { ChangesElsewhere } from './changes-elsewhere';

/**
 * The open documents, each with its tree (kept up to date incrementally) and the
 * analysis of its current version, computed at most once per version.
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
  /** The cross-file model: told of every version, it resolves types and adds semantic errors. */
  private workspace: Workspace | undefined;
  /** Called after a document opened, changed or closed (other documents' analyses may be stale). */
  private onDidChange: ((uri: string) => void) | undefined;
  private semanticReady: () => boolean = () => true;
  private changesElsewhere: ChangesElsewhere | undefined;

  constructor(
    private readonly parser: WitParser,
    private readonly encoding: () => PositionEncoding,
    private readonly settings: () => AnalysisSettings,
    /** Hears of a failure of the cross-file model, after which the file is analysed alone. */
    private readonly onModelError: (uri: string, error: unknown) => void = () => {},
  ) {}

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
    this.open.get(uri)?.document.dispose();
    const document = WitDocument.create(this.parser, uri, text);
    this.open.set(uri, { document, version, files: new FileAnalysisCache() });
    this.shareWithModel(document); // hostile-input
    this.onDidChange?.(uri);
  }

  /** Applies the client's changes in order; each range refers to the text before it. */
  changeDocument(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const entry = this.open.get(uri);
    if (!entry) return;
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
    this.shareWithModel(entry.document); // hostile-input
    this.onDidChange?.(uri);
  }

  closeDocument(uri: string): void {
    const entry = this.open.get(uri);
    if (!entry) return;
    this.workspace?.closeDocument(uri); // before the tree is freed: the model must not read it again
    entry.document.dispose();
    this.open.delete(uri);
    this.changesElsewhere?.forget(uri);
    this.onDidChange?.(uri);
  }

  get(uri: string): WitDocument | undefined {
    return this.open.get(uri)?.document;
  }

  version(uri: string): number | undefined {
    return this.open.get(uri)?.version;
  }

  uris(): string[] {
    return [...this.open.keys()];
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

  analysis(uri: string): Analysis | undefined {
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    if (!this.isStale(uri)) return entry.analysis;
    const settings = this.settings();
    const workspace = this.workspace;
    // The file's own findings are kept per item across edits (FileAnalysisCache).
    const fileLocal = (): Analysis => entry.files.analyze(entry.document, settings, fileTypeResolver, fileTypeResolver);
    if (!workspace) return (entry.analysis = fileLocal());
    const limited = oversizedAnalysis(entry.document, settings, fileLocal); // hostile-input: file-local only
    if (limited) return (entry.analysis = limited);
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

  /** Forgets the cached analysis of one document (a file it depends on changed). */
  invalidateAnalysis(uri: string): void {
    const entry = this.open.get(uri);
    if (entry) entry.analysis = undefined;
  }

  /** hostile-input: a document above `wit.analysis.maxFileSize` stays out of the cross-file model. */
  private shareWithModel(document: WitDocument): void {
    const workspace = this.workspace;
    if (!workspace) return;
    this.changesElsewhere?.own(document.uri, () => {
      if (isOversized(document.text, this.settings())) workspace.closeDocument(document.uri);
      else workspace.setDocument(document);
    });
  }

  /** Forgets every cached analysis, e.g. after the settings changed. */
  invalidateAnalyses(): void {
    for (const entry of this.open.values()) entry.analysis = undefined;
  }
}

/**
 * Where an edit's position falls. The client applied the edit to its own text at exactly
 * this UTF-16 column, even one between the halves of a surrogate pair, so the copy here
 * must too (`LineIndex.offset` rounds such a column down, which suits requests, not edits).
 */
function editOffset(lines: LineIndex, position: Position, encoding: PositionEncoding): number {
  if (encoding !== 'utf-16' || position.line < 0 || position.line >= lines.lineCount) return lines.offset(position, encoding);
  const start = lines.lineStart(position.line);
  return Math.min(start + Math.max(0, position.character), lines.lineEnd(position.line));
}
