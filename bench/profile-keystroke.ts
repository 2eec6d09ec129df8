/**
 * The profile of one keystroke (`npm run bench:profile`), in process: one character typed
 * inside a parameter list near the middle of the generated 10,000-line file, then deleted,
 * 60 times each, through the `DocumentStore` with the workspace model attached, as the
 * server handles `didChange`, then the analysis and its conversion to LSP diagnostics as
 * `publishDiagnostics` sends them. No stdio, no timers: what the server's CPU does for a
 * keystroke, split into phases.
 *
 * Phases: the edit (text, line index, incremental re-parse), the model (every call into the
 * `Workspace`, the resolver's answers to the rules included), the file's own analysis
 * (lexical and syntax errors, the rules minus the resolver's answers), the LSP form, and its
 * JSON as the publication's message (which the server sends after answering the requests
 * that came with the keystroke, features/diagnostics.ts).
 * Options: `--lines N` (default 10000), `--rounds N` (default 60), `--wasi`: instead of the
 * generated file, WASI 0.3.0's `sockets/types.wit` (one ~800-line interface) in its package
 * with deps/, as the keystroke bench's WASI setup (needs ../shared/wit-corpus).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analysis } from '../server/src/analysis/analyze';
import { isOversized } from '../server/src/analysis/limits';
import { createWorkspace, type Workspace } from '../server/src/analysis/model';
import type { TypeResolver } from '../server/src/analysis/types';
import { DocumentStore } from '../server/src/lsp/documents';
import { lspDiagnostics } from '../server/src/lsp/features/diagnostics';
import { Converter } from '../server/src/lsp/convert';
import { loadWitParser } from '../server/src/parser';
import { generateLargeWit } from './generate-wit';
import { findInputs } from './inputs';
import { parameterSite, SetupFolders } from './keystroke-setups';
import { ROOT } from './lsp-process';
import { ms, summarize } from './stats';

const PHASES = ['edit', 'model', 'file-local', 'lsp form', 'json'] as const;
type Phase = (typeof PHASES)[number];

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** Times every outermost call into `target`'s methods (and the resolvers it hands out) into `spent.model`. */
function timed(workspace: Workspace, spent: { model: number }): Workspace {
  let depth = 0;
  const wrap = <F extends (...args: never[]) => unknown>(fn: F, self: unknown): F =>
    ((...args: never[]) => {
      const started = depth === 0 ? performance.now() : 0;
      depth++;
      try {
        return fn.apply(self, args);
      } finally {
        depth--;
        if (depth === 0) spent.model += performance.now() - started;
      }
    }) as F;
  return new Proxy(workspace, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      if (key === 'typeResolver') {
        return (uri: string): TypeResolver => {
          const resolver = wrap(value as (uri: string) => TypeResolver, target)(uri);
          return { resolveType: wrap(resolver.resolveType, resolver), typedefOf: resolver.typedefOf, resolveName: resolver.resolveName };
        };
      }
      return wrap(value as (...args: never[]) => unknown, target);
    },
  });
}

async function main(): Promise<void> {
  const lines = option('--lines', 10_000);
  const rounds = option('--rounds', 60);
  const warmup = 10;
  const parser = await loadWitParser(path.join(ROOT, 'dist'));
  const wasi = process.argv.includes('--wasi') ? wasiSockets() : undefined;
  const text = wasi ? fs.readFileSync(wasi.file, 'utf8') : generateLargeWit(lines);
  const uri = wasi ? pathToFileURL(wasi.file).href : 'file:///profile/generated.wit';
  const spent = { model: 0 };
  const settings = { rules: {} }; // one object, as the server's context.settings
  const store = new DocumentStore(parser, () => 'utf-16', () => settings);
  const workspace = createWorkspace(parser);
  // The package's other files and deps/, as the server's workspace index hands them over.
  for (const file of wasi?.others ?? []) workspace.setText(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'));
  store.attachWorkspace(timed(workspace, spent), () => {});
  // A text this large gets its first analysis in a worker thread (lsp/large-documents/), as
  // in the server; the keystrokes start once it has moved to the main thread and the model.
  const moved = new Promise<void>((resolve) => store.onLargeDocumentAnalysed(() => resolve()));
  store.openDocument(uri, text, 1);
  if (!store.get(uri)) {
    store.analysis(uri);
    await moved;
  }
  const site = parameterSite(text);
  let version = 1;
  let diagnosticCount = 0;
  let jsonBytes = 0;
  const samples: Record<Phase | 'total', number[]> = { edit: [], model: [], 'file-local': [], 'lsp form': [], json: [], total: [] };
  const keystroke = (round: number, start: number, end: number, newText: string): void => {
    const document = store.get(uri)!;
    const range = { start: document.lines.position(start), end: document.lines.position(end) };
    spent.model = 0;
    const started = performance.now();
    store.changeDocument(uri, [{ range, text: newText }], ++version);
    const edited = performance.now();
    const modelInEdit = spent.model;
    const analysis: Analysis = store.analysis(uri)!;
    const analysed = performance.now();
    const converter = new Converter(store.get(uri)!.lines, 'utf-16');
    const diagnostics = lspDiagnostics(analysis, converter, () => converter);
    diagnosticCount = diagnostics.length;
    const converted = performance.now();
    // The message as vscode-jsonrpc encodes it for stdio (the write itself is not counted).
    jsonBytes = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } }), 'utf8').length;
    const encoded = performance.now();
    if (round < warmup) return;
    samples.edit.push(edited - started - modelInEdit);
    samples.model.push(spent.model);
    samples['file-local'].push(analysed - edited - (spent.model - modelInEdit));
    samples['lsp form'].push(converted - analysed);
    samples.json.push(encoded - converted);
    samples.total.push(encoded - started);
  };
  for (let round = 0; round < warmup + rounds; round++) {
    keystroke(round, site, site, 'x');
    keystroke(round, site, site + 1, '');
  }
  const total = summarize(samples.total);
  const fileLocal = samples.edit.map((e, i) => e + samples['file-local'][i] + samples['lsp form'][i] + samples.json[i]);
  const share = fileLocal.reduce((a, b) => a + b, 0) / samples.total.reduce((a, b) => a + b, 0);
  const name = wasi ? 'WASI 0.3.0 sockets/types.wit with its package and deps/' : `generated ${lines.toLocaleString('en')}-line file`;
  console.log(`profile of a keystroke: ${name}, ${samples.total.length} keystrokes ` +
    `(${rounds} typed and deleted in a parameter list near the middle), in process, ${diagnosticCount} diagnostics each ` +
    `(${Math.round(jsonBytes / 1024)} KB of JSON)`);
  if (isOversized(text, settings)) console.log('above wit.analysis.maxFileSize: the file gets its own analysis only, no model');
  console.log(`total: p50 ${ms(total.median)}, p95 ${ms(total.p95)}, max ${ms(total.max)}`);
  for (const phase of PHASES) {
    const s = summarize(samples[phase]);
    console.log(`  ${phase.padEnd(10)} p50 ${ms(s.median).padStart(9)}   p95 ${ms(s.p95).padStart(9)}`);
  }
  const local = summarize(fileLocal);
  console.log(`file-local (edit + file-local + lsp form + json): p50 ${ms(local.median)}, p95 ${ms(local.p95)}, ${(share * 100).toFixed(0)}% of the total`);
  store.closeDocument(uri);
  wasi?.dispose();
}

/** The keystroke bench's WASI setup: the file typed into and the package's other files, deps/ included. */
function wasiSockets(): { file: string; others: string[]; dispose(): void } {
  const release = findInputs().wasiRelease;
  if (!release) throw new Error('--wasi needs ../shared/wit-corpus with WASI 0.3.0');
  const folders = new SetupFolders();
  const setup = folders.wasiSockets(release);
  const files = (fs.readdirSync(setup.folder, { recursive: true }) as string[]).filter((f) => f.endsWith('.wit')).map((f) => path.join(setup.folder, f));
  return { file: setup.file, others: files.filter((f) => f !== setup.file), dispose: () => folders.dispose() };
}

void main();
