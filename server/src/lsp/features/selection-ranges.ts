import type { SelectionRange } from 'vscode-languageserver';
import { selectionRanges } from '../../analysis/navigation/selection-ranges';
import type { ServerContext } from '../context';

export function registerSelectionRanges(context: ServerContext): void {
  context.connection.onSelectionRanges(
    context.guard('selectionRange', [], ({ textDocument, positions }): SelectionRange[] => {
      const document = context.documents.get(textDocument.uri);
      const converter = context.converter(textDocument.uri);
      if (!document || !converter) return [];
      return positions.map((position) => {
        const spans = selectionRanges(document.tree.rootNode, converter.lines.offset(position, converter.encoding));
        // LSP nests outward through `parent`: build from the whole file inwards.
        let range: SelectionRange | undefined;
        for (let i = spans.length - 1; i >= 0; i--) range = { range: converter.range(spans[i]), parent: range };
        return range ?? { range: { start: position, end: position } };
      });
    }),
  );
}
