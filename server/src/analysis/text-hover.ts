import type { Hover } from './hover';
import { KEYWORD_DOCS } from './keyword-docs';

/** Attribute names: words only after `@` (elsewhere they are plain identifiers). */
const ATTRIBUTES = new Set(['since', 'unstable', 'deprecated', 'external-id']);

/**
 * The hover of a keyword, built-in type or attribute at `offset`, read from the text alone:
 * for documents whose tree the server does not keep (lsp/large-documents/). WIT's keywords
 * are reserved (a name that spells one is written `%name`), so a word that spells one is
 * one, except in a comment; a line comment, and a line that starts like a block comment's,
 * are skipped, other block-comment text is not recognised.
 */
export function keywordHoverInText(text: string, offset: number): Hover | null {
  let start = offset;
  let end = offset;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  if (start === end) return null;
  const word = text.slice(start, end);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  if (before.includes('//') || /^\s*(\/\*|\*)/.test(before)) return null;
  const docs = Object.hasOwn(KEYWORD_DOCS, word) ? KEYWORD_DOCS[word] : undefined;
  if (!docs) return null;
  const sigil = text[start - 1];
  if (ATTRIBUTES.has(word)) return sigil === '@' ? { span: { start: start - 1, end }, markdown: docs } : null;
  if (sigil === '%' || sigil === '@') return null;
  return { span: { start, end }, markdown: `\`${word}\`: ${docs}` };
}

/** Letters, digits and `-`: the characters of WIT words. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}
