/**
 * The text between two tokens: whitespace and comments, nothing else in a tree without
 * syntax errors. Comments are read here rather than from the tree, because tree-sitter
 * hangs them on whichever node was open, while their place in the layout depends only on
 * the tokens around them.
 */

export interface Comment {
  start: number;
  /** End of the comment's text; a line comment's trailing whitespace is left out. */
  end: number;
  line: boolean;
}

/** Something in a gap that is neither whitespace nor a comment: the text is not WIT. */
export class UnexpectedText extends Error {
  constructor(readonly offset: number) {
    super(`unexpected text at offset ${offset}`);
  }
}

const WHITESPACE = /\s/;
const NO_COMMENTS: readonly Comment[] = [];

/** Whether the character at `i` is whitespace as the grammar's `\s` extra reads it. */
export function isWhitespace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || (c > 0x08 && c < 0x0e) || (c > 0x7f && WHITESPACE.test(text[i]));
}

/** The comments in `text.slice(start, end)`, where the rest must be whitespace. */
export function commentsIn(text: string, start: number, end: number): readonly Comment[] {
  let comments: Comment[] | undefined;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      let j = text.indexOf('\n', i);
      if (j === -1 || j > end) j = end;
      let trimmed = j;
      while (trimmed > i && isWhitespace(text, trimmed - 1)) trimmed--;
      (comments ??= []).push({ start: i, end: trimmed, line: true });
      i = j;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = blockCommentEnd(text, i, end);
      if (close < 0) throw new UnexpectedText(i);
      (comments ??= []).push({ start: i, end: close, line: false });
      i = close;
    } else if (isWhitespace(text, i)) {
      i++;
    } else {
      throw new UnexpectedText(i);
    }
  }
  return comments ?? NO_COMMENTS;
}

/** The end of the nested block comment starting at `start` (as the grammar's scanner reads it), or -1. */
function blockCommentEnd(text: string, start: number, limit: number): number {
  let depth = 0;
  let i = start;
  while (i < limit) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      i += 2;
      if (--depth === 0) return i <= limit ? i : -1;
    } else {
      i++;
    }
  }
  return -1;
}

/** Line breaks in `text.slice(start, end)`. */
export function newlinesIn(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
