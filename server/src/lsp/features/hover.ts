import { MarkupKind, type Hover } from 'vscode-languageserver';
import { hoverAt } from '../../analysis/hover';
import { keywordHoverInText } from '../../analysis/text-hover';
import { fileTypeResolver } from '../../analysis/types';
import type { ServerContext } from '../context';
import type { Converter } from '../convert';

export function registerHover(context: ServerContext): void {
  context.connection.onHover(
    context.guard('hover', null, ({ textDocument, position }) => {
      const document = context.documents.get(textDocument.uri);
      const converter = context.converter(textDocument.uri);
      if (!converter) return null;
      const offset = converter.lines.offset(position, converter.encoding);
      if (!document) return largeDocumentHover(context, textDocument.uri, offset, converter);
      const analysis = context.documents.analysis(textDocument.uri);
      if (!analysis) return null;
      const resolver = context.workspace?.typeResolver(textDocument.uri) ?? fileTypeResolver;
      const hover = hoverAt(document, offset, analysis.rules, resolver);
      if (!hover) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: converter.range(hover.span) };
    }),
  );
}

/**
 * hostile-input: a large document has no tree on this thread; its worker sent the
 * explanation of each rule finding, so a hover on a flagged function still explains it,
 * and keywords and built-in types are recognised in the text.
 */
function largeDocumentHover(context: ServerContext, uri: string, offset: number, converter: Converter): Hover | null {
  const found =
    context.documents.largeAnalysis(uri)?.explanations.find((e) => e.span.start <= offset && offset <= e.span.end) ??
    keywordHoverInText(context.documents.text(uri) ?? '', offset);
  return found ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: converter.range(found.span) } : null;
}
