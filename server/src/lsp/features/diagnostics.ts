import { allDiagnostics } from '../../analysis/analyze';
import type { ServerContext } from '../context';

/**
 * Publishes the diagnostics of a document's current version. Before the first settings
 * arrive nothing is sent: loading them re-publishes every open document.
 */
export function publishDiagnostics(context: ServerContext, uri: string): void {
  if (!context.settingsLoaded) return;
  const send = context.guard('diagnostics', undefined, () => {
    const analysis = context.documents.analysis(uri);
    const converter = context.converter(uri);
    if (!analysis || !converter) return;
    const diagnostics = allDiagnostics(analysis).map((d) => converter.diagnostic(d, (u) => context.converter(u)));
    void context.connection.sendDiagnostics({ uri, version: context.documents.version(uri), diagnostics });
  });
  send();
}

export function registerDiagnostics(context: ServerContext): void {
  const { connection, documents } = context;
  connection.onDidOpenTextDocument(
    context.guard('didOpen', undefined, ({ textDocument }) => {
      documents.openDocument(textDocument.uri, textDocument.text, textDocument.version);
      publishDiagnostics(context, textDocument.uri);
    }),
  );
  connection.onDidChangeTextDocument(
    context.guard('didChange', undefined, ({ textDocument, contentChanges }) => {
      documents.changeDocument(textDocument.uri, contentChanges, textDocument.version);
      publishDiagnostics(context, textDocument.uri);
    }),
  );
  connection.onDidCloseTextDocument(
    context.guard('didClose', undefined, ({ textDocument }) => {
      documents.closeDocument(textDocument.uri);
      void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }),
  );
}
