import type { Node } from 'web-tree-sitter';
import type { WitDocument } from './document';
import type { RuleDiagnostic } from './rules/rule';
import { KEYWORD_DOCS } from './keyword-docs';
import { TYPEDEF_TYPES, docComment, fieldNode, spanOf } from './syntax';
import type { Span } from './text';
import type { TypeResolver } from './types';

export interface Hover {
  span: Span;
  markdown: string;
}

const ATTRIBUTE_TYPES = ['since_attribute', 'unstable_attribute', 'deprecated_attribute', 'external_id_attribute'];

/** Items whose name a hover can describe, with the declaration and its docs. */
const DECLARATION_TYPES = [
  ...TYPEDEF_TYPES,
  'interface_item',
  'world_item',
  'func_item',
  'method_item',
  'record_field',
  'variant_case',
  'enum_case',
  'flag',
  'param',
];

/**
 * What to show at `offset`: a rule's explanation on a flagged function, the meaning of a
 * keyword or built-in type, or the declaration a name refers to.
 */
export function hoverAt(
  document: WitDocument,
  offset: number,
  ruleDiagnostics: readonly RuleDiagnostic[],
  resolver: TypeResolver,
): Hover | null {
  for (const diagnostic of ruleDiagnostics) {
    if (diagnostic.span.start <= offset && offset <= diagnostic.span.end) {
      return { span: diagnostic.span, markdown: diagnostic.explain() };
    }
  }
  const leaf = document.tree.rootNode.descendantForIndex(offset);
  if (!leaf || leaf.type === 'comment' || leaf.type === 'source_file') return null;

  const attribute = ATTRIBUTE_TYPES.includes(leaf.parent?.type ?? '') ? leaf.parent : null;
  if (attribute && leaf.type !== 'identifier' && leaf.type !== 'version' && leaf.type !== 'string') {
    const name = attribute.type.replace(/_attribute$/, '').replace('_', '-');
    const docs = KEYWORD_DOCS[name];
    return docs ? { span: spanOf(attribute), markdown: docs } : null;
  }
  if (leaf.type === 'identifier') return nameHover(leaf, resolver);
  const keywordDocs = Object.hasOwn(KEYWORD_DOCS, leaf.type) ? KEYWORD_DOCS[leaf.type] : undefined;
  if (keywordDocs && !leaf.isNamed) return { span: spanOf(leaf), markdown: `\`${leaf.type}\`: ${keywordDocs}` };
  if (leaf.type === 'primitive_type' || leaf.type === 'error_context_type') {
    const docs = KEYWORD_DOCS[leaf.text];
    return docs ? { span: spanOf(leaf), markdown: `\`${leaf.text}\`: ${docs}` } : null;
  }
  return null;
}

function nameHover(identifier: Node, resolver: TypeResolver): Hover | null {
  const parent = identifier.parent;
  if (!parent) return null;
  let declaration: Node | null = null;
  if (DECLARATION_TYPES.includes(parent.type) && fieldNode(parent, 'name')?.id === identifier.id) {
    declaration = parent;
  } else if (parent.type === 'named_type' || parent.type === 'borrow_type' || parent.type === 'own_type') {
    declaration = resolver.resolveType(parent.type === 'named_type' ? parent : identifier);
  } else if (parent.type === 'use_name') {
    declaration = resolver.resolveType(identifier);
  } else if (parent.type === 'use_path' && !fieldNode(parent, 'namespace') && fieldNode(parent, 'name')?.id === identifier.id) {
    declaration = localInterfaceOrWorld(parent, identifier.text);
  }
  if (!declaration) return null;
  return { span: spanOf(identifier), markdown: describeDeclaration(declaration) };
}

/** The interface or world `name` of the package block holding `from` (a local `use` path). */
function localInterfaceOrWorld(from: Node, name: string): Node | null {
  let block: Node | null = from.parent;
  while (block && block.type !== 'nested_package' && block.type !== 'source_file') block = block.parent;
  for (const item of block?.namedChildren ?? []) {
    if (item?.type !== 'interface_item' && item?.type !== 'world_item') continue;
    if (fieldNode(item, 'name')?.text === name) return item;
  }
  return null;
}

const MAX_DECLARATION_LINES = 30;

/** The declaration as WIT (attributes kept, bodies cut when long) and its docs. */
export function describeDeclaration(declaration: Node): string {
  let code = declaration.text;
  const lines = code.split(/\r?\n/);
  if (lines.length > MAX_DECLARATION_LINES) {
    code = [...lines.slice(0, MAX_DECLARATION_LINES - 1), '  // …', lines[lines.length - 1]].join('\n');
  }
  code = dedent(code);
  const docs = docComment(declaration);
  return `\`\`\`wit\n${code}\n\`\`\`${docs ? `\n\n---\n\n${docs}` : ''}`;
}

/** Removes the indentation that the declaration's later lines share with its first. */
function dedent(code: string): string {
  const lines = code.split('\n');
  const indents = lines.slice(1).filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const closing = lines.length > 1 ? lines[lines.length - 1].length - lines[lines.length - 1].trimStart().length : 0;
  const common = Math.min(closing, ...indents);
  if (!common || !Number.isFinite(common)) return code;
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(common, l.length - l.trimStart().length)))].join('\n');
}
