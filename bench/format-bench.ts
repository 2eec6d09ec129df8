/**
 * The formatter's speed: Format Document as the editor gets it (a `textDocument/formatting`
 * request to the bundled server over stdio, edits included), the formatter alone in process
 * (the server already holds the tree), what `wit-ls fmt` costs per file (parse included),
 * and Format Selection over ranges of growing size in the generated file.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatEdits } from '../server/src/analysis/format';
import { loadWitParser } from '../server/src/parser';
import { LspProcess, ROOT } from './lsp-process';
import { ms, summarize, type Summary } from './stats';

export interface FormatInput {
  name: string;
  text: string;
  /** The target for a whole-document format, in ms. */
  targetMs: number;
}

export interface FormatFigures {
  documents: { name: string; lines: number; edits: number; overStdio: Summary; format: Summary; parseAndFormat: Summary; targetMs: number }[];
  ranges: { lines: number; format: Summary }[];
}

export async function formatBench(inputs: FormatInput[], rangeText: string, samples: number, warmup: number): Promise<FormatFigures> {
  const parser = await loadWitParser(path.join(ROOT, 'dist'));
  const documents: FormatFigures['documents'] = [];
  for (const { name, text, targetMs } of inputs) {
    const tree = parser.parse(text);
    const format: number[] = [];
    const parseAndFormat: number[] = [];
    let edits = 0;
    for (let i = 0; i < warmup + samples; i++) {
      let start = performance.now();
      const result = formatEdits(text, tree);
      const formatted = performance.now() - start;
      start = performance.now();
      const fresh = parser.parse(text);
      formatEdits(text, fresh);
      const whole = performance.now() - start;
      fresh.delete();
      if ('refused' in result) throw new Error(`the formatter refused ${name}: ${result.refused}`);
      edits = result.edits.length;
      if (i >= warmup) {
        format.push(formatted);
        parseAndFormat.push(whole);
      }
    }
    tree.delete();
    const overStdio = await formattingOverStdio(text, samples, warmup);
    documents.push({ name, lines: lineCount(text), edits, overStdio, format: summarize(format), parseAndFormat: summarize(parseAndFormat), targetMs });
  }

  // Ranges in the middle of the file, each ten times the one before.
  const tree = parser.parse(rangeText);
  const lineStarts = [0];
  for (let i = rangeText.indexOf('\n'); i !== -1; i = rangeText.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const middle = Math.floor(lineStarts.length / 2);
  const ranges: FormatFigures['ranges'] = [];
  for (const lines of [10, 100, 1000, 10_000]) {
    const first = Math.max(0, Math.min(middle - Math.floor(lines / 2), lineStarts.length - 1 - lines));
    const span = { start: lineStarts[first], end: lineStarts[Math.min(lineStarts.length - 1, first + lines)] };
    const times: number[] = [];
    for (let i = 0; i < warmup + samples; i++) {
      const start = performance.now();
      formatEdits(rangeText, tree, undefined, span);
      const elapsed = performance.now() - start;
      if (i >= warmup) times.push(elapsed);
    }
    ranges.push({ lines, format: summarize(times) });
  }
  tree.delete();
  return { documents, ranges };
}

/** Round trips of `textDocument/formatting` for `text`, open in a fresh bundled server. */
async function formattingOverStdio(text: string, samples: number, warmup: number): Promise<Summary> {
  const uri = 'file:///bench/format.wit';
  const server = new LspProcess();
  try {
    await server.initialize();
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'wit', version: 1, text } });
    const times: number[] = [];
    for (let i = 0; i < warmup + samples; i++) {
      const start = performance.now();
      await server.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      if (i >= warmup) times.push(performance.now() - start);
    }
    return summarize(times);
  } finally {
    await server.stop();
  }
}

/** The report's lines for bench/RESULTS.md. */
export function formatReport(figures: FormatFigures, samples: number): string[] {
  const lines = [
    `${samples} samples each after a warm-up. "Format Document" is a \`textDocument/formatting\` request to the bundled server over stdio, answered with every edit, as the editor gets it. "Formatter" is the formatter alone in process (run by tsx; the server already holds the tree); "parse + format" is \`wit-ls fmt\`'s work per file.`,
    '',
    '| file | lines | edits | Format Document p50 | p95 | formatter p50 | p95 | parse + format p50 | target |',
    '|---|---|---|---|---|---|---|---|---|',
    ...figures.documents.map(
      (d) => `| ${d.name} | ${d.lines.toLocaleString('en')} | ${d.edits.toLocaleString('en')} | ${ms(d.overStdio.median)} | ${ms(d.overStdio.p95)} | ${ms(d.format.median)} | ${ms(d.format.p95)} | ${ms(d.parseAndFormat.median)} | < ${d.targetMs} ms |`,
    ),
    '',
    'Format Selection over ranges of growing size in the middle of the generated file (cost follows the range, not the file):',
    '',
    '| lines in range | p50 | p95 |',
    '|---|---|---|',
    ...figures.ranges.map((r) => `| ${r.lines.toLocaleString('en')} | ${ms(r.format.median)} | ${ms(r.format.p95)} |`),
    '',
  ];
  // The target is the formatter's own work; the round trip adds the protocol and the edits' JSON.
  const missed = figures.documents.filter((d) => d.format.median >= d.targetMs);
  const name = (d: FormatFigures['documents'][number]) => d.name.split(',')[0];
  lines.push(
    missed.length === 0
      ? `Target met: the formatter takes ${figures.documents.map((d) => `${ms(d.format.median)} on the ${name(d)}`).join(', ')}.`
      : `**Target missed**: ${missed.map((d) => `${ms(d.format.median)} on the ${name(d)} (target ${d.targetMs} ms)`).join(', ')}.`,
  );
  return lines;
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
