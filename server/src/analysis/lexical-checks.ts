import type { Node } from 'web-tree-sitter';
import { Severity, type WitDiagnostic } from './diagnostics';
import type { WitDocument } from './document';
import { SYNTAX_ERROR_CODE } from './syntax-errors';

/**
 * wit-parser's lexer rejects some characters anywhere in a file, comments included, before
 * it reads a single token (`detect_invalid_input`): control codes other than tab, line feed
 * and carriage return, bidirectional overrides (CVE-2021-42574: text that reads differently
 * than it parses) and code points Unicode deprecates or discourages. Outside comments a
 * carriage return must start a CRLF pair. The grammar treats these as whitespace or comment
 * text, so they are found here, by scanning the text.
 */
const FORBIDDEN = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u0149\u0673\u0f77\u0f79\u17a3\u17a4\u17b4\u17b5]|\r(?!\n)/g;

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const DISCOURAGED = /[\u0149\u0673\u0f77\u0f79\u17a3\u17a4\u17b4\u17b5]/;

export function lexicalErrors(document: WitDocument): WitDiagnostic[] {
  const errors: WitDiagnostic[] = [];
  const root = document.tree.rootNode;
  for (const match of document.text.matchAll(FORBIDDEN)) {
    const ch = match[0];
    const at = match.index;
    let message: string;
    if (ch === '\r') {
      // wit-parser reads comments up to a line feed, so a lone CR inside one is comment text.
      if (inComment(root, at)) continue;
      message = "unexpected character '\\r': a carriage return must be followed by a line feed";
    } else if (BIDI.test(ch)) {
      message = `Input contains bidirectional override codepoint '${escaped(ch)}': it can make code read differently than it parses`;
    } else if (DISCOURAGED.test(ch)) {
      message = `Codepoint '${escaped(ch)}' is discouraged by Unicode`;
    } else {
      message = `Control code '${escaped(ch)}' is not allowed in WIT, not even in a comment`;
    }
    errors.push({ span: { start: at, end: at + 1 }, severity: Severity.Error, code: SYNTAX_ERROR_CODE, message });
  }
  return errors;
}

/**
 * The size of a fixed-size list, `list<T, N>`, is a `u32`: wit-parser fails to read a
 * larger one while parsing. Found from the text (sizes are rare), confirmed on the tree.
 */
export function listSizeErrors(document: WitDocument): WitDiagnostic[] {
  const errors: WitDiagnostic[] = [];
  const root = document.tree.rootNode;
  for (const match of document.text.matchAll(/,\s*([0-9]{10,})/g)) {
    const start = match.index + match[0].length - match[1].length;
    if (BigInt(match[1]) <= 0xffff_ffffn) continue;
    const node = root.descendantForIndex(start, start + 1);
    if (node?.type !== 'integer' || node.parent?.type !== 'list_type') continue;
    errors.push({
      span: { start, end: start + match[1].length },
      severity: Severity.Error,
      code: SYNTAX_ERROR_CODE,
      message: 'invalid list size: number too large to fit in target type',
    });
  }
  return errors;
}

const CONTAINERS = new Set(['list_type', 'map_type', 'option_type', 'result_type', 'tuple_type', 'future_type', 'stream_type']);
const NESTING_LIMIT = 100;

/**
 * wit-parser stops at 100 anonymous types nested in each other (`list<list<...>>`; a named
 * type starts again from zero): "type nesting too deep". Reported at the type that reaches
 * the limit. The text is scanned first, so the tree is walked only when `<` nests that deep.
 */
export function nestingErrors(document: WitDocument): WitDiagnostic[] {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < document.text.length; i++) {
    const c = document.text.charCodeAt(i);
    if (c === 60 /* < */) deepest = Math.max(deepest, ++depth);
    else if (c === 62 /* > */ && depth > 0) depth--;
  }
  if (deepest < NESTING_LIMIT) return [];
  const errors: WitDiagnostic[] = [];
  const pending: [Node, number][] = [[document.tree.rootNode, 0]];
  while (pending.length > 0) {
    const [node, outer] = pending.pop()!;
    const level = CONTAINERS.has(node.type) ? outer + 1 : node.type === 'named_type' ? 0 : outer;
    if (level === NESTING_LIMIT) {
      errors.push({ span: { start: node.startIndex, end: node.endIndex }, severity: Severity.Error, code: SYNTAX_ERROR_CODE, message: 'type nesting too deep' });
      continue;
    }
    for (const child of node.namedChildren) if (child) pending.push([child, level]);
  }
  return errors;
}

function inComment(root: Node, offset: number): boolean {
  const node = root.descendantForIndex(offset, offset + 1);
  return node?.type === 'comment';
}

/** As Rust's `char::escape_unicode` writes it, the form wit-parser's messages use. */
function escaped(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/**
 * The syntax errors of a file with its lexical errors: a character the lexer rejects is
 * reported once, as a lexical error, even where the parser also stumbles on it.
 */
export function withLexicalErrors(lexical: WitDiagnostic[], syntax: WitDiagnostic[]): WitDiagnostic[] {
  if (lexical.length === 0) return syntax;
  const starts = new Set(lexical.map((d) => d.span.start));
  return [...lexical, ...syntax.filter((d) => !starts.has(d.span.start))].sort((a, b) => a.span.start - b.span.start);
}
