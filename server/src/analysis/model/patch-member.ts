import { fieldNode, nameText } from '../syntax';
import type { Span } from '../text';
import { checkFunction, checkTypedef } from './checks/types';
import { declareParams, declareTypeMembers } from './declare';
import { HANDLE_TYPES } from './extract';
import { firstReferenceFrom, type FileState, type GroupState, type ItemScope } from './state';
import type { SyntaxNode } from './syntax-copy';
import type { Declaration } from './types';

/**
 * One member of an interface or world declared and checked again after an edit inside it
 * (patch.ts): a function's signature, or a type definition's body. What other items see of
 * the member stays: its name, and for a type definition the names its body refers to and
 * whether it holds a `borrow` (all that handle checks, `borrow` in results and type cycles
 * read of it).
 */

/** The place inside a member that an edit may change, by member type. */
const INTERIORS: Record<string, string> = {
  func_item: 'type',
  method_item: 'type',
  import_item: 'type',
  export_item: 'type',
  type_alias: 'type',
  record_item: 'body',
  variant_item: 'body',
  enum_item: 'body',
  flags_item: 'body',
};
const FUNCTIONS = new Set(['func_item', 'method_item', 'import_item', 'export_item']);

/** Whether `node` is the part of a member an edit inside it may change (a signature or a body). */
export function isMemberInterior(node: SyntaxNode): boolean {
  const member = node.parent;
  if (!member || INTERIORS[member.type] !== node.field) return false;
  return FUNCTIONS.has(member.type) ? node.type === 'func_type' : true;
}

export interface MemberEdit {
  decl: Declaration;
  old: SyntaxNode;
  new: SyntaxNode;
}

/**
 * The declaration of the member whose interior changed from `oldInterior` to `newInterior`,
 * or null when the edit changes what other items see of it (or the member declares nothing).
 */
export function memberEdit(file: FileState, oldInterior: SyntaxNode, newInterior: SyntaxNode, oldText: string): MemberEdit | null {
  const old = oldInterior.parent!;
  const name = fieldNode(old, 'name');
  const decl = name && file.byNameNode.get(name);
  if (!decl || decl.node !== old) return null;
  // A type behind a disabled feature named inside is reported at the member's name (resolve.ts), outside the interior.
  if (file.diagnostics.some((d) => d.code === 'inactive-reference' && d.span.start === decl.nameSpan.start)) return null;
  if (!FUNCTIONS.has(old.type)) {
    if (outwardFacts(oldInterior, oldText) !== outwardFacts(newInterior, newInterior.source.text)) return null;
    // A type cycle is reported at a name inside a body, by a check of the whole group.
    if (file.diagnostics.some((d) => d.code === 'cycle' && within(d.span, oldInterior))) return null;
  }
  return { decl, old, new: newInterior.parent! };
}

/** Whether the edited member is a type definition, which other files' rules may read through. */
export function isTypedef(edit: MemberEdit): boolean {
  return !FUNCTIONS.has(edit.old.type);
}

/** Drops what the old member gave: its parameters or fields, and the references and errors inside it. */
export function forgetMember(group: GroupState, file: FileState, { decl, old }: MemberEdit): void {
  const interior = fieldNode(old, INTERIORS[old.type])!;
  // A member's parameters, fields or cases are declared right after it.
  const first = file.declarations.indexOf(decl) + 1;
  let count = 0;
  while (file.declarations[first + count]?.container === decl) count++;
  for (const child of file.declarations.splice(first, count)) {
    const name = child.kind === 'constructor' ? null : fieldNode(child.node, 'name');
    if (name) file.byNameNode.delete(name);
  }
  const from = firstReferenceFrom(file.references, interior.startIndex);
  file.references.splice(from, firstReferenceFrom(file.references, interior.endIndex) - from);
  // Besides errors inside it, a member is reported at its name when a function returns a
  // `borrow` or a variant or enum is empty.
  const atName = (span: Span, code: string | number | undefined) =>
    span.start === decl.nameSpan.start && (code === 'borrow-in-result' || code === 'empty-type');
  removeWhere(file.diagnostics, (d) => within(d.span, interior) || atName(d.span, d.code));
  const pending = [interior];
  while (pending.length > 0) {
    const node = pending.pop()!;
    group.typeMemo.delete(node);
    group.pathMemo.delete(node);
    pending.push(...node.children);
  }
}

/** Declares the new member's parameters or fields and resolves and checks its types, as a build would. */
export function checkMember(group: GroupState, file: FileState, { decl, new: member }: MemberEdit): void {
  const declared = file.declarations.length;
  if (FUNCTIONS.has(member.type)) declareParams(group, file, fieldNode(member, 'type'), decl);
  else declareTypeMembers(group, file, member, decl);
  file.declarations.splice(file.declarations.indexOf(decl) + 1, 0, ...file.declarations.splice(declared));
  const scope = scopeOfMember(group, decl);
  if (!scope) return;
  const recorded = file.references.length;
  if (FUNCTIONS.has(member.type)) checkFunction(scope, member, displayName(decl, member), fieldNode(member, 'type'));
  else checkTypedef(scope, member);
  const references = file.references.splice(recorded);
  file.references.splice(firstReferenceFrom(file.references, member.startIndex), 0, ...references);
  file.diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * What other items read of a type definition's body: the names it refers to outside and
 * inside handles, and whether it holds a `borrow`. Names are read from `text` (an old copy's
 * nodes read the current text).
 */
function outwardFacts(interior: SyntaxNode, text: string): string {
  const plain = new Set<string>();
  const handles = new Set<string>();
  let borrows = false;
  const nameOf = (identifier: SyntaxNode | null) => (identifier ? text.slice(identifier.startIndex, identifier.endIndex).replace(/^%/, '') : '');
  const pending = [interior];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'named_type') plain.add(nameOf(fieldNode(node, 'name')));
    else if (HANDLE_TYPES.has(node.type)) {
      handles.add(nameOf(fieldNode(node, 'resource')));
      borrows ||= node.type === 'borrow_type';
    } else pending.push(...node.children);
  }
  return JSON.stringify([[...plain].sort(), [...handles].sort(), borrows]);
}

/** The interface or world whose names a member's types are resolved in. */
function scopeOfMember(group: GroupState, decl: Declaration): ItemScope | undefined {
  const container = decl.container;
  if (!container) return undefined;
  // A method's container is its resource; its names are the interface's.
  return group.scopes.get(container) ?? (container.container && group.scopes.get(container.container));
}

/** The name wit-parser gives a function in its messages (`[method]r.name` for methods). */
function displayName(fn: Declaration, member: SyntaxNode): string {
  if (member.type === 'import_item' || member.type === 'export_item') return nameText(fieldNode(member, 'name')!);
  if (member.type !== 'method_item') return fieldNode(member, 'name')?.text ?? '';
  return `${fn.kind === 'static-method' ? '[static]' : '[method]'}${fn.container?.name ?? ''}.${fieldNode(member, 'name')?.text ?? ''}`;
}

function within(span: Span, node: SyntaxNode): boolean {
  return span.start >= node.startIndex && span.end <= node.endIndex;
}

function removeWhere<T>(items: T[], drop: (item: T) => boolean): void {
  let kept = 0;
  for (const item of items) if (!drop(item)) items[kept++] = item;
  items.length = kept;
}
