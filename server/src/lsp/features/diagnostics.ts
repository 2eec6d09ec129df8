import { allDiagnostics } from '../../analysis/analyze';
import type { ServerContext } from '../context';

/**
 * How long diagnostics wait after a change: a burst of keystrokes is analysed once, for
 * its last version, instead of holding every later request up behind one analysis each.
 */
const CHANGE_DELAY_MS = 40;
const scheduled = new WeakMap<ServerContext, Map<string, NodeJS.Timeout>>();

function timers(context: ServerContext): Map<string, NodeJS.Timeout> {
  let map = scheduled.get(context);
  if (!map) scheduled.set(context, (map = new Map()));
  return map;
}

/**
 * Publishes the diagnostics of a document's current version now (dropping a scheduled
 * publication). Before the first settings arrive nothing is sent: loading them
 * re-publishes every open document.
 */
export function publishDiagnostics(context: ServerContext, uri: string): void {
  cancelScheduled(context, uri);
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

/** Publishes shortly, unless another change comes first (then after that one). */
export function schedulePublish(context: ServerContext, uri: string): void {
  cancelScheduled(context, uri);
  timers(context).set(uri, setTimeout(() => publishDiagnostics(context, uri), CHANGE_DELAY_MS));
}

function cancelScheduled(context: ServerContext, uri: string): void {
  const map = timers(context);
  clearTimeout(map.get(uri));
  map.delete(uri);
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
      schedulePublish(context, textDocument.uri);
    }),
  );
  connection.onDidCloseTextDocument(
    context.guard('didClose', undefined, ({ textDocument }) => {
      cancelScheduled(context, textDocument.uri);
      documents.closeDocument(textDocument.uri);
      void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }),
  );
}
