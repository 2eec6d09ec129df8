import { fieldNode, nameText } from '../../syntax';
import { HANDLE_TYPES, LEAF_TYPES } from '../extract';
import { declarationAtName, resolveTypeName } from '../resolve';
import { ownerOf, reportError, scopeOfDeclaration, type GroupState, type ItemScope } from '../state';
import type { SyntaxNode } from '../syntax-copy';
import type { Declaration } from '../types';

/**
 * Types and handles: every name in a typedef or signature resolves, handles hold resources,
 * map keys are primitive, constructors return their resource, results hold no `borrow`.
 */

const MAP_KEY_PRIMITIVES = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'char', 'string']);

/** One `containsBorrow` search: the typedefs visited, and how often it met one again. */
interface BorrowSearch {
  seen: Set<Declaration>;
  pruned: number;
}

export function checkTypedef(scope: ItemScope, item: SyntaxNode): void {
  const decl = declarationAtName(scope.file, fieldNode(item, 'name'));
  if (item.type === 'resource_item') {
    const body = fieldNode(item, 'body');
    for (const member of body?.namedChildren ?? []) {
      if (!member) continue;
      const resourceName = decl?.name ?? '';
      if (member.type === 'constructor_item') {
        checkParams(scope, member);
        checkConstructorResult(scope, member, decl ?? null);
      } else if (member.type === 'method_item') {
        const name = fieldNode(member, 'name')?.text ?? '';
        const prefix = fieldNode(member, 'static') ? '[static]' : '[method]';
        checkFunction(scope, member, `${prefix}${resourceName}.${name}`, fieldNode(member, 'type'));
      }
    }
    return;
  }
  for (const child of item.namedChildren) if (child && child.type !== 'identifier') checkType(scope, child, true);
}

export function checkFunction(scope: ItemScope, item: SyntaxNode, displayName: string, funcType: SyntaxNode | null): void {
  if (!funcType) return;
  const params = fieldNode(funcType, 'params');
  if (params) checkType(scope, params, false);
  const result = fieldNode(funcType, 'result');
  if (!result) return;
  checkType(scope, result, false);
  if (containsBorrow(scope.group, scope, result, { seen: new Set(), pruned: 0 })) {
    const at = fieldNode(item, 'name') ?? item;
    reportError(scope.file, at.startIndex, at.endIndex, 'borrow-in-result',
      `function \`${displayName}\` returns a type which contains a \`borrow<T>\` which is not supported`);
  }
}

function checkParams(scope: ItemScope, item: SyntaxNode): void {
  const params = fieldNode(item, 'params');
  if (params) checkType(scope, params, false);
}

function checkConstructorResult(scope: ItemScope, ctor: SyntaxNode, resource: Declaration | null): void {
  const result = fieldNode(ctor, 'result');
  if (!result) return;
  checkType(scope, result, false);
  if (result.type !== 'result_type') {
    reportError(scope.file, result.startIndex, result.endIndex, 'constructor-result',
      'if a constructor return type is declared it must be a `result`');
    return;
  }
  const ok = fieldNode(result, 'ok');
  const okName = ok?.type === 'named_type' ? fieldNode(ok, 'name') : ok?.type === 'own_type' ? fieldNode(ok, 'resource') : null;
  const okTarget = okName ? resolveTypeName(okName, scope, false) : null;
  if (!ok || !resource || okTarget !== resource) {
    // wit-parser points at the `ok` type when there is one, else at the whole result.
    const at = ok ?? result;
    reportError(scope.file, at.startIndex, at.endIndex, 'constructor-result',
      'the `ok` type must be the resource being constructed');
  }
}

/**
 * Resolves every name in a type (or parameter list) and checks handles and map keys.
 * Depth first with an explicit stack: types nest as deep as a user writes them, and
 * `list<list<...>>` thousands deep must not overflow the call stack.
 */
function checkType(scope: ItemScope, type: SyntaxNode, inTypedef: boolean): void {
  // Each node's type is read once and carried along: every read crosses into wasm.
  const pending: { node: SyntaxNode; type: string }[] = [{ node: type, type: type.type }];
  while (pending.length > 0) {
    const { node, type: nodeType } = pending.pop()!;
    checkTypeNode(scope, node, nodeType, inTypedef);
    if (nodeType === 'named_type' || HANDLE_TYPES.has(nodeType) || LEAF_TYPES.has(nodeType)) continue;
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      const childType = child?.type;
      if (child && childType !== 'identifier' && childType !== 'comment') pending.push({ node: child, type: childType! });
    }
  }
}

function checkTypeNode(scope: ItemScope, node: SyntaxNode, nodeType: string, inTypedef: boolean): void {
  if (nodeType === 'named_type') {
    const name = fieldNode(node, 'name');
    if (name) resolveTypeName(name, scope, inTypedef);
    return;
  }
  if (HANDLE_TYPES.has(nodeType)) {
    const name = fieldNode(node, 'resource');
    const target = name && resolveTypeName(name, scope, inTypedef);
    if (!name || !target) return;
    const resource = followTypeAliases(target);
    if (resource && resource.kind !== 'resource') {
      const group = scope.group;
      const foreign = ownerOf(resource) !== group || group.scopes.get(resource.container!)?.pkg !== scope.pkg;
      reportError(scope.file, name.startIndex, name.endIndex, 'not-a-resource',
        foreign ? 'type used in a handle must be a resource' : `type \`${nameText(name)}\` used in a handle must be a resource`,
        [{ uri: resource.uri, span: resource.nameSpan, message: `\`${resource.name}\` is defined here` }]);
    }
    return;
  }
  if (nodeType === 'map_type') {
    const key = fieldNode(node, 'key');
    // wit-parser checks the key's own type: even an alias of `string` is refused. It reports
    // at `map`, so the range runs from there to the key.
    if (key && !(key.type === 'primitive_type' && MAP_KEY_PRIMITIVES.has(key.text))) {
      reportError(scope.file, node.startIndex, key.endIndex, 'map-key',
        'invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string');
    }
  }
}

/** `type a = b;` chains end at the typedef they alias (or null when one does not resolve). */
function followTypeAliases(decl: Declaration): Declaration | null {
  const seen = new Set<Declaration>();
  let current: Declaration | null = decl;
  while (current && current.kind === 'type' && !seen.has(current)) {
    seen.add(current);
    const aliased: SyntaxNode | null = fieldNode(current.node, 'type');
    if (!aliased) return null;
    if (aliased.type !== 'named_type') return current;
    const scope = scopeOfDeclaration(current);
    const name: SyntaxNode | null = fieldNode(aliased, 'name');
    current = scope && name ? resolveTypeName(name, scope, true) : null;
  }
  return current;
}

/**
 * Whether a `borrow<..>` is reachable from a type: a depth-first search over the typedefs
 * it names, each visited once. Whether one is reachable through a typedef does not depend
 * on where the search came from, so each function result after the first reuses the
 * answers (an answer is kept unless the search was cut short at an already visited name,
 * which a cycle can make incomplete).
 */
function containsBorrow(group: GroupState, scope: ItemScope, node: SyntaxNode, search: BorrowSearch, nodeType = node.type): boolean {
  if (nodeType === 'borrow_type') return true;
  if (nodeType === 'named_type') {
    const name = fieldNode(node, 'name');
    const target = name && resolveTypeName(name, scope, false);
    if (!target) return false;
    if (search.seen.has(target)) {
      search.pruned++;
      return false;
    }
    search.seen.add(target);
    if (target.kind !== 'type' && target.kind !== 'record' && target.kind !== 'variant') return false;
    const known = group.borrowMemo.get(target);
    if (known !== undefined) return known;
    const targetScope = scopeOfDeclaration(target);
    if (!targetScope) return false;
    const pruned = search.pruned;
    const found = childrenContainBorrow(targetScope.group, targetScope, target.node, search);
    if (found || search.pruned === pruned) group.borrowMemo.set(target, found);
    return found;
  }
  return !LEAF_TYPES.has(nodeType) && childrenContainBorrow(group, scope, node, search);
}

function childrenContainBorrow(group: GroupState, scope: ItemScope, node: SyntaxNode, search: BorrowSearch): boolean {
  return node.namedChildren.some((child) => {
    const childType = child?.type;
    return !!child && childType !== 'identifier' && containsBorrow(group, scope, child, search, childType);
  });
}
