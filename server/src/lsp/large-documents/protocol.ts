import type { AnalysisSettings } from '../../analysis/analyze';
import type { WitDiagnostic } from '../../analysis/diagnostics';
import type { FoldingRange } from '../../analysis/navigation/folding';
import type { DocumentSymbol } from '../../analysis/navigation/document-symbols';
import type { Span } from '../../analysis/text';

/**
 * The messages between the main thread and the worker that analyses one oversized
 * document (above `wit.analysis.maxFileSize`). One job per worker: the main thread starts
 * it with one `LargeAnalysisRequest`; the worker answers with the diagnostics as soon as it
 * has them, then (unless that reply was final) the outline and folding, and is terminated,
 * so the wasm heap that parsing a large text grows goes back to the system.
 * Everything here is plain data (structured clone): no tree, no closure crosses.
 */
export interface LargeAnalysisRequest {
  /** The folder of `web-tree-sitter.wasm` and `tree-sitter-wit.wasm`. */
  wasmDir: string;
  uri: string;
  text: string;
  settings: AnalysisSettings;
  /**
   * Why the worker analyses it: `oversized`, above `wit.analysis.maxFileSize` (for as long
   * as it stays there); `first`, its first analysis (limits.ts, `analysedFirstInWorker`),
   * after which it moves to the main thread unless it is error-dense.
   */
  purpose: 'oversized' | 'first';
}

/** What the features of an oversized document answer from, since the main thread keeps no tree. */
export interface LargeAnalysis {
  /** Every diagnostic to publish, sorted, capped with the count of the rest (limits.ts). */
  diagnostics: WitDiagnostic[];
  /** The explanation of each rule finding among `diagnostics`, for hovers on them. */
  explanations: { span: Span; markdown: string }[];
  /** For a `first` analysis: few enough syntax errors and nodes for the main thread's full analysis. */
  fitForMainThread: boolean;
  /** The outline and folding, once they arrived (capped: analyse.ts). */
  navigation?: LargeNavigation;
  /**
   * The line starts of the text analysed (`LineIndex.starts`), made by the worker's parse
   * anyway: the main thread would scan 10 MB again to publish the diagnostics.
   */
  lineStarts?: { lines: Int32Array; loneReturns: Int32Array };
}

export interface LargeNavigation {
  symbols: DocumentSymbol[];
  folding: FoldingRange[];
}

export type LargeAnalysisReply =
  | { kind: 'diagnostics'; analysis: LargeAnalysis; final: boolean }
  | { kind: 'navigation'; navigation: LargeNavigation }
  | { kind: 'failed'; error: string };
