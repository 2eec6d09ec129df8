import type { Location, LocationLink } from 'vscode-languageserver';
import { definitionAt } from '../../analysis/navigation/definition';
import type { ServerContext } from '../context';
import { converterFor } from './workspace-locations';

export function registerDefinition(context: ServerContext): void {
  context.connection.onDefinition(
    context.guard('definition', null, ({ textDocument, position }): Location[] | LocationLink[] | null => {
      const converter = context.converter(textDocument.uri);
      if (!converter || !context.workspace) return null;
      const offset = converter.lines.offset(position, converter.encoding);
      const links = definitionAt(context.workspace, textDocument.uri, offset);
      const resolved = links.flatMap((link) => {
        const target = converterFor(context, link.uri);
        return target ? [{ link, target }] : [];
      });
      if (!context.clientCapabilities.textDocument?.definition?.linkSupport) {
        return resolved.map(({ link, target }) => ({ uri: link.uri, range: target.range(link.nameSpan) }));
      }
      return resolved.map(({ link, target }) => ({
        originSelectionRange: converter.range(link.originSpan),
        targetUri: link.uri,
        targetRange: target.range(link.span),
        targetSelectionRange: target.range(link.nameSpan),
      }));
    }),
  );
}
