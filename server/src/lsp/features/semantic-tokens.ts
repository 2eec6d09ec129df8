import { SemanticTokensBuilder, type SemanticTokensLegend } from 'vscode-languageserver';
import {
  fileTypeTargets,
  modelTypeTargets,
  semanticTokens,
  TOKEN_MODIFIERS,
  TOKEN_TYPES,
} from '../../analysis/navigation/semantic-tokens';
import { fileTypeResolver } from '../../analysis/types';
import type { ServerContext } from '../context';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

export function registerSemanticTokens(context: ServerContext): void {
  context.connection.languages.semanticTokens.on(
    context.guard('semanticTokens', { data: [] }, ({ textDocument }) => {
      const document = context.documents.get(textDocument.uri);
      const converter = context.converter(textDocument.uri);
      if (!document || !converter) return { data: [] };
      const builder = new SemanticTokensBuilder();
      // The model sees names `use`d from other files; without it, the file's own tree.
      const targets = context.workspace?.document(textDocument.uri)
        ? modelTypeTargets(context.workspace, textDocument.uri)
        : fileTypeTargets(fileTypeResolver);
      for (const token of semanticTokens(document.tree.rootNode, targets)) {
        const start = converter.lines.position(token.span.start, converter.encoding);
        const end = converter.lines.position(token.span.end, converter.encoding);
        if (end.line !== start.line) continue; // names never span lines; the protocol's tokens cannot
        const modifiers = token.modifiers.reduce((bits, m) => bits | (MODIFIER_BIT.get(m) ?? 0), 0);
        builder.push(start.line, start.character, end.character - start.character, TYPE_INDEX.get(token.type)!, modifiers);
      }
      return builder.build();
    }),
  );
}
