import type { Node } from 'web-tree-sitter';
import { Severity, type WitDiagnostic } from './diagnostics';
import type { WitDocument } from './document';
import { SYNTAX_ERROR_CODE } from './syntax-errors';
import type { Span } from './text';

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

/**
 * The file's own errors in `span` (the whole text by default) that wit-parser finds before or
 * while parsing and the grammar lets through. Each is reported where it starts; the results
 * for spans that cover the text side by side are those for the whole text, so they can be
 * kept per region (`FileAnalysisCache`).
 */
export function lexicalChecks(document: WitDocument, span: Span = wholeText(document)): WitDiagnostic[] {
  return [...lexicalErrors(document, span), ...listSizeErrors(document, span), ...nestingErrors(document, span)];
}

function wholeText(document: WitDocument): Span {
  return { start: 0, end: document.text.length };
}

export function lexicalErrors(document: WitDocument, span: Span = wholeText(document)): WitDiagnostic[] {
  const errors: WitDiagnostic[] = [];
  const root = document.tree.rootNode;
  // One more character: a CR at the end of the span is lone only if no LF follows it.
  const text = document.text.slice(span.start, span.end + 1);
  for (const match of text.matchAll(FORBIDDEN)) {
    const ch = match[0];
    const at = span.start + match.index;
    if (at >= span.end) break;
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
export function listSizeErrors(document: WitDocument, span: Span = wholeText(document)): WitDiagnostic[] {
  const errors: WitDiagnostic[] = [];
  const root = document.tree.rootNode;
  const text = document.text.slice(span.start, span.end);
  const commas = [...text.matchAll(/,\s*[0-9]{10,}/g)].map((m) => span.start + m.index);
  // A size that runs on past the span still counts, as it does in the whole text.
  const cut = /,\s*[0-9]*$/.exec(text);
  if (cut && span.start + cut.index !== commas[commas.length - 1]) commas.push(span.start + cut.index);
  for (const comma of commas) {
    const size = /,\s*([0-9]{10,})/y;
    size.lastIndex = comma;
    const match = size.exec(document.text);
    if (!match) continue;
    const start = comma + match[0].length - match[1].length;
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
 * the limit, in the span where it starts. The span's text is scanned first, so the tree is
 * walked only when `<` nests that deep in it (the type at the limit may be a bare `future`:
 * one `<` fewer). A type lies inside one member, and the spans `FileAnalysisCache` asks for
 * end at members' ends, so a type at the limit has all its `<` in its span.
 */
export function nestingErrors(document: WitDocument, span: Span = wholeText(document)): WitDiagnostic[] {
  if (deepestAngles(document.text, span.start, span.end) < NESTING_LIMIT - 1) return [];
  const errors: WitDiagnostic[] = [];
  // Top-down, entering only the nodes that overlap the span (a node's `parent` costs a search from the root).
  const pending: [Node, number][] = [[document.tree.rootNode, 0]];
  while (pending.length > 0) {
    const [node, outer] = pending.pop()!;
    const level = CONTAINERS.has(node.type) ? outer + 1 : node.type === 'named_type' ? 0 : outer;
    if (level === NESTING_LIMIT) {
      if (node.startIndex >= span.start) {
        errors.push({ span: { start: node.startIndex, end: node.endIndex }, severity: Severity.Error, code: SYNTAX_ERROR_CODE, message: 'type nesting too deep' });
      }
      continue;
    }
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && child.startIndex < span.end && child.endIndex > span.start) pending.push([child, level]);
    }
  }
  return errors.sort((a, b) => a.span.start - b.span.start);
}

/** How deep `<` nests in `[start, end)` of `text` (an unmatched `>` counts for nothing). */
function deepestAngles(text: string, start: number, end: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 /* < */) deepest = Math.max(deepest, ++depth);
    else if (c === 62 /* > */ && depth > 0) depth--;
  }
  return deepest;
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
