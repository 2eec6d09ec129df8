import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { QUIET_MS } from '../server/src/lsp/young-generation';
import { LspProcess } from './lsp-process';
import { summarize, type Summary } from './stats';

export interface ColdStart {
  /** Spawn to the first publishDiagnostics of the opened file. */
  firstDiagnostics: Summary;
  /** Spawn to the answer to `initialize`. */
  initialized: Summary;
  /** `node -e 0`: what Node itself costs before any of our code runs. */
  bareNode: Summary;
}

/** Spawns the bundled server `runs + 1` times (the first is a warm-up) and opens `file`. */
export async function coldStart(file: string, runs: number): Promise<ColdStart> {
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const firstDiagnostics: number[] = [];
  const initialized: number[] = [];
  const bareNode: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const server = new LspProcess();
    await server.initialize();
    const initializeDone = performance.now();
    const diagnostics = server.diagnosticsFor(uri, 1);
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'wit', version: 1, text } });
    await diagnostics;
    const done = performance.now();
    await server.stop();
    const nodeStarted = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    const nodeDone = performance.now();
    if (run === 0) continue;
    firstDiagnostics.push(done - started);
    initialized.push(initializeDone - started);
    bareNode.push(nodeDone - nodeStarted);
  }
  return { firstDiagnostics: summarize(firstDiagnostics), initialized: summarize(initialized), bareNode: summarize(bareNode) };
}

export interface OpenCorpus {
  files: number;
  /** First didOpen to the last file's diagnostics. */
  elapsedMs: number;
  idleRssBytes?: number;
  /** Right after the burst of opens: it still holds the young generation the burst grew. */
  openRssBytes?: number;
  /** Once the server has been quiet long enough to give that back: what an editor keeps open. */
  settledRssBytes?: number;
}

/** How long a quiet server takes to give back what a burst grew: two tries, `QUIET_MS` apart (young-generation.ts), and a margin. */
export const SETTLE_MS = 2 * QUIET_MS + 1500;

/** Opens every file in one server, as a workspace with the corpus open would, and reads its RSS. */
export async function openCorpus(files: string[]): Promise<OpenCorpus> {
  const server = new LspProcess();
  try {
    await server.initialize();
    // Let start-up allocations settle before the baseline.
    await new Promise((r) => setTimeout(r, 200));
    const idleRssBytes = server.residentBytes();
    const documents = files.map((f) => ({ uri: pathToFileURL(f).href, text: fs.readFileSync(f, 'utf8') }));
    const published = documents.map((d) => server.diagnosticsFor(d.uri, 1, 60_000));
    const started = performance.now();
    for (const d of documents) {
      server.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'wit', version: 1, text: d.text } });
    }
    await Promise.all(published);
    const elapsedMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 200));
    const openRssBytes = server.residentBytes();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return { files: files.length, elapsedMs, idleRssBytes, openRssBytes, settledRssBytes: server.residentBytes() };
  } finally {
    await server.stop();
  }
}
