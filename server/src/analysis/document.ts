import { Edit, type Tree } from 'web-tree-sitter';
import type { WitParser } from '../parser';
import { LineIndex, type Span } from './text';

/**
 * One change of a document: `[start, oldEnd)` of the text before became `[start, newEnd)`,
 * and `changed` are the ranges (in the text after) whose syntax tree-sitter parsed anew.
 */
export interface DocumentEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
  changed: Span[];
}

/** How many edits a document remembers for `editsSince`. */
const EDIT_LOG_LIMIT = 64;

/**
 * One WIT text and its syntax tree. Edits re-parse incrementally: the old tree is told
 * what changed (`Tree.edit`) and tree-sitter reuses every subtree outside the change.
 */
export class WitDocument {
  private lineIndexCache: LineIndex | undefined;
  private revisionValue = 0;
  /** The latest edits, the last one made at `revisionValue`; emptied by `setText`. */
  private edits: DocumentEdit[] = [];

  private constructor(
    private readonly parser: WitParser,
    readonly uri: string,
    private textValue: string,
    /** Undefined until first asked for, when the document was made `deferred`. */
    private treeValue: Tree | undefined,
  ) {}

  static create(parser: WitParser, uri: string, text: string): WitDocument {
    return new WitDocument(parser, uri, text, parser.parse(text));
  }

  /**
   * A document parsed when its tree is first asked for: an editor restoring 1,000 files
   * opens them faster than it needs them, and each parse would hold the next message up.
   */
  static deferred(parser: WitParser, uri: string, text: string): WitDocument {
    return new WitDocument(parser, uri, text, undefined);
  }

  get text(): string {
    return this.textValue;
  }

  get tree(): Tree {
    return (this.treeValue ??= this.parser.parse(this.textValue));
  }

  /** The tree if it was made: a deferred document not parsed yet owns no tree. */
  get parsedTree(): Tree | undefined {
    return this.treeValue;
  }

  /** Counts changes: equal revisions of one document mean equal text and tree. */
  get revision(): number {
    return this.revisionValue;
  }

  /**
   * The edits that led from `revision` to the current one, oldest first; null when they
   * are not all remembered (a whole-text replacement, or too many edits ago).
   */
  editsSince(revision: number): DocumentEdit[] | null {
    const count = this.revisionValue - revision;
    if (count < 0 || count > this.edits.length) return null;
    return this.edits.slice(this.edits.length - count);
  }

  get lines(): LineIndex {
    return (this.lineIndexCache ??= new LineIndex(this.textValue));
  }

  /** Replaces `span` (offsets in the current text) with `newText` and re-parses. */
  applyChange(span: Span, newText: string): void {
    const old = this.textValue;
    const start = Math.max(0, Math.min(span.start, old.length));
    const oldEnd = Math.max(start, Math.min(span.end, old.length));
    const text = old.slice(0, start) + newText + old.slice(oldEnd);
    const newEnd = start + newText.length;
    const oldLines = this.lines;
    const lines = oldLines.edited(start, oldEnd, newEnd, text);
    if (!this.treeValue) {
      // Never parsed: nothing to re-parse incrementally, and no copy of it to follow the edit.
      this.textValue = text;
      this.lineIndexCache = lines;
      this.revisionValue++;
      this.edits = [];
      return;
    }
    this.treeValue.edit(
      new Edit({
        startIndex: start,
        oldEndIndex: oldEnd,
        newEndIndex: newEnd,
        startPosition: oldLines.treeSitterPoint(start),
        oldEndPosition: oldLines.treeSitterPoint(oldEnd),
        newEndPosition: lines.treeSitterPoint(newEnd),
      }),
    );
    const previous = this.treeValue;
    this.treeValue = this.parser.parse(text, previous);
    const changed = previous.getChangedRanges(this.treeValue).map((r) => ({ start: r.startIndex, end: r.endIndex }));
    previous.delete();
    this.textValue = text;
    this.lineIndexCache = lines;
    this.revisionValue++;
    this.edits.push({ start, oldEnd, newEnd, changed });
    if (this.edits.length > EDIT_LOG_LIMIT) this.edits.shift();
  }

  /** Replaces the whole text (a full-document sync), re-parsing from scratch. */
  setText(text: string): void {
    this.treeValue?.delete();
    this.textValue = text;
    this.treeValue = this.parser.parse(text);
    this.lineIndexCache = undefined;
    this.revisionValue++;
    this.edits = [];
  }

  /** Frees the tree's wasm memory; the document is unusable afterwards. */
  dispose(): void {
    this.treeValue?.delete();
  }
}
