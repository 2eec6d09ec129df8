import { MarkupKind } from 'vscode-languageserver';
import { hoverAt } from '../../analysis/hover';
import { resolvedNameHover } from '../../analysis/navigation/name-hover';
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
      // Names the file alone cannot resolve (`use`d from other files, dependency paths) go to the model.
      const hover =
        hoverAt(document, offset, analysis.rules, fileTypeResolver) ??
        (context.workspace ? resolvedNameHover(context.workspace, textDocument.uri, offset) : null);
      if (!hover) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: converter.range(hover.span) };
    }),
  );
}
