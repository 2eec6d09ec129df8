import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import type { DocumentEdit } from './document';
import { partitionPoint } from './partition-point';

/**
 * One stretch of a file's text: a top-level item (package declaration, `use`, nested package,
 * comment, ERROR) or, inside an interface or world, one member (and inside a resource there,
 * one method), each with the text between it and the region before. A comment inside a body
 * belongs to the member after it. The regions of a file cover its text side by side; the
 * last one has no item and holds the text after the last item. `FileAnalysisCache` keeps each
 * region's findings while no edit reaches it, so typing in one function of an 800-line WASI
 * interface re-checks that function.
 */
export class Region<Findings> {
  /** What other items can see of what this region holds: kinds and names (see `signatureAt`). */
  readonly signature: string;
  findings: Findings | undefined;
  /** An edit reached this region, so an update reads its stretch again: what depended on it is stale. */
  replaced = false;

  constructor(
    public start: number,
    public end: number,
    signature: string,
  ) {
    this.signature = signature;
  }
}

/** The regions of `tree` over its `text`, walking the top-level items and the members of their bodies once. */
export function regionsOf<F>(tree: Tree, text: string): Region<F>[] {
  const cursor = tree.walk();
  try {
    const regions = cursor.gotoFirstChild() ? walkRegions<F>(cursor, text, [], 0, Infinity) : [];
    if (!regions) throw new Error('unreachable: a walk to the end always ends at an item');
    return withTail(regions, text.length);
  } finally {
    cursor.delete();
  }
}

/**
 * Brings `regions` (of the text before `edits`) to `tree` and its `text`: regions
 * no edit and no changed range reaches are kept (moved by the edits before them); each run of
 * reached regions is read again from the tree, between the kept regions around it. Returns
 * the new regions, the kept ones by identity, and `namesChanged`: whether a reached run's items now
 * have other kinds or names than before, which may change what names resolve to elsewhere.
 * Returns null where the kept regions no longer line up with the tree's items and members;
 * the caller starts over from `regionsOf`.
 */
export function updateRegions<F>(
  regions: readonly Region<F>[],
  edits: readonly DocumentEdit[],
  tree: Tree,
  text: string,
  move: (region: Region<F>, delta: number) => void,
): { regions: Region<F>[]; namesChanged: boolean } | null {
  // Marks the regions to read again (`replaced`), moves the others after each edit. A file
  // has thousands of regions: a flag, not a set, and a single edit skips those before it.
  let reached = false;
  const reach = (region: Region<F>): void => {
    region.replaced = true;
    reached = true;
  };
  for (const edit of edits) {
    const delta = edit.newEnd - edit.oldEnd;
    for (let i = edits.length === 1 ? firstEndingFrom(regions, edit.start) : 0; i < regions.length; i++) {
      const region = regions[i];
      // A region that ends where an edit starts is reached: its last character's meaning
      // (a lone CR) depends on the next one, and its item may grow into the edit.
      if (region.end < edit.start) continue;
      if (region.start <= edit.oldEnd) reach(region);
      else if (!region.replaced && delta !== 0) {
        move(region, delta);
        region.start += delta;
        region.end += delta;
      }
    }
    for (const range of edit.changed) {
      for (const region of regions) if (region.start <= range.end && range.start <= region.end) reach(region);
    }
  }
  if (!reached) return { regions: [...regions], namesChanged: false };
  const runs: { first: number; end: number; fresh: Region<F>[] }[] = [];
  let namesChanged = false;
  const cursor = tree.walk();
  try {
    for (let i = 0; i < regions.length; ) {
      if (!regions[i].replaced) {
        i++;
        continue;
      }
      const first = i;
      while (i < regions.length && regions[i].replaced) i++;
      // The region before a run is kept (or there is none): the run's text starts where it ends.
      const fresh = readRun<F>(cursor, text, first > 0 ? regions[first - 1].end : 0, regions[i]);
      if (!fresh) return null;
      if (signatures(fresh) !== signatures(regions.slice(first, i))) namesChanged = true;
      runs.push({ first, end: i, fresh });
    }
  } finally {
    cursor.delete();
  }
  return { regions: withRuns(regions, runs), namesChanged };
}

/**
 * `regions` with each run replaced by its fresh regions. Built at its final length: grown by
 * `push`, the array of a 10,000-line file's 3,500 regions left 100 KB of garbage per keystroke.
 */
function withRuns<F>(regions: readonly Region<F>[], runs: readonly { first: number; end: number; fresh: Region<F>[] }[]): Region<F>[] {
  if (runs.every((run) => run.fresh.length === run.end - run.first)) {
    const updated = regions.slice();
    for (const run of runs) for (let k = 0; k < run.fresh.length; k++) updated[run.first + k] = run.fresh[k];
    return updated;
  }
  const pieces: Region<F>[][] = [];
  let kept = 0;
  for (const run of runs) {
    pieces.push(regions.slice(kept, run.first), run.fresh);
    kept = run.end;
  }
  pieces.push(regions.slice(kept));
  return pieces.flat();
}

/**
 * The regions of the items (and members) between `from` (where a kept region ends) and the
 * kept region `next` (none: up to the end of the text); null when they do not end exactly
 * where `next` starts, or `from` lies inside an item or member rather than between two.
 */
function readRun<F>(cursor: TreeCursor, text: string, from: number, next: Region<F> | undefined): Region<F>[] | null {
  while (cursor.gotoParent());
  // Down to the first node that starts at `from` or after it, through the bodies that hold `from`.
  const bodies: string[] = [];
  for (;;) {
    if (!cursor.gotoFirstChildForIndex(from)) {
      if (bodies.length > 0) return null;
      if (!next) return withTail([], text.length, from);
      return next.signature === 'end' && next.start === from ? [] : null;
    }
    if (cursor.startIndex >= from) break;
    // A node reaches back into the kept region: only inside a body do regions end before a node's end.
    const type = cursor.nodeType;
    if (!splits(type, bodies) || !enterBody(cursor)) return null;
    bodies.push(type);
    cursor.gotoParent(); // the body, among whose children `from` is looked for
  }
  const regions = walkRegions<F>(cursor, text, bodies, from, next ? next.start : Infinity);
  if (!regions || next) return regions;
  return withTail(regions, text.length, from);
}

/** The bodies whose members end regions of their own: an interface's or world's at the top level, a resource's in one. */
function splits(type: string, bodies: readonly string[]): boolean {
  return bodies.length === 0 ? type === 'interface_item' || type === 'world_item' : bodies.length === 1 && type === 'resource_item';
}

/** From a container to the first child of its body; false (the cursor where it was) when it has no body. */
function enterBody(cursor: TreeCursor): boolean {
  if (!cursor.gotoFirstChild()) return false;
  do {
    if (cursor.currentFieldName === 'body') {
      if (cursor.gotoFirstChild()) return true;
      break;
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return false;
}

/**
 * Regions for the node under `cursor` and everything after it in document order, inside
 * `bodies` (the containers the cursor is in, outermost first), the first region starting at
 * `from`, up to a region that ends exactly at `to` (or the last item when `to` is Infinity).
 * A top-level item ends a region, and so does each member of an interface's or world's body
 * and each method of a resource there, but not a comment or a token inside a body. Null
 * when a region would end past `to`.
 */
function walkRegions<F>(cursor: TreeCursor, text: string, bodies: string[], from: number, to: number): Region<F>[] | null {
  const regions: Region<F>[] = [];
  let start = from;
  // The signatures of the nodes since the last region's end: a container's goes with its first member.
  let pending: string[] = [];
  // Ends a region at `end`; null to go on, true at `to`, false past it.
  const close = (end: number): boolean | null => {
    if (end > to) return false;
    regions.push(new Region<F>(start, end, pending.join('\n')));
    start = end;
    pending = [];
    return end === to ? true : null;
  };
  for (;;) {
    const type = cursor.nodeType;
    if (splits(type, bodies)) {
      const signature = signatureAt(cursor, text);
      if (enterBody(cursor)) {
        pending.push(signature);
        bodies.push(type);
        continue;
      }
    }
    if (bodies.length === 0 || (cursor.nodeIsNamed && type !== 'comment')) {
      pending.push(signatureAt(cursor, text));
      const closed = close(cursor.endIndex);
      if (closed !== null) return closed ? regions : null;
    }
    while (!cursor.gotoNextSibling()) {
      if (bodies.length === 0) return to === Infinity ? regions : null;
      cursor.gotoParent(); // the body
      cursor.gotoParent(); // its container
      bodies.pop();
      // The text after a top-level container's last member ends with the container.
      if (bodies.length === 0) {
        const closed = close(cursor.endIndex);
        if (closed !== null) return closed ? regions : null;
      }
    }
  }
}

/** The index of the first of `regions` (side by side, in order) that ends at `offset` or after it. */
function firstEndingFrom<F>(regions: readonly Region<F>[], offset: number): number {
  return partitionPoint(regions.length, (i) => regions[i].end < offset);
}

/** What other items can see of a run of regions, however the run is cut into regions. */
function signatures<F>(regions: readonly Region<F>[]): string {
  return regions.map((r) => r.signature).filter((s) => s !== '').join('\n');
}

/** `regions` followed by the region of the text after them, up to `length`. */
function withTail<F>(regions: Region<F>[], length: number, from = 0): Region<F>[] {
  const start = regions.length > 0 ? regions[regions.length - 1].end : from;
  regions.push(new Region<F>(start, length, 'end'));
  return regions;
}

/** The kinds whose names other items refer to: packages, interfaces, worlds and types. */
const REFERRED = new Set([
  'package_decl', 'interface_item', 'world_item', 'type_alias', 'record_item', 'variant_item', 'enum_item', 'flags_item', 'resource_item',
]);
/** The kinds that make names of other items visible (or refer to them): their whole text counts. */
const REFERRING = new Set(['toplevel_use', 'use_item', 'include_item']);

/**
 * What other items can see of the node under `cursor` (left where it was): its kind, with
 * the name of a package, interface, world or type, or the whole text of a `use` or an
 * `include`; for a nested package, those of everything in it. A function's name is nothing
 * to the others. Read with the cursor, not a `Node`: a 10,000-line file has thousands of members.
 */
function signatureAt(cursor: TreeCursor, text: string): string {
  const type = cursor.nodeType;
  if (type === 'nested_package') return nestedPackageSignature(cursor.currentNode);
  if (REFERRING.has(type)) return `${type} ${text.slice(cursor.startIndex, cursor.endIndex)}`;
  if (!REFERRED.has(type) || !cursor.gotoFirstChild()) return type;
  let name = '';
  do {
    if (cursor.currentFieldName === 'name') {
      name = text.slice(cursor.startIndex, cursor.endIndex);
      break;
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return `${type} ${name}`;
}

function nestedPackageSignature(node: Node): string {
  const inside = node.descendantsOfType(['interface_item', 'world_item', 'package_name']);
  return `${node.type}{${inside.map((n) => (n?.type === 'package_name' ? n.text : n && nestedItemSignature(n))).join(';')}}`;
}

function nestedItemSignature(node: Node): string {
  const name = node.childForFieldName('name');
  return `${node.type} ${name ? name.text : node.text}`;
}
