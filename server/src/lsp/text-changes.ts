import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex, type PositionEncoding } from '../analysis/text';

/**
 * `text` after the client's changes, in order (each range refers to the text before it),
 * by string edits alone: for documents that keep no tree (lsp/large-documents/), and to see
 * whether an edit takes a document across `wit.analysis.maxFileSize` before parsing it.
 *
 * Linear in the text for a run of changes that each end before the previous one starts,
 * as an editor sends a multi-cursor edit (last cursor first): such a change is at the same
 * position in the text before the previous change, so `lines` still locates it, and the
 * result is assembled once from pieces. A change in any other order re-indexes the text.
 */
export function applyTextChanges(
  text: string,
  changes: readonly TextDocumentContentChangeEvent[],
  encoding: PositionEncoding,
  lines: LineIndex = new LineIndex(text),
): string {
  /** The text `index` locates positions in; the result is `base` before `cut`, then `pieces` reversed. */
  let base = text;
  let index: LineIndex | undefined = lines;
  let cut = base.length;
  let pieces: string[] = [];
  let previous: Range | undefined;
  const assemble = (): string => (pieces.length === 0 ? base : base.slice(0, cut) + pieces.reverse().join(''));
  for (const change of changes) {
    if (!('range' in change)) {
      base = change.text;
      index = undefined;
      cut = base.length;
      pieces = [];
      previous = undefined;
      continue;
    }
    if (previous && isBefore(previous.start, change.range.end)) {
      base = assemble();
      index = undefined;
      cut = base.length;
      pieces = [];
    }
    index ??= new LineIndex(base);
    const a = editOffset(index, change.range.start, encoding);
    const b = editOffset(index, change.range.end, encoding);
    const start = Math.min(a, b, cut);
    const end = Math.min(Math.max(a, b), cut);
    pieces.push(base.slice(end, cut), change.text);
    cut = start;
    previous = change.range;
  }
  return assemble();
}

function isBefore(p: Position, q: Position): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

/**
 * Where an edit's position falls. The client applied the edit to its own text at exactly
 * this UTF-16 column, even one between the halves of a surrogate pair, so the copy here
 * must too (`LineIndex.offset` rounds such a column down, which suits requests, not edits).
 */
export function editOffset(lines: LineIndex, position: Position, encoding: PositionEncoding): number {
  if (encoding !== 'utf-16' || position.line < 0 || position.line >= lines.lineCount) return lines.offset(position, encoding);
  const start = lines.lineStart(position.line);
  return Math.min(start + Math.max(0, position.character), lines.lineEnd(position.line));
}
