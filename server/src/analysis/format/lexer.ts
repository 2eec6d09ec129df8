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

const VERSION = /[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?/y;
const STRING = /"(?:[^"\\\n]|\\.)*"/y;
const PUNCTUATION = new Set(['(', ')', '<', '>', ',', ':', ';', '_', '{', '}', '=', '@', '.', '/']);

/** The tokens of `text.slice(start, end)` (at most `max`), comments and whitespace skipped. */
export function lex(text: string, start: number, end: number, into: Token[], max = Infinity): void {
  let i = start;
  const limit = into.length + max;
  while (i < end && into.length < limit) {
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 || eol > end ? end : eol;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      i = skipBlockComment(text, i, end);
    } else if (isWhitespace(text, i)) {
      i++;
    } else if (c === DASH && text.charCodeAt(i + 1) === GREATER) {
      into.push(token(i, i + 2, '->'));
      i += 2;
    } else if (isLetter(c) || (c === PERCENT && isLetter(text.charCodeAt(i + 1)))) {
      const wordEnd = scanWord(text, i + 1);
      into.push(token(i, wordEnd, 'word', text.slice(i, wordEnd)));
      i = wordEnd;
    } else if (PUNCTUATION.has(text[i])) {
      into.push(token(i, i + 1, text[i]));
      i++;
    } else {
      // A version (`1.2.3`, the only numbers with dots) before a bare integer (`list<u8, 4>`);
      // a string (`@external-id("...")`).
      let tokenEnd = -1;
      if (c >= ZERO && c <= NINE) {
        VERSION.lastIndex = i;
        const version = VERSION.exec(text);
        tokenEnd = version ? i + version[0].length : scanDigits(text, i);
      } else if (c === QUOTE) {
        STRING.lastIndex = i;
        const string = STRING.exec(text);
        if (string) tokenEnd = i + string[0].length;
      }
      if (tokenEnd < 0 || tokenEnd > end) throw new UnexpectedText(i);
      into.push(token(i, tokenEnd, 'word', text.slice(i, tokenEnd)));
      i = tokenEnd;
    }
  }
}

const [SLASH, STAR, DASH, GREATER, PERCENT, QUOTE, ZERO, NINE] = ['/', '*', '-', '>', '%', '"', '0', '9'].map((c) => c.charCodeAt(0));

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isAlphanumeric(c: number): boolean {
  return isLetter(c) || (c >= ZERO && c <= NINE);
}

/** The end of a kebab-case word from `i`: a `-` continues it only before a letter or digit (`a->b` is three tokens). */
function scanWord(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (isAlphanumeric(c)) i++;
    else if (c === DASH && isAlphanumeric(text.charCodeAt(i + 1))) i += 2;
    else return i;
  }
}

function scanDigits(text: string, i: number): number {
  while (text.charCodeAt(i) >= ZERO && text.charCodeAt(i) <= NINE) i++;
  return i;
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
