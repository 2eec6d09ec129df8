import { fieldNode, nameText, spanOf } from '../syntax';
import { activeAt, gateActive } from './checks/attributes';
import { excludedReferenceSite } from './checks/excluded-types';
import { headerOf, nameIn, packageKey, pathsInResolveOrder, unwritten, versionSuffix } from './extract';
import {
  ownerOf, recordReference, reportError, type BlockState, type FileState, type GroupState, type ItemScope, type PackageState,
} from './state';
import type { SyntaxNode } from './syntax-copy';
import type { Declaration, ReferenceKind } from './types';

/**
 * Resolving: what each path, `use`d name and type name stands for. Each answer is memoized
 * per group, recorded as a reference of the file, and reported when it does not resolve.
 */

/** The package a foreign path names: this group's first, then (for a layout like WASI's) another's. */
function findPackage(group: GroupState, key: string, fromUri: string): PackageState | undefined {
  const own = group.standalonePackages.get(fromUri)?.get(key) ?? group.packagesByKey.get(key);
  if (own) return own;
  group.packagesSoughtElsewhere.add(key);
  const elsewhere = group.lookupElsewhere(key, fromUri);
  if (elsewhere && elsewhere.group !== group) group.usedGroups.add(elsewhere.group);
  return elsewhere;
}

/**
 * What a use path names (`iface`, `ns:pkg/iface@v`): an interface, or with
 * `expected === 'world'` a world. Records the references and reports what does not resolve.
 */
export function resolvePath(
  group: GroupState, path: SyntaxNode, file: FileState, block: BlockState, expected: 'interface' | 'world', useTopUses = true,
): Declaration | null {
  if (group.pathMemo.has(path)) return group.pathMemo.get(path)!;
  group.pathMemo.set(path, null);
  const result = resolvePathUncached(group, path, file, block, expected, useTopUses);
  group.pathMemo.set(path, result);
  return result;
}

function resolvePathUncached(
  group: GroupState, path: SyntaxNode, file: FileState, block: BlockState, expected: 'interface' | 'world', useTopUses: boolean,
): Declaration | null {
  const nameNode = fieldNode(path, 'name');
  if (!nameNode || unwritten(nameNode) || path.hasError) return null; // the syntax error says it all
  const name = nameText(nameNode);
  const namespace = fieldNode(path, 'namespace');
  let target: Declaration | null | undefined;
  if (!namespace) {
    const topUse = useTopUses ? block.topUses.get(name) : undefined;
    if (topUse) {
      reference(file, 'interface', nameNode, topUse);
      target = resolveTopUse(topUse);
      if (!target) return null;
      return checkKind(file, nameNode, target, expected);
    }
    target = block.pkg.items.get(name);
    reference(file, expected, nameNode, target ?? null);
    if (!target) {
      reportError(file, nameNode.startIndex, nameNode.endIndex, 'unknown-name', `interface or world \`${name}\` does not exist`);
      return null;
    }
    return reachable(group, file, nameNode, target) ? checkKind(file, nameNode, target, expected) : null;
  }
  const pkgNode = fieldNode(path, 'package')!;
  const version = fieldNode(path, 'version');
  const pkgKey = `${nameText(namespace)}:${nameText(pkgNode)}${versionSuffix(version)}`;
  const pkgSpan = { start: namespace.startIndex, end: pkgNode.endIndex };
  const firstUse = foreignUses(group, block.pkg).get(`${pkgKey}/${name}`);
  if (firstUse && firstUse.kind !== expected) {
    // wit-parser takes a foreign item for the kind of its first use in the package and fails
    // at a use of the other kind before it looks at the dependency.
    recordReference(file, 'package', pkgKey, pkgSpan, null);
    reference(file, expected, nameNode, null);
    reportError(file, nameNode.startIndex, nameNode.endIndex, 'wrong-kind',
      `name \`${name}\` is defined as ${article(firstUse.kind)}, not ${article(expected)}`,
      [{ uri: firstUse.uri, span: spanOf(firstUse.name), message: `\`${name}\` is first used here as ${article(firstUse.kind)}` }]);
    return null;
  }
  const pkg = findPackage(group, pkgKey, file.uri);
  // The package is named by `ns:pkg` and by the version after `/name@`: two references,
  // so neither overlaps the interface's.
  recordReference(file, 'package', pkgKey, pkgSpan, pkg?.model.declarations[0] ?? null);
  if (version) recordReference(file, 'package', pkgKey, spanOf(version), pkg?.model.declarations[0] ?? null);
  if (!pkg) {
    if (!group.hasEncodedDependencies) {
      reportError(file, pkgSpan.start, pkgSpan.end, 'unknown-package', `package '${pkgKey}' not found`);
    }
    reference(file, expected, nameNode, null);
    return null;
  }
  // A package naming itself this way depends on itself, as wit-parser orders packages.
  if (pkg.group === group && (pkg !== block.pkg || !claimsAnotherPackage(file, block))) {
    const edges = group.packageEdges.get(block.pkg) ?? [];
    edges.push({ target: pkg, file, span: pkgSpan });
    group.packageEdges.set(block.pkg, edges);
  }
  target = pkg.items.get(name);
  reference(file, expected, nameNode, target ?? null);
  // wit-parser matches foreign items after dropping gated code: gated code cannot miss.
  if (!activeAt(group, path)) return target && target.kind === expected ? target : null;
  if (!target || target.kind !== expected) {
    // Where uses of this item disagree on its kind, wit-parser fails there first (above).
    if (firstUse?.conflicted) return null;
    // A foreign package is searched for an item of the kind the path wants, by name.
    const where = target ?? pkg.model.declarations[0];
    const note = target ? `\`${name}\` is a ${target.kind} here` : `the package \`${pkgKey}\` used here`;
    reportError(file, nameNode.startIndex, nameNode.endIndex, 'unknown-name', `${expected} '${name}' not found in package '${pkgKey}'`,
      where ? [{ uri: where.uri, span: where.nameSpan, message: note }] : undefined);
    return null;
  }
  return reachable(group, file, nameNode, target) ? target : null;
}

/**
 * A file whose header names another package than the one it is read into (a mismatch,
 * reported on the header) means another package by this one's name, not itself.
 */
function claimsAnotherPackage(file: FileState, block: BlockState): boolean {
  if (block !== file.blocks[0].block) return false; // a nested package's block
  const header = headerOf(file.source);
  return !!header && packageKey(header) !== block.pkg.key;
}

interface ForeignUse {
  kind: 'interface' | 'world';
  uri: string;
  name: SyntaxNode;
  /** A later use in the package takes it for the other kind. */
  conflicted: boolean;
}

/** Per package, built once: a group is rebuilt, never patched, when a path changes. */
const foreignUsesMemo = new WeakMap<PackageState, Map<string, ForeignUse>>();

/**
 * wit-parser's `populate_foreign_deps`: per foreign item (`ns:pkg@v/name`) its first use in
 * the package, over the package's files in order, each in `for_each_path` order.
 */
function foreignUses(group: GroupState, pkg: PackageState): Map<string, ForeignUse> {
  const known = foreignUsesMemo.get(pkg);
  if (known) return known;
  const uses = new Map<string, ForeignUse>();
  for (const uri of pkg.model.uris) {
    const file = group.files.get(uri);
    if (!file) continue;
    const root = file.source.root;
    const blocks = [root, ...root.namedChildren.filter((c) => c.type === 'nested_package')];
    for (const container of blocks) {
      if (group.blockAt(file, container === root ? -1 : container.startIndex).pkg !== pkg) continue;
      for (const { path, kind } of pathsInResolveOrder(container)) {
        const namespace = fieldNode(path, 'namespace');
        const pkgNode = fieldNode(path, 'package');
        const nameNode = fieldNode(path, 'name');
        if (!namespace || !pkgNode || !nameNode || path.hasError) continue;
        const version = fieldNode(path, 'version');
        const key = `${nameText(namespace)}:${nameText(pkgNode)}${versionSuffix(version)}/${nameText(nameNode)}`;
        const first = uses.get(key);
        if (!first) uses.set(key, { kind, uri, name: nameNode, conflicted: false });
        else if (first.kind !== kind) first.conflicted = true;
      }
    }
  }
  foreignUsesMemo.set(pkg, uses);
  return uses;
}

function article(kind: 'interface' | 'world'): string {
  return kind === 'world' ? 'a world' : 'an interface';
}

/**
 * The interface a use path names, looked up without recording references or errors (for
 * completion while an item does not parse yet).
 */
export function lookupPathQuietly(group: GroupState, path: SyntaxNode, file: FileState, block: BlockState): Declaration | null {
  const nameNode = fieldNode(path, 'name');
  if (!nameNode) return null;
  const name = nameText(nameNode);
  const namespace = fieldNode(path, 'namespace');
  const pkgNode = fieldNode(path, 'package');
  let target: Declaration | null | undefined;
  if (!namespace || !pkgNode) {
    const topUse = block.topUses.get(name);
    target = topUse ? resolveTopUse(topUse) : block.pkg.items.get(name);
  } else {
    const version = fieldNode(path, 'version');
    const key = `${nameText(namespace)}:${nameText(pkgNode)}${versionSuffix(version)}`;
    const pkg = group.standalonePackages.get(file.uri)?.get(key) ?? group.packagesByKey.get(key) ?? group.lookupElsewhere(key, file.uri);
    target = pkg?.items.get(name);
  }
  return target?.kind === 'interface' ? target : null;
}

/** How far back `reachable` looks for the same error at the same place. */
const RECENT_ERRORS = 16;

/**
 * Active code may not name what a disabled feature removes (wit-parser drops it); code
 * behind a disabled feature may. Reported at `siteOf()` (by default the name itself).
 */
function reachable(group: GroupState, file: FileState, at: SyntaxNode, target: Declaration, siteOf?: () => SyntaxNode): boolean {
  if (target.active || !activeAt(group, at)) return true;
  const site = siteOf?.() ?? at;
  const what = target.kind === 'interface' || target.kind === 'world' ? target.kind : 'type';
  let note = '';
  if (what === 'type' && gateActive(group, target.node)) {
    // The type carries no gate itself: the interface or world around it does.
    note = `; this type is not gated by a feature but its ${target.container?.kind === 'world' ? 'world' : 'interface'} is`;
  }
  const message = `found a reference to a ${what} which is excluded due to its feature not being activated${note}`;
  // Two excluded names in one record or signature: wit-parser stops at the first, one error
  // there. Its names are resolved together, so only the last few errors can be that one.
  const recent = file.diagnostics.slice(-RECENT_ERRORS);
  if (recent.some((d) => d.span.start === site.startIndex && d.span.end === site.endIndex && d.message === message)) return false;
  const related = [{ uri: target.uri, span: target.nameSpan, message: `\`${target.name}\` is behind a feature that is not enabled` }];
  if (site !== at) related.unshift({ uri: file.uri, span: spanOf(at), message: `\`${target.name}\` is named here` });
  reportError(file, site.startIndex, site.endIndex, 'inactive-reference', message, related);
  return false;
}

function checkKind(file: FileState, nameNode: SyntaxNode, target: Declaration, expected: 'interface' | 'world'): Declaration | null {
  if (target.kind === expected) return target;
  reportError(file, nameNode.startIndex, nameNode.endIndex, 'wrong-kind',
    `name \`${target.name}\` is defined as ${article(target.kind as 'interface' | 'world')}, not ${article(expected)}`,
    [{ uri: target.uri, span: target.nameSpan, message: `\`${target.name}\` is defined here` }]);
  return null;
}

/** The interface a top-level `use a:b/c as d;` names, resolved by the group that declared it. */
export function resolveTopUse(use: Declaration): Declaration | null {
  const group = ownerOf(use)!;
  if (group.useMemo.has(use)) {
    const known = group.useMemo.get(use)!;
    return known === 'resolving' ? null : known;
  }
  group.useMemo.set(use, 'resolving');
  const file = group.files.get(use.uri)!;
  const block = group.blockAt(file, use.node.startIndex);
  const path = fieldNode(use.node, 'path');
  const target = path ? resolvePath(group, path, file, block, 'interface', false) : null;
  use.aliasOf = target ?? undefined;
  group.useMemo.set(use, target);
  return target;
}

/** The typedef (or function) a `use x.{name}` name finally stands for. */
export function resolveUse(use: Declaration): Declaration | null {
  const group = ownerOf(use)!;
  if (use.node.type === 'toplevel_use') return resolveTopUse(use);
  const known = group.useMemo.get(use);
  if (known !== undefined) return known === 'resolving' ? null : known;
  group.useMemo.set(use, 'resolving');
  const result = resolveUseUncached(group, use);
  group.useMemo.set(use, result);
  use.aliasOf = result ?? undefined;
  return result;
}

function resolveUseUncached(group: GroupState, use: Declaration): Declaration | null {
  const file = group.files.get(use.uri)!;
  const scope = group.scopes.get(use.container!)!;
  const useItem = use.node.parent?.parent;
  const path = useItem && fieldNode(useItem, 'path');
  const original = fieldNode(use.node, 'name');
  if (!path || !original || unwritten(original)) return null;
  const target = resolvePath(group, path, file, scope.block, 'interface');
  const targetScope = target && ownerOf(target)!.scopeOf(target);
  if (!targetScope) {
    reference(file, 'use-name', original, null);
    return null;
  }
  const name = nameText(original);
  const entry = targetScope.names.get(name);
  reference(file, 'use-name', original, entry ?? null);
  if (!entry) {
    if (targetScope.pkg !== scope.pkg) {
      reportError(file, original.startIndex, original.endIndex, 'unknown-name', `type \`${name}\` not defined in interface`);
    } else reportError(file, original.startIndex, original.endIndex, 'unknown-name', `name \`${name}\` does not exist`);
    return null;
  }
  if (entry.kind === 'function') {
    reportError(file, original.startIndex, original.endIndex, 'wrong-kind', `cannot import function \`${name}\``);
    return null;
  }
  if (!reachable(group, file, original, entry)) return null;
  return entry.kind === 'use' ? resolveUse(entry) : entry;
}

const RENAMED_TYPES: Record<string, string> = { float32: 'f32', float64: 'f64' };

/**
 * The typedef a type name (a `named_type`'s identifier, or a handle's) in `scope` stands
 * for, after `use`s; records the reference and reports what does not resolve.
 */
export function resolveTypeName(identifier: SyntaxNode, scope: ItemScope, inTypedef: boolean): Declaration | null {
  const group = scope.group;
  if (group.typeMemo.has(identifier)) return group.typeMemo.get(identifier)!;
  group.typeMemo.set(identifier, null);
  const span = spanOf(identifier);
  if (identifier.isMissing || span.start === span.end) return null; // `unwritten`, reading the end once
  const name = nameIn(scope.file, span);
  const entry = scope.names.get(name);
  recordReference(scope.file, 'type', name, span, entry ?? null);
  let result: Declaration | null = null;
  if (!entry) {
    const hint = RENAMED_TYPES[name] ? ` (the \`${name}\` type has been renamed to \`${RENAMED_TYPES[name]}\`)` : '';
    reportError(scope.file, span.start, span.end, 'unknown-name',
      `${inTypedef ? 'type' : 'name'} \`${name}\` does not exist${hint}`);
  } else if (!reachable(group, scope.file, identifier, entry, () => excludedReferenceSite(identifier, (name) => resolveTypeName(name, scope, inTypedef)))) {
    result = null;
  } else if (entry.kind === 'function') {
    // wit-parser's typedef ordering knows only types, so there a function is simply unknown.
    reportError(scope.file, span.start, span.end, inTypedef ? 'unknown-name' : 'wrong-kind',
      inTypedef ? `type \`${name}\` does not exist` : `cannot use function \`${name}\` as a type`);
  } else result = entry.kind === 'use' ? resolveUse(entry) : entry;
  if (result?.kind === 'function') result = null; // reported on the `use` itself
  group.typeMemo.set(identifier, result);
  return result;
}

/** The names a `use_item` declares. */
export function useDeclarations(file: FileState, useItem: SyntaxNode): Declaration[] {
  const found: Declaration[] = [];
  for (const useName of fieldNode(useItem, 'names')?.namedChildren ?? []) {
    const name = useName && (fieldNode(useName, 'alias') ?? fieldNode(useName, 'name'));
    const decl = name && file.byNameNode.get(name);
    if (decl?.kind === 'use') found.push(decl);
  }
  return found;
}

export function declarationAtName(file: FileState, nameNode: SyntaxNode | null): Declaration | null {
  return (nameNode && file.byNameNode.get(nameNode)) ?? null;
}

export function reference(file: FileState, kind: ReferenceKind, identifier: SyntaxNode, target: Declaration | null): void {
  const span = spanOf(identifier);
  recordReference(file, kind, nameIn(file, span), span, target);
}
