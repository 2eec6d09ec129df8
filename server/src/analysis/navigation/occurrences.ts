import { followAlias, type Declaration, type Reference, type Workspace } from '../model';
import { fieldNode } from '../syntax';
import type { Span } from '../text';

/** A place in a workspace file. */
export interface Location {
  uri: string;
  span: Span;
}

/** Every place that spells one name: the declarations that introduce it and the references to them. */
export interface Occurrences {
  declarations: Declaration[];
  references: Reference[];
}

/**
 * The declaration the name at `offset` stands for, as rename and highlights see it. A
 * `use` that renames (`use t.{a as b}`, `use a:b/c as d;`) is a name of its own, so on `b`
 * this is the alias; a plain `use t.{a}` only repeats `a`, so on it this is the original.
 */
export function nameTargetAt(workspace: Workspace, uri: string, offset: number): Declaration | null {
  const direct = workspace.declarationAt(uri, offset) ?? workspace.referenceAt(uri, offset)?.target ?? null;
  if (!direct) return null;
  let target = direct;
  // One `use` at a time: a chain may pass through a renaming `use`, which is where it stops.
  for (let depth = 0; target.kind === 'use' && !hasExplicitAlias(workspace, target) && depth < 32; depth++) {
    const next = workspace.referenceAt(target.uri, target.nameSpan.start)?.target ?? target.aliasOf;
    if (!next) break;
    target = next;
  }
  return target;
}

/**
 * What the name at `offset` stands for, aliases (`use`, an include's `a as b`) followed to
 * the original: the target for definition and references. Null when nothing resolves there.
 */
export function resolvedAt(workspace: Workspace, uri: string, offset: number): Declaration | null {
  // Asking for the reference first resolves the file's group, which is when aliases learn their targets.
  const reference = workspace.referenceAt(uri, offset);
  const target = workspace.declarationAt(uri, offset) ?? reference?.target ?? null;
  return target && followAlias(target);
}

/**
 * Whether a `use` declaration names its alias itself (`as b`) rather than repeating the
 * original; an include's `a as b` always does.
 */
export function hasExplicitAlias(workspace: Workspace, declaration: Declaration): boolean {
  if (declaration.node.type === 'include_name') return true;
  if (declaration.kind !== 'use') return false;
  const identifier = workspace.document(declaration.uri)?.tree.rootNode.descendantForIndex(declaration.nameSpan.start);
  const parent = identifier?.parent;
  return !!parent && fieldNode(parent, 'alias')?.startIndex === declaration.nameSpan.start;
}

/**
 * Where `target`'s name is spelled: its declaration, references to it, and (through each
 * plain `use` that repeats the name) the names in other interfaces that stand for it.
 * With `throughAliases`, renaming `use`s are followed too, for "every use of this type"
 * rather than "every spelling of this name".
 */
export function occurrencesOf(workspace: Workspace, target: Declaration, throughAliases: boolean): Occurrences {
  const declarations: Declaration[] = [];
  const references: Reference[] = [];
  const seenDeclarations = new Set<string>();
  const seenReferences = new Set<string>();
  const queue = [target];
  while (queue.length > 0) {
    const declaration = queue.shift()!;
    const key = declarationKey(declaration);
    if (seenDeclarations.has(key)) continue;
    seenDeclarations.add(key);
    declarations.push(declaration);
    for (const reference of workspace.referencesTo(declaration)) {
      const referenceKey = `${reference.uri}#${reference.span.start}`;
      if (seenReferences.has(referenceKey)) continue;
      // referencesTo also lists references made through aliases of the declaration.
      const direct = reference.target && declarationKey(reference.target) === key;
      if (!direct && !throughAliases) continue;
      seenReferences.add(referenceKey);
      references.push(reference);
      if (reference.kind !== 'use-name' && reference.kind !== 'include-name') continue;
      const introduced = aliasDeclarationOf(workspace, reference);
      if (introduced && (throughAliases || !hasExplicitAlias(workspace, introduced))) queue.push(introduced);
    }
  }
  return { declarations, references };
}

/**
 * The declaration a `use-name` or `include-name` reference introduces: `b` for `a as b`,
 * else (a plain `use`) `a` itself.
 */
function aliasDeclarationOf(workspace: Workspace, reference: Reference): Declaration | undefined {
  const identifier = workspace.document(reference.uri)?.tree.rootNode.descendantForIndex(reference.span.start);
  const entry = identifier?.parent?.type === 'use_name' || identifier?.parent?.type === 'include_name' ? identifier.parent : null;
  const local = entry && (fieldNode(entry, 'alias') ?? fieldNode(entry, 'name'));
  if (!local) return undefined;
  return workspace.declarations(reference.uri).find((d) => d.node.type === entry.type && d.nameSpan.start === local.startIndex);
}

export function declarationKey(declaration: Declaration): string {
  return `${declaration.uri}#${declaration.nameSpan.start}:${declaration.kind}`;
}
