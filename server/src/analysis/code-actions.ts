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
 * function signature; should two fixes ever touch the same text, the first one wins
 * and the other waits for the next run, so the list never holds overlapping edits.
 */
export function fixAllEdits(analysis: Analysis): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const diagnostic of analysis.rules) {
    const edits = diagnostic.fix?.edits ?? [];
    if (edits.some((edit) => taken.some((other) => overlaps(edit.span, other.span)))) continue;
    taken.push(...edits);
  }
  return taken;
}

/** Whether two edits would touch the same text (two insertions at one point count). */
function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end ? true : a.start === b.start || a.end === b.end;
}
