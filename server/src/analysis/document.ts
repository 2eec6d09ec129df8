import { Edit, type Point, type Tree } from 'web-tree-sitter';
import type { WitParser } from '../parser';
import { LineIndex, type Span } from './text';

/**
 * One WIT text and its syntax tree. Edits re-parse incrementally: the old tree is told
 * what changed (`Tree.edit`) and tree-sitter reuses every subtree outside the change.
 */
export class WitDocument {
  private lineIndexCache: LineIndex | undefined;
  private revisionValue = 0;

  private constructor(
    private readonly parser: WitParser,
    readonly uri: string,
    private textValue: string,
    private treeValue: Tree,
  ) {}

  static create(parser: WitParser, uri: string, text: string): WitDocument {
    return new WitDocument(parser, uri, text, parser.parse(text));
  }

  get text(): string {
    return this.textValue;
  }

  get tree(): Tree {
    return this.treeValue;
  }

  /** Counts changes: equal revisions of one document mean equal text and tree. */
  get revision(): number {
    return this.revisionValue;
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
    this.treeValue.edit(
      new Edit({
      startIndex: start,
      oldEndIndex: oldEnd,
      newEndIndex: newEnd,
      startPosition: pointAt(old, start),
      oldEndPosition: pointAt(old, oldEnd),
      newEndPosition: pointAt(text, newEnd),
      }),
    );
    const previous = this.treeValue;
    this.treeValue = this.parser.parse(text, previous);
    previous.delete();
    this.textValue = text;
    this.lineIndexCache = undefined;
    this.revisionValue++;
  }

  /** Replaces the whole text (a full-document sync), re-parsing from scratch. */
  setText(text: string): void {
    this.treeValue.delete();
    this.textValue = text;
    this.treeValue = this.parser.parse(text);
    this.lineIndexCache = undefined;
    this.revisionValue++;
  }

  /** Frees the tree's wasm memory; the document is unusable afterwards. */
  dispose(): void {
    this.treeValue.delete();
  }
}

/** Tree-sitter's point for an offset: rows split at `\n` only, columns in UTF-16 units. */
function pointAt(text: string, offset: number): Point {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - lineStart };
}
