import type { Workspace } from '../analysis/model';

/**
 * Per open document, how many changes of other files the model announced
 * (`Workspace.onInvalidate`): each may have changed what the document's names resolve to.
 * The document's own edits, handed to the model through `own`, do not count:
 * `FileAnalysisCache` follows those item by item and re-runs a kept item's rules only where
 * an edit reached what the item's names resolve to. The count is its `resolution` key.
 */
export class ChangesElsewhere {
  private readonly counts = new Map<string, number>();
  /** The document whose own change the model is being told of. */
  private sharing: string | undefined;

  constructor(workspace: Workspace, isOpen: (uri: string) => boolean) {
    workspace.onInvalidate((uris) => {
      for (const uri of uris) if (uri !== this.sharing && isOpen(uri)) this.counts.set(uri, this.count(uri) + 1);
    });
  }

  /** Tells the model of `uri`'s own change (`tell` calls it). */
  own(uri: string, tell: () => void): void {
    this.sharing = uri;
    try {
      tell();
    } finally {
      this.sharing = undefined;
    }
  }

  count(uri: string): number {
    return this.counts.get(uri) ?? 0;
  }

  forget(uri: string): void {
    this.counts.delete(uri);
  }
}
