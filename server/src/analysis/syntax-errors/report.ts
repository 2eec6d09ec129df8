/** How a syntax error is worded and where it sits: the shared end of every syntax check. */
import type { Node } from 'web-tree-sitter';
import type { WitDocument } from '../document';
import { Severity, ruleDocumentation, type WitDiagnostic } from '../diagnostics';
import { printable, spanOf } from '../syntax';
import type { Span } from '../text';
import { leafAt } from '../tree-path';

export const SYNTAX_ERROR_CODE = 'syntax-error';

export function syntaxError(span: Span, message: string): WitDiagnostic {
  return {
    span,
    severity: Severity.Error,
    code: SYNTAX_ERROR_CODE,
    message: printable(message),
    documentation: ruleDocumentation(SYNTAX_ERROR_CODE),
  };
}


/**
 * "expected X, found Y": on the offending token when it is on the same line as `after`
 * (from `from`, when given, to it), else at the point right after `after`, where the token
 * is missing.
 */
export function expected(
  document: WitDocument,
  after: Node,
  found: Node | null,
  what: string,
  hint?: string,
  from?: Node,
): WitDiagnostic {
  const token = found && leafAt(found);
  const message = `expected ${what}, found ${token ? describe(token) : 'end of file'}${hint ? `: ${hint}` : ''}`;
  if (token && sameRow(after, token)) {
    const span = from ? { start: from.startIndex, end: token.endIndex } : spanOf(token);
    return syntaxError(firstLine(document, span), message);
  }
  return syntaxError({ start: after.endIndex, end: after.endIndex }, message);
}


function describe(token: Node): string {
  if (token.type === 'identifier') return `name \`${token.text}\``;
  return `\`${truncate(oneLine(token.text))}\``;
}

export function sameRow(a: Node, b: Node): boolean {
  return a.endPosition.row === b.startPosition.row;
}

/** `span` cut at the end of its first line: a squiggle never covers several lines. */
export function firstLine(document: WitDocument, span: Span): Span {
  const lines = document.lines;
  const lineEnd = lines.lineEnd(lines.lineOf(span.start));
  return { start: span.start, end: Math.max(span.start, Math.min(span.end, lineEnd)) };
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
