import * as fs from 'node:fs';
import * as path from 'node:path';
import { witFiles } from '../test/helpers/corpus';
import { ROOT } from './lsp-process';

/** `../shared/wit-corpus` beside the repository; absent on a user's fresh clone. */
export const CORPUS = path.resolve(ROOT, '../shared/wit-corpus');

const WASI_RELEASE = path.join(CORPUS, 'wasi-p3', 'WASI@v0.3.0');

export interface Inputs {
  /** Where the corpus came from, for the report. */
  corpusName: string;
  corpusFiles: string[];
  /** A WASI 0.3 file on which the async-stream rule fires (cold start). */
  wasi03File: string;
  /** The folder `wit-ls check` is run on: the corpus, or the repository's own WIT. */
  corpusRoot: string;
  /** WASI 0.3.0's release folder (packages under proposals/), when the corpus has it. */
  wasiRelease?: string;
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
      corpusRoot: CORPUS,
      wasiRelease: fs.existsSync(WASI_RELEASE) ? WASI_RELEASE : undefined,
    };
  }
  const own = ['examples', 'test/fixtures'].map((d) => path.join(ROOT, d)).filter((d) => fs.existsSync(d));
  const corpusFiles = own.flatMap(witFiles);
  if (corpusFiles.length === 0) throw new Error('no WIT files: neither ../shared/wit-corpus nor examples/ is present');
  return {
    corpusName: `the repository's own WIT (${own.map((d) => path.relative(ROOT, d)).join(', ')}; ../shared/wit-corpus is absent)`,
    corpusFiles,
    wasi03File: path.join(ROOT, 'examples/streaming/files.wit'),
    corpusRoot: path.join(ROOT, 'examples'),
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
