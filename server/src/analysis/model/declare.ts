import { docComment, fieldNode, nameText, spanOf } from '../syntax';
import type { Span } from '../text';
import { checkAttributes, gateActive } from './checks/attributes';
import { checkExcludedType, checkExcludedWorldType, checkResourceFunction } from './checks/excluded-types';
import { checkHeaderDocs, checkHeaderMatches, checkVersions, registerPackage, reportMissingHeader } from './checks/packages';
import { ITEM_TYPES, TYPEDEF_KIND, headerOf, meantAsOnePackage, nameIn, packageKey, packageKeyOf } from './extract';
import { placeOf } from './layout';
import { versionSpanText } from './semver';
import {
  reportDuplicate, reportError, setOwner, type BlockState, type FileState, type GroupState, type ItemScope, type PackageState, type SourceFile,
} from './state';
import type { SyntaxNode } from './syntax-copy';
import type { Declaration, DeclarationKind } from './types';

/**
 * Declaring: every name a group's files declare, in scopes per interface and world, with the
 * checks that need only the declarations (duplicates, attributes, package headers).
 */

/**
 * Declares one file per step (a caller may spread a package of 1,000 files over turns).
 * `declaredOnePackage`: the group's folder was named as one package (a folder checked explicitly).
 */
export function* declareAll(group: GroupState, documents: readonly SourceFile[], declaredOnePackage: boolean): Generator<void> {
  const units = new Map<string, SourceFile[]>();
  for (const document of [...documents].sort((a, b) => (a.uri < b.uri ? -1 : 1))) {
    const unit = placeOf(document.uri).unit;
    const docs = units.get(unit);
    if (docs) docs.push(document);
    else units.set(unit, [document]);
  }
  const hasDeps = [...units.keys()].some((unit) => unit !== group.key);
  for (const [unit, docs] of units) {
    // wit-parser reads a folder as one package and refuses files naming different ones.
    // But binding generators keep folders of independent one-file packages, each file
    // meant to be parsed alone: such a folder is read that way, unless it is clearly one
    // package (see `meantAsOnePackage`). A folder inside deps/ is always one package.
    const names = new Set(docs.map((d) => headerOf(d)).filter((h) => h).map((h) => packageKeyOf(h!)));
    if (names.size > 1 && unit === group.key && !declaredOnePackage && !meantAsOnePackage(docs, hasDeps)) {
      for (const document of docs) {
        group.standalonePackages.set(document.uri, new Map());
        yield* declareRootPackage(group, document.uri, [document]);
      }
    } else yield* declareRootPackage(group, unit, docs);
  }
  for (const pkg of group.packages) checkVersions(group, pkg);
}

function* declareRootPackage(group: GroupState, location: string, documents: SourceFile[]): Generator<void> {
  const headers = documents.map((d) => ({ document: d, header: headerOf(d) }));
  const first = headers.find((h) => h.header);
  const pkg = newPackage(group, location, first?.header ?? null);
  const headerDocs: Declaration[] = [];
  const firstKey = first?.header ? packageKeyOf(first.header) : null;
  for (const { document, header } of headers) {
    const file: FileState = {
      uri: document.uri, source: document, declarations: [], byNameNode: new Map(), references: [], diagnostics: [], blocks: [],
    };
    group.files.set(document.uri, file);
    pkg.model.uris.push(document.uri);
    const root = document.root;
    if (header) {
      const decl = declarePackage(group, file, header, pkg);
      pkg.model.declarations.push(decl);
      if (decl.docs) headerDocs.push(decl);
      checkHeaderMatches(file, decl, packageKeyOf(header), firstKey, { uri: first!.document.uri, header: first!.header! });
    }
    const block: BlockState = { pkg, topUses: new Map() };
    file.blocks.push({ span: null, block });
    // A file that does not parse never gets this far in wit-parser: its syntax error is the news.
    // Nor does one with a package inside a nested package, refused as the file is read.
    const packageInPackage = root.namedChildren.some((c) => c.type === 'nested_package' && c.namedChildren.some((n) => n.type === 'nested_package'));
    if (!first && !root.hasError && !packageInPackage) reportMissingHeader(file, root);
    declareBlockItems(group, file, root, block, undefined, true);
    for (const child of root.namedChildren) {
      if (child?.type !== 'nested_package') continue;
      const name = fieldNode(child, 'name');
      if (!name) continue;
      const nested = newPackage(group, document.uri, name);
      const decl = declarePackage(group, file, child, nested);
      nested.model.declarations.push(decl);
      nested.model.uris.push(document.uri);
      const nestedBlock: BlockState = { pkg: nested, topUses: new Map() };
      file.blocks.push({ span: spanOf(child), block: nestedBlock });
      declareBlockItems(group, file, child, nestedBlock, decl, true);
    }
    yield;
  }
  checkHeaderDocs(group, headerDocs);
}

function newPackage(group: GroupState, location: string, name: SyntaxNode | null): PackageState {
  const namespace = name && fieldNode(name, 'namespace');
  const pkgName = name && fieldNode(name, 'name');
  const version = name && fieldNode(name, 'version');
  const key = name && packageKey(name);
  const pkg: PackageState = {
    model: { name: key, location, declarations: [], items: [], uris: [] },
    key,
    namespace: namespace && pkgName ? `${nameText(namespace)}:${nameText(pkgName)}` : null,
    version: version ? versionSpanText(version.text) : null,
    group,
    items: new Map(),
  };
  group.packages.push(pkg);
  return pkg;
}

/** A package's declaration: a `package_decl` header or a `nested_package` block. */
function declarePackage(group: GroupState, file: FileState, node: SyntaxNode, pkg: PackageState): Declaration {
  const name = node.type === 'package_name' ? node : fieldNode(node, 'name')!;
  const item = node.type === 'package_name' ? node.parent! : node;
  const decl = declare(group, file, 'package', name, item, undefined, true);
  decl.name = name.text;
  registerPackage(group, file, decl, pkg);
  return decl;
}

function declareBlockItems(group: GroupState, file: FileState, container: SyntaxNode, block: BlockState, pkgDecl: Declaration | undefined, active: boolean): void {
  const fileNames = new Map<string, Declaration>();
  for (const child of container.namedChildren) {
    if (child.type === 'toplevel_use') {
      const path = fieldNode(child, 'path');
      const nameNode = fieldNode(child, 'alias') ?? (path && fieldNode(path, 'name'));
      if (!nameNode) continue;
      const decl = declare(group, file, 'use', nameNode, child, pkgDecl, active);
      const previous = fileNames.get(decl.name);
      if (previous) reportDuplicate(file, decl, previous, `duplicate name \`${decl.name}\` in this file`);
      else fileNames.set(decl.name, decl);
      block.topUses.set(decl.name, decl);
    } else if (ITEM_TYPES.has(child.type)) {
      const nameNode = fieldNode(child, 'name');
      const bodyNode = fieldNode(child, 'body');
      if (!nameNode || !bodyNode) continue;
      const itemActive = active && gateActive(group, child);
      const kind = child.type === 'interface_item' ? 'interface' : 'world';
      const decl = declare(group, file, kind, nameNode, child, pkgDecl, itemActive);
      checkAttributes(file, child, decl, block.pkg);
      block.pkg.model.items.push(decl);
      const previousInFile = fileNames.get(decl.name);
      if (previousInFile?.kind === 'use') {
        reportDuplicate(file, decl, previousInFile, `duplicate name \`${decl.name}\` in this file`);
      } else fileNames.set(decl.name, decl);
      const previous = block.pkg.items.get(decl.name);
      if (previous) reportDuplicate(file, decl, previous, `duplicate item named \`${decl.name}\``);
      else block.pkg.items.set(decl.name, decl);
      declareScope(group, file, decl, bodyNode, block, itemActive);
    } else if (child.type === 'nested_package' && pkgDecl) {
      // wit-parser stops here; what the inner package holds is not declared.
      const name = fieldNode(child, 'name');
      if (name) reportError(file, name.startIndex, name.endIndex, 'misplaced-package', 'nested packages must be placed at the top-level');
    }
  }
}

function declareScope(group: GroupState, file: FileState, owner: Declaration, body: SyntaxNode, block: BlockState, active: boolean): void {
  const scope: ItemScope = { owner, group, file, pkg: block.pkg, block, names: new Map(), body };
  group.scopes.set(owner, scope);
  const addName = (decl: Declaration): void => {
    const previous = scope.names.get(decl.name);
    if (previous) reportDuplicate(file, decl, previous, `name \`${decl.name}\` is defined more than once`);
    else scope.names.set(decl.name, decl);
  };
  const report = (at: SyntaxNode, message: string): void => reportError(file, at.startIndex, at.endIndex, 'inactive-reference', message);
  const excludedType = (member: SyntaxNode, name: SyntaxNode, memberActive: boolean): void => {
    if (!active) checkExcludedType(owner, gateActive(group, owner.node), member, name, report);
    checkExcludedWorldType(owner, active, memberActive, name, report);
  };
  for (const member of body.namedChildren) {
    const type = member.type;
    if (type === 'comment') continue;
    const memberActive = active && gateActive(group, member);
    if (type === 'use_item') {
      checkAttributes(file, member, owner, block.pkg);
      for (const useName of fieldNode(member, 'names')?.namedChildren ?? []) {
        if (useName.type !== 'use_name') continue;
        const local = fieldNode(useName, 'alias') ?? fieldNode(useName, 'name');
        if (!local) continue;
        addName(declare(group, file, 'use', local, useName, owner, memberActive));
        excludedType(member, local, memberActive);
      }
    } else if (type === 'func_item') {
      const decl = declareNamed(group, file, 'function', member, owner, memberActive);
      if (decl) {
        addName(decl);
        declareParams(group, file, fieldNode(member, 'type'), decl);
      }
    } else if (type in TYPEDEF_KIND) {
      const decl = declareNamed(group, file, TYPEDEF_KIND[type], member, owner, memberActive);
      if (decl) {
        addName(decl);
        excludedType(member, fieldNode(member, 'name')!, memberActive);
        declareTypeMembers(group, file, member, decl);
      }
    } else if (type === 'import_item' || type === 'export_item') {
      checkAttributes(file, member, owner, block.pkg);
      const nameNode = fieldNode(member, 'name');
      if (!nameNode) continue;
      const func = fieldNode(member, 'type');
      const inline = fieldNode(member, 'body');
      if (func) {
        const decl = declare(group, file, 'function', nameNode, member, owner, memberActive);
        declareParams(group, file, func, decl);
      } else if (inline) {
        const decl = declare(group, file, 'interface', nameNode, member, owner, memberActive);
        declareScope(group, file, decl, inline, block, memberActive);
      } else {
        declare(group, file, type === 'import_item' ? 'import' : 'export', nameNode, member, owner, memberActive);
      }
    } else if (type === 'include_item') {
      checkAttributes(file, member, owner, block.pkg);
      // `with { a as b }` names `b` in this world: a declaration, so it can be renamed and
      // found. Whether it imports or exports is known once the included world resolves.
      for (const entry of fieldNode(member, 'names')?.namedChildren ?? []) {
        const alias = entry.type === 'include_name' ? fieldNode(entry, 'alias') : null;
        if (alias && fieldNode(entry, 'name')) declare(group, file, 'import', alias, entry, owner, memberActive);
      }
    }
  }
}

function declareNamed(group: GroupState, file: FileState, kind: DeclarationKind, item: SyntaxNode, container: Declaration, active: boolean): Declaration | null {
  const nameNode = fieldNode(item, 'name');
  if (!nameNode) return null;
  const decl = declare(group, file, kind, nameNode, item, container, active);
  // A method's container is its resource, which has no scope: its package is the interface's.
  const scope = group.scopes.get(container) ?? (container.container && group.scopes.get(container.container));
  checkAttributes(file, item, decl, scope?.pkg ?? null);
  return decl;
}

export function declareParams(group: GroupState, file: FileState, funcType: SyntaxNode | null, owner: Declaration): void {
  const params = funcType && fieldNode(funcType, 'params');
  const seen = new Map<string, Declaration>();
  if (owner.kind === 'method') seen.set('self', owner);
  for (const param of params?.namedChildren ?? []) {
    if (param.type !== 'param') continue;
    const nameNode = fieldNode(param, 'name');
    if (!nameNode) continue;
    const decl = declare(group, file, 'param', nameNode, param, owner, owner.active);
    const previous = seen.get(decl.name);
    if (previous) {
      reportDuplicate(file, decl, previous, `param \`${decl.name}\` is defined more than once`);
    } else seen.set(decl.name, decl);
  }
}

const MEMBER_KINDS: Record<string, DeclarationKind> = {
  record_field: 'field', variant_case: 'case', enum_case: 'enum-case', flag: 'flag',
};

export function declareTypeMembers(group: GroupState, file: FileState, item: SyntaxNode, decl: Declaration): void {
  const body = fieldNode(item, 'body');
  if (!body) return;
  const children = body.namedChildren.map((node) => ({ node, type: node.type }));
  const members = children.filter((c) => c.type in MEMBER_KINDS);
  if (members.length === 0 && (decl.kind === 'variant' || decl.kind === 'enum')) {
    reportError(file, decl.nameSpan.start, decl.nameSpan.end, 'empty-type', `empty ${decl.kind}`);
  }
  for (const member of members) {
    const nameNode = fieldNode(member.node, 'name');
    if (nameNode) declare(group, file, MEMBER_KINDS[member.type], nameNode, member.node, decl, decl.active);
  }
  if (decl.kind !== 'resource') return;
  const methods = new Map<string, Declaration>();
  let constructor: Declaration | null = null;
  const resourceGateOn = gateActive(group, item);
  for (const { node: member, type } of children) {
    const memberActive = decl.active && gateActive(group, member);
    const name = type === 'method_item' ? fieldNode(member, 'name')
      : type === 'constructor_item' ? member.children.find((c) => c.type === 'constructor') ?? null : null;
    if (name) checkResourceFunction(resourceGateOn, decl.container?.active ?? true, member, name,
      (at, message) => reportError(file, at.startIndex, at.endIndex, 'inactive-reference', message));
    if (type === 'constructor_item') {
      const keyword = member.children.find((c) => c.type === 'constructor') ?? member;
      const ctor = declare(group, file, 'constructor', keyword, member, decl, memberActive);
      checkAttributes(file, member, ctor, group.scopes.get(decl.container!)?.pkg ?? null);
      declareParams(group, file, member, ctor);
      if (constructor) reportDuplicate(file, ctor, constructor, 'duplicate constructors');
      else constructor = ctor;
    } else if (type === 'method_item') {
      const kind = fieldNode(member, 'static') ? 'static-method' : 'method';
      const method = declareNamed(group, file, kind, member, decl, memberActive);
      if (!method) continue;
      declareParams(group, file, fieldNode(member, 'type'), method);
      const previous = methods.get(method.name);
      if (previous) reportDuplicate(file, method, previous, `duplicate function name \`${method.name}\``);
      else methods.set(method.name, method);
    }
  }
}

/**
 * A declaration as the model makes it: plain fields, and docs read from the syntax copy on
 * first request (hover, completion; most declarations are never asked), by a getter shared
 * through the prototype rather than a closure per declaration.
 */
class ModelDeclaration implements Declaration {
  container?: Declaration;
  aliasOf?: Declaration;
  private docsValue: string | undefined | null = null;

  constructor(
    public kind: DeclarationKind,
    public name: string,
    readonly uri: string,
    // Not readonly: an edit elsewhere in the file moves them (patch.ts).
    public nameSpan: Span,
    public span: Span,
    public node: SyntaxNode,
    container: Declaration | undefined,
    public active: boolean,
  ) {
    if (container) this.container = container;
  }

  get docs(): string | undefined {
    // A `use` name has no docs of its own; a package header's sit before the `package` line.
    const item = this.node;
    if (this.docsValue === null) this.docsValue = item.type === 'use_name' ? undefined : docComment(item.type === 'package_name' ? item.parent ?? item : item);
    return this.docsValue;
  }

  forgetDocs(): void {
    this.docsValue = null;
  }
}

/** Forgets the docs a declaration read so far: an edit changed the comments around its item. */
export function forgetDocs(decl: Declaration): void {
  if (decl instanceof ModelDeclaration) decl.forgetDocs();
}

function declare(group: GroupState, file: FileState, kind: DeclarationKind, nameNode: SyntaxNode, item: SyntaxNode, container: Declaration | undefined, active: boolean): Declaration {
  const nameSpan = spanOf(nameNode);
  const decl = new ModelDeclaration(kind, nameIn(file, nameSpan), file.uri, nameSpan, spanOf(item), item, container, active);
  file.declarations.push(decl);
  if (kind !== 'package') file.byNameNode.set(nameNode, decl);
  setOwner(decl, group);
  return decl;
}
