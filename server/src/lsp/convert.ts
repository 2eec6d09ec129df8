import {
  DiagnosticSeverity,
  type Diagnostic,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { WitDiagnostic } from '../analysis/diagnostics';
import type { LineIndex, PositionEncoding, Span, TextEdit } from '../analysis/text';

/**
 * The LSP form of each diagnostic without related places, kept per item: the analysis keeps
 * a diagnostic an edit did not reach as the same object across versions (moving its span in
 * place), so publishing it again where its range stayed (a keystroke on another line) reuses
 * its LSP form instead of allocating it anew: hundreds of findings per keystroke, a quarter of
 * what a keystroke in the 10,000-line file allocated. Nothing mutates an LSP form once made.
 */
const lspForms = new WeakMap<WitDiagnostic, { encoding: PositionEncoding; lsp: Diagnostic }>();

/** Conversions from the analysis layer's offsets to protocol positions. */
export class Converter {
  constructor(
    readonly lines: LineIndex,
    readonly encoding: PositionEncoding,
  ) {}

  range(span: Span): Range {
    return { start: this.lines.position(span.start, this.encoding), end: this.lines.position(span.end, this.encoding) };
  }

  span(range: Range): Span {
    const start = this.lines.offset(range.start, this.encoding);
    const end = this.lines.offset(range.end, this.encoding);
    return { start: Math.min(start, end), end: Math.max(start, end) };
  }

  textEdit(edit: TextEdit): LspTextEdit {
    return { range: this.range(edit.span), newText: edit.newText };
  }

  diagnostic(diagnostic: WitDiagnostic, relatedLines?: (uri: string) => Converter | undefined): Diagnostic {
    const start = this.lines.position(diagnostic.span.start, this.encoding);
    const end = this.lines.position(diagnostic.span.end, this.encoding);
    const kept = diagnostic.related ? undefined : lspForms.get(diagnostic);
    if (kept && kept.encoding === this.encoding && samePosition(kept.lsp.range.start, start) && samePosition(kept.lsp.range.end, end)) return kept.lsp;
    const result: Diagnostic = {
      range: { start, end },
      severity: diagnostic.severity as DiagnosticSeverity,
      code: diagnostic.code,
      source: 'wit',
      message: diagnostic.message,
    };
    if (diagnostic.documentation) result.codeDescription = { href: diagnostic.documentation };
    if (diagnostic.related && relatedLines) {
      result.relatedInformation = diagnostic.related.flatMap((r) => {
        const converter = relatedLines(r.uri);
        return converter ? [{ location: { uri: r.uri, range: converter.range(r.span) }, message: r.message }] : [];
      });
    } else lspForms.set(diagnostic, { encoding: this.encoding, lsp: result });
    return result;
  }
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}
