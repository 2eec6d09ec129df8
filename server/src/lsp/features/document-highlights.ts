import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver';
import { documentHighlights } from '../../analysis/navigation/document-highlights';
import type { ServerContext } from '../context';

export function registerDocumentHighlights(context: ServerContext): void {
  context.connection.onDocumentHighlight(
    context.guard('documentHighlight', [], ({ textDocument, position }): DocumentHighlight[] => {
      const converter = context.converter(textDocument.uri);
      if (!converter || !context.workspace) return [];
      const offset = converter.lines.offset(position, converter.encoding);
      return documentHighlights(context.workspace, textDocument.uri, offset).map((h) => ({
        range: converter.range(h.span),
        kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      }));
    }),
  );
}
