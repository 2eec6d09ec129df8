import type { Tree } from 'web-tree-sitter';

/**
 * Every leaf of the tree, comments included, as `type text`, in document order: what must
 * stay the same when only whitespace changes. A line comment's trailing whitespace is not
 * part of it. Read from the parser's tree, independently of how the formatter finds them.
 */
export function tokensAndComments(tree: Tree): string[] {
  const out: string[] = [];
  const cursor = tree.walk();
  try {
    for (;;) {
      if (!cursor.gotoFirstChild()) {
        if (cursor.currentDepth > 0 || cursor.startIndex !== cursor.endIndex) {
          const text = cursor.nodeText;
          out.push(`${cursor.nodeType} ${cursor.nodeType === 'comment' ? text.trimEnd() : text}`);
        }
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return out;
        }
      }
    }
  } finally {
    cursor.delete();
  }
}
