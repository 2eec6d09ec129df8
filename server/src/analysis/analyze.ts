import type { WitDocument } from './document';
import type { WitDiagnostic } from './diagnostics';
import { RULES } from './rules';
import { applyRuleSeverity, type RuleDiagnostic, type RuleSeverity } from './rules/rule';
import { lexicalErrors, listSizeErrors, nestingErrors, withLexicalErrors } from './lexical-checks';
import { syntaxErrors } from './syntax-errors';
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
  const rules: RuleDiagnostic[] = [];
  for (const rule of RULES) {
    const setting = settings.rules[rule.code];
    if (setting === 'off') continue;
    for (const diagnostic of rule.check({ document, resolver })) {
      const severity = applyRuleSeverity(diagnostic.severity, setting);
      if (severity !== null) rules.push({ ...diagnostic, severity });
    }
  }
  return { syntax: fileErrors(document), rules };
}

/** A file's own errors, before any model: what wit-parser's lexer and parser reject. */
export function fileErrors(document: WitDocument): WitDiagnostic[] {
  const parseErrors = [...lexicalErrors(document), ...listSizeErrors(document), ...nestingErrors(document)];
  return withLexicalErrors(parseErrors, syntaxErrors(document));
}

export function allDiagnostics(analysis: Analysis): WitDiagnostic[] {
  return [...analysis.syntax, ...analysis.rules, ...(analysis.semantic ?? [])].sort((a, b) => a.span.start - b.span.start);
}
