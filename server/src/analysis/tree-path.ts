import type { Node } from 'web-tree-sitter';

/**
 * A node together with the path a top-down walk took to reach it.
 *
 * Tree-sitter nodes do not store their parent: `parent`, `previousSibling` and
 * `nextSibling` search down from the root, scanning the children of every node on the
 * way, so each costs up to the width of the tree. On a file with 20,000 members in one
 * interface, asking that once per member is quadratic. A walk that keeps the path answers
 * the same questions from arrays it already holds: each node's children are read once.
 */
export class TreePath {
  private typeCache: string | undefined;
  private childrenCache: Node[] | undefined;
  private itemCache: Node | undefined;
  private fields: Map<string, Node | null> | undefined;

  constructor(
    readonly node: Node,
    readonly parent: TreePath | null = null,
    /** This node's index among its parent's children. */
    readonly index = 0,
  ) {}

  /** The node's type, read from the tree once (each read is a call into wasm). */
  get type(): string {
    return (this.typeCache ??= this.node.type);
  }

  /** Every child, comments and anonymous tokens included, read from the tree once. */
  get children(): Node[] {
    return (this.childrenCache ??= this.node.children.filter((c): c is Node => c !== null));
  }

  child(index: number): TreePath {
    return new TreePath(this.children[index], this, index);
  }

  /** The child in `field`, looked up once per path. */
  field(name: string): Node | null {
    this.fields ??= new Map();
    if (!this.fields.has(name)) this.fields.set(name, this.node.childForFieldName(name));
    return this.fields.get(name)!;
  }

  get parentType(): string | undefined {
    return this.parent?.type;
  }

  /** The sibling just before, comments included, as tree-sitter's `previousSibling`. */
  get previousSibling(): Node | null {
    return this.parent?.children[this.index - 1] ?? null;
  }

  /** Directly inside the file or a nested package. */
  get isTopLevel(): boolean {
    return this.parentType === 'source_file' || this.parentType === 'nested_package';
  }

  /** The top-level item (interface, world, top-level ERROR, ...) holding the node. */
  get item(): Node {
    return (this.itemCache ??= this.isTopLevel || !this.parent ? this.node : this.parent.item);
  }

  /** The first token after the node (comments skipped), or null at the end of the file. */
  nextLeaf(): Node | null {
    for (let p: TreePath | null = this; p?.parent; p = p.parent) {
      const siblings = p.parent.children;
      for (let i = p.index + 1; i < siblings.length; i++) {
        if (siblings[i].type !== 'comment') return leafAt(siblings[i]);
      }
    }
    return null;
  }

  /** The last token before the node (comments and invented tokens skipped), with its path. */
  previousLeaf(): TreePath | null {
    for (let p: TreePath | null = this; p?.parent; p = p.parent) {
      const siblings = p.parent.children;
      for (let i = p.index - 1; i >= 0; i--) {
        const sibling = siblings[i];
        if (sibling.type === 'comment' || sibling.isMissing) continue;
        let last = p.parent.child(i);
        while (last.children.length > 0) last = last.child(last.children.length - 1);
        return last;
      }
    }
    return null;
  }
}

/** The first token of `node` (itself when it is one). */
export function leafAt(node: Node): Node {
  let n = node;
  while (n.childCount > 0) {
    const child = n.child(0);
    if (!child) break;
    n = child;
  }
  return n;
}

/** The tokens of a node, in order (comments left out); iterative, as broken text nests deep. */
export function leavesOf(node: Node): Node[] {
  const leaves: Node[] = [];
  const pending: Node[] = [node];
  while (pending.length > 0) {
    const n = pending.pop()!;
    if (n.type === 'comment') continue;
    if (n.childCount === 0) {
      leaves.push(n);
      continue;
    }
    const children = n.children;
    for (let i = children.length - 1; i >= 0; i--) if (children[i]) pending.push(children[i]!);
  }
  return leaves;
}
