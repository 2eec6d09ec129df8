import { SymbolKind, SymbolTag, type DocumentSymbol as LspDocumentSymbol } from 'vscode-languageserver';
import { documentSymbols, type DocumentSymbol, type SymbolCategory } from '../../analysis/navigation/document-symbols';
import type { Converter } from '../convert';
import type { ServerContext } from '../context';

const SYMBOL_KINDS: Readonly<Record<SymbolCategory, SymbolKind>> = {
  package: SymbolKind.Package,
  interface: SymbolKind.Interface,
  world: SymbolKind.Module,
  resource: SymbolKind.Class,
  record: SymbolKind.Struct,
  variant: SymbolKind.Enum,
  enum: SymbolKind.Enum,
  flags: SymbolKind.Enum,
  'type-alias': SymbolKind.TypeParameter,
  function: SymbolKind.Function,
  method: SymbolKind.Method,
  'static-function': SymbolKind.Function,
  constructor: SymbolKind.Constructor,
  field: SymbolKind.Field,
  case: SymbolKind.EnumMember,
  flag: SymbolKind.EnumMember,
  import: SymbolKind.Interface,
  export: SymbolKind.Interface,
};

export function registerDocumentSymbols(context: ServerContext): void {
  context.connection.onDocumentSymbol(
    context.guard('documentSymbol', Promise.resolve([]), async ({ textDocument }): Promise<LspDocumentSymbol[]> => {
      const document = context.documents.get(textDocument.uri);
      // hostile-input: a document without a tree here gets its outline from its worker, when it comes.
      const symbols = document ? documentSymbols(document.tree.rootNode) : ((await context.documents.largeNavigation(textDocument.uri))?.symbols ?? []);
      const converter = context.converter(textDocument.uri);
      return converter ? symbols.map((s) => toLsp(s, converter)) : [];
    }),
  );
}

function toLsp(symbol: DocumentSymbol, converter: Converter): LspDocumentSymbol {
  const result: LspDocumentSymbol = {
    name: symbol.name,
    kind: functionKind(symbol),
    range: converter.range(symbol.span),
    selectionRange: converter.range(symbol.selectionSpan),
    children: symbol.children.map((c) => toLsp(c, converter)),
  };
  if (symbol.detail) result.detail = symbol.detail;
  if (symbol.deprecated) result.tags = [SymbolTag.Deprecated];
  return result;
}

/** A world's `import f: func()` is a function; `import x: interface {..}` and paths are interfaces. */
function functionKind(symbol: DocumentSymbol): SymbolKind {
  const isFunction = (symbol.category === 'import' || symbol.category === 'export') && /\bfunc\b/.test(symbol.detail ?? '');
  return isFunction ? SymbolKind.Function : SYMBOL_KINDS[symbol.category];
}
