/**
 * The hostile-input table of `npm run bench` (issue 14): for each input, a fresh server
 * (`node dist/wit-ls.js --stdio`, as editors run it) opens it while a small second document
 * is hovered without pause. Reported: the time from `didOpen` to the input's diagnostics,
 * the longest the small document waited for a hover (the worst main-thread stall), and the
 * server's peak resident memory (VmHWM). Targets: every input of 10 MB or less gets
 * diagnostics within 5 s; the other document never waits more than 100 ms.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  binaryBytes,
  brokenLines,
  longVersion,
  oneLinePackage,
  sameNameParameters,
  smallDocument,
  unclosedComments,
  validOfSize,
} from './hostile-inputs';
import { LspProcess, SERVER_BUNDLE } from './lsp-process';
import { megabytes, ms } from './stats';

const MB = 1024 * 1024;
const PROBE_URI = 'file:///bench/probe/a.wit';
const PROBE_TEXT = 'package probe:doc;\n\ninterface i {\n  f: func();\n}\n';
const PROBE_EVERY_MS = 20;

interface HostileCase {
  name: string;
  /** The documents to open at once. */
  documents: () => string[];
  /** After the diagnostics: one more request whose time is reported (e.g. documentSymbol). */
  then?: { method: string; params: (uri: string) => unknown };
  /** Measured by `--quick` too (scaled down), so the table keeps working in CI. */
  quick?: boolean;
}

interface Row {
  name: string;
  bytes: number;
  toDiagnostics?: number;
  worstStall: number;
  peakRss?: number;
  note: string;
}

export function cases(scale: number): HostileCase[] {
  const n = (count: number): number => Math.max(10, Math.round(count * scale));
  const tenMb = validOfSize(10 * MB * scale);
  return [
    { name: `valid generated document, ${megabytes(10 * MB * scale)}`, documents: () => [tenMb], quick: true },
    { name: 'five valid 10 MB documents at once', documents: () => Array.from({ length: 5 }, () => tenMb) },
    { name: `${n(20_000).toLocaleString('en')} unclosed \`/*\``, documents: () => [unclosedComments(n(20_000))], quick: true },
    { name: `package version of ${n(20_000).toLocaleString('en')} numbers`, documents: () => [longVersion(n(20_000))] },
    { name: `package version of ${n(500_000).toLocaleString('en')} numbers`, documents: () => [longVersion(n(500_000))] },
    { name: `${n(20_000).toLocaleString('en')} lines \`f: func(x: ) -> ;\``, documents: () => [brokenLines(n(20_000))] },
    { name: `${n(100_000).toLocaleString('en')} parameters named \`p\` (one line)`, documents: () => [sameNameParameters(n(100_000), false)] },
    {
      name: `one ${megabytes(5 * MB * scale)} line, then documentSymbol`,
      quick: true,
      documents: () => [oneLinePackage(Math.round((5 * MB * scale) / 160))],
      then: { method: 'textDocument/documentSymbol', params: (uri) => ({ textDocument: { uri } }) },
    },
    { name: 'binary bytes under a `.wit` name, 256 KB', documents: () => [binaryBytes(256 * 1024 * scale).toString('utf8')] },
    { name: `${n(1_000).toLocaleString('en')} small documents of one package`, documents: () => Array.from({ length: n(1_000) }, (_, i) => smallDocument(i)) },
  ];
}

export async function measure(c: HostileCase, timeoutMs: number): Promise<Row> {
  const texts = c.documents();
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const server = new LspProcess(['--stdio'], ['--max-old-space-size=4096', ...benchNodeOptions()]);
  const row: Row = { name: c.name, bytes, worstStall: 0, note: '' };
  try {
    await server.initialize();
    server.notify('textDocument/didOpen', { textDocument: { uri: PROBE_URI, languageId: 'wit', version: 1, text: PROBE_TEXT } });
    await server.diagnosticsFor(PROBE_URI, 1, timeoutMs);
    let probing = true;
    const probe = (async () => {
      while (probing && server.alive) {
        const sent = performance.now();
        await server.request('textDocument/hover', { textDocument: { uri: PROBE_URI }, position: { line: 3, character: 6 } }, timeoutMs).catch(() => undefined);
        row.worstStall = Math.max(row.worstStall, performance.now() - sent);
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
    })();
    // Several documents share one folder: one package, one resolution group, as the inputs say.
    const uris = texts.map((_, i) => `file:///bench/hostile/doc/${i < 1 ? 'a' : `a-${i}`}.wit`);
    const published = uris.map((uri) => server.diagnosticsFor(uri, 1, timeoutMs));
    const started = performance.now();
    texts.forEach((text, i) => server.notify('textDocument/didOpen', { textDocument: { uri: uris[i], languageId: 'wit', version: 1, text } }));
    try {
      await Promise.all(published);
      row.toDiagnostics = performance.now() - started;
      if (c.then) {
        const asked = performance.now();
        await server.request(c.then.method, c.then.params(uris[0]), timeoutMs);
        row.note = `${c.then.method.replace('textDocument/', '')} ${ms(performance.now() - asked)}`;
      }
    } catch (error) {
      row.note = server.alive ? `no diagnostics within ${ms(timeoutMs)}` : `server died: ${firstLine(server.stderr)}`;
    }
    probing = false;
    await Promise.race([probe, new Promise((r) => setTimeout(r, timeoutMs))]);
    row.peakRss = peakResident(server.pid);
  } finally {
    await server.stop().catch(() => undefined);
  }
  return row;
}

/** `check` printing thousands of diagnostics of one line: the CLI's quadratic case. */
export function cliOneLine(count: number): Row {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-bench-hostile-'));
  try {
    const file = path.join(dir, 'params.wit');
    fs.writeFileSync(file, sameNameParameters(count, false));
    const started = performance.now();
    const run = spawnSync(process.execPath, [SERVER_BUNDLE, 'check', file], { encoding: 'utf8', timeout: 300_000, maxBuffer: 1024 * MB });
    const elapsed = performance.now() - started;
    return {
      name: `\`wit-ls check\`, ${count.toLocaleString('en')} diagnostics on one line (text output)`,
      bytes: fs.statSync(file).size,
      toDiagnostics: run.status === null ? undefined : elapsed,
      worstStall: Number.NaN,
      note: run.status === null ? 'did not finish within 300 s' : 'whole run, printing included',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Extra Node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile a missed target. */
function benchNodeOptions(): string[] {
  return process.env.WIT_LS_BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
}

function peakResident(pid: number): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n').find((l) => /heap|error/i.test(l))?.slice(0, 120) ?? 'no message';
}

/** The section's lines: what was measured, the table and the verdicts. */
export async function hostileInputs(quick: boolean, only?: string): Promise<string[]> {
  const scale = quick ? 0.02 : 1;
  const timeoutMs = quick ? 60_000 : 180_000;
  const rows: Row[] = [];
  for (const c of cases(scale).filter((c) => (!quick || c.quick) && (!only || c.name.includes(only)))) {
    process.stderr.write(`hostile: ${c.name}\n`);
    rows.push(await measure(c, timeoutMs));
  }
  if (!only) rows.push(cliOneLine(quick ? 2_000 : 20_000));
  const withinSize = rows.filter((r) => r.bytes <= 10 * MB && !Number.isNaN(r.worstStall));
  const slow = withinSize.filter((r) => r.toDiagnostics === undefined || r.toDiagnostics > 5_000);
  const stalled = rows.filter((r) => r.worstStall > 100);
  return [
    `Each input is opened in a fresh server (\`node --max-old-space-size=4096 dist/wit-ls.js --stdio\`) while a small second document is hovered every ${PROBE_EVERY_MS} ms${quick ? '; **--quick: three inputs, scaled to 2%**' : ''}. "Worst stall" is the longest that hover waited; peak RSS is the server's VmHWM. Inputs from bench/hostile-inputs.ts.`,
    '',
    `| input | size | to diagnostics | worst stall of another document | peak RSS | note |`,
    `|---|---|---|---|---|---|`,
    ...rows.map((r) => `| ${r.name} | ${megabytes(r.bytes)} | ${r.toDiagnostics === undefined ? '—' : ms(r.toDiagnostics)} | ${Number.isNaN(r.worstStall) ? 'n/a' : ms(r.worstStall)} | ${r.peakRss === undefined ? '—' : megabytes(r.peakRss)} | ${r.note} |`),
    '',
    slow.length === 0
      ? 'Target met: every input of 10 MB or less got diagnostics within 5 s.'
      : `**Target missed**: diagnostics took over 5 s for ${slow.map((r) => r.name).join('; ')}.`,
    stalled.length === 0
      ? 'Target met: the other document never waited more than 100 ms.'
      : `**Target missed**: the other document waited over 100 ms beside ${stalled.map((r) => r.name).join('; ')}.`,
  ];
}

// `node --import tsx bench/hostile.ts [--quick] [--case TEXT]`: this table alone, or the inputs whose name contains TEXT.
if (require.main === module) {
  const only = process.argv.indexOf('--case');
  hostileInputs(process.argv.includes('--quick'), only >= 0 ? process.argv[only + 1] : undefined).then(
    (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
