import type { Node } from 'web-tree-sitter';
import { fieldNode } from './syntax';

// Where no model holds a file (analyze's default, tests of one module), its own tree answers.
export { fileTypeResolver } from './file-resolver';

/** The syntax of a resolved item, live or the model's plain copy: enough to tell its kind and attributes. */
export interface ItemSyntax {
  readonly type: string;
  childrenForFieldName(field: string): ({ type: string } | null)[];
}

/**
 * What names in a file's current tree stand for, `use` aliases followed. Features get one
 * from the model (`Workspace.typeResolver`), which sees across files and packages and, for
 * a tree it does not hold, answers from the file alone (`fileTypeResolver`).
 */
export interface TypeResolver {
  /**
   * The typedef item (`type_alias`, `record_item`, ..., `resource_item`) that `reference`
   * (a `named_type`, or the identifier inside `borrow<..>`/`own<..>`) names, or null.
   */
  resolveType(reference: Node): Node | null;
  /**
   * The typedef a type name (in a `named_type`, `borrow<..>`/`own<..>`, or a local name of
   * `use x.{..}`) refers to, as the cheapest syntax that tells its kind: colouring a file
   * asks for every name, and the model answers from its copy without touching the tree.
   */
  typedefOf(identifier: Node): ItemSyntax | null;
  /**
   * The item a name declares or refers to (interface, world, typedef, function, field,
   * case, parameter), in its file's current tree; null for a package or an unknown name.
   */
  resolveName(identifier: Node): Node | null;
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
