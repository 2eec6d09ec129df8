import { analyze, type Analysis, type AnalysisSettings } from './analyze';
import { Severity, type WitDiagnostic } from './diagnostics';
import type { WitDocument } from './document';

/**
 * Caps that keep a hostile document from costing more than it is worth:
 *
 * - At most `MAX_DIAGNOSTICS` diagnostics are published per file, then one that says how
 *   many more there are (an editor slows to a crawl on 100,000 squiggles, and nobody reads
 *   past the first screens; `wit-ls check` prints them all).
 * - A document above `wit.analysis.maxFileSize` bytes gets only syntax errors and this
 *   file's own checks (its rules, types resolved within the file), not the cross-file
 *   model; one notice at the top of the file says so. So does one below it that its first
 *   analysis (in the worker) finds error-dense or with too many nodes for the main thread.
 */

export const MAX_DIAGNOSTICS = 1_000;

/** Generated WIT tops out around a few hundred kilobytes; hand-written far below. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export const TOO_MANY_CODE = 'too-many-diagnostics';
export const TOO_LARGE_CODE = 'file-too-large';
/** The analysis of an oversized document failed (its worker crashed or ran out of memory). */
export const ANALYSIS_FAILED_CODE = 'analysis-failed';
export const TOO_BROKEN_CODE = 'too-many-syntax-errors';
export const TOO_COMPLEX_CODE = 'too-many-syntax-nodes';
export const TOO_MUCH_SKIPPED_CODE = 'too-many-skipped-tokens';

/**
 * Below the size limit, a document above this many bytes gets its first analysis in the
 * worker too: parsing and analysing it costs the main thread over a second when it is
 * broken throughout (20,000 broken lines are 400 KB), and nothing else could be answered
 * meanwhile. Only hand-written WIT far below it is analysed on the main thread at once.
 */
export const FIRST_ANALYSIS_IN_WORKER_BYTES = 256 * 1024;

/**
 * A document below the size limit with more syntax errors than this (after its first
 * analysis, in the worker) stays there, file-local, until an edit brings it below: names
 * in such text mean little, and the cross-file model would cost the main thread seconds.
 */
export const ERROR_DENSE_SYNTAX_ERRORS = MAX_DIAGNOSTICS;

/**
 * A document below the size limit whose tree has more nodes than this (counted in the worker
 * at its first analysis: a number tree-sitter keeps, no walk) stays there, file-local, until
 * an edit brings it below. Parsing, copying for the model and analysing cost the main thread
 * about 5 µs a node, so 100,000 parameters on one line (600,000 nodes) held every other
 * document up for seconds. The generated 10,000-line package (264 KB, 76,601 nodes, the
 * keystroke benchmark's) stays with the model.
 */
export const MAIN_THREAD_MAX_NODES = 150_000;

/**
 * Below 256 KB, a document of more tokens than this (counted in its text, `tokenCount`) gets
 * its first analysis in the worker too, and one with more nodes than this inside syntax
 * errors (`nodesInErrors`, counted there) stays there, file-local, until an edit brings it
 * below. A fresh server's first pass over text the parser had to skip costs the main thread
 * far more a token than valid text (tree-sitter's error recovery, the syntax copy, every
 * skipped token read for the syntax error, none of it compiled yet): a 40 KB package version
 * of 20,000 numbers (13,000 tokens in one error) held the other documents up over 200 ms. So
 * the main thread parses at most this many tokens of a text it has not seen, and keeps no
 * document with more skipped ones. Hand-written WIT stays below, so it never pays the way
 * through a worker (its latency, and the worker's memory, which malloc keeps: 16 MB more
 * with the corpus open when one 25 KB test file of jco's, 5,000 tokens, went through it).
 * WASI's densest file (`http/types.wit`, 28 KB) has about 2,000 tokens.
 */
export const MAIN_THREAD_FIRST_TOKENS = 6_000;

/**
 * Why a document's first analysis (in the worker) keeps it there, as the notice shown at its
 * top; undefined when it is fit for the main thread and the model.
 */
export function keptInWorkerNotice(syntaxErrors: number, nodes: number, nodesInErrors: number): WitDiagnostic | undefined {
  if (syntaxErrors > ERROR_DENSE_SYNTAX_ERRORS) return errorDenseNotice(syntaxErrors);
  if (nodesInErrors > MAIN_THREAD_FIRST_TOKENS) {
    return fileLocalNotice(TOO_MUCH_SKIPPED_CODE, nodesInErrors, 'syntax nodes inside syntax errors', MAIN_THREAD_FIRST_TOKENS);
  }
  return nodes > MAIN_THREAD_MAX_NODES ? fileLocalNotice(TOO_COMPLEX_CODE, nodes, 'syntax nodes', MAIN_THREAD_MAX_NODES) : undefined;
}

/** `diagnostics` (sorted by position) cut to `MAX_DIAGNOSTICS`, plus a count of the rest. */
export function capDiagnostics(diagnostics: WitDiagnostic[], max = MAX_DIAGNOSTICS): WitDiagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const hidden = diagnostics.slice(max);
  let severity: Severity = Severity.Hint;
  for (const d of hidden) if (d.severity < severity) severity = d.severity; // Error = 1 is the worst
  const counts = countBySeverity(hidden);
  const notice: WitDiagnostic = {
    code: TOO_MANY_CODE,
    severity,
    span: { start: hidden[0].span.start, end: hidden[0].span.start },
    message: `${thousands(hidden.length)} more problems in this file are not shown (${counts}): ` +
      `only the first ${thousands(max)} are listed. Fix those, or run \`wit-ls check\` to see them all.`,
  };
  return [...diagnostics.slice(0, max), notice];
}

/** The limit in bytes the settings give (a positive number), else the default. */
export function maxFileSize(settings: AnalysisSettings): number {
  const value = settings.maxFileSize;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_FILE_SIZE;
}

/** Whether a newly opened `text` below the size limit is big or dense enough to get its first analysis in the worker. */
export function analysedFirstInWorker(text: string, settings: AnalysisSettings): boolean {
  if (isOversized(text, settings)) return false;
  if (text.length > FIRST_ANALYSIS_IN_WORKER_BYTES / 3 && Buffer.byteLength(text, 'utf8') > FIRST_ANALYSIS_IN_WORKER_BYTES) return true;
  return tokenCount(text, MAIN_THREAD_FIRST_TOKENS + 1) > MAIN_THREAD_FIRST_TOKENS;
}

/**
 * About how many tokens besides comments tree-sitter reads in `text`, counting up to `limit`:
 * a run of name characters is one, a string one, any other character one (never fewer than
 * tree-sitter). One pass over the characters, stopping at `limit`, so cheap on every open.
 */
export function tokenCount(text: string, limit: number): number {
  let tokens = 0;
  for (let i = 0; i < text.length && tokens < limit; ) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
      i++;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      i = blockCommentEnd(text, i);
      if (i < 0) return tokens + 1; // unterminated: one token to the end
    } else if (c === 0x22 /* " */) {
      i = stringEnd(text, i);
      tokens++;
    } else if (isNameChar(c)) {
      while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
      tokens++;
    } else {
      i++;
      tokens++;
    }
  }
  return tokens;
}

/** The end of the block comment opening at `start` (they nest, as in wit-parser); -1 if it is not closed. */
function blockCommentEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    const pair = text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);
    if (pair === 0x2f002a /* slash star */) {
      depth++;
      i++;
    } else if (pair === 0x2a002f /* star slash */) {
      i++;
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** After the string opening at `start`, or after its `"` alone if the line ends first (as the grammar reads it). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x0a) break;
    if (c === 0x5c /* backslash */ && text.charCodeAt(i + 1) !== 0x0a) i++;
  }
  return start + 1;
}

/** Letters, digits, `-`, `_` and `%`: the characters of names, numbers and versions' parts. */
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x25;
}

/** Whether a document of `text` is above the size limit; cheap enough to ask on every change. */
export function isOversized(text: string, settings: AnalysisSettings): boolean {
  const limit = maxFileSize(settings);
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes: only a text near the limit needs counting.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return Buffer.byteLength(text, 'utf8') > limit;
}

/**
 * The analysis of an oversized document: syntax errors, rules with file-local types and the
 * notice. The server runs it in a worker thread (lsp/large-documents/), never on its main one.
 */
export function oversizedAnalysis(document: WitDocument, settings: AnalysisSettings): Analysis {
  const analysis = analyze(document, settings);
  analysis.semantic = [{
    code: TOO_LARGE_CODE,
    severity: Severity.Information,
    span: { start: 0, end: 0 },
    message: `This file is ${megabytes(Buffer.byteLength(document.text, 'utf8'))}, above \`wit.analysis.maxFileSize\` ` +
      `(${megabytes(maxFileSize(settings))}): only syntax errors and checks within this file run; names from other ` +
      'files are not resolved or checked.',
  }];
  return analysis;
}

/** The notice at the top of a document that keeps its file-local analysis because it has `count` syntax errors. */
function errorDenseNotice(count: number): WitDiagnostic {
  return fileLocalNotice(TOO_BROKEN_CODE, count, 'syntax errors', ERROR_DENSE_SYNTAX_ERRORS);
}

/** The notice of a document kept file-local in the worker while it has more than `limit` of `what`. */
function fileLocalNotice(code: string, count: number, what: string, limit: number): WitDiagnostic {
  return {
    code,
    severity: Severity.Information,
    span: { start: 0, end: 0 },
    message: `This file has ${thousands(count)} ${what}: only syntax errors and checks within this file run ` +
      `until it has ${thousands(limit)} or fewer; names from other files are not resolved or checked.`,
  };
}

function countBySeverity(diagnostics: readonly WitDiagnostic[]): string {
  const names = ['errors', 'warnings', 'notes', 'hints'];
  const counts = [0, 0, 0, 0];
  for (const d of diagnostics) counts[d.severity - 1]++;
  return counts.map((n, i) => (n > 0 ? `${thousands(n)} ${names[i]}` : '')).filter(Boolean).join(', ');
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * `n` with commas between thousands, as `toLocaleString('en')` writes it, whose first call
 * loads ICU's number formats: 15-45 ms of the main thread, once, when a notice is first made.
 */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
