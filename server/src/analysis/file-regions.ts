import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import type { DocumentEdit } from './document';

/**
 * One top-level item of a file (package declaration, `use`, interface, world, nested package,
 * comment, ERROR) with the text between it and the item before. The regions of a file cover
 * its text side by side; the last one has no item and holds the text after the last item.
 * `FileAnalysisCache` keeps each region's findings while no edit reaches it.
 */
export class Region<Findings> {
  /** What other items can see of this one: its kind and name (see `signatureOf`). */
  readonly signature: string;
  findings: Findings | undefined;

  constructor(
    public start: number,
    public end: number,
    signature: string,
  ) {
    this.signature = signature;
  }
}

/** The regions of `tree` over a text of `length`, walking the top-level items once. */
export function regionsOf<F>(tree: Tree, length: number): Region<F>[] {
  const cursor = tree.walk();
  try {
    const regions = cursor.gotoFirstChild() ? collect<F>(cursor, 0, Infinity) : [];
    if (!regions) throw new Error('unreachable: a walk to the end always ends at an item');
    return withTail(regions, length);
  } finally {
    cursor.delete();
  }
}

/**
 * Brings `regions` (of the text before `edits`) to `tree` and its text of `length`: regions
 * no edit and no changed range reaches are kept (moved by the edits before them); each run of
 * reached regions is read again from the tree, between the kept regions around it. Returns
 * the new regions, the kept ones by identity, and `changed`: whether a reached run's items now
 * have other kinds or names than before, which may change what names resolve to elsewhere.
 * Returns null where the kept regions no longer line up with the tree's items; the caller
 * starts over from `regionsOf`.
 */
export function updateRegions<F>(
  regions: readonly Region<F>[],
  edits: readonly DocumentEdit[],
  tree: Tree,
  length: number,
  move: (region: Region<F>, delta: number) => void,
): { regions: Region<F>[]; namesChanged: boolean } | null {
  const reached = new Set<Region<F>>();
  for (const edit of edits) {
    const delta = edit.newEnd - edit.oldEnd;
    for (const region of regions) {
      // A region that ends where an edit starts is reached: its last character's meaning
      // (a lone CR) depends on the next one, and its item may grow into the edit.
      if (region.end < edit.start) continue;
      if (region.start <= edit.oldEnd) reached.add(region);
      else if (!reached.has(region)) {
        move(region, delta);
        region.start += delta;
        region.end += delta;
      }
    }
    for (const range of edit.changed) {
      for (const region of regions) if (region.start <= range.end && range.start <= region.end) reached.add(region);
    }
  }
  if (reached.size === 0) return { regions: [...regions], namesChanged: false };
  const updated: Region<F>[] = [];
  let namesChanged = false;
  const cursor = tree.walk();
  try {
    for (let i = 0; i < regions.length; ) {
      if (!reached.has(regions[i])) {
        updated.push(regions[i++]);
        continue;
      }
      const first = i;
      while (i < regions.length && reached.has(regions[i])) i++;
      const from = updated.length > 0 ? updated[updated.length - 1].end : 0;
      const fresh = readRun<F>(cursor, from, regions[i], length);
      if (!fresh) return null;
      const before = regions.slice(first, i).map((r) => r.signature).join('\n');
      if (fresh.map((r) => r.signature).join('\n') !== before) namesChanged = true;
      updated.push(...fresh);
    }
  } finally {
    cursor.delete();
  }
  return { regions: updated, namesChanged };
}

/**
 * The regions of the items between `from` (where a kept region ends) and the kept region
 * `next` (none: up to the end of the text); null when the items do not end exactly where
 * `next` starts, or what follows them is not `next`'s item (or, for the text after the last
 * item, anything at all).
 */
function readRun<F>(cursor: TreeCursor, from: number, next: Region<F> | undefined, length: number): Region<F>[] | null {
  cursor.gotoParent();
  // The first item that ends after `from`, if any.
  if (!cursor.gotoFirstChildForIndex(from)) {
    if (!next) return withTail([], length, from);
    return next.signature === 'end' && next.start === from ? [] : null;
  }
  if (cursor.startIndex < from) return null; // an item reaches back into a kept region
  const regions = collect<F>(cursor, from, next ? next.start : Infinity);
  if (!regions) return null;
  if (!next) return withTail(regions, length, from);
  const following = cursor.gotoNextSibling();
  if (next.signature === 'end') return following ? null : regions;
  return following && cursor.endIndex === next.end ? regions : null;
}

/**
 * Regions for the item under `cursor` and its next siblings, the first one starting at `from`,
 * up to an item that ends exactly at `to` (or the last item when `to` is Infinity).
 */
function collect<F>(cursor: TreeCursor, from: number, to: number): Region<F>[] | null {
  const regions: Region<F>[] = [];
  let start = from;
  for (;;) {
    const end = cursor.endIndex;
    if (end > to) return null;
    regions.push(new Region<F>(start, end, signatureOf(cursor.currentNode)));
    start = end;
    if (end === to) return regions;
    if (!cursor.gotoNextSibling()) return to === Infinity ? regions : null;
  }
}

/** `regions` followed by the region of the text after them, up to `length`. */
function withTail<F>(regions: Region<F>[], length: number, from = 0): Region<F>[] {
  const start = regions.length > 0 ? regions[regions.length - 1].end : from;
  regions.push(new Region<F>(start, length, 'end'));
  return regions;
}

/** The kinds whose names other items refer to (within the file and across files). */
const NAMED = new Set(['interface_item', 'world_item', 'package_decl', 'toplevel_use']);

/**
 * What other items can see of one: its kind, and the name of an interface, world, package
 * or top-level `use`; for a nested package, those of everything in it.
 */
function signatureOf(node: Node): string {
  if (node.type === 'nested_package') {
    const inside = node.descendantsOfType(['interface_item', 'world_item', 'package_name']);
    return `${node.type}{${inside.map((n) => (n?.type === 'package_name' ? n.text : n && signatureOf(n))).join(';')}}`;
  }
  if (!NAMED.has(node.type)) return node.type;
  const name = node.childForFieldName('name');
  return `${node.type} ${name ? name.text : node.text}`;
}
