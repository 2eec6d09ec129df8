import {
  DiagnosticSeverity,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { WitDiagnostic } from '../analysis/diagnostics';
import { keptFinding } from '../analysis/file-analysis-cache';
import type { LineIndex, PositionEncoding, Span, TextEdit } from '../analysis/text';

/**
 * Each diagnostic's protocol form, with the line index and encoding it was made for. A
 * finding the file's analysis kept across an edit (`keptFinding`) takes its previous form,
 * moved by lines, instead of being converted again: a keystroke converts what it changed.
 */
const forms = new WeakMap<WitDiagnostic, { lines: LineIndex; encoding: PositionEncoding; form: Diagnostic }>();

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
    // Related places are in other files, whose text may change on its own: not kept.
    if (diagnostic.related) return this.convert(diagnostic, relatedLines);
    const known = forms.get(diagnostic);
    if (known && known.lines === this.lines && known.encoding === this.encoding) return known.form;
    const form = this.keptForm(diagnostic) ?? this.convert(diagnostic);
    forms.set(diagnostic, { lines: this.lines, encoding: this.encoding, form });
    return form;
  }

  /** The previous version's form of a kept finding, moved, when it is known and still right. */
  private keptForm(diagnostic: WitDiagnostic): Diagnostic | undefined {
    const kept = keptFinding(diagnostic);
    const previous = kept && forms.get(kept.previous);
    if (!kept || !previous || previous.lines !== kept.lines || previous.encoding !== this.encoding) return undefined;
    const { start, end } = previous.form.range;
    if (start.line < kept.fromLine) return undefined; // on the line where the edit happened: columns may differ
    if (kept.lineDelta === 0) return previous.form;
    const range = { start: { line: start.line + kept.lineDelta, character: start.character }, end: { line: end.line + kept.lineDelta, character: end.character } };
    return { ...previous.form, range };
  }

  private convert(diagnostic: WitDiagnostic, relatedLines?: (uri: string) => Converter | undefined): Diagnostic {
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
