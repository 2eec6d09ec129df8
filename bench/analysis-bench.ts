import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../server/src/analysis/analyze';
import { WitDocument } from '../server/src/analysis/document';
import { loadWitParser, type WitParser } from '../server/src/parser';
import { editSites } from './inputs';
import { ROOT } from './lsp-process';
import { summarize, type Summary } from './stats';

/** The parser exactly as the bundled server loads it. */
export function bundledParser(): Promise<WitParser> {
  return loadWitParser(path.join(ROOT, 'dist'));
}

export interface CorpusThroughput {
  files: number;
  bytes: number;
  /** One pass over every file: parse from scratch and analyze. */
  pass: Summary;
  syntaxErrors: number;
  ruleFindings: number;
}

/** Parses and analyzes every file from scratch, `passes` times after one warm-up pass. */
export async function corpusThroughput(files: string[], passes: number): Promise<CorpusThroughput> {
  const parser = await bundledParser();
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const times: number[] = [];
  let syntaxErrors = 0;
  let ruleFindings = 0;
  for (let pass = 0; pass <= passes; pass++) {
    syntaxErrors = 0;
    ruleFindings = 0;
    const started = performance.now();
    for (let i = 0; i < texts.length; i++) {
      const document = WitDocument.create(parser, files[i], texts[i]);
      const analysis = analyze(document);
      syntaxErrors += analysis.syntax.length;
      ruleFindings += analysis.rules.length;
      document.dispose();
    }
    if (pass > 0) times.push(performance.now() - started);
  }
  return { files: files.length, bytes, pass: summarize(times), syntaxErrors, ruleFindings };
}

export interface InProcessEdit {
  /** `applyChange`: the tree edit and the incremental re-parse. */
  reparse: Summary;
  /** `analyze` of the new version: syntax errors and every rule. */
  analyze: Summary;
  /** Parse from scratch and analyze: what a non-incremental server would pay. */
  fresh: Summary;
}

/**
 * The keystroke edits of the stdio benchmark, in process, split into re-parse and
 * analysis, to show where the time of a keystroke goes.
 */
export async function inProcessEdits(text: string, rounds: number, warmup: number): Promise<InProcessEdit> {
  const parser = await bundledParser();
  const document = WitDocument.create(parser, 'file:///bench/in-process.wit', text);
  const reparse: number[] = [];
  const analysis: number[] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    for (const site of editSites(text)) {
      for (const [span, newText] of [
        [{ start: site.offset, end: site.offset }, 'x'],
        [{ start: site.offset, end: site.offset + 1 }, ''],
      ] as const) {
        const started = performance.now();
        document.applyChange(span, newText);
        const parsed = performance.now();
        analyze(document);
        const analyzed = performance.now();
        if (round < warmup) continue;
        reparse.push(parsed - started);
        analysis.push(analyzed - parsed);
      }
    }
  }
  document.dispose();
  const fresh: number[] = [];
  for (let run = 0; run < warmup + rounds; run++) {
    const started = performance.now();
    const document = WitDocument.create(parser, 'file:///bench/fresh.wit', text);
    analyze(document);
    if (run >= warmup) fresh.push(performance.now() - started);
    document.dispose();
  }
  return { reparse: summarize(reparse), analyze: summarize(analysis), fresh: summarize(fresh) };
}

/** The empty world added so wit-parser has a world to resolve. */
const CHECK_WORLD = 'wit-ls-bench-check';

interface ReferenceTools {
  componentWitMetadataForWorld(spec: { tag: 'source'; val: string }, world: string): Promise<unknown>;
}

async function referenceTools(): Promise<ReferenceTools> {
  // jco is ESM-only; this benchmark is CommonJS.
  return (await import('@bytecodealliance/jco-transpile/wasm-tools')) as unknown as ReferenceTools;
}

/**
 * wit-parser validating one source: parse, resolve, and look up a world (the lightest
 * entry point jco offers; no component is encoded). True when it accepts the source.
 */
async function referenceValidate(tools: ReferenceTools, source: string): Promise<boolean> {
  try {
    await tools.componentWitMetadataForWorld({ tag: 'source', val: `${source}\nworld ${CHECK_WORLD} {}\n` }, CHECK_WORLD);
    return true;
  } catch {
    return false;
  }
}

export interface ReferenceFile {
  validation: Summary;
  accepted: boolean;
}

export async function referenceOnText(text: string, runs: number, warmup: number): Promise<ReferenceFile> {
  const tools = await referenceTools();
  const times: number[] = [];
  let accepted = false;
  for (let run = 0; run < warmup + runs; run++) {
    const started = performance.now();
    accepted = await referenceValidate(tools, text);
    if (run >= warmup) times.push(performance.now() - started);
  }
  return { validation: summarize(times), accepted };
}

export interface ReferenceCorpus {
  pass: Summary;
  /** Files wit-parser accepts on their own (the rest belong to multi-file packages or need deps). */
  accepted: number;
}

/** wit-parser over every corpus file, each on its own, as our server analyzes them. */
export async function referenceOnCorpus(files: string[], passes: number): Promise<ReferenceCorpus> {
  const tools = await referenceTools();
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const times: number[] = [];
  let accepted = 0;
  for (let pass = 0; pass <= passes; pass++) {
    accepted = 0;
    const started = performance.now();
    for (const text of texts) if (await referenceValidate(tools, text)) accepted++;
    if (pass > 0) times.push(performance.now() - started);
  }
  return { pass: summarize(times), accepted };
}
