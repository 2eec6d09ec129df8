/**
 * The workspace model: WIT packages across files, name resolution and the semantic checks
 * wit-parser makes, reported at precise ranges.
 *
 * Layout, as wit-parser's `Resolve::push_path` reads it:
 * - the `.wit` files of one folder form one package (plus any `package a:b { ... }` blocks
 *   nested in them, which are packages of their own); files naming different packages get
 *   wit-parser's mismatch error, except in a folder of unrelated one-file packages (no
 *   `deps/`, no file naming another's items or package), which test suites use;
 * - a folder's `deps/` holds its dependencies, one subfolder or one `.wit` file each;
 * - a folder and everything under its `deps/` resolve foreign names (`a:b/c`) against each
 *   other: that set is a *resolution group*. A file inside `deps/` belongs to the group of
 *   the folder that holds that `deps/` (the outermost one).
 *
 * The model does no I/O: the LSP or CLI layer reads files and hands their texts in; an open
 * document's `WitDocument` (kept incrementally parsed by its owner) wins over disk text.
 * A change to one file re-resolves only that file's resolution group, lazily, on the next
 * query.
 *
 * Declarations, references and nodes belong to one version of a file: after `setText`,
 * `setDocument` or an edit of that document, query again rather than keep them.
 */
import type { WitParser } from '../../parser';
import type { Workspace, WorkspaceOptions } from './types';
import { ModelWorkspace } from './workspace';

export * from './types';
export { followAlias } from './aliases';

export function createWorkspace(parser: WitParser, options: WorkspaceOptions = {}): Workspace {
  return new ModelWorkspace(parser, options);
}
