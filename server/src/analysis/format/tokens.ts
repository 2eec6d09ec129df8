import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { lex } from './lexer';
import { BLOCKS, FLAT, separatorOf, AFTER_ATTRIBUTE, type Separator, type TokenShape } from './rules';

/** A token of the text (comments excluded: they are read from the text between tokens). */
export interface Token extends TokenShape {
  start: number;
  end: number;
  /** Block nesting: how many `{ ... }` bodies enclose it, its line's indentation. */
  depth: number;
  /** What separates it from the token before. */
  separator: Separator;
  /** A `}` that closes a block: comments right before it belong inside, one level deeper. */
  closesBlock: boolean;
  /** A word's text (set by the lexer). */
  text?: string;
}

/**
 * Nodes whose children the walk visits: the ones that hold line breaks. Every other node
 * is laid out on one line and its tokens are read from its text (see lexer.ts).
 */
const STRUCTURAL: ReadonlySet<string> = new Set([
  'source_file',
  'interface_item',
  'world_item',
  'import_item',
  'export_item',
  'record_item',
  'variant_item',
  'enum_item',
  'flags_item',
  'resource_item',
  ...BLOCKS,
]);

/** Nodes whose every `:` joins the parts of a name (`wasi:io/streams`). */
const NAME_NODES: ReadonlySet<string> = new Set(['package_name', 'use_path']);

/**
 * Hands `sink` the tokens of `tree` that the offsets `from..to` touch, plus the token just
 * before and the token just after, so every gap that overlaps the range is bounded on both
 * sides. Subtrees outside the range are stepped over without descending into them, so the
 * cost follows the size of the range (and the tree's depth), not the size of the file.
 * Tokens are streamed rather than collected: a large file's tokens then die young.
 */
export function streamTokens(tree: Tree, text: string, from: number, to: number, sink: (token: Token, skippedBefore: boolean) => void): { toEnd: boolean } {
  const collector = new Collector(text, from, to, sink);
  const cursor = tree.walk();
  try {
    // An empty file's root has no children: it is no token.
    if (tree.rootNode.childCount > 0) collector.visit(cursor, 0);
    collector.flushSkipped(); // a range after the last token: the last gap still needs its start
  } finally {
    cursor.delete();
  }
  return { toEnd: !collector.done };
}

class Collector {
  /** Whether a token after the range was reached (and the walk stopped). */
  done = false;
  /** The last subtree stepped over before the range: its last token bounds the first gap. */
  private skipped: Node | undefined;
  /** The separator of the next node's first token, decided where that node starts. */
  private pending: Separator | undefined;
  private readonly lexemes: Token[] = [];
  private readonly whole: boolean;

  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly to: number,
    private readonly sink: (token: Token, skippedBefore: boolean) => void,
  ) {
    this.whole = from <= 0 && to >= text.length;
  }

  /** Visits the children of the structural node under `cursor`, at block `depth`. */
  visit(cursor: TreeCursor, depth: number): void {
    const type = cursor.nodeType;
    if (!cursor.gotoFirstChild()) return;
    const block = BLOCKS.has(type);
    let previous: string | undefined;
    let inside = false;
    do {
      const child = cursor.nodeType;
      if (child === 'comment') continue;
      const separator = previous === undefined ? undefined : separatorOf(type, previous, child, inside);
      previous = child;
      let childDepth = depth;
      if (block) {
        if (child === '{') inside = true;
        else if (child === '}') inside = false;
        else if (inside) childDepth = depth + 1;
      }
      const start = cursor.startIndex;
      if (!this.whole) {
        if (start > this.to) {
          if (separator) this.pending = separator;
          this.region(start, start, child, childDepth, type, true);
          this.done = true;
          break;
        }
        if (cursor.endIndex < this.from) {
          this.skipped = cursor.currentNode;
          continue;
        }
      }
      if (separator) this.pending = separator;
      if (STRUCTURAL.has(child)) this.visit(cursor, childDepth);
      else this.region(start, cursor.endIndex, child, childDepth, type, false);
    } while (!this.done && cursor.gotoNextSibling());
    cursor.gotoParent();
  }

  /** The tokens of a node laid out on one line (only its first, with `firstOnly`). */
  private region(start: number, end: number, type: string, depth: number, parent: string, firstOnly: boolean): void {
    const lexemes = this.lexemes;
    lexemes.length = 0;
    lex(this.text, start, firstOnly ? this.text.length : end, lexemes, firstOnly ? 1 : Infinity);
    if (this.skipped) this.pushSkipped();
    const names = NAME_NODES.has(type);
    const tight: boolean[] = [];
    let attribute = 0; // parentheses open inside an attribute
    let afterAttribute = false;
    for (let i = 0; i < lexemes.length; i++) {
      const token = lexemes[i];
      const t = token.type;
      token.depth = depth;
      if (i === 0) {
        token.separator = this.pending ?? FLAT;
        this.pending = undefined;
      } else if (afterAttribute) token.separator = AFTER_ATTRIBUTE;
      afterAttribute = false;
      if (t === ':') {
        token.joinsName = names || lexemes[i + 2]?.type === '/' || lexemes[i - 2]?.text === 'package';
      } else if (t === '{') {
        token.tight = lexemes[i - 1]?.type === '.';
        tight.push(token.tight);
      } else if (t === '}') {
        if (tight.length > 0) token.tight = tight.pop();
        else token.closesBlock = BLOCKS.has(parent);
      } else if (t === '@' && lexemes[i + 1]?.text !== undefined && /^%?[a-z]/.test(lexemes[i + 1].text!)) {
        attribute = -1; // an attribute starts; its `(` comes next
      } else if (t === '(' && attribute !== 0) {
        attribute = attribute < 0 ? 1 : attribute + 1;
      } else if (t === ')' && attribute > 0) {
        if (--attribute === 0) afterAttribute = true;
      }
      this.sink(token, false);
    }
  }

  flushSkipped(): void {
    if (this.skipped) this.pushSkipped();
  }

  private pushSkipped(): void {
    const last = lastToken(this.skipped!);
    this.skipped = undefined;
    const parent = last.parent?.type ?? '';
    this.sink({
      start: last.startIndex,
      end: last.endIndex,
      type: last.isNamed ? 'word' : last.type,
      text: undefined,
      joinsName: last.type === ':' && NAME_NODES.has(parent),
      tight: parent === 'use_names',
      depth: 0, // only the token after a gap has its depth read
      separator: FLAT,
      closesBlock: false,
    }, true);
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
