import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { foldingRanges } from '../../analysis/navigation/folding';
import type { ServerContext } from '../context';

export function registerFolding(context: ServerContext): void {
  context.connection.onFoldingRanges(
    context.guard('foldingRange', [], ({ textDocument }): FoldingRange[] => {
      const document = context.documents.get(textDocument.uri);
      if (!document) return [];
      return foldingRanges(document.tree.rootNode, document.lines).map((r) => ({
        startLine: r.startLine,
        endLine: r.endLine,
        ...(r.kind ? { kind: r.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Imports } : {}),
      }));
    }),
  );
}
