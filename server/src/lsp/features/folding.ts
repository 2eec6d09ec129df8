import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { foldingRanges } from '../../analysis/navigation/folding';
import type { ServerContext } from '../context';

export function registerFolding(context: ServerContext): void {
  context.connection.onFoldingRanges(
    context.guard('foldingRange', [], ({ textDocument }): FoldingRange[] => {
      const document = context.documents.get(textDocument.uri);
      // hostile-input: an oversized document's ranges come from its worker (none until they arrive).
      const ranges = document ? foldingRanges(document.tree.rootNode, document.lines) : (context.documents.largeAnalysis(textDocument.uri)?.folding ?? []);
      return ranges.map((r) => ({
        startLine: r.startLine,
        endLine: r.endLine,
        ...(r.kind ? { kind: r.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Imports } : {}),
      }));
    }),
  );
}
