import type { Node } from 'web-tree-sitter';
import type { WitDocument } from './document';
import type { RuleDiagnostic } from './rules/rule';
import { KEYWORD_DOCS } from './keyword-docs';
import { docComment, spanOf } from './syntax';
import type { Span } from './text';
import type { TypeResolver } from './types';

export interface Hover {
  span: Span;
  markdown: string;
}

const ATTRIBUTE_TYPES = ['since_attribute', 'unstable_attribute', 'deprecated_attribute', 'external_id_attribute'];

/**
 * What to show at `offset`: a rule's explanation on a flagged function, the meaning of a
 * keyword or built-in type, or the declaration a name refers to. `resolver` is the model's
 * (`Workspace.typeResolver`): names `use`d from other files and packages resolve too.
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

/** The declaration a name declares or refers to, wherever the resolver finds it, with its docs. */
function nameHover(identifier: Node, resolver: TypeResolver): Hover | null {
  const declaration = resolver.resolveName(identifier);
  return declaration ? { span: spanOf(identifier), markdown: describeDeclaration(declaration) } : null;
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
