import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../server/src/analysis/text';
import { witFiles } from '../test/helpers/corpus';
import { ROOT } from './lsp-process';

/** `../shared/wit-corpus` beside the repository; absent on a user's fresh clone. */
export const CORPUS = path.resolve(ROOT, '../shared/wit-corpus');

export interface Inputs {
  /** Where the corpus came from, for the report. */
  corpusName: string;
  corpusFiles: string[];
  /** A WASI 0.3 file on which the async-stream rule fires (cold start). */
  wasi03File: string;
  /** The largest WASI file (keystrokes). */
  largestWasiFile: string;
}

/** The real corpus when it is there, else the repository's own WIT. */
export function findInputs(): Inputs {
  if (fs.existsSync(CORPUS)) {
    const corpusFiles = witFiles(CORPUS);
    const wasi = corpusFiles.filter((f) => /[/\\]wasi-p[23][/\\]/.test(f));
    const wasi03 = corpusFiles.find((f) =>
      f.endsWith(path.join('WASI@v0.3.0-rc-2026-01-06', 'proposals', 'filesystem', 'wit-0.3.0-draft', 'types.wit')),
    );
    return {
      corpusName: '../shared/wit-corpus',
      corpusFiles,
      wasi03File: wasi03 ?? largest(wasi),
      largestWasiFile: largest(wasi),
    };
  }
  const own = ['examples', 'test/fixtures'].map((d) => path.join(ROOT, d)).filter((d) => fs.existsSync(d));
  const corpusFiles = own.flatMap(witFiles);
  if (corpusFiles.length === 0) throw new Error('no WIT files: neither ../shared/wit-corpus nor examples/ is present');
  return {
    corpusName: `the repository's own WIT (${own.map((d) => path.relative(ROOT, d)).join(', ')}; ../shared/wit-corpus is absent)`,
    corpusFiles,
    wasi03File: path.join(ROOT, 'examples/streaming/files.wit'),
    largestWasiFile: largest(corpusFiles),
  };
}

function largest(files: string[]): string {
  return files.reduce((a, b) => (fs.statSync(b).size > fs.statSync(a).size ? b : a));
}

/** A path for the report: relative to the corpus or the repository. */
export function displayPath(file: string): string {
  const base = file.startsWith(CORPUS) ? CORPUS : ROOT;
  return path.relative(base, file);
}

/** One place to type at, and where it is. */
export interface EditSite {
  label: 'start' | 'middle' | 'end';
  /** UTF-16 offset just after a function's name: typing there renames the function. */
  offset: number;
}

/**
 * Where a person typically types near the start, middle and end of `text`: right after
 * the name of the first function declared at or after 5%, 50% and 95% of the text.
 */
export function editSites(text: string): EditSite[] {
  const fraction = { start: 0.05, middle: 0.5, end: 0.95 } as const;
  return (Object.keys(fraction) as EditSite['label'][]).map((label) => ({
    label,
    offset: functionNameEnd(text, Math.floor(text.length * fraction[label])),
  }));
}

function functionNameEnd(text: string, from: number): number {
  const pattern = /^[ \t]*(?:import |export )?(%?[a-z][a-z0-9-]*)[ \t]*:[ \t]*(?:static[ \t]+)?(?:async[ \t]+)?func\b/gm;
  for (const start of [from, 0]) {
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (match) return match.index + match[0].indexOf(match[1]) + match[1].length;
  }
  // No function at all: type at the end of the line holding `from`.
  const lines = new LineIndex(text);
  return lines.lineEnd(lines.lineOf(from));
}
