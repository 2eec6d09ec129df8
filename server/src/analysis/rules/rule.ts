import type { WitDocument } from '../document';
import type { Severity, WitDiagnostic } from '../diagnostics';
import type { Span } from '../text';
import type { TypeResolver } from '../types';

/** What a user may set a rule's severity to; `default` keeps the rule's own choice. */
export type RuleSeverity = 'default' | 'off' | 'hint' | 'information' | 'warning' | 'error';

export interface RuleContext {
  document: WitDocument;
  resolver: TypeResolver;
  /** Report only what starts inside this span (one region of `FileAnalysisCache`: an item or a member); the whole file when absent. */
  within?: Span;
}

/**
 * A check with its own message, explanation (hover) and fix, kept in one module so the
 * four never drift apart.
 */
export interface Rule {
  /** Stable diagnostic code, also the rule's setting key and README anchor. */
  readonly code: string;
  /** One line for the README and the settings description. */
  readonly summary: string;
  /** Diagnostics with their fixes, at the rule's own severities. */
  check(context: RuleContext): RuleDiagnostic[];
}

/**
 * A rule's finding. It holds no syntax node: findings of an item an edit did not reach are
 * kept across edits (`FileAnalysisCache`), and an edit frees the tree they came from.
 */
export interface RuleDiagnostic extends WitDiagnostic {
  /** Markdown explaining the diagnostic at this place (for hovers over it). */
  explain(): string;
}

export function applyRuleSeverity(severity: Severity, setting: RuleSeverity | undefined): Severity | null {
  switch (setting) {
    case undefined:
    case 'default':
      return severity;
    case 'off':
      return null;
    case 'hint':
      return 4;
    case 'information':
      return 3;
    case 'warning':
      return 2;
    case 'error':
      return 1;
  }
}
