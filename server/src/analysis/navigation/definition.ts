import type { Declaration, Workspace } from '../model';
import type { Span } from '../text';
import { resolvedAt } from './occurrences';

/** Where a name is declared, and which span of the source names it. */
export interface DefinitionLink {
  /** The name under the cursor (a reference's span or a declaration's name). */
  originSpan: Span;
  uri: string;
  /** The whole declaration. */
  span: Span;
  /** Its name, where the editor puts the cursor. */
  nameSpan: Span;
}

/**
 * The declaration the name at `offset` stands for, across files and packages. `use`
 * aliases are followed to the original, so "go to definition" on `b` of `use t.{a as b}`
 * lands on `a`'s declaration in `t`. Empty when nothing resolves there.
 */
export function definitionAt(workspace: Workspace, uri: string, offset: number): DefinitionLink[] {
  const target = resolvedAt(workspace, uri, offset);
  if (!target) return [];
  const origin = workspace.referenceAt(uri, offset)?.span ?? workspace.declarationAt(uri, offset)?.nameSpan ?? target.nameSpan;
  return [link(origin, target)];
}

function link(originSpan: Span, declaration: Declaration): DefinitionLink {
  return { originSpan, uri: declaration.uri, span: declaration.span, nameSpan: declaration.nameSpan };
}
