import { countAtMost, partitionPoint } from './partition-point';

/**
 * Text positions for the analysis layer. Everything here counts in UTF-16 code units
 * from the start of the document (the unit of JavaScript strings and of web-tree-sitter
 * indices). Converting to a protocol's line/character encoding happens at the edges.
 */

/** A half-open range of UTF-16 offsets, `start <= end`. */
export interface Span {
  start: number;
  end: number;
}

/** Replace `span` of the text with `newText`. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** A zero-based line and a column in the unit of the chosen encoding. */
export interface LineColumn {
  line: number;
  character: number;
}

/** How a column is counted: LSP's three position encodings. */
export type PositionEncoding = 'utf-16' | 'utf-8' | 'utf-32';

/** Maps offsets to line/column and back, for one version of a text. */
export class LineIndex {
  /** Where each line starts: after `\n`, or after a `\r` that no `\n` follows. */
  private readonly lineStarts: Int32Array;
  /**
   * The line starts that follow a lone `\r`, usually none: tree-sitter counts rows at `\n`
   * only, so its row of an offset is the line minus these (`treeSitterPoint`).
   */
  private readonly loneReturnStarts: Int32Array;
  /** Per encoding, UTF-8/UTF-32 widths summed up to each block boundary; built on first use. */
  private readonly checkpoints = new Map<PositionEncoding, Float64Array>();

  constructor(
    private readonly text: string,
    starts?: { lines: Int32Array; loneReturns: Int32Array },
  ) {
    if (starts) {
      this.lineStarts = starts.lines;
      this.loneReturnStarts = starts.loneReturns;
      return;
    }
    const lines = [0];
    const loneReturns: number[] = [];
    scanLineStarts(text, 1, text.length, lines, loneReturns);
    this.lineStarts = Int32Array.from(lines);
    this.loneReturnStarts = Int32Array.from(loneReturns);
  }

  /** The line starts, for an index of the same text elsewhere (a worker's, sent to the main thread). */
  get starts(): { lines: Int32Array; loneReturns: Int32Array } {
    return { lines: this.lineStarts, loneReturns: this.loneReturnStarts };
  }

  /**
   * The index of `text`, which an edit made from this index's text by replacing
   * `[start, oldEnd)` with `[start, newEnd)` of `text`. A line start depends only on the two
   * characters around it, so only the starts in `[start, newEnd]` are scanned again; those
   * before are kept and those after are shifted: a keystroke costs its own length plus a copy
   * of the array, not a scan of the text.
   */
  edited(start: number, oldEnd: number, newEnd: number, text: string): LineIndex {
    const from = Math.max(1, start);
    const lines: number[] = [];
    const loneReturns: number[] = [];
    scanLineStarts(text, from, Math.min(newEnd, text.length), lines, loneReturns);
    const delta = newEnd - oldEnd;
    return new LineIndex(text, {
      lines: spliced(this.lineStarts, from, lines, oldEnd, delta),
      loneReturns: spliced(this.loneReturnStarts, from, loneReturns, oldEnd, delta),
    });
  }

  /** Tree-sitter's point for an offset: rows split at `\n` only, columns in UTF-16 units. */
  treeSitterPoint(offset: number): { row: number; column: number } {
    offset = clamp(offset, 0, this.text.length);
    const row = this.lineOf(offset) - firstAfter(this.loneReturnStarts, offset);
    const rowStart = offset === 0 ? 0 : this.text.lastIndexOf('\n', offset - 1) + 1;
    return { row, column: offset - rowStart };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line holding `offset` (clamped into the text). */
  lineOf(offset: number): number {
    offset = clamp(offset, 0, this.text.length);
    const starts = this.lineStarts;
    return Math.max(0, countAtMost(starts, offset) - 1);
  }

  lineStart(line: number): number {
    return this.lineStarts[clamp(line, 0, this.lineStarts.length - 1)];
  }

  /** The end of `line`'s content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  position(offset: number, encoding: PositionEncoding = 'utf-16'): LineColumn {
    offset = clamp(offset, 0, this.text.length);
    const line = this.lineOf(offset);
    const start = this.lineStarts[line];
    if (encoding === 'utf-16' || offset - start <= BLOCK) return { line, character: columnLength(this.text, start, offset, encoding) };
    // On a long line, counting from its start for every position was quadratic (20,000
    // diagnostics on one line took seconds): count from the nearest block boundary instead.
    return { line, character: this.widthBefore(offset, encoding) - this.widthBefore(start, encoding) };
  }

  /** The width in `encoding` of the text before `offset` (whole characters only). */
  private widthBefore(offset: number, encoding: PositionEncoding): number {
    let sums = this.checkpoints.get(encoding);
    if (!sums) {
      sums = new Float64Array(Math.floor(this.text.length / BLOCK) + 1);
      let total = 0;
      for (let i = 0; i < this.text.length; i++) {
        if (i % BLOCK === 0) sums[i / BLOCK] = total;
        total += unitWidth(this.text, i, encoding);
      }
      if (this.text.length % BLOCK === 0) sums[this.text.length / BLOCK] = total;
      this.checkpoints.set(encoding, sums);
    }
    const block = Math.floor(offset / BLOCK);
    let width = sums[block];
    for (let i = block * BLOCK; i < offset; i++) width += unitWidth(this.text, i, encoding);
    return width;
  }

  /**
   * The offset of a line/column. Past the end of a line clamps to the line's end, past the
   * last line to the end of the text, and a column inside a surrogate pair or a UTF-8
   * sequence rounds down: any position a client sends maps somewhere sensible.
   */
  offset(position: LineColumn, encoding: PositionEncoding = 'utf-16'): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    if (encoding === 'utf-16') {
      const offset = clamp(start + Math.max(0, position.character), start, end);
      return isInsidePair(this.text, offset) ? offset - 1 : offset;
    }
    let remaining = Math.max(0, position.character);
    let i = start;
    while (i < end) {
      const code = this.text.codePointAt(i)!;
      const units = code > 0xffff ? 2 : 1;
      const width = encoding === 'utf-32' ? 1 : utf8Length(code);
      if (width > remaining) break;
      remaining -= width;
      i += units;
    }
    return i;
  }
}

/**
 * Appends to `lines` (and to `loneReturns`, when a lone `\r` ends the line before) each line
 * start `s` in `[from, to]` of `text`, in order; `from >= 1`.
 */
function scanLineStarts(text: string, from: number, to: number, lines: number[], loneReturns: number[]): void {
  // A keystroke's few characters: a search for a `\r` that a file does not hold would run
  // to its end.
  if (to - from < 1024) {
    for (let s = from; s <= to; s++) {
      const before = text.charCodeAt(s - 1);
      if (before === 10 /* \n */) lines.push(s);
      else if (before === 13 /* \r */ && text.charCodeAt(s) !== 10) {
        lines.push(s);
        loneReturns.push(s);
      }
    }
    return;
  }
  // `indexOf` finds line breaks many times faster than a `charCodeAt` loop: the server builds
  // the whole index on its main thread for documents of up to tens of MB.
  let lf = text.indexOf('\n', from - 1);
  let cr = text.indexOf('\r', from - 1);
  for (;;) {
    const next = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (next === -1 || next + 1 > to) return;
    if (next === lf) {
      lines.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    } else {
      if (text.charCodeAt(cr + 1) !== 10) {
        lines.push(cr + 1); // a lone CR ends a line; in CRLF the LF does
        loneReturns.push(cr + 1);
      }
      cr = text.indexOf('\r', cr + 1);
    }
  }
}

/**
 * `starts` with those from `from` to `oldEnd` replaced by `scanned`, and those after moved by
 * `delta`: two block copies and one addition per moved start.
 */
function spliced(starts: Int32Array, from: number, scanned: readonly number[], oldEnd: number, delta: number): Int32Array {
  const kept = firstAtOrAfter(starts, from);
  const after = firstAfter(starts, oldEnd);
  const result = new Int32Array(kept + scanned.length + starts.length - after);
  result.set(starts.subarray(0, kept));
  result.set(scanned, kept);
  const moved = kept + scanned.length;
  result.set(starts.subarray(after), moved);
  if (delta !== 0) for (let i = moved; i < result.length; i++) result[i] += delta;
  return result;
}

/** The index of the first of ascending `values` at or after `offset`. */
function firstAtOrAfter(values: ArrayLike<number>, offset: number): number {
  return partitionPoint(values.length, (i) => values[i] < offset);
}

/** The index of the first of ascending `values` after `offset` (how many are at or before it). */
function firstAfter(values: ArrayLike<number>, offset: number): number {
  return firstAtOrAfter(values, offset + 1);
}

/** Code units per checkpoint of `LineIndex.widthBefore`. */
const BLOCK = 512;

/**
 * The width of the code unit at `i` in `encoding`, so that widths sum to whole characters:
 * the high half of a surrogate pair counts 0 and the low half the whole character.
 */
function unitWidth(text: string, i: number, encoding: PositionEncoding): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 0;
  } else if (c >= 0xdc00 && c <= 0xdfff) {
    const previous = text.charCodeAt(i - 1);
    if (previous >= 0xd800 && previous <= 0xdbff) return encoding === 'utf-32' ? 1 : 4;
  }
  return encoding === 'utf-32' ? 1 : utf8Length(c);
}

function columnLength(text: string, from: number, to: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return to - from;
  let n = 0;
  for (let i = from; i < to; ) {
    const code = text.codePointAt(i)!;
    i += code > 0xffff ? 2 : 1;
    if (i > to) break; // `to` splits a surrogate pair: count only whole characters
    n += encoding === 'utf-32' ? 1 : utf8Length(code);
  }
  return n;
}

/** Whether `offset` falls between the two halves of a surrogate pair. */
function isInsidePair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

function clamp(n: number, low: number, high: number): number {
  return n < low ? low : n > high ? high : n;
}

/** Applies non-overlapping edits to `text` (in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  }
  return result;
}
