import type { Diagnostic } from 'vscode-languageserver';
import { allDiagnostics, type Analysis } from '../../analysis/analyze';
import { capDiagnostics } from '../../analysis/limits';
import type { ServerContext } from '../context';
import type { Converter } from '../convert';
import { messagesDispatched } from '../protocol-guard';

/**
 * When diagnostics are published: this module owns every timer for it (a change's burst,
 * the re-publishing of other documents the change made stale).
 *
 * Changes closer together than this form a burst. The first change after a quiet spell
 * is published at once (a lone keystroke gets its diagnostics without delay), once the
 * requests already sent behind it are answered; the rest of a burst is analysed once, this
 * long after its last change, instead of holding every later request up behind one
 * analysis per keystroke.
 */
const BURST_GAP_MS = 40;
/** The other open documents a change made stale are re-published this long after the last change. */
const REPUBLISH_DELAY_MS = 150;
/** A change's publication waits for at most this many turns of messages sent behind it (a flood never holds it back for good). */
const MAX_TURNS_BEHIND = 16;

interface PublishState {
  timer?: NodeJS.Timeout;
  /** The next turn of a publication waiting for the requests queued behind its change. */
  turn?: NodeJS.Immediate;
  lastChange: number;
}

const scheduled = new WeakMap<ServerContext, Map<string, PublishState>>();
const republishTimers = new WeakMap<ServerContext, NodeJS.Timeout>();
/** When the pending re-publication is due (`scheduleRepublishStale` moves it, the timer follows). */
const republishDue = new WeakMap<ServerContext, number>();

/**
 * What is due for a document of the queue: its publication, its publication only if stale,
 * or only its model's work (a pulling client's request waits for it: `preparedInTurns`).
 * A stronger one replaces a weaker one.
 */
type Due = 'publish' | 'publish-if-stale' | 'prepare';
const STRENGTH: Record<Due, number> = { prepare: 0, 'publish-if-stale': 1, publish: 2 };

/**
 * Documents waiting to be published one per turn of the event loop, so that requests
 * queued meanwhile are answered between two of them.
 */
interface PublishQueue {
  uris: Map<string, Due>;
  /** Requests waiting until a document's model work is done (resolved as it leaves `uris`). */
  waiters: Map<string, (() => void)[]>;
  draining: boolean;
  /** Documents opened in the current burst of opens, queued when it ends. */
  opened: Set<string>;
  lastOpen: number;
  openTimer?: NodeJS.Timeout;
}
const queues = new WeakMap<ServerContext, PublishQueue>();

function queueOf(context: ServerContext): PublishQueue {
  let queue = queues.get(context);
  if (!queue) queues.set(context, (queue = { uris: new Map(), waiters: new Map(), draining: false, opened: new Set(), lastOpen: -Infinity }));
  return queue;
}

/** Publishes `uris` one per turn of the event loop (each only if stale, with `onlyIfStale`). */
function publishInTurns(context: ServerContext, uris: Iterable<string>, onlyIfStale: boolean): void {
  enqueue(context, uris, onlyIfStale ? 'publish-if-stale' : 'publish');
}

/**
 * Resolves once the model's work for `uri` is done, made one slice per turn in the queue's
 * order, as a publication's is: a pulling client (VS Code) asks for each document's
 * diagnostics as it opens, and answering at once would build a package of 1,000 files in
 * one turn while every other request waits.
 */
export function preparedInTurns(context: ServerContext, uri: string): Promise<void> {
  const queue = queueOf(context);
  return new Promise((resolve) => {
    queue.waiters.set(uri, [...(queue.waiters.get(uri) ?? []), resolve]);
    enqueue(context, [uri], 'prepare');
  });
}

function enqueue(context: ServerContext, uris: Iterable<string>, due: Due): void {
  const queue = queueOf(context);
  for (const uri of uris) {
    const queued = queue.uris.get(uri);
    if (!queued || STRENGTH[due] > STRENGTH[queued]) queue.uris.set(uri, due);
  }
  if (queue.draining) return;
  queue.draining = true;
  const next = (): void => {
    const [entry] = queue.uris;
    if (!entry) {
      queue.draining = false;
      return;
    }
    if (queue.openTimer !== undefined) {
      // Opens are still arriving: each would drop the work on its package. Resumed when they stop.
      queue.draining = false;
      return;
    }
    const [uri, kind] = entry;
    const due = kind !== 'publish-if-stale' || context.documents.isStale(uri);
    // The model's work for it first, one slice per turn (a package of 1,000 files is built
    // file by file), so that requests queued meanwhile are answered between two slices.
    if (due && context.documents.prepareStep(uri)) return void setImmediate(next);
    queue.uris.delete(uri);
    for (const resolve of queue.waiters.get(uri) ?? []) resolve();
    queue.waiters.delete(uri);
    if (due && kind !== 'prepare') publishDiagnostics(context, uri);
    setImmediate(next);
  };
  setImmediate(next);
}

/**
 * An opened document is published after a quiet spell, from the next turn. Opens closer together than
 * BURST_GAP_MS (an editor restoring 1,000 files of a package) are published when the burst
 * ends, in turns: publishing each as it opened rebuilt the package's group once per file,
 * and every request waited behind all of it.
 */
function publishOpened(context: ServerContext, uri: string): void {
  const queue = queueOf(context);
  const now = performance.now();
  const inBurst = queue.openTimer !== undefined || now - queue.lastOpen < BURST_GAP_MS;
  queue.lastOpen = now;
  // In turns even alone: its package's group may still be built (1,000 files on disk, or
  // the opens of a burst the scheduler paused for 40 ms), which takes slices, not one turn.
  if (!inBurst) return publishInTurns(context, [uri], false);
  queue.opened.add(uri);
  // One timer per burst, waiting again for what is left of the gap when it fires early:
  // re-arming it on each of 1,000 opens cost more than the open.
  const fire = (): void => {
    const left = queue.lastOpen + BURST_GAP_MS - performance.now();
    if (left > 1) return void (queue.openTimer = setTimeout(fire, left));
    queue.openTimer = undefined;
    publishInTurns(context, queue.opened, false);
    queue.opened.clear();
  };
  queue.openTimer ??= setTimeout(fire, BURST_GAP_MS);
}

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
  if (!context.settingsLoaded || context.pullsDiagnostics) return; // a pulling client asks pull-diagnostics.ts
  const send = context.guard('diagnostics', undefined, () => {
    const analysis = context.documents.analysis(uri);
    if (!analysis) return; // before the converter: a large document's line index comes with its analysis
    const converter = context.converter(uri);
    if (!converter) return;
    const diagnostics = lspDiagnostics(analysis, converter, (u) => context.converter(u));
    void context.connection.sendDiagnostics({ uri, version: context.documents.version(uri), diagnostics });
  });
  send();
}

/** A document's diagnostics in LSP form, as they are published. */
export function lspDiagnostics(analysis: Analysis, converter: Converter, related: (uri: string) => Converter | undefined): Diagnostic[] {
  // hostile-input: at most about 1,000 per file, then one that counts the rest
  return capDiagnostics(allDiagnostics(analysis)).map((d) => converter.diagnostic(d, related));
}

/** Publishes after a change: at once after a quiet spell, else when the burst ends. */
export function schedulePublish(context: ServerContext, uri: string): void {
  const map = states(context);
  const state = map.get(uri) ?? { lastChange: -Infinity };
  const now = performance.now();
  const inBurst = state.timer !== undefined || state.turn !== undefined || now - state.lastChange < BURST_GAP_MS;
  cancelScheduled(context, uri, state);
  state.lastChange = now;
  map.set(uri, state);
  if (!inBurst) publishAfterQueuedRequests(context, uri, state);
  else state.timer = setTimeout(() => publishDiagnostics(context, uri), BURST_GAP_MS);
}

/**
 * Publishes once the messages already read behind the change are handled: a hover or a
 * completion sent with a keystroke is answered first (it needs the same analysis), instead
 * of waiting for the diagnostics to be converted, serialised and written (133 KB of JSON
 * for the 10,000-line file), as rust-analyzer answers requests before its diagnostics.
 * vscode-jsonrpc handles one message per turn of the event loop, so this waits turn by turn
 * while messages were handled in the previous one, for at most MAX_TURNS_BEHIND turns
 * (counted, not timed: the order of a hover and a publication never depends on the load).
 */
function publishAfterQueuedRequests(context: ServerContext, uri: string, state: PublishState): void {
  let dispatched = -1; // the first turn runs before the next message's: always wait one more
  let turns = 0;
  const next = (): void => {
    state.turn = undefined;
    if (messagesDispatched() !== dispatched && turns++ < MAX_TURNS_BEHIND) {
      dispatched = messagesDispatched();
      state.turn = setImmediate(next);
    } else publishDiagnostics(context, uri);
  };
  state.turn = setImmediate(next);
}

/**
 * Re-publishes the open documents whose analysis a change made stale (the model's stamp for
 * them moved, or semantic errors were held back until the first index); the others'
 * analyses are kept, so each version is analysed once however the model learnt of changes.
 */
export function republishStale(context: ServerContext): void {
  clearTimeout(republishTimers.get(context));
  republishTimers.delete(context);
  publishInTurns(context, context.documents.uris().filter((uri) => context.documents.isStale(uri)), true);
}

/** `republishStale` once changes stop for a moment: a burst of edits re-checks the others once. */
export function scheduleRepublishStale(context: ServerContext): void {
  republishDue.set(context, performance.now() + REPUBLISH_DELAY_MS);
  if (republishTimers.has(context)) return; // it waits again when it fires early (see publishOpened)
  const fire = (): void => {
    const left = republishDue.get(context)! - performance.now();
    if (left > 1) return void republishTimers.set(context, setTimeout(fire, left));
    republishStale(context);
  };
  republishTimers.set(context, setTimeout(fire, REPUBLISH_DELAY_MS));
}

function cancelScheduled(context: ServerContext, uri: string, state = states(context).get(uri)): void {
  if (!state) return;
  clearTimeout(state.timer);
  clearImmediate(state.turn);
  state.timer = undefined;
  state.turn = undefined;
}

export function registerDiagnostics(context: ServerContext): void {
  const { connection, documents } = context;
  connection.onDidOpenTextDocument(
    context.guard('didOpen', undefined, ({ textDocument }) => {
      documents.openDocument(textDocument.uri, textDocument.text, textDocument.version);
      publishOpened(context, textDocument.uri);
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
