/**
 * The lexical context before the cursor, for completion: the tokens of the current
 * statement and the blocks open around it. Read from the text, not the tree, because the
 * code being typed rarely parses yet.
 */
import type { Node } from 'web-tree-sitter';

export type BlockKind =
  | 'file'
  | 'package'
  | 'interface'
  | 'world'
  | 'resource'
  | 'record'
  | 'variant'
  | 'enum'
  | 'flags'
  | 'use-names'
  | 'include-names'
  | 'other';

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Where a path being typed starts: back over `ns:pkg/name@1.0.0` characters. */
export function pathStartOf(text: string, wordStart: number): number {
  let start = wordStart;
  while (start > 0 && /[%\w\-:/@.+]/.test(text[start - 1])) start--;
  return start;
}

/** The tokens of the current statement before `end`: after the last `;`, `{` or `}`. */
export function statementTokens(tokens: readonly Token[], end: number): Token[] {
  let to = tokens.length;
  while (to > 0 && tokens[to - 1].start >= end) to--;
  let from = to;
  while (from > 0 && !['{', '}', ';'].includes(tokens[from - 1].text)) from--;
  return tokens.slice(from, to);
}

export function tokensSince(tokens: readonly Token[], offset: number): Token[] {
  return tokens.filter((t) => t.start > offset);
}

/** The statement without its leading `@name(...)` attributes. */
export function withoutAttributes(statement: readonly Token[]): Token[] {
  let i = 0;
  while (statement[i]?.text === '@') {
    i += 2; // `@` and the attribute's name
    if (statement[i]?.text === '(') {
      while (i < statement.length && statement[i].text !== ')') i++;
      if (i >= statement.length) return []; // still inside the attribute's parentheses
      i++;
    }
  }
  return statement.slice(i);
}

/**
 * Where lexing may start instead of the file's beginning: the end of the last top-level
 * item before `offset`, when everything up to it parsed cleanly (so no brace before it is
 * left open). In a long file this keeps completion from re-reading all that precedes.
 */
export function restartOffset(root: Node, offset: number): number {
  let restart = 0;
  for (const item of root.children) {
    if (item.endIndex > offset) break;
    if (item.type === 'ERROR' || item.hasError) return restart;
    if (item.type !== 'comment') restart = item.endIndex;
  }
  return restart;
}

export interface Block {
  kind: BlockKind;
  /** Offset of its `{`. */
  open: number;
  /** For `use-names`: the path before `.{`. */
  path: string;
  /** For `include-names`: an offset inside the included world's path. */
  pathName?: number;
}

/**
 * Tokens of `text` from `from` (a top-level boundary) to `offset`, and the blocks open
 * there. Null when `offset` is inside a comment or a string, where nothing is completed.
 */
export function lex(text: string, from: number, offset: number): { tokens: Token[]; blocks: Block[] } | null {
  const tokens: Token[] = [];
  const blocks: Block[] = [{ kind: 'file', open: -1, path: '' }];
  let i = from;
  while (i < offset) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      if (end === -1 || end >= offset) return null;
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      let depth = 0;
      let j = i;
      while (j < text.length) {
        if (text.startsWith('/*', j)) (depth++, (j += 2));
        else if (text.startsWith('*/', j)) {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      if (depth > 0 || j > offset) return null;
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= offset) return null;
      tokens.push({ text: text.slice(i, j + 1), start: i, end: j + 1 });
      i = j + 1;
    } else if (text.startsWith('->', i)) {
      tokens.push({ text: '->', start: i, end: i + 2 });
      i += 2;
    } else if (/[%\w]/.test(c)) {
      let j = i + 1;
      // A version (`0.2.0-rc`) is one token; its last `.` in `@0.2.0.{` is not part of it.
      const isVersion = /\d/.test(c);
      while (j < offset && (/[\w-]/.test(text[j]) || (isVersion && text[j] === '.' && /[0-9A-Za-z]/.test(text[j + 1] ?? '')))) j++;
      tokens.push({ text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      if (c === '{') blocks.push(openBlock(tokens, i, text));
      else if (c === '}' && blocks.length > 1) blocks.pop();
      tokens.push({ text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return { tokens, blocks };
}

/** What kind of block a `{` opens, from the tokens of its statement. */
function openBlock(tokens: readonly Token[], open: number, text: string): Block {
  const statement = withoutAttributes(statementTokens(tokens, open));
  const words = statement.map((t) => t.text);
  const previous = words[words.length - 1];
  if (previous === '.' && words[0] === 'use') {
    const pathStart = statement[1]?.start ?? open;
    return { kind: 'use-names', open, path: text.slice(pathStart, statement[statement.length - 1].start).replace(/\s+/g, '') };
  }
  if (previous === 'with' && words[0] === 'include' && statement.length >= 3) {
    // An offset inside the world's name (before any `@version`), where the model has its reference.
    let name = statement.length - 2;
    if (statement[name - 1]?.text === '@') name -= 2;
    return { kind: 'include-names', open, path: '', pathName: statement[Math.max(name, 1)].end - 1 };
  }
  const kind: BlockKind | undefined = (
    {
      package: 'package',
      interface: 'interface',
      world: 'world',
      resource: 'resource',
      record: 'record',
      variant: 'variant',
      enum: 'enum',
      flags: 'flags',
    } as Record<string, BlockKind>
  )[words.find((w) => ['package', 'interface', 'world', 'resource', 'record', 'variant', 'enum', 'flags'].includes(w)) ?? ''];
  return { kind: kind ?? 'other', open, path: '' };
}
