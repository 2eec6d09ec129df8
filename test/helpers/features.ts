/** The document features a client can ask for, to call every one the server announces. */

export type Position = { line: number; character: number };

/** A request for each document feature, keyed by the capability that announces it. */
export const FEATURES: { capability: string; method: string; params: (uri: string, position: Position) => object }[] = [
  { capability: 'hoverProvider', method: 'textDocument/hover', params: (uri, position) => ({ textDocument: { uri }, position }) },
  {
    capability: 'codeActionProvider',
    method: 'textDocument/codeAction',
    params: (uri, position) => ({ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
  },
  { capability: 'documentSymbolProvider', method: 'textDocument/documentSymbol', params: (uri) => ({ textDocument: { uri } }) },
  { capability: 'foldingRangeProvider', method: 'textDocument/foldingRange', params: (uri) => ({ textDocument: { uri } }) },
  {
    capability: 'selectionRangeProvider',
    method: 'textDocument/selectionRange',
    params: (uri, position) => ({ textDocument: { uri }, positions: [position] }),
  },
  { capability: 'semanticTokensProvider', method: 'textDocument/semanticTokens/full', params: (uri) => ({ textDocument: { uri } }) },
  { capability: 'definitionProvider', method: 'textDocument/definition', params: (uri, position) => ({ textDocument: { uri }, position }) },
  {
    capability: 'referencesProvider',
    method: 'textDocument/references',
    params: (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } }),
  },
  { capability: 'renameProvider', method: 'textDocument/prepareRename', params: (uri, position) => ({ textDocument: { uri }, position }) },
  {
    capability: 'renameProvider',
    method: 'textDocument/rename',
    params: (uri, position) => ({ textDocument: { uri }, position, newName: 'renamed' }),
  },
  {
    capability: 'documentHighlightProvider',
    method: 'textDocument/documentHighlight',
    params: (uri, position) => ({ textDocument: { uri }, position }),
  },
  { capability: 'completionProvider', method: 'textDocument/completion', params: (uri, position) => ({ textDocument: { uri }, position }) },
];
