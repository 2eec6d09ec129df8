import type { Analysis } from './analyze';
import type { Fix, WitDiagnostic } from './diagnostics';
import type { Span, TextEdit } from './text';

/** The fixes of diagnostics that touch `span`, each with the diagnostic it fixes. */
export function quickFixes(analysis: Analysis, span: Span): { diagnostic: WitDiagnostic; fix: Fix }[] {
  const found: { diagnostic: WitDiagnostic; fix: Fix }[] = [];
  for (const diagnostic of analysis.rules) {
    if (!diagnostic.fix) continue;
    if (diagnostic.span.start <= span.end && span.start <= diagnostic.span.end) {
      found.push({ diagnostic, fix: diagnostic.fix });
    }
  }
  return found;
}

/**
 * Every rule fix of the document as one edit list. Each fix stays inside its own
 * function signature, so the lists never overlap.
 */
export function fixAllEdits(analysis: Analysis): TextEdit[] {
  return analysis.rules.flatMap((d) => d.fix?.edits ?? []);
}
