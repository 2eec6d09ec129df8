import type { Tree, TreeCursor } from 'web-tree-sitter';
import type { DocumentEdit } from '../document';
import { membersAround, renewMember } from './syntax-copy-members';
import { copySubtree, ERROR_ID, KEPT_TOKENS, MEMBER_ANCHORED, SyntaxNode, typeTable, type MemberReuse } from './syntax-node';

export { copyNode, copySubtree, SyntaxNode, type Anchor } from './syntax-node';

/**
 * The syntax copy of one file: its root, whose children are the top-level items. After an
 * edit, `update` copies again only the top-level items the edit or tree-sitter's changed
 * ranges reach; the items after them are shifted, without reading the tree.
 */
export class FileSyntax {
  readonly source: { text: string };
  readonly root: SyntaxNode;

  private constructor(text: string) {
    this.source = { text };
    this.root = new SyntaxNode({ offset: 0, source: this.source }, 'source_file', true, 0, 0, false, false, null);
  }

  static create(tree: Tree, text: string): FileSyntax {
    const syntax = new FileSyntax(text);
    syntax.sync(tree, text, new Set());
    return syntax;
  }

  /** Brings the copy to `tree` and `text`, which `edits` (oldest first) made from the copied ones. */
  update(tree: Tree, text: string, edits: readonly DocumentEdit[]): void {
    const dirty = new Set<SyntaxNode>();
    const items = this.root.children;
    for (const edit of edits) {
      const delta = edit.newEnd - edit.oldEnd;
      for (const item of items) {
        // An item touching the edit may have grown into it: copy it again.
        if (item.endIndex < edit.start) continue;
        if (item.startIndex > edit.oldEnd) {
          if (delta !== 0) item.shift(delta);
        } else dirty.add(item);
      }
      for (const range of edit.changed) {
        for (const item of items) if (item.startIndex <= range.end && range.start <= item.endIndex) dirty.add(item);
      }
    }
    if (edits.length === 1 && dirty.size === 1) {
      const [item] = dirty;
      this.source.text = text;
      const renewed = MEMBER_ANCHORED.has(item.type) ? renewMember(item, edits[0], tree, this.source) : null;
      if (renewed) {
        const delta = edits[0].newEnd - edits[0].oldEnd;
        this.root.setChildren(items.map((i) => (i === item ? renewed : i)));
        this.root.setRange(this.root.startIndex, this.root.endIndex + delta);
        return;
      }
    }
    const reuse = new Map<number, MemberReuse>();
    if (edits.length === 1) {
      for (const item of dirty) if (MEMBER_ANCHORED.has(item.type)) reuse.set(item.startIndex, membersAround(item, edits[0]));
      if (this.syncRun(tree, text, dirty, reuse)) return;
    }
    this.sync(tree, text, new Set(items.filter((item) => !dirty.has(item))), reuse);
  }

  /**
   * Copies again one run of `dirty` items, reaching it with one jump of the cursor instead of
   * a step over each of the items before it (a 10,000-line file has hundreds): the kept items
   * around the run must stand where they stood, or nothing is changed and it returns false
   * (then `sync` walks every item). The items the edit did not reach are trusted as they are:
   * tree-sitter's changed ranges (which made the run) cover every place its tree changed.
   */
  private syncRun(tree: Tree, text: string, dirty: ReadonlySet<SyntaxNode>, reuse: ReadonlyMap<number, MemberReuse>): boolean {
    const items = this.root.children;
    const first = items.findIndex((item) => dirty.has(item));
    const last = first + dirty.size - 1;
    if (first === -1 || !items.slice(first, last + 1).every((item) => dirty.has(item))) return false;
    const [before, next] = [items[first - 1], items[last + 1]];
    const table = typeTable(tree.language);
    const cursor = tree.walk();
    try {
      const [start, end, hasError] = [cursor.startIndex, cursor.endIndex, cursor.currentNode.hasError];
      // Onto the kept item before the run (it must be there), then over the run's nodes.
      if (before ? !cursor.gotoFirstChildForIndex(before.endIndex - 1) || !isAt(cursor, table, before) : !cursor.gotoFirstChild()) return false;
      this.source.text = text;
      const copied: SyntaxNode[] = [];
      let skipped = false;
      let more = before ? cursor.gotoNextSibling() : true;
      for (; more && !(next && cursor.startIndex >= next.startIndex); more = cursor.gotoNextSibling()) {
        if (next && cursor.endIndex > next.startIndex) return false;
        const item = readItem(cursor, tree, this.source, table, undefined, reuse);
        if (!item) skipped = true;
        else {
          item.afterUncopied = skipped;
          skipped = false;
          copied.push(item);
        }
      }
      if (next && (!more || !isAt(cursor, table, next))) return false;
      if (next) next.afterUncopied = skipped;
      this.root.setRange(start, end);
      this.root.setChildren([...items.slice(0, first), ...copied, ...items.slice(last + 1)]);
      this.root.hasError = hasError;
      return true;
    } finally {
      cursor.delete();
    }
  }

  /**
   * Walks the tree's top-level nodes (one level: no item is entered) and copies each, unless
   * `kept` holds an untouched copy of the same type at the same place; an interface or world
   * the edit reached is copied again around the members of its old copy that `reuse` offers.
   */
  private sync(tree: Tree, text: string, kept: ReadonlySet<SyntaxNode>, reuse?: ReadonlyMap<number, MemberReuse>): void {
    this.source.text = text;
    const table = typeTable(tree.language);
    const byStart = new Map<number, SyntaxNode>();
    for (const item of kept) byStart.set(item.startIndex, item);
    const cursor = tree.walk();
    const children: SyntaxNode[] = [];
    let hasError = false;
    try {
      this.root.setRange(cursor.startIndex, cursor.endIndex);
      let skipped = false;
      if (cursor.gotoFirstChild()) {
        do {
          const item = readItem(cursor, tree, this.source, table, byStart.get(cursor.startIndex), reuse);
          if (!item) {
            skipped = true;
            if (cursor.startIndex === cursor.endIndex && cursor.nodeIsMissing) hasError = true;
            continue;
          }
          item.afterUncopied = skipped;
          skipped = false;
          hasError ||= item.hasError;
          children.push(item);
        } while (cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
    this.root.setChildren(children);
    this.root.hasError = hasError;
  }
}

type TypeTable = ReturnType<typeof typeTable>;

/**
 * The top-level node under `cursor` as an item: `previous` when that copy is of the same type
 * at the same place (it starts where the cursor is), else a new copy (around the members
 * `reuse` offers); null for a token the copy leaves out.
 */
function readItem(
  cursor: TreeCursor, tree: Tree, source: { text: string }, table: TypeTable, previous: SyntaxNode | undefined, reuse?: ReadonlyMap<number, MemberReuse>,
): SyntaxNode | null {
  const typeId = cursor.nodeTypeId;
  const fieldId = cursor.currentFieldId;
  if (typeId !== ERROR_ID && !table.named[typeId] && !fieldId && !KEPT_TOKENS.has(table.types[typeId])) return null;
  if (previous && isAt(cursor, table, previous)) return previous;
  return copySubtree(cursor, tree.language, source, fieldId ? table.fields[fieldId] ?? null : null, reuse?.get(cursor.startIndex));
}

/** Whether `item` is a copy of the node under `cursor`: of its type, at its place. */
function isAt(cursor: TreeCursor, table: TypeTable, item: SyntaxNode): boolean {
  const typeId = cursor.nodeTypeId;
  return item.startIndex === cursor.startIndex && item.endIndex === cursor.endIndex && item.type === (typeId === ERROR_ID ? 'ERROR' : table.types[typeId]);
}
