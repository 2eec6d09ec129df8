import { allDiagnostics, analyze } from '../../analysis/analyze';
import { WitDocument } from '../../analysis/document';
import type { WitDiagnostic } from '../../analysis/diagnostics';
import { capDiagnostics, keptInWorkerNotice, MAX_DIAGNOSTICS, oversizedAnalysis } from '../../analysis/limits';
import { documentSymbols, type DocumentSymbol } from '../../analysis/navigation/document-symbols';
import { foldingRanges } from '../../analysis/navigation/folding';
import { nodesInErrors } from '../../analysis/syntax-errors';
import type { LargeAnalysis, LargeAnalysisRequest, LargeNavigation } from './protocol';

/**
 * The outline of an oversized document lists at most this many symbols, in document order:
 * a generated 10 MB file has hundreds of thousands, which cost the main thread a second to
 * receive and tens of MB to keep, and no one reads an outline that long. The answer is
 * JSON-encoded and written in one piece on the main thread: 10,000 symbols (2.5 MB of JSON)
 * held other documents up over 200 ms, 2,000 take about a fifth of that.
 */
export const MAX_OUTLINE_SYMBOLS = 2_000;
/** VS Code folds at most 5,000 regions (`editor.foldingMaximumRegions`): no more are sent. */
export const MAX_FOLDING_RANGES = 5_000;

/**
 * What the worker computes for a document: its file-local analysis (limits.ts), capped here
 * so that only about 1,000 diagnostics cross to the main thread. A `first` analysis says
 * whether the document is fit for the main thread, or error-dense (too many syntax errors,
 * or too many nodes inside them) or too many nodes for it, and kept here (limits.ts
 * `keptInWorkerNotice`).
 */
export function analyseLargeDocument(document: WitDocument, request: Omit<LargeAnalysisRequest, 'wasmDir'>): LargeAnalysis {
  const { settings, purpose } = request;
  const analysis = purpose === 'oversized' ? oversizedAnalysis(document, settings) : analyze(document, settings);
  const root = document.tree.rootNode;
  const kept = purpose === 'first' ? keptInWorkerNotice(analysis.syntax.length, root.descendantCount, nodesInErrors(root)) : undefined;
  const fitForMainThread = purpose === 'first' && !kept;
  if (kept) analysis.semantic = [kept];
  // One below the cap: with the count of the rest, the list stays within MAX_DIAGNOSTICS,
  // so publishing (which caps again) passes it through unchanged.
  const diagnostics = capDiagnostics(allDiagnostics(analysis), MAX_DIAGNOSTICS - 1).map(plain);
  const shown = new Set(diagnostics.map((d) => `${d.code}@${d.span.start}`));
  const explanations = analysis.rules
    .filter((d) => shown.has(`${d.code}@${d.span.start}`))
    .map((d) => ({ span: d.span, markdown: d.explain() }));
  return { diagnostics, explanations, fitForMainThread };
}

/** The outline and folding a user navigates a large generated file by, capped. */
export function largeNavigation(document: WitDocument): LargeNavigation {
  return {
    symbols: firstSymbols(documentSymbols(document.tree.rootNode), MAX_OUTLINE_SYMBOLS),
    folding: foldingRanges(document.tree.rootNode, document.lines).slice(0, MAX_FOLDING_RANGES),
  };
}

/** The first `max` symbols in document order (a parent before its children), as a tree. */
function firstSymbols(symbols: DocumentSymbol[], max: number): DocumentSymbol[] {
  let left = max;
  const take = (list: DocumentSymbol[]): DocumentSymbol[] => {
    const kept: DocumentSymbol[] = [];
    for (const symbol of list) {
      if (left === 0) break;
      left--;
      kept.push({ ...symbol, children: take(symbol.children) });
    }
    return kept;
  };
  return take(symbols);
}

/** A diagnostic without the rule's tree node and closures, which cannot leave the worker. */
function plain(d: WitDiagnostic): WitDiagnostic {
  const { span, severity, code, message, documentation, related, fix } = d;
  return { span, severity, code, message, ...(documentation ? { documentation } : {}), ...(related ? { related } : {}), ...(fix ? { fix } : {}) };
}
