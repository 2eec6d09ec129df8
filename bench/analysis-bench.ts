import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../server/src/analysis/analyze';
import { WitDocument } from '../server/src/analysis/document';
import { loadWitParser, type WitParser } from '../server/src/parser';
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
