import type { Span, TextEdit } from './text';

/** Severities, numbered as in LSP (and in `wit-ls check --format json`). */
export const Severity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

export const SEVERITY_NAMES: Record<Severity, string> = {
  1: 'error',
  2: 'warning',
  3: 'information',
  4: 'hint',
};

/** A problem found in a WIT text. Spans are UTF-16 offsets into that text. */
export interface WitDiagnostic {
  span: Span;
  severity: Severity;
  /** Stable identifier: a rule's code, `syntax-error`, or a semantic check's code. */
  code: string;
  message: string;
  /** Where the rule is documented, if it has a page. */
  documentation?: string;
  /** Other places that explain this one (e.g. the first of two duplicates). */
  related?: { uri: string; span: Span; message: string }[];
  /** The edit that fixes it, if one is known to be safe. */
  fix?: Fix;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (shown first, applied by "auto fix"). */
  isPreferred?: boolean;
}

/** The README section that documents a rule. */
export function ruleDocumentation(code: string): string {
  return `https://github.com/wit-ls/wit-ls/blob/main/README.md#${code}`;
}
