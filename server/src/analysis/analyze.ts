import type { WitDocument } from './document';
import type { WitDiagnostic } from './diagnostics';
import { RULES } from './rules';
import { applyRuleSeverity, type RuleDiagnostic, type RuleSeverity } from './rules/rule';
import { lexicalChecks, withLexicalErrors } from './lexical-checks';
import { syntaxErrors } from './syntax-errors';
import type { Span } from './text';
import { fileTypeResolver, type TypeResolver } from './types';

export interface AnalysisSettings {
  /** Severity per rule code; a missing entry means `default`. */
  rules: Readonly<Record<string, RuleSeverity | undefined>>;
  /** Enabled `@unstable(feature = ..)` features; items behind others are absent. */
  features?: readonly string[];
  /** `wit.analysis.maxFileSize`: above it, only file-local analysis (see limits.ts). */
  maxFileSize?: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { rules: {} };

/** The findings for one version of a document. */
export interface Analysis {
  syntax: WitDiagnostic[];
  /** Rule diagnostics at the severities the settings give; rules set to `off` are absent. */
  rules: RuleDiagnostic[];
  /** Cross-file semantic errors from the workspace model (`model/`), when one is attached. */
  semantic?: WitDiagnostic[];
}

export function analyze(
  document: WitDocument,
  settings: AnalysisSettings = DEFAULT_SETTINGS,
  resolver: TypeResolver = fileTypeResolver,
): Analysis {
  return { syntax: fileErrors(document), rules: ruleFindings(document, settings, resolver) };
}

/**
 * Every rule's findings at the severities `settings` give, in `RULES` order, only those in
 * `within` if given. A finding's explanation is written now, while its tree is alive: a
 * kept finding (`FileAnalysisCache`) outlives the tree, which the next edit frees.
 */
export function ruleFindings(document: WitDocument, settings: AnalysisSettings, resolver: TypeResolver, within?: Span): RuleDiagnostic[] {
  const rules: RuleDiagnostic[] = [];
  for (const rule of RULES) {
    const setting = settings.rules[rule.code];
    if (setting === 'off') continue;
    for (const diagnostic of rule.check({ document, resolver, within })) {
      const severity = applyRuleSeverity(diagnostic.severity, setting);
      if (severity === null) continue;
      const markdown = diagnostic.explain();
      rules.push({ ...diagnostic, severity, explain: () => markdown });
    }
  }
  return rules;
}

/** A file's own errors, before any model: what wit-parser's lexer and parser reject. */
export function fileErrors(document: WitDocument): WitDiagnostic[] {
  return withLexicalErrors(lexicalChecks(document), syntaxErrors(document));
}

export function allDiagnostics(analysis: Analysis): WitDiagnostic[] {
  return [...analysis.syntax, ...analysis.rules, ...(analysis.semantic ?? [])].sort((a, b) => a.span.start - b.span.start);
}
