import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex, type PositionEncoding } from '../analysis/text';

/**
 * `text` after the client's changes, in order (each range refers to the text before it),
 * by string edits alone: for documents that keep no tree (lsp/large-documents/), and to see
 * whether an edit takes a document across `wit.analysis.maxFileSize` before parsing it.
 */
export function applyTextChanges(
  text: string,
  changes: readonly TextDocumentContentChangeEvent[],
  encoding: PositionEncoding,
  lines: LineIndex = new LineIndex(text),
): string {
  for (const [i, change] of changes.entries()) {
    if (!('range' in change)) {
      text = change.text;
    } else {
      if (i > 0) lines = new LineIndex(text);
      const a = editOffset(lines, change.range.start, encoding);
      const b = editOffset(lines, change.range.end, encoding);
      text = text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
    }
  }
  return text;
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
