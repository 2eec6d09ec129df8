import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../text';

/** A foldable run of lines; `kind` tells editors which ranges "fold all comments" etc. hit. */
export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'imports';
}

/** Nodes whose braces or brackets enclose a foldable body. */
const BODY_TYPES = new Set([
  'nested_package',
  'interface_body',
  'world_body',
  'record_body',
  'variant_body',
  'enum_body',
  'flags_body',
  'resource_body',
  'use_names',
  'include_names',
  'param_list',
]);

const USE_TYPES = new Set(['use_item', 'toplevel_use']);

/**
 * Folding ranges: every body that spans lines (folded up to the line before its closing
 * brace, so the brace stays visible), runs of adjacent comments or one multi-line block
 * comment, and runs of two or more `use` items.
 */
export function foldingRanges(root: Node, lines: LineIndex): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const visit = (node: Node): void => {
    if (BODY_TYPES.has(node.type)) addBody(node, lines, ranges);
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.type === 'comment') {
        let last = i;
        while (last + 1 < children.length && isAdjacentComment(children[last], children[last + 1], lines)) last++;
        addRange(ranges, lines.lineOf(child.startIndex), lines.lineOf(children[last].endIndex - 1), 'comment');
        i = last;
      } else if (USE_TYPES.has(child.type)) {
        let last = i;
        while (last + 1 < children.length && USE_TYPES.has(children[last + 1].type)) last++;
        if (last > i) addRange(ranges, lines.lineOf(child.startIndex), lines.lineOf(children[last].endIndex - 1), 'imports');
        for (let j = i; j <= last; j++) visit(children[j]);
        i = last;
      } else {
        visit(child);
      }
    }
  };
  visit(root);
  return ranges;
}

/** A comment that starts on the line after (or the line of) the previous one ends. */
function isAdjacentComment(previous: Node, next: Node, lines: LineIndex): boolean {
  return next.type === 'comment' && lines.lineOf(next.startIndex) <= lines.lineOf(previous.endIndex - 1) + 1;
}

function addBody(node: Node, lines: LineIndex, ranges: FoldingRange[]): void {
  const open = node.children.find((c) => c.type === '{' || c.type === '(');
  const close = [...node.children].reverse().find((c) => (c.type === '}' || c.type === ')') && !c.isMissing);
  if (!open) return;
  const startLine = lines.lineOf(open.startIndex);
  // Up to the line before the closing brace; a body cut short by a syntax error folds to its end.
  const endLine = close ? lines.lineOf(close.startIndex) - 1 : lines.lineOf(Math.max(node.startIndex, node.endIndex - 1));
  addRange(ranges, startLine, endLine);
}

function addRange(ranges: FoldingRange[], startLine: number, endLine: number, kind?: FoldingRange['kind']): void {
  if (endLine <= startLine) return;
  ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
}
