import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { BLOCKS, FLAT, separatorOf, type Separator, type TokenShape } from './rules';

/** A token of the tree (comments excluded: they are read from the text between tokens). */
export interface Token extends TokenShape {
  start: number;
  end: number;
  /** Block nesting: how many `{ ... }` bodies enclose it, its line's indentation. */
  depth: number;
  /** What separates it from the token before. */
  separator: Separator;
  /** A `}` that closes a block: comments right before it belong inside, one level deeper. */
  closesBlock: boolean;
}

/**
 * The tokens of `tree` that the offsets `from..to` touch, plus the token just before and
 * the token just after, so every gap that overlaps the range is bounded on both sides.
 * Subtrees outside the range are stepped over without descending into them, so the cost
 * follows the size of the range (and the tree's depth), not the size of the file.
 */
export function collectTokens(tree: Tree, from: number, to: number): { tokens: Token[]; fromStart: boolean; toEnd: boolean } {
  const collector = new Collector(from, to);
  const cursor = tree.walk();
  try {
    // An empty file's root has no children: it is no token.
    if (tree.rootNode.childCount > 0) collector.visit(cursor, 0, 'source_file');
  } finally {
    cursor.delete();
  }
  return { tokens: collector.tokens, fromStart: !collector.skippedAny, toEnd: !collector.done };
}

class Collector {
  readonly tokens: Token[] = [];
  private pending: Separator = FLAT;
  /** The last subtree stepped over before the range: its last token bounds the first gap. */
  private skipped: Node | undefined;
  /** Whether a token after the range was reached (and the walk stopped). */
  done = false;
  /** Whether a subtree before the range was stepped over. */
  skippedAny = false;

  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** Visits the node under `cursor` (whose parent has type `parent`) at block `depth`. */
  visit(cursor: TreeCursor, depth: number, parent: string): void {
    const type = cursor.nodeType;
    if (!cursor.gotoFirstChild()) {
      this.emit(cursor.startIndex, cursor.endIndex, type, parent, depth);
      return;
    }
    const block = BLOCKS.has(type);
    let previous: string | undefined;
    let inside = false;
    do {
      const child = cursor.nodeType;
      if (child === 'comment') continue;
      if (previous !== undefined) this.pending = separatorOf(type, previous, child, inside);
      previous = child;
      let childDepth = depth;
      if (block) {
        if (child === '{') inside = true;
        else if (child === '}') inside = false;
        else if (inside) childDepth = depth + 1;
      }
      if (cursor.endIndex < this.from) {
        this.skipped = cursor.currentNode;
        this.skippedAny = true;
        continue;
      }
      if (cursor.startIndex > this.to) {
        this.firstToken(cursor, childDepth, type);
        this.done = true;
      } else {
        this.visit(cursor, childDepth, type);
      }
    } while (!this.done && cursor.gotoNextSibling());
    cursor.gotoParent();
  }

  /** Emits only the first token under `cursor`: the one that closes the last gap. */
  private firstToken(cursor: TreeCursor, depth: number, parent: string): void {
    let descended = 0;
    let type = cursor.nodeType;
    while (cursor.gotoFirstChild()) {
      descended++;
      while (cursor.nodeType === 'comment' && cursor.gotoNextSibling());
      parent = type;
      type = cursor.nodeType;
    }
    this.emit(cursor.startIndex, cursor.endIndex, type, parent, depth);
    while (descended-- > 0) cursor.gotoParent();
  }

  private emit(start: number, end: number, type: string, parent: string, depth: number): void {
    if (this.skipped) {
      const last = lastToken(this.skipped);
      this.tokens.push({
        start: last.startIndex,
        end: last.endIndex,
        type: last.type,
        parent: last.parent?.type ?? '',
        depth: 0, // only the token after a gap has its depth read
        separator: FLAT,
        closesBlock: false,
      });
      this.skipped = undefined;
    }
    const closesBlock = type === '}' && BLOCKS.has(parent);
    this.tokens.push({ start, end, type, parent, depth, separator: this.pending, closesBlock });
    this.pending = FLAT;
  }
}

function lastToken(node: Node): Node {
  for (;;) {
    let child = node.lastChild;
    while (child && child.type === 'comment') child = child.previousSibling;
    if (!child) return node;
    node = child;
  }
}
