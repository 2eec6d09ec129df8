/**
 * The WIT formatter: the canonical style of wasm-tools' WIT printer, applied to the
 * author's own text. It decides only the whitespace between tokens, so it never reorders,
 * adds or drops a token, and it keeps every comment. Pure: a text and its tree in, edits out.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Span, TextEdit } from '../text';
import { commentsIn, newlinesIn, UnexpectedText, type Comment } from './gaps';
import { spaceBetween, type Blank, type Separator } from './rules';
import { streamTokens, type Token } from './tokens';

export interface FormatOptions {
  /**
   * One level of indentation. The canonical style is two spaces; an editor that asks for
   * tabs gets one tab per level.
   */
  indent: string;
}

export const CANONICAL: FormatOptions = { indent: '  ' };

/** The edits that format the text, or why it is left alone. */
export type FormatResult = { edits: TextEdit[] } | { refused: string };

/**
 * The edits that bring `text` (parsed as `tree`) to the canonical layout; with `range`,
 * only the whitespace that overlaps it. A text with syntax errors is refused: its layout
 * cannot be known, and formatting around an error could damage it.
 */
export function formatEdits(text: string, tree: Tree, options: FormatOptions = CANONICAL, range?: Span): FormatResult {
  if (tree.rootNode.hasError) return { refused: syntaxErrorReason(tree.rootNode) };
  const from = range ? Math.max(0, range.start) : 0;
  const to = range ? Math.min(text.length, range.end) : text.length;
  const renderer = new Renderer(text, options, from, to);
  try {
    let previous: Token | null = null;
    const { toEnd } = streamTokens(tree, text, from, to, (token, skippedBefore) => {
      if (previous) renderer.gap(previous, token);
      else if (!skippedBefore) renderer.gap(null, token); // the file's first token
      previous = token;
    });
    if (previous) {
      if (toEnd) renderer.gap(previous, null);
    } else {
      renderer.gap(null, null); // no token at all
    }
  } catch (error) {
    if (error instanceof UnexpectedText) return { refused: `unexpected text at offset ${error.offset}` };
    throw error;
  }
  return { edits: renderer.edits };
}

/** `text` formatted, or why it is left alone. */
export function formatText(text: string, tree: Tree, options: FormatOptions = CANONICAL): { text: string } | { refused: string } {
  const result = formatEdits(text, tree, options);
  if ('refused' in result) return result;
  let formatted = '';
  let at = 0;
  for (const edit of result.edits) {
    formatted += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return { text: formatted + text.slice(at) };
}

function syntaxErrorReason(root: Node): string {
  let node = root;
  for (;;) {
    const next = node.children.find((c) => c !== null && (c.hasError || c.isError || c.isMissing));
    if (!next || next.isError || next.isMissing) {
      const at = next ?? node;
      return `the file has a syntax error at line ${at.startPosition.row + 1}, column ${at.startPosition.column + 1}; fix it before formatting`;
    }
    node = next;
  }
}

/** Where the layout of a gap puts the line breaks, one gap at a time. */
class Renderer {
  readonly edits: TextEdit[] = [];
  private readonly eol: string;
  private readonly lineBreaks = new Map<number, string>();

  constructor(
    private readonly text: string,
    private readonly options: FormatOptions,
    private readonly from: number,
    private readonly to: number,
  ) {
    const newline = text.indexOf('\n');
    this.eol = newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
  }

  /** Lays out the whitespace between `a` and `b` (null: the start or the end of the file). */
  gap(a: Token | null, b: Token | null): void {
    const { text } = this;
    const start = a ? a.end : 0;
    const end = b ? b.start : text.length;
    const comments = commentsIn(text, start, end);
    const separator: Separator = a && b ? b.separator : FILE_EDGE;
    const lineSeparated = separator.kind === 'line';
    let broke = false;
    let previous: Token | Comment | null = a;
    let previousStartedLine = false;
    let segmentStart = start;
    for (let i = 0; i <= comments.length; i++) {
      const x: Comment | null = i < comments.length ? comments[i] : null;
      const segmentEnd = x ? x.start : end;
      const newlines = newlinesIn(text, segmentStart, segmentEnd);
      const empty = segmentEnd === segmentStart;
      let replacement: string;
      let startsLine = false;
      if (previous === null) {
        replacement = text.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK : ''; // the start of the file
        startsLine = true;
      } else if (!x && !b) {
        replacement = this.eol + (newlines >= 2 ? this.eol : '');
      } else {
        const afterComment = previous !== a;
        let lineBreak: boolean;
        if (afterComment && (previous as Comment).line) lineBreak = true;
        else if (x) lineBreak = newlines > 0;
        else if (lineSeparated) lineBreak = !(afterComment && previousStartedLine && newlines === 0);
        else lineBreak = afterComment && newlines > 0;
        if (lineBreak) {
          const blanks = this.blankLines(separator, !broke, !x, newlines);
          const depth = !b ? 0 : !lineSeparated ? b.depth + 1 : x && b.closesBlock ? b.depth + 1 : b.depth;
          replacement = this.lineBreak(blanks, depth);
          broke = true;
          startsLine = true;
        } else if (!afterComment && !x) {
          replacement = spaceBetween(a!, b!) ? ' ' : '';
        } else {
          replacement = empty && !(x && x.line) ? '' : ' ';
        }
      }
      this.replace(segmentStart, segmentEnd, replacement);
      if (x) {
        previous = x;
        previousStartedLine = startsLine;
        segmentStart = x.end;
      }
    }
  }

  private blankLines(separator: Separator, first: boolean, last: boolean, newlines: number): number {
    let policy: Blank = 'none';
    if (separator.kind === 'line') {
      if (first && last) policy = separator.last === 'none' ? 'none' : separator.first;
      else if (first) policy = separator.first;
      else if (last) policy = separator.last;
      else policy = 'keep';
    }
    return policy === 'one' ? 1 : policy === 'keep' && newlines >= 2 ? 1 : 0;
  }

  /**
   * Records the edit of the whitespace `start..end` if it lies in the range: if it ends in
   * it and starts before its end, so a range that holds a line reindents that line and
   * leaves the next one alone. The file's final line break belongs to its last line.
   */
  private replace(start: number, end: number, replacement: string): void {
    if (end < this.from || start > this.to) return;
    if (start === this.to && this.from !== this.to && end !== this.text.length) return;
    if (end - start === replacement.length && this.text.startsWith(replacement, start)) return;
    this.edits.push({ span: { start, end }, newText: replacement });
  }

  /** A line break with `blanks` blank lines, then the indentation of `depth`; made once each. */
  private lineBreak(blanks: number, depth: number): string {
    const key = blanks * 1024 + depth;
    let text = this.lineBreaks.get(key);
    if (text === undefined) {
      text = this.eol.repeat(1 + blanks) + this.options.indent.repeat(depth);
      this.lineBreaks.set(key, text);
    }
    return text;
  }
}

const BYTE_ORDER_MARK = '\ufeff';

/** Comments before the first token or after the last: each on its own line unless it trails a token. */
const FILE_EDGE: Separator = { kind: 'line', first: 'keep', last: 'keep' };
