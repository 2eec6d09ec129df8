import { ResponseError, ErrorCodes, type PrepareRenameResult, type WorkspaceEdit } from 'vscode-languageserver';
import { prepareRename, renameAt } from '../../analysis/navigation/rename';
import type { ServerContext } from '../context';
import { converterFor } from './workspace-locations';

/**
 * Rename and its check. A refusal (a keyword, an invalid new name, a clash) is answered
 * with an error whose message the editor shows, as the protocol asks.
 */
export function registerRename(context: ServerContext): void {
  const { connection } = context;
  connection.onPrepareRename(
    context.guard('prepareRename', null, ({ textDocument, position }): PrepareRenameResult | ResponseError<void> | null => {
      const converter = context.converter(textDocument.uri);
      if (!converter || !context.workspace) return null;
      const prepared = prepareRename(context.workspace, textDocument.uri, converter.lines.offset(position, converter.encoding));
      if ('error' in prepared) return new ResponseError(ErrorCodes.InvalidRequest, prepared.error);
      return { range: converter.range(prepared.span), placeholder: prepared.placeholder };
    }),
  );
  connection.onRenameRequest(
    context.guard('rename', null, ({ textDocument, position, newName }): WorkspaceEdit | ResponseError<void> | null => {
      const converter = context.converter(textDocument.uri);
      if (!converter || !context.workspace) return null;
      const offset = converter.lines.offset(position, converter.encoding);
      const result = renameAt(context.workspace, textDocument.uri, offset, newName);
      if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
      const changes: NonNullable<WorkspaceEdit['changes']> = {};
      for (const [uri, edits] of result.changes) {
        const target = converterFor(context, uri);
        if (!target) return new ResponseError(ErrorCodes.InternalError, `Cannot map positions in ${uri}; the rename was not applied.`);
        changes[uri] = edits.map((e) => target.textEdit(e));
      }
      if (!context.clientCapabilities.workspace?.workspaceEdit?.documentChanges) return { changes };
      // With versions, the editor refuses the edit if a document changed since: no edit lands on the wrong text.
      return {
        documentChanges: Object.entries(changes).map(([uri, edits]) => ({
          textDocument: { uri, version: context.documents.version(uri) ?? null },
          edits,
        })),
      };
    }),
  );
}
