import { fieldNode, nameText } from '../syntax';
import type { Span } from '../text';
import { versionSpanText } from './semver';
import type { FileState, SourceFile } from './state';
import type { SyntaxNode } from './syntax-copy';
import type { DeclarationKind } from './types';

/**
 * Reading a file's syntax copy (syntax-copy.ts) for the model: which nodes declare what.
 */

export const ITEM_TYPES = new Set(['interface_item', 'world_item']);
export const HANDLE_TYPES = new Set(['borrow_type', 'own_type']);
/** Type nodes with no named children. */
export const LEAF_TYPES = new Set(['primitive_type', 'error_context_type', 'integer']);
export const TYPEDEF_KIND: Record<string, DeclarationKind> = {
  type_alias: 'type',
  record_item: 'record',
  variant_item: 'variant',
  enum_item: 'enum',
  flags_item: 'flags',
  resource_item: 'resource',
};

/** Attributes come first in an item: one look at its first child tells whether it has any. */
export function hasAttributes(item: SyntaxNode): boolean {
  return item.firstNamedChild?.type.endsWith('_attribute') ?? false;
}

/**
 * `nameText` of the identifier at `span`, read from the file's text: a node's `text` costs
 * two crossings into wasm, and the model reads tens of thousands of names per keystroke.
 */
export function nameIn(file: FileState, span: Span): string {
  const text = file.source.text.slice(span.start, span.end);
  return text.startsWith('%') ? text.slice(1) : text;
}

/** A name the parser had to invent (MISSING) to recover from a syntax error. */
export function unwritten(identifier: SyntaxNode): boolean {
  return identifier.isMissing || identifier.startIndex === identifier.endIndex;
}

/**
 * The `version` nodes of a file, in document order. Without syntax errors a version always
 * follows an `@` inside the same item (package name, use path, `@since`, `@deprecated`), so
 * only items whose text holds an `@` are searched: a whole-tree search costs milliseconds
 * per keystroke on a large file. A tree with errors is searched whole (recovery may leave a
 * version token anywhere).
 */
export function versionNodes(source: SourceFile): SyntaxNode[] {
  const root = source.root;
  // Items come in document order, so one forward scan finds every `@`: searching from each
  // item's start instead would read the rest of the text once per item.
  let at = -2;
  const searched = root.hasError ? [root] : root.namedChildren.filter((item) => {
    if (at !== -1 && at < item.startIndex) at = source.text.indexOf('@', item.startIndex);
    return at !== -1 && at < item.endIndex;
  });
  // `isNamed` leaves out the `version` keyword of `@since(version = ..)`.
  return searched.flatMap((node) => node.descendantsOfType('version').filter((v) => v.isNamed));
}

/** The key (`ns:name@version`) a `package_name` gives its package; null while it lacks a part. */
export function packageKey(name: SyntaxNode): string | null {
  const namespace = fieldNode(name, 'namespace');
  const pkgName = fieldNode(name, 'name');
  const version = fieldNode(name, 'version');
  return namespace && pkgName ? `${nameText(namespace)}:${nameText(pkgName)}${versionSuffix(version)}` : null;
}

/**
 * `@version` as wit-parser names a package by it, or '' without one: the version it reads
 * (`1.0.0+` is `1.0.0`, semver.ts `versionSpanText`), so both spellings name one package.
 */
export function versionSuffix(version: SyntaxNode | null): string {
  return version ? `@${versionSpanText(version.text)}` : '';
}

/**
 * Every package key a file can give a group: its header's and its nested packages'. A
 * superset of what the group defines from it, read without building the group.
 */
export function packageKeysOf(source: SourceFile): string[] {
  const header = headerOf(source);
  const names = [header, ...source.root.namedChildren.map((c) => (c.type === 'nested_package' ? fieldNode(c, 'name') : null))];
  return names.map((name) => name && packageKey(name)).filter((key): key is string => !!key);
}

/** The `package_name` of a file's `package a:b;` header, if it has one. */
export function headerOf(source: SourceFile): SyntaxNode | null {
  const header = source.root.namedChildren.find((c) => c.type === 'package_decl');
  return (header && fieldNode(header, 'name')) ?? null;
}

/** The package a header names, for comparing headers: its key, or its text while a part is missing. */
export function packageKeyOf(name: SyntaxNode): string {
  return packageKey(name) ?? name.text.replace(/\s+/g, '');
}

/**
 * Whether a folder whose files name different packages is still plainly meant as one
 * package (so wit-parser's mismatch error applies) rather than a folder of independent
 * files: it has a `deps/`, which only a package folder has; or a file names an interface
 * or world of another file by its bare name, or names another file's package in a foreign
 * path, as only files of one package could.
 */
export function meantAsOnePackage(documents: readonly SourceFile[], hasDeps: boolean): boolean {
  if (hasDeps) return true;
  const itemsOf = new Map<SourceFile, Set<string>>();
  const packageOf = new Map<SourceFile, string>();
  for (const document of documents) {
    const names = new Set<string>();
    for (const child of document.root.namedChildren) {
      const name = child && (ITEM_TYPES.has(child.type) ? fieldNode(child, 'name') : child.type === 'toplevel_use' ? localUseName(child) : null);
      if (name) names.add(nameText(name));
    }
    itemsOf.set(document, names);
    const header = headerOf(document);
    const namespace = header && fieldNode(header, 'namespace');
    const pkgName = header && fieldNode(header, 'name');
    if (namespace && pkgName) packageOf.set(document, `${nameText(namespace)}:${nameText(pkgName)}`);
  }
  for (const document of documents) {
    const others = documents.filter((d) => d !== document);
    for (const path of document.root.descendantsOfType('use_path')) {
      if (!path || insideNestedPackage(path)) continue;
      const name = fieldNode(path, 'name');
      const namespace = fieldNode(path, 'namespace');
      const pkgName = fieldNode(path, 'package');
      if (!name) continue;
      if (!namespace) {
        const local = nameText(name);
        if (!itemsOf.get(document)!.has(local) && others.some((d) => itemsOf.get(d)!.has(local))) return true;
      } else if (pkgName) {
        const key = `${nameText(namespace)}:${nameText(pkgName)}`;
        if (key !== packageOf.get(document) && others.some((d) => packageOf.get(d) === key)) return true;
      }
    }
  }
  return false;
}

function localUseName(toplevelUse: SyntaxNode): SyntaxNode | null {
  const path = fieldNode(toplevelUse, 'path');
  return fieldNode(toplevelUse, 'alias') ?? (path && fieldNode(path, 'name'));
}

function insideNestedPackage(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'nested_package') return true;
  return false;
}

/**
 * The paths of a package block's items (the root's, or a nested package's), each with the kind
 * of item it names, in wit-parser's `for_each_path` order: per item, a world's `use`s and
 * `include`s as written, then the paths and inline interfaces' `use`s of its imports, then of
 * its exports; an interface's `use`s; a top-level `use` (an interface).
 */
export function pathsInResolveOrder(container: SyntaxNode): { path: SyntaxNode; kind: 'interface' | 'world' }[] {
  const found: { path: SyntaxNode; kind: 'interface' | 'world' }[] = [];
  const add = (item: SyntaxNode, kind: 'interface' | 'world'): void => {
    const path = fieldNode(item, 'path');
    if (path) found.push({ path, kind });
  };
  const addUses = (body: SyntaxNode | null): void => {
    for (const member of body?.namedChildren ?? []) if (member.type === 'use_item') add(member, 'interface');
  };
  for (const item of container.namedChildren) {
    if (item.type === 'toplevel_use') add(item, 'interface');
    else if (item.type === 'interface_item') addUses(fieldNode(item, 'body'));
    else if (item.type === 'world_item') {
      const members = fieldNode(item, 'body')?.namedChildren ?? [];
      for (const member of members) {
        if (member.type === 'use_item') add(member, 'interface');
        else if (member.type === 'include_item') add(member, 'world');
      }
      for (const externType of ['import_item', 'export_item']) {
        for (const member of members) {
          if (member.type !== externType) continue;
          add(member, 'interface');
          addUses(fieldNode(member, 'body'));
        }
      }
    }
  }
  return found;
}
