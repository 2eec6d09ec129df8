import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensDelta, type SemanticTokensLegend } from 'vscode-languageserver';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../analysis/navigation/semantic-tokens';
import { fileTypeResolver } from '../../analysis/types';
import type { ServerContext } from '../context';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

/**
 * Full semantic tokens and deltas against the previous result: an edit usually changes a
 * few tokens, so the editor receives a short diff instead of the whole file's tokens.
 */
export function registerSemanticTokens(context: ServerContext): void {
  const { connection } = context;
  /** The last result per document, which a delta request names by its id. */
  const previous = new Map<string, SemanticTokensBuilder>();

  /** Fills `builder` with the document's tokens; false when the document is not open. */
  const fill = (uri: string, builder: SemanticTokensBuilder): boolean => {
    const document = context.documents.get(uri);
    const converter = context.converter(uri);
    if (!document || !converter) return false;
    // A document above `wit.analysis.maxFileSize` has no tree here (`get` is undefined):
    // TextMate colours it.
    const resolver = context.workspace?.typeResolver(uri) ?? fileTypeResolver;
    for (const token of semanticTokens(document.tree.rootNode, resolver)) {
      const start = converter.lines.position(token.span.start, converter.encoding);
      const end = converter.lines.position(token.span.end, converter.encoding);
      if (end.line !== start.line) continue; // names never span lines; the protocol's tokens cannot
      const modifiers = token.modifiers.reduce((bits, m) => bits | (MODIFIER_BIT.get(m) ?? 0), 0);
      builder.push(start.line, start.character, end.character - start.character, TYPE_INDEX.get(token.type)!, modifiers);
    }
    return true;
  };

  connection.languages.semanticTokens.on(
    context.guard('semanticTokens', { data: [] }, ({ textDocument }): SemanticTokens => {
      // Forget closed documents' results: their tokens are never asked for again.
      for (const uri of previous.keys()) if (!context.documents.isOpen(uri)) previous.delete(uri);
      const builder = new SemanticTokensBuilder();
      if (!fill(textDocument.uri, builder)) return { data: [] };
      previous.set(textDocument.uri, builder);
      return builder.build();
    }),
  );
  connection.languages.semanticTokens.onDelta(
    context.guard('semanticTokensDelta', { data: [] }, ({ textDocument, previousResultId }): SemanticTokens | SemanticTokensDelta => {
      const builder = previous.get(textDocument.uri) ?? new SemanticTokensBuilder();
      builder.previousResult(previousResultId);
      if (!fill(textDocument.uri, builder)) return { data: [] };
      previous.set(textDocument.uri, builder);
      return builder.buildEdits();
    }),
  );
}
