import type { Language, Node, TreeCursor } from 'web-tree-sitter';

/**
 * A plain-JS copy of the parts of a syntax tree the model reads: named nodes, and the
 * anonymous tokens that carry a field (`static`) or that the model looks for (`constructor`).
 * The model holds these, never a web-tree-sitter `Node`: a copy outlives the tree it came
 * from (an edit frees the old tree), costs no crossing into wasm to read, and a top-level
 * item's copy is kept across edits that do not reach it (`FileSyntax.update`). It offers
 * the subset of `Node`'s interface the model uses, under the same names.
 */
/**
 * Where one copied subtree (a top-level item) sits in the text: its nodes keep offsets
 * relative to it, so an edit before the item moves all of them with one addition instead of
 * a walk over every node.
 */
export interface Anchor {
  offset: number;
  readonly source: { text: string };
}

/** The bits of `SyntaxNode.flags`. */
const NAMED = 1;
const MISSING = 2;
const HAS_ERROR = 4;
const AFTER_UNCOPIED = 8;
/** Every child is named, so `namedChildren` is `children` itself (nearly every node). */
const ALL_NAMED = 16;
/** `flags` holds the node's index among its parent's children above its bits. */
const INDEX_SHIFT = 5;
const BITS = (1 << INDEX_SHIFT) - 1;

/** The children of every leaf: most copies are leaves, and an array each would cost more than the node. */
const NO_CHILDREN = Object.freeze([]) as unknown as SyntaxNode[];

export class SyntaxNode {
  parent: SyntaxNode | null = null;
  children: SyntaxNode[] = NO_CHILDREN;
  /**
   * Namedness, error state and `afterUncopied` in one number, and above them where this node
   * is among its parent's children (docs walk back over siblings): the corpus open in an
   * editor holds some 50,000 copies, so each field (8 bytes) costs the model 400 KB.
   */
  private flags: number;

  private start: number;
  private end: number;

  constructor(
    private readonly anchor: Anchor,
    readonly type: string,
    isNamed: boolean,
    startIndex: number,
    endIndex: number,
    isMissing: boolean,
    hasError: boolean,
    /** The field this node fills in its parent, if any. */
    readonly field: string | null,
  ) {
    this.start = startIndex - anchor.offset;
    this.end = endIndex - anchor.offset;
    this.flags = (isNamed ? NAMED : 0) | (isMissing ? MISSING : 0) | (hasError ? HAS_ERROR : 0) | ALL_NAMED;
  }

  get startIndex(): number {
    return this.anchor.offset + this.start;
  }

  get endIndex(): number {
    return this.anchor.offset + this.end;
  }

  get source(): { text: string } {
    return this.anchor.source;
  }

  get isNamed(): boolean {
    return (this.flags & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.flags & MISSING) !== 0;
  }

  get hasError(): boolean {
    return (this.flags & HAS_ERROR) !== 0;
  }

  set hasError(value: boolean) {
    this.flags = value ? this.flags | HAS_ERROR : this.flags & ~HAS_ERROR;
  }

  /** Whether an uncopied token sits right before this node (so `previousSibling` is not a copy). */
  get afterUncopied(): boolean {
    return (this.flags & AFTER_UNCOPIED) !== 0;
  }

  set afterUncopied(value: boolean) {
    this.flags = value ? this.flags | AFTER_UNCOPIED : this.flags & ~AFTER_UNCOPIED;
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): SyntaxNode[] {
    // The few nodes with a kept anonymous token (`static`, `async`) filter on each read.
    return this.flags & ALL_NAMED ? this.children : this.children.filter((c) => c.isNamed);
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.namedChildren[0] ?? null;
  }

  get previousSibling(): SyntaxNode | null {
    if (!this.parent || this.afterUncopied) return null;
    return this.parent.children[(this.flags >> INDEX_SHIFT) - 1] ?? null;
  }

  childForFieldName(field: string): SyntaxNode | null {
    return this.children.find((c) => c.field === field) ?? null;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === field);
  }

  /** Named descendants of one type, in document order. */
  descendantsOfType(type: string): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    const pending: SyntaxNode[] = [this];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === type && node !== this) found.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    }
    return found;
  }

  /** The innermost copied node covering `offset`. */
  descendantForIndex(offset: number): SyntaxNode {
    let node: SyntaxNode = this;
    for (;;) {
      const child = node.children.find((c) => c.startIndex <= offset && offset < c.endIndex);
      if (!child) return node;
      node = child;
    }
  }

  /**
   * Moves this subtree by `delta` characters (an edit before it changed the text's length):
   * nodes share their copy's anchors (one for an item, one for each member of an interface
   * or world and each method of a resource there), so only those move.
   */
  shift(delta: number): void {
    for (const anchor of ANCHORS.get(this) ?? [this.anchor]) anchor.offset += delta;
  }

  /** Sets a file root's extent (its items are anchored on their own). */
  setRange(startIndex: number, endIndex: number): void {
    this.start = startIndex - this.anchor.offset;
    this.end = endIndex - this.anchor.offset;
  }

  /**
   * A new node of this one's kind, place and flags, ending `delta` later, over `children`:
   * the path above a member copied again (`renewMember`).
   */
  grown(delta: number, children: SyntaxNode[]): SyntaxNode {
    const node = new SyntaxNode(this.anchor, this.type, this.isNamed, this.startIndex, this.endIndex + delta, this.isMissing, this.hasError, this.field);
    node.afterUncopied = this.afterUncopied;
    node.setChildren(children);
    return node;
  }

  setChildren(children: SyntaxNode[]): void {
    this.children = children.length > 0 ? children : NO_CHILDREN;
    let allNamed = true;
    children.forEach((child, i) => {
      child.parent = this;
      child.flags = (i << INDEX_SHIFT) | (child.flags & BITS);
      allNamed &&= child.isNamed;
    });
    this.flags = allNamed ? this.flags | ALL_NAMED : this.flags & ~ALL_NAMED;
  }
}

/** Anonymous tokens worth a copy although they fill no field. */
export const KEPT_TOKENS = new Set(['constructor']);

/**
 * tree-sitter's id for ERROR nodes (`ts_builtin_sym_error`, -1 as a u16): outside the
 * language's own ids, so the tables below answer for it separately.
 */
export const ERROR_ID = 0xffff;

/** Per language: each node type's name and namedness, read from wasm once. */
const TYPE_TABLES = new WeakMap<Language, { types: string[]; named: boolean[]; fields: (string | null)[] }>();

export function typeTable(language: Language) {
  let table = TYPE_TABLES.get(language);
  if (!table) {
    const types: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      types.push(language.nodeTypeForId(id) ?? '');
      named.push(language.nodeTypeIsNamed(id));
    }
    table = { types, named, fields: [...language.fields] };
    TYPE_TABLES.set(language, table);
  }
  return table;
}

/** The anchors of a copied item, its members' included (see `copySubtree`). */
export const ANCHORS = new WeakMap<SyntaxNode, Anchor[]>();

/** Items whose body's members get anchors of their own, so an edit inside one moves the others cheaply. */
export const MEMBER_ANCHORED = new Set(['interface_item', 'world_item']);
/**
 * A member that is itself a body of members: a resource's methods get anchors of their own
 * too (a WASI resource runs to hundreds of lines, so typing in one method copies that method).
 */
export const NESTED_MEMBERS = 'resource_item';

/**
 * A member of the old copy of an item that can stand for the member at `start`..`end` (of
 * type `type`) in the new tree, moved to it; null to copy that member from the tree.
 */
export type MemberReuse = (start: number, end: number, type: string) => SyntaxNode | null;

/**
 * Copies the node under `cursor` and its subtree. One walk with a cursor: a handful of
 * crossings into wasm per node, instead of a JS `Node` object per property read.
 * Uncopied tokens still count for `hasError` (a MISSING `;` is one). Each member of an
 * interface's or world's body, and each method of a resource there, gets its own anchor;
 * `reuse` may hand back a member (or method) of an older copy instead of copying it again.
 */
export function copySubtree(
  cursor: TreeCursor, language: Language, source: { text: string }, field: string | null = null, reuse?: MemberReuse,
): SyntaxNode {
  const table = typeTable(language);
  const anchors: Anchor[] = [{ offset: 0, source }];
  const make = (field: string | null, anchor: Anchor): SyntaxNode => {
    const typeId = cursor.nodeTypeId;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const missing = start === end && cursor.nodeIsMissing;
    const error = typeId === ERROR_ID;
    return new SyntaxNode(anchor, error ? 'ERROR' : table.types[typeId], error || table.named[typeId], start, end, missing, missing || error, field);
  };
  const root = make(field, anchors[0]);
  ANCHORS.set(root, anchors);
  // An explicit stack, not recursion: types nest as deep as a user writes them.
  type Frame = {
    node: SyntaxNode;
    /** Where this node's copied children start in `pending`. */
    firstChild: number;
    skipped: boolean;
    anchor: Anchor;
    /** Whether the children are members, each anchored on its own. */
    members: boolean;
    /** Whether this node is such a member (a resource's methods are members too). */
    member: boolean;
    /** The anchor lists of the enclosing anchored nodes: each moves with every anchor inside it. */
    lists: Anchor[][];
  };
  const stack: Frame[] = [];
  let current: Frame = { node: root, firstChild: 0, skipped: false, anchor: anchors[0], members: false, member: false, lists: [anchors] };
  // The copied children of every open frame, innermost last. A finished node takes its own
  // as an array of exact length: an array grown by `push` keeps room for 17, and most nodes
  // have two or three children (2.4 MB of spare room with the corpus open).
  const pending: SyntaxNode[] = [];
  const finish = (frame: Frame): void => {
    if (pending.length > frame.firstChild) frame.node.setChildren(pending.slice(frame.firstChild));
    pending.length = frame.firstChild;
  };
  if (!cursor.gotoFirstChild()) return root;
  for (;;) {
    const fieldId = cursor.currentFieldId;
    const field = fieldId ? table.fields[fieldId] ?? null : null;
    let reused: SyntaxNode | null = null;
    let anchor = current.anchor;
    let own: Anchor[] | null = null;
    if (current.members) {
      const typeId = cursor.nodeTypeId;
      reused = reuse?.(cursor.startIndex, cursor.endIndex, typeId === ERROR_ID ? 'ERROR' : table.types[typeId]) ?? null;
      own = reused ? ANCHORS.get(reused) ?? [] : [(anchor = { offset: 0, source })];
      for (const list of current.lists) list.push(...own);
    }
    const node = reused ?? make(field, anchor);
    if (own && !reused) ANCHORS.set(node, own);
    const kept = node.isNamed || field !== null || KEPT_TOKENS.has(node.type);
    if (kept) {
      node.afterUncopied = current.skipped;
      pending.push(node);
      current.skipped = false;
    } else current.skipped = true;
    if (!reused && cursor.gotoFirstChild()) {
      stack.push(current);
      const members = field === 'body' && (stack.length === 1 ? MEMBER_ANCHORED.has(root.type) : current.member && current.node.type === NESTED_MEMBERS);
      current = { node, firstChild: pending.length, skipped: false, anchor, members, member: own !== null, lists: own ? [...current.lists, own] : current.lists };
      continue;
    }
    // `node` is a leaf (or a member reused whole): move on to its next sibling, finishing
    // parents that have none.
    let finished: SyntaxNode = node;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent() || stack.length === 0) {
        finish(current);
        if (finished.hasError) current.node.hasError = true;
        return root;
      }
      finish(current);
      if (finished.hasError) current.node.hasError = true;
      finished = current.node;
      current = stack.pop()!;
    }
    if (finished.hasError) current.node.hasError = true;
  }
}

/** A copy of one live node's subtree, reading its text from `source`. */
export function copyNode(node: Node, source: { text: string }): SyntaxNode {
  const cursor = node.walk();
  try {
    return copySubtree(cursor, node.tree.language, source);
  } finally {
    cursor.delete();
  }
}
