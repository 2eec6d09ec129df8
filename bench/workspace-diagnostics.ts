/**
 * The cost of an edit with whole-workspace diagnostics (`npm run bench:workspace`), over
 * stdio with the bundled server, as an editor without pull diagnostics drives it. A
 * workspace of N package folders of 10 files (about 200 lines each); the open `types.wit`
 * of one folder renames a record that a closed file of the folder uses, then renames it
 * back. Measured: the time from `didChange` to the closed file's new diagnostics, and the
 * server's CPU per edit. Only the edited folder is re-checked, so both should stay flat as
 * the number of folders grows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess, type PublishedDiagnostics } from './lsp-process';
import { summarize } from './stats';

const FILES_PER_FOLDER = 10;
const FUNCTIONS_PER_FILE = 60;
const EDITS = 20;
const QUIET_MS = 150;

function writeWorkspace(root: string, folders: number): void {
  for (let g = 0; g < folders; g++) {
    const dir = path.join(root, `pkg-${g}`);
    fs.mkdirSync(dir, { recursive: true });
    const records = Array.from({ length: 30 }, (_, i) => `  record rec-${i} {\n    a: u32,\n    b: string,\n  }`).join('\n');
    fs.writeFileSync(path.join(dir, 'types.wit'), `package bench:pkg${g};\n\ninterface types {\n  record item {\n    id: u64,\n  }\n${records}\n}\n`);
    for (let f = 1; f < FILES_PER_FOLDER; f++) {
      const functions = Array.from({ length: FUNCTIONS_PER_FILE }, (_, i) => `  op-${i}: func(x: item, y: rec-${i % 30}) -> result<item, string>;\n`);
      // The first closed file of each folder has a warning, so the first report of every folder shows.
      const warning = f === 1 ? '  resource r {\n    write: async func(data: stream<u8>);\n  }\n' : '';
      fs.writeFileSync(path.join(dir, `api-${f}.wit`), `interface api-${f} {\n  use types.{item, ${Array.from({ length: 30 }, (_, i) => `rec-${i}`).join(', ')}};\n${warning}${functions.join('\n')}}\n`);
    }
  }
}

function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
}

type Scope = 'workspace' | 'openFiles';

async function measure(folders: number, scope: Scope): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-bench-workspace-'));
  writeWorkspace(root, folders);
  const uri = (file: string): string => pathToFileURL(path.join(root, file)).href;
  const server = new LspProcess();
  try {
    const indexed = server.waitForNotification<{ message: string }>('window/logMessage', (p) => p.message.startsWith('indexed '), 120_000);
    const firstReports = scope === 'openFiles' ? [] : Array.from({ length: folders }, (_, g) =>
      server.waitForNotification<PublishedDiagnostics>('textDocument/publishDiagnostics', (p) => p.uri === uri(`pkg-${g}/api-1.wit`), 120_000),
    );
    const started = performance.now();
    await server.request('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
      capabilities: { general: { positionEncodings: ['utf-16'] } },
    });
    server.notify('initialized', {});
    server.notify('workspace/didChangeConfiguration', { settings: { wit: { diagnostics: { scope } } } });
    await indexed;
    await Promise.all(firstReports);
    const wholeWorkspaceMs = performance.now() - started;

    const types = uri('pkg-0/types.wit');
    const closed = uri('pkg-0/api-2.wit');
    let text = fs.readFileSync(path.join(root, 'pkg-0/types.wit'), 'utf8');
    let version = 1;
    server.notify('textDocument/didOpen', { textDocument: { uri: types, languageId: 'wit', version, text } });
    await server.diagnosticsFor(types, version);
    const latencies: number[] = [];
    const cpuBefore = cpuMs(server.pid);
    for (let i = 0; i < EDITS; i++) {
      const [from, to] = i % 2 === 0 ? ['item', 'items'] : ['items', 'item'];
      const start = text.indexOf(`record ${from} `) + 'record '.length;
      const line = text.slice(0, start).split('\n').length - 1;
      const character = start - text.lastIndexOf('\n', start - 1) - 1;
      text = text.slice(0, start) + to + text.slice(start + from.length);
      const broken = i % 2 === 0;
      const report = scope === 'openFiles'
        ? server.diagnosticsFor(types, version + 1)
        : server.waitForNotification<PublishedDiagnostics>(
          'textDocument/publishDiagnostics',
          (p) => p.uri === closed && (p.diagnostics.length > 0) === broken,
          30_000,
        );
      const sent = performance.now();
      server.notify('textDocument/didChange', {
        textDocument: { uri: types, version: ++version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character: character + from.length } }, text: to }],
      });
      await report;
      latencies.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    }
    const cpuPerEdit = (cpuMs(server.pid) - cpuBefore) / EDITS;
    const s = summarize(latencies);
    const lines = folders * (fs.readFileSync(path.join(root, 'pkg-0/types.wit'), 'utf8').split('\n').length +
      (FILES_PER_FOLDER - 1) * fs.readFileSync(path.join(root, 'pkg-0/api-2.wit'), 'utf8').split('\n').length);
    return [
      `${folders} folders, ${folders * FILES_PER_FOLDER} files, ${lines.toLocaleString('en')} lines`,
      scope,
      scope === 'openFiles' ? '-' : `${(wholeWorkspaceMs / 1000).toFixed(1)} s`,
      `${s.median.toFixed(0)} / ${s.p95.toFixed(0)} ms`,
      `${cpuPerEdit.toFixed(0)} ms`,
    ];
  } finally {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows: string[][] = [];
  for (const folders of sizes.length > 0 ? sizes : [1, 10, 40]) {
    for (const scope of ['openFiles', 'workspace'] as const) rows.push(await measure(folders, scope));
  }
  console.log(`Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load ${os.loadavg()[0].toFixed(1)}`);
  console.log('| workspace | wit.diagnostics.scope | first report of every file | edit to its diagnostics (openFiles: the open file\'s; workspace: the closed file\'s), p50 / p95 | server CPU per edit |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
