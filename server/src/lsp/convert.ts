import {
  DiagnosticSeverity,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { WitDiagnostic } from '../analysis/diagnostics';
import type { LineIndex, PositionEncoding, Span, TextEdit } from '../analysis/text';

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
    const result: Diagnostic = {
      range: this.range(diagnostic.span),
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
    }
    return result;
  }
}
