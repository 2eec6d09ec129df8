import { CodeActionKind, type CodeAction, type Connection, type TextEdit } from 'vscode-languageserver';
import { fixAllEdits, quickFixes } from '../../analysis/code-actions';
import type { ServerContext } from '../context';

/** `source.fixAll.wit`: every rule fix of the file at once, also on save when asked. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.wit`;
/** The command behind "WIT: Fix all async stream functions in file". */
export const FIX_ALL_COMMAND = 'wit.fixAll';

export function registerCodeActions(context: ServerContext): void {
  const { connection, documents } = context;
  connection.onCodeAction(
    context.guard('codeAction', [], ({ textDocument, range, context: request }): CodeAction[] => {
      const analysis = documents.analysis(textDocument.uri);
      const converter = context.converter(textDocument.uri);
      if (!analysis || !converter) return [];
      const only = request.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        for (const { diagnostic, fix } of quickFixes(analysis, converter.span(range))) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [converter.diagnostic(diagnostic)],
            isPreferred: fix.isPreferred,
            edit: { changes: { [textDocument.uri]: fix.edits.map((e) => converter.textEdit(e)) } },
          });
        }
      }
      const all = fixAllEdits(analysis);
      if (all.length > 0 && wants(FIX_ALL_KIND)) {
        actions.push({
          title: 'Fix all async stream functions in file',
          kind: FIX_ALL_KIND,
          edit: { changes: { [textDocument.uri]: all.map((e) => converter.textEdit(e)) } },
        });
      }
      return actions;
    }),
  );
  connection.onExecuteCommand(
    context.guard('executeCommand', Promise.resolve(null), async ({ command, arguments: args }) => {
      if (command !== FIX_ALL_COMMAND) return null;
      const uri = typeof args?.[0] === 'string' ? args[0] : undefined;
      if (!uri) return null;
      await applyFixAll(connection, context, uri);
      return null;
    }),
  );
}

async function applyFixAll(connection: Connection, context: ServerContext, uri: string): Promise<void> {
  const analysis = context.documents.analysis(uri);
  const converter = context.converter(uri);
  if (!analysis || !converter) return;
  const edits: TextEdit[] = fixAllEdits(analysis).map((e) => converter.textEdit(e));
  if (edits.length === 0) return;
  // A versioned edit lets the client refuse it if the user typed meanwhile.
  const versioned = context.clientCapabilities.workspace?.workspaceEdit?.documentChanges === true;
  const version = context.documents.version(uri) ?? null;
  const result = await connection.workspace.applyEdit({
    label: 'Fix all async stream functions',
    edit: versioned ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } },
  });
  if (!result.applied) context.log(`fix all in ${uri} was not applied${result.failureReason ? `: ${result.failureReason}` : ''}`);
}
