import type { Node } from 'web-tree-sitter';
import type { WitDocument } from './document';
import { Severity, type WitDiagnostic } from './diagnostics';
import { spanOf } from './syntax';

export const SYNTAX_ERROR_CODE = 'syntax-error';

const KEYWORDS = new Set([
  'as', 'async', 'bool', 'borrow', 'char', 'constructor', 'enum', 'error-context', 'export',
  'f32', 'f64', 'flags', 'from', 'func', 'future', 'import', 'include', 'interface', 'list',
  'map', 'option', 'own', 'package', 'record', 'resource', 'result', 's8', 's16', 's32', 's64',
  'static', 'stream', 'string', 'tuple', 'type', 'u8', 'u16', 'u32', 'u64', 'use', 'variant',
  'with', 'world',
]);

/** Keywords after which a name is expected. */
const DECLARING = new Set(['type', 'record', 'variant', 'enum', 'flags', 'resource', 'interface', 'world']);

/** What a missing token completes, by the node it is missing from. */
const CONTEXT: Record<string, string> = {
  package_decl: 'after the package declaration',
  toplevel_use: 'after the `use` declaration',
  use_item: 'after the `use` declaration',
  func_item: 'after the function signature',
  method_item: 'after the function signature',
  constructor_item: 'after the constructor',
  import_item: 'after the import',
  export_item: 'after the export',
  include_item: 'after the include',
  type_alias: 'after the type alias',
  resource_item: 'after the resource',
  interface_body: 'to close the interface',
  world_body: 'to close the world',
  resource_body: 'to close the resource',
  record_body: 'to close the record',
  variant_body: 'to close the variant',
  enum_body: 'to close the enum',
  flags_body: 'to close the flags',
  nested_package: 'to close the package',
  param_list: 'to close the parameter list',
  list_type: 'to close `list<`',
  option_type: 'to close `option<`',
  result_type: 'to close `result<`',
  tuple_type: 'to close `tuple<`',
  map_type: 'in `map<K, V>`',
  future_type: 'to close `future<`',
  stream_type: 'to close `stream<`',
  borrow_type: 'to close `borrow<`',
  own_type: 'to close `own<`',
};

/**
 * One diagnostic per broken place: each outermost ERROR node (tokens the parser had to
 * skip) and each MISSING node (a token it had to invent), in words a person understands.
 */
export function syntaxErrors(document: WitDocument): WitDiagnostic[] {
  const root = document.tree.rootNode;
  if (!root.hasError) return [];
  const diagnostics: WitDiagnostic[] = [];
  const visit = (node: Node): void => {
    if (node.isError) {
      diagnostics.push(errorDiagnostic(node));
      return; // one report for everything inside this ERROR
    }
    if (node.isMissing) {
      diagnostics.push(missingDiagnostic(node));
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return diagnostics;
}

function missingDiagnostic(node: Node): WitDiagnostic {
  const expected = node.type === 'identifier' ? 'a name' : `\`${node.type}\``;
  const context = node.parent ? CONTEXT[node.parent.type] : undefined;
  // A missing token has no width; point at the end of the token before it.
  const at = node.startIndex;
  return {
    span: { start: at, end: at },
    severity: Severity.Error,
    code: SYNTAX_ERROR_CODE,
    message: `expected ${expected}${context ? ` ${context}` : ''}`,
  };
}

function errorDiagnostic(error: Node): WitDiagnostic {
  const leaves = leavesOf(error);
  const diagnostic = (span: { start: number; end: number }, message: string): WitDiagnostic => ({
    span,
    severity: Severity.Error,
    code: SYNTAX_ERROR_CODE,
    message,
  });
  if (error.text.startsWith('/*')) {
    return diagnostic({ start: error.startIndex, end: error.startIndex + 2 }, 'unterminated block comment');
  }
  // A keyword where a name belongs: `type option = u32;`.
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    if (!KEYWORDS.has(leaf.text)) continue;
    const previous = leaves[i - 1] ?? leaf.previousSibling;
    const next = leaves[i + 1];
    if ((previous && DECLARING.has(previous.text)) || next?.text === ':') {
      return diagnostic(
        spanOf(leaf),
        `expected a name, found keyword \`${leaf.text}\` (write \`%${leaf.text}\` to use a keyword as a name)`,
      );
    }
  }
  const first = leaves[0];
  if (!first) return diagnostic(spanOf(error), 'syntax error');
  const text = first.text;
  if (first.type === 'ERROR' || !text) {
    // A character no token starts with.
    const ch = error.text.trimStart()[0] ?? '';
    const at = error.startIndex + error.text.indexOf(ch);
    return diagnostic({ start: at, end: at + ch.length }, `unexpected character \`${ch}\``);
  }
  const what = first.type === 'identifier' ? `name \`${text}\`` : `\`${truncate(text)}\``;
  return diagnostic(spanOf(first), `unexpected ${what}`);
}

/** The tokens of a node, in order (comments left out). */
function leavesOf(node: Node): Node[] {
  const leaves: Node[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'comment') return;
    if (n.childCount === 0) {
      leaves.push(n);
      return;
    }
    for (const child of n.children) if (child) visit(child);
  };
  visit(node);
  return leaves;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
