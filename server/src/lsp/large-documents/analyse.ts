import { allDiagnostics, analyze } from '../../analysis/analyze';
import { WitDocument } from '../../analysis/document';
import type { WitDiagnostic } from '../../analysis/diagnostics';
import { capDiagnostics, ERROR_DENSE_SYNTAX_ERRORS, errorDenseNotice, MAX_DIAGNOSTICS, oversizedAnalysis } from '../../analysis/limits';
import { documentSymbols } from '../../analysis/navigation/document-symbols';
import { foldingRanges } from '../../analysis/navigation/folding';
import type { WitParser } from '../../parser';
import type { LargeAnalysis, LargeAnalysisRequest } from './protocol';

/**
 * What the worker computes for a document: its file-local analysis (limits.ts), capped here
 * so that only about 1,000 diagnostics cross to the main thread, and the outline and
 * folding, which are what a user navigates a large generated file by. A `first` analysis
 * says whether the document is fit for the main thread, or error-dense and kept here.
 */
export function analyseLargeDocument(parser: WitParser, request: Omit<LargeAnalysisRequest, 'wasmDir'>): LargeAnalysis {
  const { uri, text, settings, purpose } = request;
  const document = WitDocument.create(parser, uri, text);
  try {
    const analysis = purpose === 'oversized' ? oversizedAnalysis(document, settings) : analyze(document, settings);
    const fitForMainThread = purpose === 'first' && analysis.syntax.length <= ERROR_DENSE_SYNTAX_ERRORS;
    if (purpose === 'first' && !fitForMainThread) analysis.semantic = [errorDenseNotice(analysis.syntax.length)];
    // One below the cap: with the count of the rest, the list stays within MAX_DIAGNOSTICS,
    // so publishing (which caps again) passes it through unchanged.
    const diagnostics = capDiagnostics(allDiagnostics(analysis), MAX_DIAGNOSTICS - 1).map(plain);
    const shown = new Set(diagnostics.map((d) => `${d.code}@${d.span.start}`));
    const explanations = analysis.rules
      .filter((d) => shown.has(`${d.code}@${d.span.start}`))
      .map((d) => ({ span: d.span, markdown: d.explain() }));
    return {
      diagnostics,
      explanations,
      symbols: documentSymbols(document.tree.rootNode),
      folding: foldingRanges(document.tree.rootNode, document.lines),
      fitForMainThread,
    };
  } finally {
    document.dispose();
  }
}

/** A diagnostic without the rule's tree node and closures, which cannot leave the worker. */
function plain(d: WitDiagnostic): WitDiagnostic {
  const { span, severity, code, message, documentation, related, fix } = d;
  return { span, severity, code, message, ...(documentation ? { documentation } : {}), ...(related ? { related } : {}), ...(fix ? { fix } : {}) };
}
