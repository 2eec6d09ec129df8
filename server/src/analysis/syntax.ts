import type { Node } from 'web-tree-sitter';
import type { Span } from './text';

/** Helpers over the WIT syntax tree (node types are those of grammars/tree-sitter-wit). */

/** What the helpers below read: a web-tree-sitter `Node`, or the model's plain copy of one (`model/syntax-copy.ts`). */
interface Positioned {
  startIndex: number;
  endIndex: number;
}

export function spanOf(node: Positioned): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** Named descendants of `root` with one of `types`, in document order. */
export function descendantsOfType(root: Node, types: string | readonly string[]): Node[] {
  return root.descendantsOfType(types as string | string[]).filter((n): n is Node => n !== null);
}

/** A name as WIT compares it: without the `%` that escapes keywords. */
export function nameText(identifier: { text: string }): string {
  const text = identifier.text;
  return text.startsWith('%') ? text.slice(1) : text;
}

export function fieldNode<N extends { childForFieldName(field: string): N | null }>(node: N, field: string): N | null {
  return node.childForFieldName(field);
}

/** The closest ancestor (or `node` itself) of one of `types`. */
export function ancestorOfType(node: Node | null, types: readonly string[]): Node | null {
  for (let n = node; n; n = n.parent) if (types.includes(n.type)) return n;
  return null;
}

/**
 * WIT's reserved words, as wit-parser's lexer (and our scanner, src/scanner.c) lists them:
 * none can be a name without a leading `%`.
 */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'as', 'async', 'bool', 'borrow', 'char', 'constructor', 'enum', 'error-context', 'export',
  'f32', 'f64', 'flags', 'from', 'func', 'future', 'import', 'include', 'interface', 'list',
  'map', 'option', 'own', 'package', 'record', 'resource', 'result', 's8', 's16', 's32', 's64',
  'static', 'stream', 'string', 'tuple', 'type', 'u8', 'u16', 'u32', 'u64', 'use', 'variant',
  'with', 'world',
]);

/**
 * `text` with every control, formatting (bidirectional, zero-width) or invisible space
 * character written as a Rust-style escape (`\u{7f}`, `\u{202e}`), as wit-parser writes
 * them: a message that quotes source text then shows what is really there, and cannot
 * reorder or hide the rest of the line.
 */
export function printable(text: string): string {
  return text.replace(INVISIBLE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|(?! )\p{Zs}/gu;

/** Items that declare a type. */
export const TYPEDEF_TYPES = [
  'type_alias',
  'record_item',
  'variant_item',
  'enum_item',
  'flags_item',
  'resource_item',
] as const;

/**
 * The documentation of an item: the comments directly before it, as wit-parser reads
 * them (every comment counts; delimiters and leading slashes removed, common indentation
 * removed). Returns undefined when there are none.
 */
export function docComment<N extends { previousSibling: N | null; type: string; text: string }>(item: N): string | undefined {
  const comments: N[] = [];
  for (let n = item.previousSibling; n && n.type === 'comment'; n = n.previousSibling) {
    comments.unshift(n);
  }
  if (comments.length === 0) return undefined;
  const lines: string[] = [];
  for (const comment of comments) {
    const text = comment.text;
    if (text.startsWith('/*')) {
      const body = text.slice(text.startsWith('/**') ? 3 : 2, -2);
      lines.push(...body.split(/\r?\n/).map((l) => l.replace(/^\s*\*(?!\/)/, '').trimEnd()));
    } else {
      lines.push(text.replace(/^\/+/, '').trimEnd());
    }
  }
  const indents = lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const common = indents.length ? Math.min(...indents) : 0;
  const doc = lines.map((l) => l.slice(common)).join('\n').trim();
  return doc || undefined;
}
