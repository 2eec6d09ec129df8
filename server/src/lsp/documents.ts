import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analyze, type Analysis, type AnalysisSettings } from '../analysis/analyze';
import { WitDocument } from '../analysis/document';
import type { PositionEncoding, Span } from '../analysis/text';
import type { WitParser } from '../parser';

/**
 * The open documents, each with its tree (kept up to date incrementally) and the
 * analysis of its current version, computed at most once per version.
 */
export class DocumentStore {
  private readonly open = new Map<string, { document: WitDocument; version: number; analysis?: Analysis }>();

  constructor(
    private readonly parser: WitParser,
    private readonly encoding: () => PositionEncoding,
    private readonly settings: () => AnalysisSettings,
  ) {}

  openDocument(uri: string, text: string, version: number): void {
    this.open.get(uri)?.document.dispose();
    this.open.set(uri, { document: WitDocument.create(this.parser, uri, text), version });
  }

  /** Applies the client's changes in order; each range refers to the text before it. */
  changeDocument(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const entry = this.open.get(uri);
    if (!entry) return;
    for (const change of changes) {
      if ('range' in change) {
        const lines = entry.document.lines;
        const span: Span = {
          start: lines.offset(change.range.start, this.encoding()),
          end: lines.offset(change.range.end, this.encoding()),
        };
        entry.document.applyChange(span, change.text);
      } else {
        entry.document.setText(change.text);
      }
    }
    entry.version = version;
    entry.analysis = undefined;
  }

  closeDocument(uri: string): void {
    this.open.get(uri)?.document.dispose();
    this.open.delete(uri);
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

  analysis(uri: string): Analysis | undefined {
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    return (entry.analysis ??= analyze(entry.document, this.settings()));
  }

  /** Forgets every cached analysis, e.g. after the settings changed. */
  invalidateAnalyses(): void {
    for (const entry of this.open.values()) entry.analysis = undefined;
  }
}
