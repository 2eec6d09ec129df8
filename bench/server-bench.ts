import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../server/src/analysis/text';
import { editSites, type EditSite } from './inputs';
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

export interface KeystrokeResult {
  site: EditSite['label'];
  kind: 'insert' | 'delete';
  /** didChange to the new version's diagnostics: what the user waits for. */
  toDiagnostics: number[];
  /**
   * didChange to the answer of a hover sent right behind it: the hover needs the new
   * version's analysis, so this is the server's own work for the keystroke, without the
   * delay by which it batches diagnostics of fast typing.
   */
  toAnalysis: number[];
}

/**
 * Opens `text` in a fresh server and types one character after a function name at the
 * start, middle and end, then deletes it, each as one incremental `didChange`.
 */
export async function keystrokes(text: string, samplesPerEdit: number, warmup: number): Promise<KeystrokeResult[]> {
  const uri = 'file:///bench/keystrokes.wit';
  const server = new LspProcess();
  try {
    await server.initialize();
    let version = 1;
    const opened = server.diagnosticsFor(uri, version);
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'wit', version, text } });
    await opened;
    const lines = new LineIndex(text);
    const results = new Map<string, KeystrokeResult>();
    const change = async (range: { start: number; end: number }, newText: string): Promise<[number, number]> => {
      version++;
      const published = server.diagnosticsFor(uri, version);
      const started = performance.now();
      const position = lines.position(range.start);
      server.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: lines.position(range.end) }, text: newText }],
      });
      const analysed = server.request('textDocument/hover', { textDocument: { uri }, position }).then(() => performance.now());
      const [analysedAt, publishedAt] = await Promise.all([analysed, published.then(() => performance.now())]);
      return [publishedAt - started, analysedAt - started];
    };
    for (let round = 0; round < warmup + samplesPerEdit; round++) {
      for (const site of editSites(text)) {
        // Insert then delete, so the text (and `lines`) is the original again after each pair.
        const insert = await change({ start: site.offset, end: site.offset }, 'x');
        const remove = await change({ start: site.offset, end: site.offset + 1 }, '');
        if (round < warmup) continue;
        record(results, site.label, 'insert', insert);
        record(results, site.label, 'delete', remove);
      }
    }
    return [...results.values()];
  } finally {
    await server.stop();
  }
}

function record(
  results: Map<string, KeystrokeResult>,
  site: EditSite['label'],
  kind: 'insert' | 'delete',
  [toDiagnostics, toAnalysis]: [number, number],
): void {
  const key = `${site} ${kind}`;
  const result = results.get(key) ?? { site, kind, toDiagnostics: [], toAnalysis: [] };
  result.toDiagnostics.push(toDiagnostics);
  result.toAnalysis.push(toAnalysis);
  results.set(key, result);
}

export interface OpenCorpus {
  files: number;
  /** First didOpen to the last file's diagnostics. */
  elapsedMs: number;
  idleRssBytes?: number;
  openRssBytes?: number;
}

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
    return { files: files.length, elapsedMs, idleRssBytes, openRssBytes: server.residentBytes() };
  } finally {
    await server.stop();
  }
}
