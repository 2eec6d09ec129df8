import type { Node } from 'web-tree-sitter';
import { descendantsOfType, fieldNode, spanOf } from '../syntax';
import type { Span } from '../text';
import type { TypeResolver } from '../types';
import { isDeprecated } from './document-symbols';

/**
 * The token types, in legend order. All are LSP's standard types except `world`, which
 * the VS Code extension declares with `interface` as its super type.
 */
export const TOKEN_TYPES = [
  'namespace',
  'interface',
  'world',
  'class',
  'struct',
  'enum',
  'type',
  'function',
  'method',
  'parameter',
  'property',
  'enumMember',
  'decorator',
] as const;

export const TOKEN_MODIFIERS = ['declaration', 'async', 'deprecated', 'defaultLibrary', 'static'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  span: Span;
  type: TokenType;
  modifiers: TokenModifier[];
}

const TYPE_OF_TYPEDEF: Readonly<Record<string, TokenType>> = {
  type_alias: 'type',
  record_item: 'struct',
  variant_item: 'enum',
  enum_item: 'enum',
  flags_item: 'enum',
  resource_item: 'class',
};

/** Built-in generic types and the keyword each starts with, coloured as library types. */
const BUILTIN_KEYWORD_OF: Readonly<Record<string, string>> = {
  list_type: 'list',
  map_type: 'map',
  option_type: 'option',
  result_type: 'result',
  tuple_type: 'tuple',
  future_type: 'future',
  stream_type: 'stream',
  borrow_type: 'borrow',
  own_type: 'own',
};

/** Every node type that carries a token. */
const TOKEN_NODE_TYPES = [
  'package_name', 'use_path', 'interface_item', 'world_item', 'type_alias', 'record_item', 'variant_item',
  'enum_item', 'flags_item', 'resource_item', 'func_item', 'method_item', 'import_item', 'export_item',
  'include_name', 'param', 'record_field', 'variant_case', 'enum_case', 'flag', 'use_name', 'named_type',
  'primitive_type', 'error_context_type', 'since_attribute', 'unstable_attribute', 'deprecated_attribute',
  'external_id_attribute', ...Object.keys(BUILTIN_KEYWORD_OF),
];

/**
 * Semantic tokens of a file, in document order: what each name declares or refers to
 * (the model's `resolver` finds the typedef behind a type name, so records `use`d from
 * another file or package colour as records), attributes as decorators, and built-in types
 * with `defaultLibrary`.
 */
export function semanticTokens(root: Node, resolver: TypeResolver): SemanticToken[] {
  // The root starts at its first token, which need not be offset 0: index `text` from there.
  const text = ' '.repeat(root.startIndex) + root.text;
  const tokens: SemanticToken[] = [];
  // Only an item that starts with `@` has attributes: the cheap test spares a tree query per item.
  const deprecated = (item: Node): boolean => text.charCodeAt(item.startIndex) === 64 && isDeprecated(item);
  const add = (node: Node | null, type: TokenType, ...modifiers: TokenModifier[]): void => {
    if (node && !node.isMissing && node.endIndex > node.startIndex) tokens.push({ span: spanOf(node), type, modifiers });
  };
  const declare = (item: Node, type: TokenType, ...modifiers: TokenModifier[]): void => {
    if (deprecated(item)) modifiers.push('deprecated');
    add(fieldNode(item, 'name'), type, 'declaration', ...modifiers);
  };
  /** What a type name stands for: the token type of its typedef and whether it is deprecated. */
  const targetOf = (identifier: Node): { type: TokenType; deprecated: boolean } | null => {
    const typedef = resolver.typedefOf(identifier);
    const type = typedef && TYPE_OF_TYPEDEF[typedef.type];
    return type ? { type, deprecated: isDeprecated(typedef) } : null;
  };
  /** The colour of a name that refers to a type, from what it resolves to. */
  const typeReference = (identifier: Node | null, fallback: TokenType, ...modifiers: TokenModifier[]): void => {
    if (!identifier) return;
    const target = targetOf(identifier);
    add(identifier, target?.type ?? fallback, ...modifiers, ...(target?.deprecated ? (['deprecated'] as const) : []));
  };

  // One query for every node of interest, in document order: far cheaper than walking
  // the tree node by node through web-tree-sitter.
  for (const node of descendantsOfType(root, TOKEN_NODE_TYPES)) {
    switch (node.type) {
      case 'package_name':
        add(fieldNode(node, 'namespace'), 'namespace');
        add(fieldNode(node, 'name'), 'namespace');
        break;
      case 'use_path':
        addUsePath(node, add);
        break;
      case 'interface_item':
        declare(node, 'interface');
        break;
      case 'world_item':
        declare(node, 'world');
        break;
      case 'type_alias':
      case 'record_item':
      case 'variant_item':
      case 'enum_item':
      case 'flags_item':
      case 'resource_item':
        declare(node, TYPE_OF_TYPEDEF[node.type]);
        break;
      case 'func_item':
        declare(node, 'function', ...asyncModifier(fieldNode(node, 'type')));
        break;
      case 'method_item': {
        const modifiers = asyncModifier(fieldNode(node, 'type'));
        if (fieldNode(node, 'static')) modifiers.push('static');
        declare(node, 'method', ...modifiers);
        break;
      }
      case 'import_item':
      case 'export_item': {
        const funcType = fieldNode(node, 'type');
        if (funcType) declare(node, 'function', ...asyncModifier(funcType));
        else declare(node, 'interface');
        break;
      }
      case 'include_name':
        add(fieldNode(node, 'name'), 'function');
        add(fieldNode(node, 'alias'), 'function', 'declaration');
        break;
      case 'param':
        add(fieldNode(node, 'name'), 'parameter', 'declaration');
        break;
      case 'record_field':
        add(fieldNode(node, 'name'), 'property', 'declaration');
        break;
      case 'variant_case':
      case 'enum_case':
      case 'flag':
        add(fieldNode(node, 'name'), 'enumMember', 'declaration');
        break;
      case 'use_name': {
        // The local name (the alias, if any) is what the enclosing scope resolves.
        const name = fieldNode(node, 'name');
        const alias = fieldNode(node, 'alias');
        const target = targetOf(alias ?? name ?? node);
        const type = target?.type ?? 'type';
        const deprecated: TokenModifier[] = target?.deprecated ? ['deprecated'] : [];
        add(name, type, ...deprecated);
        add(alias, type, 'declaration', ...deprecated);
        break;
      }
      case 'named_type':
        typeReference(fieldNode(node, 'name'), 'type');
        break;
      case 'borrow_type':
      case 'own_type':
        addKeyword(node, tokens);
        typeReference(fieldNode(node, 'resource'), 'class');
        break;
      case 'list_type':
      case 'map_type':
      case 'option_type':
      case 'result_type':
      case 'tuple_type':
      case 'future_type':
      case 'stream_type':
        addKeyword(node, tokens);
        break;
      case 'primitive_type':
      case 'error_context_type':
        add(node, 'type', 'defaultLibrary');
        break;
      case 'since_attribute':
      case 'unstable_attribute':
      case 'deprecated_attribute':
      case 'external_id_attribute': {
        const at = node.child(0);
        const word = node.child(1);
        if (at && word) tokens.push({ span: { start: at.startIndex, end: word.endIndex }, type: 'decorator', modifiers: [] });
        break;
      }
    }
  }
  return tokens.sort((a, b) => a.span.start - b.span.start);
}

/** The keyword a built-in generic type starts with (`list` of `list<u8>`), as a library type. */
function addKeyword(node: Node, tokens: SemanticToken[]): void {
  const keyword = BUILTIN_KEYWORD_OF[node.type];
  tokens.push({ span: { start: node.startIndex, end: node.startIndex + keyword.length }, type: 'type', modifiers: ['defaultLibrary'] });
}

function asyncModifier(funcType: Node | null): TokenModifier[] {
  return funcType && fieldNode(funcType, 'async') ? ['async'] : [];
}

/** `ns:pkg/name@1.0.0`: the package as namespaces; the last name is an interface or world. */
function addUsePath(path: Node, add: (node: Node | null, type: TokenType, ...modifiers: TokenModifier[]) => void): void {
  add(fieldNode(path, 'namespace'), 'namespace');
  add(fieldNode(path, 'package'), 'namespace');
  add(fieldNode(path, 'name'), path.parent?.type === 'include_item' ? 'world' : 'interface');
  const alias = path.parent?.type === 'toplevel_use' ? fieldNode(path.parent, 'alias') : null;
  add(alias, 'interface', 'declaration');
}
