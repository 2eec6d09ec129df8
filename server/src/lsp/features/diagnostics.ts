import { allDiagnostics } from '../../analysis/analyze';
import type { ServerContext } from '../context';

/**
 * A change that arrives sooner than this after the document's last publication finished
 * was waiting in line while the server analysed: the client types faster than the server
 * keeps up, a burst. A change the server was idle for is published at once (however fast
 * the typing, as long as each analysis fits between keystrokes); the rest of a burst is
 * analysed once, `BURST_DELAY_MS` after its last change, instead of holding every later
 * request up behind one analysis per keystroke.
 */
const QUEUED_GAP_MS = 4;
const BURST_DELAY_MS = 40;

interface PublishState {
  timer?: NodeJS.Timeout;
  /** When the last publication of the document finished. */
  published: number;
}

const scheduled = new WeakMap<ServerContext, Map<string, PublishState>>();

function states(context: ServerContext): Map<string, PublishState> {
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
  const state = states(context).get(uri);
  if (state) state.published = performance.now();
  else states(context).set(uri, { published: performance.now() });
}

/** Publishes after a change: at once when the server was idle for it, else when the burst ends. */
export function schedulePublish(context: ServerContext, uri: string): void {
  const map = states(context);
  const state = map.get(uri) ?? { published: -Infinity };
  const inBurst = state.timer !== undefined || performance.now() - state.published < QUEUED_GAP_MS;
  clearTimeout(state.timer);
  state.timer = undefined;
  map.set(uri, state);
  if (!inBurst) {
    publishDiagnostics(context, uri);
    return;
  }
  state.timer = setTimeout(() => publishDiagnostics(context, uri), BURST_DELAY_MS);
}

function cancelScheduled(context: ServerContext, uri: string): void {
  const state = states(context).get(uri);
  if (!state) return;
  clearTimeout(state.timer);
  state.timer = undefined;
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
      states(context).delete(textDocument.uri);
      documents.closeDocument(textDocument.uri);
      void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }),
  );
}
