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
 * Why a document's first analysis (in the worker) keeps it there, as the notice shown at its
 * top; undefined when it is fit for the main thread and the model.
 */
export function keptInWorkerNotice(syntaxErrors: number, nodes: number): WitDiagnostic | undefined {
  if (syntaxErrors > ERROR_DENSE_SYNTAX_ERRORS) return errorDenseNotice(syntaxErrors);
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
    message: `${hidden.length.toLocaleString('en')} more problems in this file are not shown (${counts}): ` +
      `only the first ${max.toLocaleString('en')} are listed. Fix those, or run \`wit-ls check\` to see them all.`,
  };
  return [...diagnostics.slice(0, max), notice];
}

/** The limit in bytes the settings give (a positive number), else the default. */
export function maxFileSize(settings: AnalysisSettings): number {
  const value = settings.maxFileSize;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_FILE_SIZE;
}

/** Whether a newly opened `text` below the size limit is big enough to get its first analysis in the worker. */
export function analysedFirstInWorker(text: string, settings: AnalysisSettings): boolean {
  return text.length > FIRST_ANALYSIS_IN_WORKER_BYTES / 3 && Buffer.byteLength(text, 'utf8') > FIRST_ANALYSIS_IN_WORKER_BYTES && !isOversized(text, settings);
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
    message: `This file has ${count.toLocaleString('en')} ${what}: only syntax errors and checks within this file run ` +
      `until it has ${limit.toLocaleString('en')} or fewer; names from other files are not resolved or checked.`,
  };
}

function countBySeverity(diagnostics: readonly WitDiagnostic[]): string {
  const names = ['errors', 'warnings', 'notes', 'hints'];
  const counts = [0, 0, 0, 0];
  for (const d of diagnostics) counts[d.severity - 1]++;
  return counts.map((n, i) => (n > 0 ? `${n.toLocaleString('en')} ${names[i]}` : '')).filter(Boolean).join(', ');
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
