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
 * function signature; should two fixes ever touch the same text, the earlier one wins
 * and the other waits for the next run, so the list never holds overlapping edits.
 */
export function fixAllEdits(analysis: Analysis): TextEdit[] {
  const fixes = analysis.rules
    .map((d) => d.fix?.edits ?? [])
    .filter((edits) => edits.length > 0)
    .map((edits) => ({
      edits,
      start: Math.min(...edits.map((e) => e.span.start)),
      end: Math.max(...edits.map((e) => e.span.end)),
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: TextEdit[] = [];
  let takenEnd = -1;
  for (const fix of fixes) {
    // Two insertions at one point would have no defined order: that counts as touching.
    if (fix.start < takenEnd || (fix.start === takenEnd && fix.start === fix.end)) continue;
    taken.push(...fix.edits);
    takenEnd = fix.end;
  }
  return taken;
}
