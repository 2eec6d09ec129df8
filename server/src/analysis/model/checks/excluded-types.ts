import type { SyntaxNode } from '../syntax-copy';
import type { Declaration } from '../types';

/**
 * wit-parser drops an interface or world whose own `@unstable` feature is off, but still
 * resolves the types it defines (typedefs and `use`d names): each one that carries no
 * `@unstable` gate of its own then belongs to an excluded item, and wit-parser rejects the
 * package. Only the item carrying the gate counts: a type in an inline interface of a gated
 * world is dropped with the world, silently. Reports at the type's name.
 */
export function checkExcludedType(
  owner: Declaration,
  ownerGateOn: boolean,
  member: SyntaxNode,
  typeName: SyntaxNode,
  report: (node: SyntaxNode, message: string) => void,
): void {
  if (ownerGateOn || member.childrenForFieldName('attribute').some((a) => a.type === 'unstable_attribute')) return;
  const kind = owner.kind === 'world' ? 'world' : 'interface';
  report(
    typeName,
    `found a reference to a ${kind} which is excluded due to its feature not being activated; ` +
      `this type is not gated by a feature but its ${kind} is`,
  );
}

/**
 * A type of a world (a typedef or a `use`d name) behind an `@unstable` feature that is off:
 * wit-parser drops the type but the world still lists it among its imports, so it rejects
 * the world even when nothing uses the type (seen on wit-parser through jco; a quirk of the
 * reference rather than a rule of WIT, matched so that verdicts agree). Reports at the name.
 */
export function checkExcludedWorldType(owner: Declaration, ownerActive: boolean, memberActive: boolean, typeName: SyntaxNode,
  report: (node: SyntaxNode, message: string) => void): void {
  if (owner.kind !== 'world' || !ownerActive || memberActive) return;
  report(typeName, 'found a reference to a type which is excluded due to its feature not being activated');
}

/**
 * A function of a resource that is gated off by its own `@unstable` feature, while the
 * interface or world around it is active: wit-parser drops the resource but keeps each of
 * its functions that carries no `@unstable` gate itself, and such a function refers to the
 * dropped resource (as `self`, or through what it makes). Reports at the function's name.
 */
export function checkResourceFunction(resourceGateOn: boolean, containerActive: boolean, member: SyntaxNode, name: SyntaxNode,
  report: (node: SyntaxNode, message: string) => void): void {
  if (resourceGateOn || !containerActive) return;
  if (member.childrenForFieldName('attribute').some((a) => a.type === 'unstable_attribute')) return;
  report(name, 'found a reference to a type which is excluded due to its feature not being activated');
}
