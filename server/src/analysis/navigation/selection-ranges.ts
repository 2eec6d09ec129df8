import type { Node } from 'web-tree-sitter';
import { docComment } from '../syntax';
import type { Span } from '../text';

/**
 * The spans "expand selection" steps through at `offset`, innermost first: the token, the
 * name or type it is part of, the item, the item with its doc comments, the body's
 * contents, the body, the enclosing item, ... up to the whole file. Each span strictly
 * contains the one before it.
 */
export function selectionRanges(root: Node, offset: number): Span[] {
  const spans: Span[] = [];
  const push = (span: Span): void => {
    const last = spans[spans.length - 1];
    if (last && (span.start > last.start || span.end < last.end)) return; // must contain the previous step
    if (last && span.start === last.start && span.end === last.end) return;
    spans.push(span);
  };
  // At the end of a word the cursor still belongs to it: `name‸:` selects `name`.
  let node = root.descendantForIndex(offset) ?? root;
  if (offset > 0 && (node.startIndex === offset || node.type === 'source_file')) {
    const before = root.descendantForIndex(offset - 1);
    if (before && before.endIndex === offset && isWordLike(before)) node = before;
  }
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === 'source_file') break;
    const inner = innerBodySpan(n);
    if (inner) push(inner);
    push({ start: n.startIndex, end: n.endIndex });
    const withDocs = docsStart(n);
    if (withDocs !== undefined) push({ start: withDocs, end: n.endIndex });
  }
  push({ start: 0, end: root.endIndex });
  return spans;
}

function isWordLike(node: Node): boolean {
  return /^[%\w]/.test(node.text);
}

/** Between the braces of a body, trimmed to its first and last member. */
function innerBodySpan(node: Node): Span | undefined {
  const children = node.children;
  const open = children[0];
  const close = children[children.length - 1];
  if (!open || !close || open.type !== '{' || close.type !== '}' || children.length < 3) return undefined;
  return { start: children[1].startIndex, end: children[children.length - 2].endIndex };
}

/** Where an item's doc comments start, when it has any. */
function docsStart(node: Node): number | undefined {
  const previous = node.previousSibling;
  if (!previous || previous.type !== 'comment' || !docComment(node)) return undefined;
  let first = previous;
  while (first.previousSibling?.type === 'comment') first = first.previousSibling;
  return first.startIndex;
}
