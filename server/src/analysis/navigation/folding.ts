import type { Node } from 'web-tree-sitter';
import { descendantsOfType } from '../syntax';
import type { LineIndex } from '../text';

/** A foldable run of lines; `kind` tells editors which ranges "fold all comments" etc. hit. */
export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'imports';
}

/** Nodes whose braces or brackets enclose a foldable body. */
const BODY_TYPES = [
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
];

const USE_TYPES = ['use_item', 'toplevel_use'];

/**
 * Folding ranges: every body that spans lines (folded up to the line before its closing
 * brace, so the brace stays visible), runs of adjacent comments or one multi-line block
 * comment, and runs of two or more `use` items. Sorted by start line.
 */
export function foldingRanges(root: Node, lines: LineIndex): FoldingRange[] {
  // The root starts at its first token, which need not be offset 0: index `text` from there.
  const text = ' '.repeat(root.startIndex) + root.text;
  const ranges: FoldingRange[] = [];
  // One query for every node of interest, in document order: far cheaper than walking
  // the tree node by node through web-tree-sitter.
  const nodes = descendantsOfType(root, [...BODY_TYPES, ...USE_TYPES, 'comment']);
  let run: { type: 'comment' | 'use'; first: Node; last: Node; count: number } | undefined;
  const closeRun = (): void => {
    if (!run) return;
    const startLine = lines.lineOf(run.first.startIndex);
    const endLine = lines.lineOf(run.last.endIndex - 1);
    if (run.type === 'comment') addRange(ranges, startLine, endLine, 'comment');
    else if (run.count > 1) addRange(ranges, startLine, endLine, 'imports');
    run = undefined;
  };
  for (const node of nodes) {
    if (node.type === 'comment' || USE_TYPES.includes(node.type)) {
      const type = node.type === 'comment' ? 'comment' : 'use';
      if (run && run.type === type && adjacent(text, run.last, node, lines)) {
        run.last = node;
        run.count++;
        continue;
      }
      closeRun();
      run = { type, first: node, last: node, count: 1 };
      continue;
    }
    addBody(node, text, lines, ranges);
  }
  closeRun();
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** Only whitespace between two nodes, with no blank line: the next continues the run. */
function adjacent(text: string, previous: Node, next: Node, lines: LineIndex): boolean {
  if (next.startIndex < previous.endIndex) return false; // nested in the previous one
  if (text.slice(previous.endIndex, next.startIndex).trim() !== '') return false;
  return lines.lineOf(next.startIndex) <= lines.lineOf(previous.endIndex - 1) + 1;
}

function addBody(node: Node, text: string, lines: LineIndex, ranges: FoldingRange[]): void {
  const open = node.type === 'nested_package' ? text.indexOf('{', node.startIndex) : node.startIndex;
  if (open === -1 || open >= node.endIndex) return;
  const last = node.lastChild;
  const closed = !!last && !last.isMissing && (last.type === '}' || last.type === ')');
  const startLine = lines.lineOf(open);
  // Up to the line before the closing brace; a body cut short by a syntax error folds to its end.
  const endLine = closed ? lines.lineOf(node.endIndex - 1) - 1 : lines.lineOf(Math.max(node.startIndex, node.endIndex - 1));
  addRange(ranges, startLine, endLine);
}

function addRange(ranges: FoldingRange[], startLine: number, endLine: number, kind?: FoldingRange['kind']): void {
  if (endLine <= startLine) return;
  ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
}
