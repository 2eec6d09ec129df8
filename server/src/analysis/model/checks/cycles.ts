import { fieldNode, nameText } from '../../syntax';
import { HANDLE_TYPES, LEAF_TYPES } from '../extract';
import { resolvePath, resolveTypeName } from '../resolve';
import { ownerOf, reportError, type GroupState, type ItemScope } from '../state';
import type { SyntaxNode } from '../syntax-copy';
import type { Declaration } from '../types';

/** Cycles: types that hold themselves, interfaces and worlds that use themselves, packages that name themselves. */

interface Edge {
  target: Declaration;
  at: SyntaxNode;
  scope: ItemScope;
}

/** `type a = b; type b = option<a>;` and records that hold themselves (not through handles). */
export function checkTypeCycles(group: GroupState): void {
  const edges = new Map<Declaration, Edge[]>();
  for (const scope of group.scopes.values()) {
    for (const decl of scope.names.values()) {
      if (decl.kind !== 'type' && decl.kind !== 'record' && decl.kind !== 'variant') continue;
      const list: Edge[] = [];
      // An explicit stack, not recursion: types can nest thousands deep. Each node's type
      // is read once (a crossing into wasm); leaves and comments hold no names.
      const pending: { node: SyntaxNode; type: string }[] = [];
      const pushChildren = (node: SyntaxNode): void => {
        const children = node.namedChildren;
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i];
          const type = child?.type;
          if (child && type !== 'identifier' && type !== 'comment' && !LEAF_TYPES.has(type!)) pending.push({ node: child, type: type! });
        }
      };
      pushChildren(decl.node);
      while (pending.length > 0) {
        const { node, type } = pending.pop()!;
        if (HANDLE_TYPES.has(type)) continue;
        if (type === 'named_type') {
          const name = fieldNode(node, 'name');
          const target = name && resolveTypeName(name, scope, true);
          if (name && target && ownerOf(target) === group) list.push({ target, at: name, scope });
          continue;
        }
        pushChildren(node);
      }
      edges.set(decl, list);
    }
  }
  reportCycles(edges, (cycle) => {
    const { at, scope, target } = cycle[0];
    reportError(scope.file, at.startIndex, at.endIndex, 'cycle', `type \`${target.name}\` depends on itself`);
  });
}

/** Interfaces that `use` each other in a circle, worlds that include each other. */
export function checkItemCycles(group: GroupState): void {
  const edges = new Map<Declaration, Edge[]>();
  for (const scope of group.scopes.values()) {
    const owner = scope.owner;
    if (owner.node.type !== 'interface_item' && owner.node.type !== 'world_item') continue;
    const list: Edge[] = [];
    for (const member of scope.body.namedChildren) {
      const type = member?.type;
      if (!member || (type !== 'use_item' && type !== 'include_item')) continue;
      const path = fieldNode(member, 'path');
      const target = path && resolvePath(group, path, scope.file, scope.block, type === 'use_item' ? 'interface' : 'world');
      if (path && target && ownerOf(target) === group && namesLocally(path, scope)) list.push({ target, at: path, scope });
    }
    edges.set(owner, list);
  }
  reportCycles(edges, (cycle) => {
    const members = cycle.map((edge) => edge.target);
    const last = members.reduce((a, b) => (a.uri > b.uri || (a.uri === b.uri && a.span.start > b.span.start) ? a : b));
    reportError(group.files.get(last.uri)!, last.nameSpan.start, last.nameSpan.end, 'cycle',
      `interface or world \`${last.name}\` depends on itself`);
  });
}

/**
 * Whether a path names an item of its own package by plain name, directly or through a
 * top-level `use` of such a name: wit-parser orders interfaces and worlds by these paths only.
 * A foreign path (`ns:pkg/name`), even to the path's own package, orders packages instead,
 * and a circle through one is a package cycle.
 */
function namesLocally(path: SyntaxNode, scope: ItemScope): boolean {
  if (fieldNode(path, 'namespace')) return false;
  const name = fieldNode(path, 'name');
  const topUse = name && scope.block.topUses.get(nameText(name));
  const usedPath = topUse && fieldNode(topUse.node, 'path');
  return !usedPath || !fieldNode(usedPath, 'namespace');
}

/** Packages of the group that name each other, or themselves, through foreign paths, in a circle. */
export function checkPackageCycles(group: GroupState): void {
  reportCycles(group.packageEdges, (cycle) => {
    const { target, file, span } = cycle[0];
    reportError(file, span.start, span.end, 'cycle', `package \`${target.key}\` creates a dependency cycle`);
  });
}

/** Depth-first search; each cycle is reported once, as its edges from the first node found on it. */
function reportCycles<K, E extends { target: K }>(edges: Map<K, E[]>, report: (cycle: E[]) => void): void {
  const state = new Map<K, 'active' | 'done'>();
  const stack: E[] = [];
  const nodes: K[] = [];
  const visit = (node: K): void => {
    state.set(node, 'active');
    nodes.push(node);
    for (const edge of edges.get(node) ?? []) {
      const seen = state.get(edge.target);
      if (seen === 'active') {
        const start = nodes.indexOf(edge.target);
        report([...stack.slice(start), edge]);
      } else if (!seen) {
        stack.push(edge);
        visit(edge.target);
        stack.pop();
      }
    }
    nodes.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
}
