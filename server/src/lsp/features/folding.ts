import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { foldingRanges } from '../../analysis/navigation/folding';
import type { ServerContext } from '../context';

export function registerFolding(context: ServerContext): void {
  context.connection.onFoldingRanges(
    context.guard('foldingRange', Promise.resolve([]), async ({ textDocument }): Promise<FoldingRange[]> => {
      const document = context.documents.get(textDocument.uri);
      // hostile-input: a document without a tree here gets its ranges from its worker, when they come.
      const ranges = document ? foldingRanges(document.tree.rootNode, document.lines) : ((await context.documents.largeNavigation(textDocument.uri))?.folding ?? []);
      return ranges.map((r) => ({
        startLine: r.startLine,
        endLine: r.endLine,
        ...(r.kind ? { kind: r.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Imports } : {}),
      }));
    }),
  );
}
