import { hasAttributes } from '../extract';
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

/** Type constructors wit-parser makes anonymous typedefs of (`borrow<..>` too, handled apart). */
const ANONYMOUS_TYPES = new Set(['list_type', 'map_type', 'option_type', 'result_type', 'tuple_type', 'future_type', 'stream_type']);
/** Items wit-parser remaps one at a time, reporting a failure at their name. */
const NAMED_OWNERS = new Set(['type_alias', 'record_item', 'variant_item', 'func_item', 'method_item', 'import_item', 'export_item']);
/** The owners whose own stability their anonymous types take. */
const TYPEDEFS = new Set(['type_alias', 'record_item', 'variant_item']);
/** Past this depth wit-parser refuses the type anyway (lexical-checks.ts), so the answer does not matter. */
const MAX_DEPTH = 100;

type Stability = 'none' | 'excluded' | 'included';

/**
 * Where wit-parser reports active code naming a type behind a disabled feature. It does not
 * report at the name: an anonymous type (`list<t>`, `option<t>`, `borrow<t>`, ...) takes the
 * stability of the typedef it is written in, or where that has none (always in a function)
 * of its first element type that has one (ast/resolve.rs `find_stability`); one around an
 * excluded type is then excluded too, silently, and the error comes when the enclosing
 * typedef or function is remapped (resolve.rs `update_typedef`, `update_function`), at its
 * name (`type t = gated;` at `t`; a record at the record's name, not the field's). An
 * anonymous type that some stability keeps is reported itself.
 */
export function excludedReferenceSite(identifier: SyntaxNode, resolveName: (identifier: SyntaxNode) => Declaration | null): SyntaxNode {
  let owner: SyntaxNode | null = identifier.parent;
  while (owner && !NAMED_OWNERS.has(owner.type) && owner.type !== 'constructor_item' && owner.type !== 'interface_body' && owner.type !== 'world_body') {
    owner = owner.parent;
  }
  if (!owner || owner.type === 'interface_body' || owner.type === 'world_body') return identifier;
  const ownStability = TYPEDEFS.has(owner.type) && hasGate(owner);
  // `named_type`, `own<..>` (the resource itself for wit-parser) or `borrow<..>` (anonymous,
  // reported at the resource's name when kept).
  let node = identifier.parent ?? identifier;
  if (ownStability && node.type === 'borrow_type') return identifier;
  // The types climbed so far are excluded (and `identifier` is being resolved: not asked again).
  const excluded = new Set([node]);
  for (let parent = node.parent; parent && ANONYMOUS_TYPES.has(parent.type); parent = node.parent) {
    if (ownStability || stabilityOf(parent, resolveName, excluded, 0) !== 'excluded') return parent;
    node = parent;
    excluded.add(node);
  }
  if (owner.type === 'constructor_item') return owner.children.find((c) => c.type === 'constructor') ?? owner;
  return owner.childForFieldName('name') ?? owner;
}

/** Whether an item carries `@since` or `@unstable`: a stability of its own. */
function hasGate(item: SyntaxNode): boolean {
  return hasAttributes(item) && item.childrenForFieldName('attribute').some((a) => a.type === 'since_attribute' || a.type === 'unstable_attribute');
}

function stabilityOf(
  type: SyntaxNode, resolveName: (identifier: SyntaxNode) => Declaration | null, excluded: Set<SyntaxNode>, depth: number,
): Stability {
  if (excluded.has(type)) return 'excluded';
  const name = type.type === 'named_type' ? type.childForFieldName('name')
    : type.type === 'own_type' || type.type === 'borrow_type' ? type.childForFieldName('resource') : null;
  if (name) {
    const decl = resolveName(name);
    if (!decl) return 'none';
    if (!decl.active) return 'excluded';
    const item = decl.kind === 'use' ? decl.node.parent?.parent : decl.node;
    return item && hasGate(item) ? 'included' : 'none';
  }
  if (!ANONYMOUS_TYPES.has(type.type) || depth > MAX_DEPTH) return 'none';
  for (const element of type.namedChildren) {
    const stability = element ? stabilityOf(element, resolveName, excluded, depth + 1) : 'none';
    if (stability !== 'none') return stability;
  }
  return 'none';
}
