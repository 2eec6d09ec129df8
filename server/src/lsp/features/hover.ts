import { MarkupKind } from 'vscode-languageserver';
import { hoverAt } from '../../analysis/hover';
import { fileTypeResolver } from '../../analysis/types';
import type { ServerContext } from '../context';

export function registerHover(context: ServerContext): void {
  context.connection.onHover(
    context.guard('hover', null, ({ textDocument, position }) => {
      const document = context.documents.get(textDocument.uri);
      const analysis = context.documents.analysis(textDocument.uri);
      const converter = context.converter(textDocument.uri);
      if (!document || !analysis || !converter) return null;
      const offset = converter.lines.offset(position, converter.encoding);
      const resolver = context.workspace?.typeResolver(textDocument.uri) ?? fileTypeResolver;
      const hover = hoverAt(document, offset, analysis.rules, resolver);
      if (!hover) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: converter.range(hover.span) };
    }),
  );
}
