import type { Tree } from 'web-tree-sitter';
import type { DocumentEdit } from '../document';
import { ANCHORS, copySubtree, ERROR_ID, NESTED_MEMBERS, typeTable, type MemberReuse, type SyntaxNode } from './syntax-node';

/**
 * How a file's syntax copy (`FileSyntax.update`) takes over the members of an interface or
 * world that an edit did not reach, instead of copying them again.
 */

/**
 * A new copy of `item` (an interface or world) after an edit strictly inside one of its
 * members, or one method of a resource there, with no step over the other members: that
 * member is copied again from `tree`, the nodes above it (the item, its body, the resource and
 * its body) are new nodes over the old children, and the members after it move. Null (nothing
 * changed) unless the tree shows the old path to the member, everything tree-sitter saw change
 * lies inside the member, and its error state stays.
 */
export function renewMember(item: SyntaxNode, edit: DocumentEdit, tree: Tree, source: { text: string }): SyntaxNode | null {
  const delta = edit.newEnd - edit.oldEnd;
  // The old copy's path: the item, its body, a member (a resource's body, a method).
  const path: SyntaxNode[] = [item];
  for (let node = item; ; ) {
    const body = node.childForFieldName('body');
    const member = body?.children.find((c) => c.startIndex < edit.start && edit.oldEnd < c.endIndex);
    // A body must be its node's last child: nothing after it is anchored on its own to move.
    if (!body || !member || node.children[node.children.length - 1] !== body) break;
    path.push(body, member);
    if (member.type !== NESTED_MEMBERS) break;
    node = member;
  }
  const target = path[path.length - 1];
  if (path.length === 1 || target.type === NESTED_MEMBERS) return null;
  if (edit.changed.some((r) => r.start < target.startIndex || r.end > target.endIndex + delta)) return null;
  const table = typeTable(tree.language);
  const cursor = tree.walk();
  let renewed: SyntaxNode;
  try {
    for (const old of path) {
      if (!cursor.gotoFirstChildForIndex(edit.start)) return null;
      const typeId = cursor.nodeTypeId;
      const type = typeId === ERROR_ID ? 'ERROR' : table.types[typeId];
      if (cursor.startIndex !== old.startIndex || cursor.endIndex !== old.endIndex + delta || type !== old.type) return null;
    }
    renewed = copySubtree(cursor, tree.language, source, target.field);
  } finally {
    cursor.delete();
  }
  if (renewed.hasError !== target.hasError) return null;
  renewed.afterUncopied = target.afterUncopied;
  // From here on nothing can fail: the members after the edit move, the path is made anew.
  const gone = new Set(ANCHORS.get(target));
  const added = ANCHORS.get(renewed) ?? [];
  let child = renewed;
  for (let i = path.length - 2; i >= 0; i--) {
    const old = path[i];
    const after = old.children.indexOf(path[i + 1]) + 1;
    if (i % 2 === 1) for (const member of old.children.slice(after)) member.shift(delta);
    const node = old.grown(delta, old.children.map((c) => (c === path[i + 1] ? child : c)));
    const anchors = ANCHORS.get(old);
    if (i % 2 === 0 && anchors) ANCHORS.set(node, [...anchors.filter((a) => !gone.has(a)), ...added]);
    child = node;
  }
  return child;
}

/**
 * The members of `item`'s old copy that an edit (one, `edit`) did not reach, for the new copy
 * of the item: those before the edit as they are, those after it moved by its length change.
 * Tree-sitter's changed ranges count as reached too.
 */
export function membersAround(item: SyntaxNode, edit: DocumentEdit): MemberReuse {
  const delta = edit.newEnd - edit.oldEnd;
  const candidates = new Map<number, { member: SyntaxNode; end: number; moved: boolean }>();
  const reached = (start: number, end: number) => edit.changed.some((r) => start <= r.end && r.start <= end);
  const offer = (members: readonly SyntaxNode[]): void => {
    for (const member of members) {
      const { startIndex: start, endIndex: end } = member;
      if (end < edit.start && !reached(start, end)) candidates.set(start, { member, end, moved: false });
      else if (start > edit.oldEnd && !reached(start + delta, end + delta)) candidates.set(start + delta, { member, end: end + delta, moved: true });
      // A resource the edit reached is copied again around its methods it did not reach.
      else if (member.type === NESTED_MEMBERS) offer(member.childForFieldName('body')?.children ?? []);
    }
  };
  offer(item.childForFieldName('body')?.children ?? []);
  return (start, end, type) => {
    const found = candidates.get(start);
    if (!found || found.end !== end || found.member.type !== type) return null;
    candidates.delete(start);
    if (found.moved && delta !== 0) found.member.shift(delta);
    return found.member;
  };
}
