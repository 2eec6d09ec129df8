import type { Workspace } from '../model';
import type { Span } from '../text';
import { nameTargetAt, occurrencesOf } from './occurrences';

/** A spelling of the name under the cursor: `write` where it is declared, `read` where used. */
export interface DocumentHighlight {
  span: Span;
  kind: 'read' | 'write';
}

/**
 * Every spelling in `uri` of the name at `offset`, resolved by the workspace model so that
 * two types of the same name in different interfaces stay apart. A `use` that renames
 * starts a name of its own: on `b` of `use t.{a as b}` the uses of `b` light up, not `a`.
 */
export function documentHighlights(workspace: Workspace, uri: string, offset: number): DocumentHighlight[] {
  const target = nameTargetAt(workspace, uri, offset);
  if (!target) return [];
  const { declarations, references } = occurrencesOf(workspace, target, false);
  const byStart = new Map<number, DocumentHighlight>();
  for (const reference of references) {
    if (reference.uri === uri) byStart.set(reference.span.start, { span: reference.span, kind: 'read' });
  }
  // A declaration wins over a reference on the same identifier (`use t.{a}` does both).
  for (const declaration of declarations) {
    if (declaration.uri === uri) byStart.set(declaration.nameSpan.start, { span: declaration.nameSpan, kind: 'write' });
  }
  return [...byStart.values()].sort((a, b) => a.span.start - b.span.start);
}
