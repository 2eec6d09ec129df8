import { describeDeclaration, type Hover } from '../hover';
import type { Workspace } from '../model';
import { resolvedAt } from './occurrences';

/**
 * The hover for a name the workspace model resolves, wherever it is declared: a type
 * `use`d from another file, an interface of a dependency named by its path, a world in
 * an `include`. Shows the declaration (as WIT) and its docs; null off a resolved name.
 */
export function resolvedNameHover(workspace: Workspace, uri: string, offset: number): Hover | null {
  const reference = workspace.referenceAt(uri, offset);
  const declaration = reference ? null : workspace.declarationAt(uri, offset);
  const target = resolvedAt(workspace, uri, offset);
  if (!target || target.kind === 'package') return null;
  const span = reference?.span ?? declaration?.nameSpan;
  const syntax = workspace.syntaxOf(target);
  if (!span || !syntax) return null;
  return { span, markdown: describeDeclaration(syntax) };
}
