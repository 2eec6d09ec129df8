/**
 * Splits the text of a node that lies on one line in the canonical layout (a function, a
 * type alias, a `use`, a field, ...) into tokens. Reading tokens from the text is many times
 * faster than visiting every leaf of the tree through web-tree-sitter's wasm boundary, and
 * it is safe: it runs only on nodes of an error-free tree, and anything it does not know
 * stops the formatter instead of being guessed at. The corpus tests compare its tokens with
 * the tree's.
 */
import { isWhitespace, UnexpectedText } from './gaps';
import { FLAT } from './rules';
import type { Token } from './tokens';

const WORD = /%?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*/y;
const VERSION = /[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?/y;
const INTEGER = /[0-9]+/y;
const STRING = /"(?:[^"\\\n]|\\.)*"/y;
const PUNCTUATION = new Set(['(', ')', '<', '>', ',', ':', ';', '_', '{', '}', '=', '@', '.', '/']);

/** The tokens of `text.slice(start, end)` (at most `max`), comments and whitespace skipped. */
export function lex(text: string, start: number, end: number, into: Token[], max = Infinity): void {
  let i = start;
  const limit = into.length + max;
  while (i < end && into.length < limit) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 || eol > end ? end : eol;
    } else if (c === '/' && text[i + 1] === '*') {
      i = skipBlockComment(text, i, end);
    } else if (isWhitespace(text, i)) {
      i++;
    } else if (c === '-' && text[i + 1] === '>') {
      into.push(token(i, i + 2, '->'));
      i += 2;
    } else if (PUNCTUATION.has(c)) {
      into.push(token(i, i + 1, c));
      i++;
    } else {
      const digit = c >= '0' && c <= '9';
      let match: RegExpExecArray | null = null;
      // A version (`1.2.3`, the only numbers with dots) before a bare integer (`list<u8, 4>`).
      for (const pattern of c === '"' ? [STRING] : digit ? [VERSION, INTEGER] : [WORD]) {
        pattern.lastIndex = i;
        match = pattern.exec(text);
        if (match) break;
      }
      if (!match || i + match[0].length > end) throw new UnexpectedText(i);
      const word = match[0];
      into.push(token(i, i + word.length, 'word', word));
      i += word.length;
    }
  }
}

function skipBlockComment(text: string, start: number, end: number): number {
  let depth = 0;
  let i = start;
  while (i < end) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      i += 2;
      if (--depth === 0) return i;
    } else {
      i++;
    }
  }
  throw new UnexpectedText(start);
}

/** A token with its layout still to be filled in (all fields present, so every token has one shape). */
function token(start: number, end: number, type: string, text?: string): Token {
  return { start, end, type, text, joinsName: false, tight: false, depth: 0, separator: FLAT, closesBlock: false };
}
