import type { Location } from 'vscode-languageserver';
import { referencesAt } from '../../analysis/navigation/references';
import type { ServerContext } from '../context';
import { toLspLocations } from './workspace-locations';

export function registerReferences(context: ServerContext): void {
  context.connection.onReferences(
    context.guard('references', [], ({ textDocument, position, context: request }): Location[] => {
      const converter = context.converter(textDocument.uri);
      if (!converter || !context.workspace) return [];
      const offset = converter.lines.offset(position, converter.encoding);
      return toLspLocations(context, referencesAt(context.workspace, textDocument.uri, offset, request.includeDeclaration));
    }),
  );
}
