/**
 * The model's vocabulary: what it declares and resolves, and the `Workspace` interface every
 * caller uses. Kept apart from `index.ts`, so the modules that build the model import these
 * types without importing the workspace that imports them.
 */
import type { Node } from 'web-tree-sitter';
import type { WitDiagnostic } from '../diagnostics';
import type { WitDocument } from '../document';
import type { Span } from '../text';
import type { TypeResolver } from '../types';
import type { SyntaxNode } from './syntax-copy';

/** What a declared name is. */
export type DeclarationKind =
  | 'package' // `package a:b@1.0.0;` or a nested `package a:b { }`
  | 'interface' // `interface x { }`, or a world's inline `import x: interface { }`
  | 'world'
  | 'type' // `type x = ...;`
  | 'record'
  | 'variant'
  | 'enum'
  | 'flags'
  | 'resource'
  | 'field' // record field
  | 'case' // variant case
  | 'enum-case'
  | 'flag'
  | 'function' // interface function, or a world's `import f: func()`
  | 'method' // resource method
  | 'static-method'
  | 'constructor' // its name is `constructor`; nameSpan covers the keyword
  | 'param'
  | 'use' // a name a `use x.{a as b}` brings in, or a top-level `use a:b/c as d;` alias
  | 'import' // a world's `import label: path;` (the label), or `b` of `include w with { a as b }`
  | 'export'; // a world's `export label: path;`, or `b` of an include renaming an export

/** The kinds that name a type (what a `named_type` may resolve to). */
export const TYPE_KINDS: readonly DeclarationKind[] = ['type', 'record', 'variant', 'enum', 'flags', 'resource'];

export interface Declaration {
  kind: DeclarationKind;
  /** The name as WIT compares it (no `%`); for packages `ns:name@version`. */
  name: string;
  uri: string;
  /** The identifier that declares the name (for packages: the whole package name). */
  nameSpan: Span;
  /** The whole item, attributes and body included. */
  span: Span;
  /**
   * The item's syntax, as a plain copy (the model holds no live tree node). For the node in
   * the document's current tree, ask `Workspace.syntaxOf`.
   */
  node: SyntaxNode;
  /** The enclosing declaration (interface, world, record, resource, function, package); none at top level. */
  container?: Declaration;
  /** Doc comments before the item, as wit-parser reads them. */
  docs?: string;
  /**
   * For `use` declarations: the declaration the name stands for (followed through further
   * `use`s), when it resolves. For `b` of `include w with { a as b }`: `a` in `w`. Set once
   * the group resolves. Navigation usually wants `resolveAt`, which follows this.
   */
  aliasOf?: Declaration;
  /**
   * False when an `@unstable(feature = ..)` gate (on it or an ancestor) is not enabled.
   * wit-parser checks such items like any other, then drops them: active code that names
   * one is an error. Names used inside them resolve as usual.
   */
  active: boolean;
}

/** What a reference names. */
export type ReferenceKind =
  | 'type' // `named_type`, `borrow<x>`, `own<x>`
  | 'interface' // a use path, import/export path, or the `x` of `use x.{..}`
  | 'world' // an include path
  | 'package' // the `a:b` of a foreign path `a:b/c@v`, and (a second reference) its `v`
  | 'use-name' // the original name in `use x.{name as alias}`
  | 'include-name'; // `a` in `include w with { a as b }`

export interface Reference {
  kind: ReferenceKind;
  name: string;
  uri: string;
  /**
   * The identifier(s) that name it; for a foreign path's package: `ns:pkg`, and its version
   * (which follows `/iface@`) is a reference of its own. References never overlap.
   */
  span: Span;
  /** What it resolves to, or null when it does not resolve (an error is reported then). */
  target: Declaration | null;
}

/** A package as the model resolved it. */
export interface PackageModel {
  /** `ns:name` or `ns:name@version`; null when no file of the folder has a header. */
  name: string | null;
  /** The folder (for a one-file package in `deps/`: the file) the package comes from. */
  location: string;
  /** The package's declaration(s): its header(s), or the nested `package .. { }` block. */
  declarations: Declaration[];
  /** Its interfaces and worlds, across files. */
  items: Declaration[];
  uris: string[];
}

/**
 * What is visible at a place, for completion. Declarations behind a disabled feature are
 * included with `active: false`: only code behind a disabled feature may name them.
 */
export interface Scope {
  /** Types (and `use`d names) usable in a type position here. */
  types: Declaration[];
  /** Interfaces and worlds of the enclosing package (usable in `use x.{..}`, `import x;`, `include x;`). */
  items: Declaration[];
  /** Packages resolvable by foreign paths from here. */
  packages: PackageModel[];
}

export interface WorkspaceOptions {
  /** `@unstable(feature = ..)` features that are enabled; items behind others are absent. */
  features?: readonly string[];
  /**
   * Folders (URIs, no trailing slash) whose `.wit` files form one package whatever they
   * name, as `wasm-tools component wit DIR` reads a folder checked explicitly; see
   * `layout.ts` for the other folders.
   */
  packageFolders?: readonly string[];
  /**
   * Keep the tree parsed for a disk file's syntax copy, for the file's own analysis to use
   * (`wit-ls check` analyses every file it reads). A server leaves it out: it keeps a tree
   * only for open documents, and parses a disk file again on demand.
   */
  keepDiskTrees?: boolean;
}

/** The cross-file model of every `.wit` file it has been told about. */
export interface Workspace {
  /**
   * Sets a file's text as read from disk. Ignored for display while an open document shadows
   * it. Returns whether any answer of the model may have changed.
   */
  setText(uri: string, text: string): boolean;
  /**
   * Uses an open document (its current text and tree) for `uri` in place of disk text. Call
   * again after each change to the document so dependants are re-resolved.
   */
  setDocument(document: WitDocument): void;
  /** The document is closed: fall back to the disk text, if any. */
  closeDocument(uri: string): void;
  /** The file is gone from disk (deleted or renamed). An open document for it stays. */
  removeFile(uri: string): void;
  /**
   * Notes a `.wasm` or `.wat` file in a `deps/` folder (`present` false: it is gone): an
   * encoded package the model cannot read. While a group has one, a foreign package the
   * model cannot find is not reported, since it may be the encoded one.
   */
  setEncodedDependency(uri: string, present: boolean): void;
  /** Enables exactly these `@unstable` features; re-resolves everything. */
  setFeatures(features: readonly string[]): void;

  /** Every file the model knows, open or on disk. */
  uris(): string[];
  /** The document the model analyses for `uri` (the open one if any). */
  document(uri: string): WitDocument | undefined;
  /** Every package, in every resolution group. */
  packages(): PackageModel[];
  /** The package (root or nested) enclosing `offset` in `uri`. */
  packageAt(uri: string, offset: number): PackageModel | undefined;

  /** Every declaration in the file, in document order. */
  declarations(uri: string): Declaration[];
  /** Every reference in the file, in document order, each with its resolution. */
  references(uri: string): Reference[];
  /** The declaration whose name covers `offset` (the cursor on a declared name). */
  declarationAt(uri: string, offset: number): Declaration | null;
  /** The reference whose span covers `offset`. */
  referenceAt(uri: string, offset: number): Reference | null;
  /**
   * What the name at `offset` stands for: a reference's target, or the declaration itself;
   * aliases (`use`, an include's `a as b`) are followed to the original (use
   * `referenceAt`/`declarationAt` to stop at the alias). Null when nothing resolves there.
   */
  resolveAt(uri: string, offset: number): Declaration | null;
  /**
   * Every reference to `declaration` in the workspace (each file of every group that can
   * see it), not the declaration itself. A `use x.{name}` without `as` declares `name` again
   * under the same name, so references to that `use` declaration are included too (renaming
   * one must rename the other); after `as`, the alias's own references are not.
   */
  referencesTo(declaration: Declaration): Reference[];
  /** Names visible at `offset`, also inside an interface or world that does not parse yet. */
  scopeAt(uri: string, offset: number): Scope;

  /** The declaration's item in its file's current tree, found again by position; null if gone. */
  syntaxOf(declaration: Declaration): Node | null;

  /**
   * What names in `uri`'s current tree stand for, for the rules, hover and semantic tokens:
   * sees through `use` across files and packages (one alias path: `followAlias`). A tree the
   * model does not hold (an oversized document) is answered from that file alone.
   */
  typeResolver(uri: string): TypeResolver;
  /**
   * A number that changes whenever anything the model answers about `uri` may have changed
   * (its resolution group, or one it resolves into, was rebuilt): a document's analysis made
   * under one stamp holds as long as the stamp and the document's version stay.
   */
  stamp(uri: string): number;
  /**
   * Does one slice of the work the first query about `uri`'s group would do at once (one
   * file's syntax copy, declaring, resolving one interface or world), for a caller that
   * spreads it over turns; false once nothing is left. Queries never need it: they finish
   * whatever is left. Asking for `stamp` builds nothing.
   */
  buildStep(uri: string): boolean;
  /** The semantic errors of `uri` (not syntax errors, not rule findings). */
  diagnostics(uri: string): WitDiagnostic[];
  /**
   * Hears, on every change, of the files whose answers (diagnostics, types) may have changed
   * with it: the changed file and the files of every group that re-resolves. Whole-workspace
   * diagnostics re-check exactly these.
   */
  onInvalidate(listener: (uris: readonly string[]) => void): void;
}
