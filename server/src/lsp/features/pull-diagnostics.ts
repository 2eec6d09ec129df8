import {
  DocumentDiagnosticReportKind,
  type DiagnosticOptions,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { preparedInTurns } from './diagnostics';
import type { WorkspaceDiagnostics } from '../workspace-diagnostics';

/** Announced to clients that pull: one file's diagnostics depend on others, and the workspace can be pulled. */
export const DIAGNOSTIC_PROVIDER: DiagnosticOptions = { identifier: 'wit', interFileDependencies: true, workspaceDiagnostics: true };

/**
 * LSP 3.17 pull diagnostics. `textDocument/diagnostic` answers one file; `workspace/diagnostic`
 * answers every file in `wit.diagnostics.scope`, then stays open while nothing changes and
 * reports each change as it happens: streamed as partial results when the client gives a
 * token (VS Code does: a closed file's new error shows at once), else as the answer. Reports
 * whose result id the client already has are `unchanged`.
 */
export function registerPullDiagnostics(context: ServerContext, diagnostics: WorkspaceDiagnostics): void {
  const { connection } = context;
  const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  connection.languages.diagnostics.on(
    context.guard('textDocument/diagnostic', Promise.resolve(empty), async ({ textDocument, previousResultId }) => {
      await diagnostics.whenSettingsLoaded();
      if (context.documents.isOpen(textDocument.uri)) await preparedInTurns(context, textDocument.uri);
      const report = diagnostics.report(textDocument.uri);
      if (!report) return empty;
      if (context.documents.isOpen(textDocument.uri)) diagnostics.notePulled(textDocument.uri, report);
      if (report.resultId === previousResultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
    }),
  );
  connection.languages.diagnostics.onWorkspace(
    context.guard('workspace/diagnostic', Promise.resolve<WorkspaceDiagnosticReport>({ items: [] }), async (params, token, _progress, partial) => {
      diagnostics.startWorkspacePull();
      await diagnostics.whenSettled();
      /** The result id the client holds for each file. */
      const known = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
      const first = collect(diagnostics, known, new Set([...diagnostics.uris(), ...known.keys()]), true);
      if (partial) {
        if (first.length > 0) partial.report({ items: first });
      } else if (first.some((item) => item.kind === DocumentDiagnosticReportKind.Full)) {
        return { items: first };
      }
      return new Promise<WorkspaceDiagnosticReport>((resolve) => {
        const finish = (items: WorkspaceDocumentDiagnosticReport[]): void => {
          stopListening();
          cancelled.dispose();
          resolve({ items });
        };
        const stopListening = diagnostics.onChange((uris) => {
          const items = collect(diagnostics, known, uris, false);
          if (items.length === 0) return;
          if (partial) partial.report({ items });
          else finish(items);
        });
        const cancelled = token.onCancellationRequested(() => finish([]));
        if (token.isCancellationRequested) finish([]);
      });
    }),
  );
}

/**
 * Reports for `uris` against what the client holds (`known`, updated): full when it changed,
 * `unchanged` only if `withUnchanged`, and an empty full report for a file the client holds
 * diagnostics of that has left the scope.
 */
function collect(
  diagnostics: WorkspaceDiagnostics,
  known: Map<string, string>,
  uris: Iterable<string>,
  withUnchanged: boolean,
): WorkspaceDocumentDiagnosticReport[] {
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const uri of uris) {
    const report = diagnostics.report(uri);
    const previous = known.get(uri);
    if (!report) {
      if (previous === undefined) continue;
      known.delete(uri);
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    } else if (report.resultId === previous) {
      if (withUnchanged) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: report.version ?? null, resultId: report.resultId });
    } else {
      known.set(uri, report.resultId);
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: report.version ?? null, resultId: report.resultId, items: report.items });
    }
  }
  return items;
}
