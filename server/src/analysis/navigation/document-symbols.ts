import type { Node } from 'web-tree-sitter';
import { fieldNode, nameText, spanOf } from '../syntax';
import type { Span } from '../text';

/** What a symbol is, named after the LSP SymbolKind the glue maps it to. */
export type SymbolCategory =
  | 'package'
  | 'interface'
  | 'world'
  | 'resource'
  | 'record'
  | 'variant'
  | 'enum'
  | 'flags'
  | 'type-alias'
  | 'function'
  | 'method'
  | 'static-function'
  | 'constructor'
  | 'field'
  | 'case'
  | 'flag'
  | 'import'
  | 'export';

/** One entry of the outline: `span` covers the item, `selectionSpan` its name. */
export interface DocumentSymbol {
  name: string;
  category: SymbolCategory;
  /** A short signature: `async func(data: stream<u8>) -> result`, `record`, `u32`. */
  detail?: string;
  span: Span;
  selectionSpan: Span;
  deprecated: boolean;
  children: DocumentSymbol[];
}

const CATEGORY_OF_TYPEDEF: Readonly<Record<string, SymbolCategory>> = {
  type_alias: 'type-alias',
  record_item: 'record',
  variant_item: 'variant',
  enum_item: 'enum',
  flags_item: 'flags',
  resource_item: 'resource',
};

/**
 * The outline of a file: its package (or nested packages) holding interfaces and worlds,
 * which hold types, functions and imports/exports, which hold fields, cases and methods.
 * Items without a name yet (being typed) are left out.
 */
export function documentSymbols(root: Node): DocumentSymbol[] {
  const items = packageItems(root);
  const packageDecl = root.namedChildren.find((n) => n?.type === 'package_decl');
  const packageName = packageDecl && fieldNode(packageDecl, 'name');
  if (!packageDecl || !packageName) return items;
  // The file's package spans from its declaration to the end of the file.
  return [
    {
      name: compact(packageName.text),
      category: 'package',
      span: { start: packageDecl.startIndex, end: Math.max(packageDecl.endIndex, root.endIndex) },
      selectionSpan: spanOf(packageName),
      deprecated: false,
      children: items,
    },
  ];
}

function packageItems(container: Node): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const item of container.namedChildren) {
    if (!item) continue;
    if (item.type === 'nested_package') {
      const name = fieldNode(item, 'name');
      if (name) symbols.push(symbol(item, name, compact(name.text), 'package', packageItems(item)));
    } else if (item.type === 'interface_item') {
      pushNamed(symbols, item, 'interface', undefined, bodySymbols(fieldNode(item, 'body')));
    } else if (item.type === 'world_item') {
      pushNamed(symbols, item, 'world', undefined, bodySymbols(fieldNode(item, 'body')));
    }
  }
  return symbols;
}

/** Members of an interface or world body. */
function bodySymbols(body: Node | null): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const member of body?.namedChildren ?? []) {
    if (!member) continue;
    const typedefCategory = CATEGORY_OF_TYPEDEF[member.type];
    if (typedefCategory) {
      pushNamed(symbols, member, typedefCategory, typedefDetail(member), typedefChildren(member));
    } else if (member.type === 'func_item') {
      pushNamed(symbols, member, 'function', signature(fieldNode(member, 'type')));
    } else if (member.type === 'import_item' || member.type === 'export_item') {
      const entry = externSymbol(member);
      if (entry) symbols.push(entry);
    }
  }
  return symbols;
}

function externSymbol(item: Node): DocumentSymbol | null {
  const category: SymbolCategory = item.type === 'import_item' ? 'import' : 'export';
  const name = fieldNode(item, 'name');
  const path = fieldNode(item, 'path');
  const funcType = fieldNode(item, 'type');
  const body = fieldNode(item, 'body');
  if (name && funcType) return symbol(item, name, nameText(name), category, [], `${category} ${signature(funcType)}`);
  if (name && body) return symbol(item, name, nameText(name), category, bodySymbols(body), `${category} interface`);
  if (name && path) return symbol(item, name, nameText(name), category, [], `${category} ${compact(path.text)}`);
  if (path) return symbol(item, path, compact(path.text), category, [], category);
  return null;
}

function typedefChildren(item: Node): DocumentSymbol[] {
  const body = fieldNode(item, 'body');
  if (!body) return [];
  const children: DocumentSymbol[] = [];
  for (const member of body.namedChildren) {
    if (!member) continue;
    switch (member.type) {
      case 'record_field':
        pushNamed(children, member, 'field', typeText(fieldNode(member, 'type')));
        break;
      case 'variant_case':
        pushNamed(children, member, 'case', typeText(fieldNode(member, 'type')));
        break;
      case 'enum_case':
        pushNamed(children, member, 'case');
        break;
      case 'flag':
        pushNamed(children, member, 'flag');
        break;
      case 'method_item': {
        const isStatic = !!fieldNode(member, 'static');
        const detail = signature(fieldNode(member, 'type'));
        pushNamed(children, member, isStatic ? 'static-function' : 'method', isStatic ? `static ${detail}` : detail);
        break;
      }
      case 'constructor_item': {
        const params = fieldNode(member, 'params');
        const result = fieldNode(member, 'result');
        const keyword = member.children.find((c) => c?.type === 'constructor');
        if (!keyword) break;
        const detail = `constructor${compact(params?.text ?? '()')}${result ? ` -> ${compact(result.text)}` : ''}`;
        children.push(symbol(member, keyword, 'constructor', 'constructor', [], detail));
        break;
      }
    }
  }
  return children;
}

function typedefDetail(item: Node): string | undefined {
  if (item.type === 'type_alias') return typeText(fieldNode(item, 'type'));
  return undefined;
}

function pushNamed(
  symbols: DocumentSymbol[],
  item: Node,
  category: SymbolCategory,
  detail?: string,
  children: DocumentSymbol[] = [],
): void {
  const name = fieldNode(item, 'name');
  if (!name || name.isMissing || name.text === '') return;
  symbols.push(symbol(item, name, nameText(name), category, children, detail));
}

function symbol(
  item: Node,
  nameNode: Node,
  name: string,
  category: SymbolCategory,
  children: DocumentSymbol[],
  detail?: string,
): DocumentSymbol {
  const entry: DocumentSymbol = {
    name,
    category,
    span: spanOf(item),
    selectionSpan: spanOf(nameNode),
    deprecated: isDeprecated(item),
    children,
  };
  if (detail) entry.detail = detail;
  return entry;
}

/** Whether an item carries `@deprecated(...)`. */
export function isDeprecated(item: { childrenForFieldName(field: string): ({ type: string } | null)[] }): boolean {
  return item.childrenForFieldName('attribute').some((a) => a?.type === 'deprecated_attribute');
}

/** `async func(a: u32) -> string` from a `func_type`, on one line. */
export function signature(funcType: Node | null): string | undefined {
  return funcType ? compact(funcType.text) : undefined;
}

function typeText(type: Node | null): string | undefined {
  return type ? compact(type.text) : undefined;
}

/**
 * Source text on one line with comments dropped and spacing normalised:
 * `func(a: u32,\n  b: u32)` becomes `func(a: u32, b: u32)`.
 */
export function compact(text: string): string {
  return text
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/([(<]) /g, '$1')
    .replace(/ ([)>,])/g, '$1')
    .replace(/,([)>])/g, '$1')
    .trim();
}
