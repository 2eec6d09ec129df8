import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { DeclarationKind } from '../../analysis/model';
import { workspaceSymbols } from '../../analysis/navigation/workspace-symbols';
import type { ServerContext } from '../context';
import { converterFor } from './workspace-locations';

const SYMBOL_KINDS: Readonly<Record<DeclarationKind, SymbolKind>> = {
  package: SymbolKind.Package,
  interface: SymbolKind.Interface,
  world: SymbolKind.Module,
  type: SymbolKind.TypeParameter,
  record: SymbolKind.Struct,
  variant: SymbolKind.Enum,
  enum: SymbolKind.Enum,
  flags: SymbolKind.Enum,
  resource: SymbolKind.Class,
  field: SymbolKind.Field,
  case: SymbolKind.EnumMember,
  'enum-case': SymbolKind.EnumMember,
  flag: SymbolKind.EnumMember,
  function: SymbolKind.Function,
  method: SymbolKind.Method,
  'static-method': SymbolKind.Function,
  constructor: SymbolKind.Constructor,
  param: SymbolKind.Variable,
  use: SymbolKind.TypeParameter,
  import: SymbolKind.Interface,
  export: SymbolKind.Interface,
};

export function registerWorkspaceSymbols(context: ServerContext): void {
  context.connection.onWorkspaceSymbol(
    context.guard('workspaceSymbol', [], ({ query }): SymbolInformation[] => {
      if (!context.workspace) return [];
      return workspaceSymbols(context.workspace, query).flatMap((symbol) => {
        const converter = converterFor(context, symbol.uri);
        if (!converter) return [];
        const information: SymbolInformation = {
          name: symbol.name,
          kind: SYMBOL_KINDS[symbol.kind],
          location: { uri: symbol.uri, range: converter.range(symbol.declaration.nameSpan) },
        };
        if (symbol.containerName) information.containerName = symbol.containerName;
        return [information];
      });
    }),
  );
}
