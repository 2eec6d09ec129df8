import type { Node, Tree } from 'web-tree-sitter';
import { TYPEDEF_TYPES, fieldNode, nameText } from './syntax';

/** Finds the typedef a named type refers to. */
export interface TypeResolver {
  /**
   * The typedef item (`type_alias`, `record_item`, ..., `resource_item`) that `reference`
   * (a `named_type`, or the identifier inside `borrow<..>`/`own<..>`) names, or null.
   */
  resolveType(reference: Node): Node | null;
}

const SCOPE_TYPES = ['interface_body', 'world_body'];

/**
 * Resolution within one file: typedefs of the enclosing interface or world, and names
 * brought in by `use local-interface.{...}` from an interface in the same file. The
 * workspace model (../model) resolves across files and packages.
 */
export const fileTypeResolver: TypeResolver = {
  resolveType(reference) {
    const identifier = reference.type === 'named_type' ? fieldNode(reference, 'name') : reference;
    if (!identifier) return null;
    let scope: Node | null = identifier.parent;
    while (scope && !SCOPE_TYPES.includes(scope.type)) scope = scope.parent;
    return scope ? lookupInScope(scope, nameText(identifier), 0) : null;
  },
};

/** A scope's typedefs by name and its `use` items, built once per scope and tree. */
interface ScopeIndex {
  typedefs: Map<string, Node>;
  uses: Node[];
}

/**
 * Indexes per tree: a lookup would otherwise walk every member of the scope, and the
 * rules look up every named type of every async function (quadratic on large files).
 */
const scopeIndexes = new WeakMap<Tree, Map<number, ScopeIndex>>();

function indexOf(scope: Node): ScopeIndex {
  let perTree = scopeIndexes.get(scope.tree);
  if (!perTree) scopeIndexes.set(scope.tree, (perTree = new Map()));
  let index = perTree.get(scope.id);
  if (!index) {
    index = { typedefs: new Map(), uses: [] };
    for (const member of scope.namedChildren) {
      if (!member) continue;
      if ((TYPEDEF_TYPES as readonly string[]).includes(member.type)) {
        const memberName = fieldNode(member, 'name');
        const key = memberName && nameText(memberName);
        if (key && !index.typedefs.has(key)) index.typedefs.set(key, member);
      } else if (member.type === 'use_item') {
        index.uses.push(member);
      }
    }
    perTree.set(scope.id, index);
  }
  return index;
}

function lookupInScope(scope: Node, name: string, depth: number): Node | null {
  if (depth > 16) return null; // `use` chains in a file are short; this stops cycles
  const index = indexOf(scope);
  const typedef = index.typedefs.get(name);
  if (typedef) return typedef;
  for (const use of index.uses) {
    const found = lookupThroughUse(use, name, depth);
    if (found) return found;
  }
  return null;
}

function lookupThroughUse(use: Node, name: string, depth: number): Node | null {
  const path = fieldNode(use, 'path');
  const names = fieldNode(use, 'names');
  if (!path || !names || fieldNode(path, 'namespace')) return null; // foreign: not in this file
  const interfaceName = fieldNode(path, 'name');
  if (!interfaceName) return null;
  for (const useName of names.namedChildren) {
    if (!useName || useName.type !== 'use_name') continue;
    const original = fieldNode(useName, 'name');
    const local = fieldNode(useName, 'alias') ?? original;
    if (!original || !local || nameText(local) !== name) continue;
    const target = findInterface(use, nameText(interfaceName));
    const body = target && fieldNode(target, 'body');
    return body ? lookupInScope(body, nameText(original), depth + 1) : null;
  }
  return null;
}

/** The interface named `name` in the same package block (file or nested package). */
function findInterface(from: Node, name: string): Node | null {
  let container: Node | null = from.parent;
  while (container && container.type !== 'nested_package' && container.type !== 'source_file') {
    container = container.parent;
  }
  for (const item of container?.namedChildren ?? []) {
    if (item?.type !== 'interface_item') continue;
    const itemName = fieldNode(item, 'name');
    if (itemName && nameText(itemName) === name) return item;
  }
  return null;
}

/** Types that carry a pending value: the call that receives one waits on it. */
export type AsyncValueKind = 'stream' | 'future';

/**
 * The first `stream` or `future` type inside `type`, looking through aliases, records,
 * variants and container types; null when there is none.
 */
export function findAsyncValue(
  type: Node,
  resolver: TypeResolver,
  kinds: readonly AsyncValueKind[] = ['stream', 'future'],
): { kind: AsyncValueKind; node: Node } | null {
  const seen = new Set<number>();
  // Depth first with an explicit stack, not recursion: types nest as deep as a user
  // writes them (`list<list<...>>` thousands deep must not overflow the call stack).
  const pending: Node[] = [type];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'stream_type' && kinds.includes('stream')) return { kind: 'stream', node };
    if (node.type === 'future_type' && kinds.includes('future')) return { kind: 'future', node };
    if (node.type === 'named_type') {
      const target = resolver.resolveType(node);
      if (!target || seen.has(target.id)) continue;
      seen.add(target.id);
      const inside = typedefContents(target);
      if (inside) pending.push(inside);
      continue;
    }
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) pending.push(child);
    }
  }
  return null;
}

/** The part of a typedef that can hold a stream or future; enums, flags and resources hold none. */
function typedefContents(item: Node): Node | null {
  switch (item.type) {
    case 'type_alias':
      return fieldNode(item, 'type');
    case 'record_item':
    case 'variant_item':
      return fieldNode(item, 'body');
    default:
      return null;
  }
}

/**
 * The streams and futures `type` is made of when it is nothing but them at the top level:
 * a `stream`, a `future`, or a tuple whose every element is one, looking through `type`
 * aliases (also ones brought in by `use`). Null otherwise: a stream inside a `result`,
 * `option` or record, or a tuple that also holds plain data, still leaves a value to be
 * produced before the function returns (whether `open` succeeds, a column list).
 */
export function onlyAsyncValues(type: Node, resolver: TypeResolver): AsyncValueKind[] | null {
  const top = throughAliases(type, resolver);
  if (!top) return null;
  if (top.type === 'stream_type') return ['stream'];
  if (top.type === 'future_type') return ['future'];
  if (top.type !== 'tuple_type') return null;
  const kinds: AsyncValueKind[] = [];
  const elements = top.childrenForFieldName('element').filter((e): e is Node => e !== null);
  for (const element of elements) {
    const inner = throughAliases(element, resolver);
    if (inner?.type === 'stream_type') kinds.push('stream');
    else if (inner?.type === 'future_type') kinds.push('future');
    else return null;
  }
  return kinds.length > 0 ? kinds : null;
}

/** The type a chain of `type` aliases ends at; null for an unknown name or a cycle. */
function throughAliases(type: Node, resolver: TypeResolver): Node | null {
  const seen = new Set<number>();
  let node = type;
  while (node.type === 'named_type') {
    const target = resolver.resolveType(node);
    if (!target || seen.has(target.id)) return null;
    seen.add(target.id);
    if (target.type !== 'type_alias') return target;
    const aliased = fieldNode(target, 'type');
    if (!aliased) return null;
    node = aliased;
  }
  return node;
}

/** How a reader names what `onlyAsyncValues` found: `a stream`, `a stream and a future`. */
export function describeAsyncValues(kinds: readonly AsyncValueKind[]): string {
  const streams = kinds.filter((k) => k === 'stream').length;
  const futures = kinds.length - streams;
  const count = (n: number, word: string): string => (n === 0 ? '' : n === 1 ? `a ${word}` : `${n} ${word}s`);
  return [count(streams, 'stream'), count(futures, 'future')].filter(Boolean).join(' and ');
}
