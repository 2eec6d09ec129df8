import type { Node, Tree } from 'web-tree-sitter';
import { Severity, ruleDocumentation, type WitDiagnostic } from '../diagnostics';
import type { WitDocument } from '../document';
import { docComment, fieldNode, nameText, spanOf } from '../syntax';
import type { Span } from '../text';
import type { Declaration, DeclarationKind, PackageModel, Reference, ReferenceKind } from './index';
import { checkExcludedType, checkExcludedWorldType, checkResourceFunction } from './checks/excluded-types';
import { placeOf } from './layout';
import { compareVersions, parseVersion, versionError } from './semver';

/** An interface's or world's namespace of types, `use`d names and (interfaces only) functions. */
export interface ItemScope {
  owner: Declaration;
  group: Group;
  file: FileState;
  pkg: PackageState;
  /** The package block (file root or nested package) whose top-level `use`s apply here. */
  block: BlockState;
  /** Every name, active or behind a disabled feature (the first of duplicates). */
  names: Map<string, Declaration>;
  /**
   * The owner's body, the very node declaring walked: its children (and theirs) are read
   * from wasm once and cached on these objects, not again for every later pass.
   */
  body: Node;
}

export interface PackageState {
  model: PackageModel;
  /** `ns:name` or `ns:name@version`, as foreign paths name it. */
  key: string | null;
  namespace: string | null;
  version: string | null;
  group: Group;
  /** Interfaces and worlds by name, active or not (the first of duplicates). */
  items: Map<string, Declaration>;
}

interface BlockState {
  pkg: PackageState;
  topUses: Map<string, Declaration>;
}

export interface FileState {
  uri: string;
  document: WitDocument;
  declarations: Declaration[];
  /** Declarations (not packages) by the offset of their name. */
  byNameStart: Map<number, Declaration>;
  references: Reference[];
  /** References by the offset of their first character, built on first lookup. */
  referenceIndex?: Map<number, Reference>;
  diagnostics: WitDiagnostic[];
  /** The package block enclosing an offset: nested blocks by span, else the root. */
  blocks: { span: Span | null; block: BlockState }[];
}

/** The text of each tree the model reads, so a look at a character can spare a crossing into wasm. */
const TREE_TEXT = new WeakMap<Tree, string>();

/** Which group built a declaration, so lookups across groups ask the right one. */
const OWNER = new WeakMap<Declaration, Group>();

const ITEM_TYPES = new Set(['interface_item', 'world_item']);
const HANDLE_TYPES = new Set(['borrow_type', 'own_type']);
/** Type nodes with no named children: asking for their children would only cross into wasm. */
const LEAF_TYPES = new Set(['primitive_type', 'error_context_type', 'integer']);
const IGNORES_EXTERNAL_ID = new Set(['interface_item', 'world_item', 'include_item']);
const MAP_KEY_PRIMITIVES = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'char', 'string']);
const TYPEDEF_KIND: Record<string, DeclarationKind> = {
  type_alias: 'type',
  record_item: 'record',
  variant_item: 'variant',
  enum_item: 'enum',
  flags_item: 'flags',
  resource_item: 'resource',
};

export type PackageLookup = (key: string, fromUri: string) => PackageState | undefined;

/**
 * One resolution group: a folder's package(s), their nested packages and everything in
 * its `deps/`. Declaring happens on construction; resolving (references and every check)
 * happens once, on the first query that needs it, and reaches other groups only through
 * `lookupElsewhere` for packages this group does not define.
 */
export class Group {
  readonly files = new Map<string, FileState>();
  readonly packages: PackageState[] = [];
  /** Other groups whose packages this one resolved names into. */
  readonly usedGroups = new Set<Group>();
  /**
   * Every package this group looked for in other groups, found or not: a change defining
   * one of them may change what this group resolves to.
   */
  readonly packagesSoughtElsewhere = new Set<string>();
  private readonly packagesByKey = new Map<string, PackageState>();
  /**
   * Packages of one-file packages in a folder of them (see `declareAll`), by file: such a
   * file sees its own packages and the group's deps, not its neighbours'.
   */
  private readonly standalonePackages = new Map<string, Map<string, PackageState>>();
  private readonly scopes = new Map<Declaration, ItemScope>();
  private readonly pathMemo = new Map<string, Declaration | null>();
  private readonly useMemo = new Map<Declaration, Declaration | null | 'resolving'>();
  private readonly typeMemo = new Map<string, Declaration | null>();
  private readonly worldNamesMemo = new Map<Declaration, WorldNames | 'resolving'>();
  /** Per typedef: whether a `borrow<..>` is reachable through it (see `containsBorrow`). */
  private readonly borrowMemo = new Map<Declaration, boolean>();
  /** Which packages of this group name which others, and where. */
  private readonly packageEdges = new Map<PackageState, { target: PackageState; file: FileState; span: Span }[]>();
  private resolved = false;

  constructor(
    readonly key: string,
    documents: readonly WitDocument[],
    private readonly features: ReadonlySet<string>,
    private readonly lookupElsewhere: PackageLookup,
    /** A deps/ entry is an encoded package: unknown foreign packages may be in it. */
    private readonly hasEncodedDependencies = false,
    /** The folder was named as one package (a folder checked explicitly). */
    private readonly declaredOnePackage = false,
  ) {
    this.declareAll(documents);
  }

  /** Resolves every reference and runs every check, once. */
  resolve(): void {
    if (this.resolved) return;
    this.resolved = true;
    for (const file of this.files.values()) {
      for (const { block } of file.blocks) for (const use of block.topUses.values()) this.resolveTopUse(use);
    }
    for (const scope of this.scopes.values()) this.resolveScope(scope);
    for (const scope of this.scopes.values()) if (scope.owner.kind === 'world') this.checkWorld(scope);
    this.checkTypeCycles();
    this.checkItemCycles();
    this.reportCycles(this.packageEdges, (cycle) => {
      const { target, file, span } = cycle[0];
      this.error(file, span.start, span.end, 'cycle', `package \`${target.key}\` creates a dependency cycle`);
    });
    for (const file of this.files.values()) {
      file.diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
      file.references.sort((a, b) => a.span.start - b.span.start);
    }
  }

  scopeOf(owner: Declaration): ItemScope | undefined {
    return this.scopes.get(owner);
  }

  /** Every interface and world scope, for completion and symbol queries. */
  allScopes(): IterableIterator<ItemScope> {
    return this.scopes.values();
  }

  package(key: string): PackageState | undefined {
    return this.packagesByKey.get(key);
  }

  /**
   * The types usable at `offset` inside an interface or world that does not parse yet (an
   * unclosed `f: func(x: borrow<` while typing): the parser then leaves the header and the
   * items it could read as loose children of an ERROR node. The header is the last
   * `interface NAME {` or `world NAME {` among them before `offset` whose brace is still
   * open; its types and `use`d names are those items. Built fresh, without recording
   * references or errors: what is being typed is reported by the syntax errors.
   */
  typesWhileTyping(file: FileState, offset: number): Declaration[] {
    const root = file.document.tree.rootNode;
    const container = root.namedChildren.find((c) => c?.type === 'nested_package' && c.startIndex < offset && offset <= c.endIndex) ?? root;
    const error = container.children.filter((c): c is Node => !!c && c.startIndex < offset).pop();
    if (error?.type !== 'ERROR') return [];
    const children = error.children.filter((c): c is Node => !!c);
    let header = -1;
    let depth = 0;
    for (let i = 0; i < children.length && children[i].startIndex < offset; i++) {
      const child = children[i];
      if ((child.type === 'interface' || child.type === 'world') && !child.isNamed &&
          children[i + 1]?.type === 'identifier' && children[i + 2]?.type === '{') {
        header = i;
        depth = 0;
      } else if (child.type === '{') depth++;
      else if (child.type === '}' && --depth === 0) header = -1;
    }
    if (header < 0) return [];
    const nameNode = children[header + 1];
    const owner: Declaration = {
      kind: children[header].type === 'interface' ? 'interface' : 'world',
      name: nameText(nameNode), uri: file.uri, nameSpan: spanOf(nameNode), span: spanOf(error), node: error, active: true,
    };
    const block = this.blockAt(file, offset);
    const found: Declaration[] = [];
    const provisional = (kind: DeclarationKind, name: Node, item: Node): Declaration => ({
      kind, name: nameText(name), uri: file.uri, nameSpan: spanOf(name), span: spanOf(item), node: item, container: owner, active: true,
    });
    for (const child of children.slice(header + 3)) {
      if ((child.type === 'interface' || child.type === 'world') && !child.isNamed) break;
      const name = fieldNode(child, 'name');
      if (child.type in TYPEDEF_KIND && name) found.push(provisional(TYPEDEF_KIND[child.type], name, child));
      if (child.type !== 'use_item') continue;
      const path = fieldNode(child, 'path');
      const iface = path && this.lookupPathQuietly(path, file, block);
      for (const useName of fieldNode(child, 'names')?.namedChildren ?? []) {
        const original = useName?.type === 'use_name' ? fieldNode(useName, 'name') : null;
        const local = useName && (fieldNode(useName, 'alias') ?? original);
        if (!useName || !original || !local) continue;
        const decl = provisional('use', local, useName);
        const entry = iface && OWNER.get(iface)?.scopeOf(iface)?.names.get(nameText(original));
        const target = entry?.kind === 'use' ? OWNER.get(entry)!.resolveUse(entry) : entry;
        if (target) decl.aliasOf = target;
        found.push(decl);
      }
    }
    return found;
  }

  /** The interface a use path names, looked up without recording references or errors. */
  private lookupPathQuietly(path: Node, file: FileState, block: BlockState): Declaration | null {
    const nameNode = fieldNode(path, 'name');
    if (!nameNode) return null;
    const name = nameText(nameNode);
    const namespace = fieldNode(path, 'namespace');
    const pkgNode = fieldNode(path, 'package');
    let target: Declaration | null | undefined;
    if (!namespace || !pkgNode) {
      const topUse = block.topUses.get(name);
      target = topUse ? this.resolveTopUse(topUse) : block.pkg.items.get(name);
    } else {
      const version = fieldNode(path, 'version');
      const key = `${nameText(namespace)}:${nameText(pkgNode)}${version ? `@${version.text}` : ''}`;
      const pkg = this.standalonePackages.get(file.uri)?.get(key) ?? this.packagesByKey.get(key) ?? this.lookupElsewhere(key, file.uri);
      target = pkg?.items.get(name);
    }
    return target?.kind === 'interface' ? target : null;
  }

  // ---- declaring ------------------------------------------------------------------------

  private declareAll(documents: readonly WitDocument[]): void {
    const units = new Map<string, WitDocument[]>();
    for (const document of [...documents].sort((a, b) => (a.uri < b.uri ? -1 : 1))) {
      const unit = placeOf(document.uri).unit;
      units.set(unit, [...(units.get(unit) ?? []), document]);
    }
    const hasDeps = [...units.keys()].some((unit) => unit !== this.key);
    for (const [unit, docs] of units) {
      // wit-parser reads a folder as one package and refuses files naming different ones.
      // But binding generators keep folders of independent one-file packages, each file
      // meant to be parsed alone: such a folder is read that way, unless it is clearly one
      // package (see `meantAsOnePackage`). A folder inside deps/ is always one package.
      const names = new Set(docs.map((d) => headerOf(d)).filter((h) => h).map((h) => packageKeyOf(h!)));
      if (names.size > 1 && unit === this.key && !this.declaredOnePackage && !meantAsOnePackage(docs, hasDeps)) {
        for (const document of docs) {
          this.standalonePackages.set(document.uri, new Map());
          this.declareRootPackage(document.uri, [document]);
        }
      } else this.declareRootPackage(unit, docs);
    }
    for (const pkg of this.packages) this.checkPackage(pkg);
  }

  private declareRootPackage(location: string, documents: WitDocument[]): void {
    const headers = documents.map((d) => ({ document: d, header: headerOf(d) }));
    const first = headers.find((h) => h.header);
    const pkg = this.newPackage(location, first?.header ?? null);
    const headerDocs: Declaration[] = [];
    const firstKey = first?.header && packageKeyOf(first.header);
    for (const { document, header } of headers) {
      const file: FileState = {
        uri: document.uri, document, declarations: [], byNameStart: new Map(), references: [], diagnostics: [], blocks: [],
      };
      this.files.set(document.uri, file);
      TREE_TEXT.set(document.tree, document.text);
      pkg.model.uris.push(document.uri);
      const root = document.tree.rootNode;
      if (header) {
        const decl = this.declarePackage(file, header, pkg);
        pkg.model.declarations.push(decl);
        if (decl.docs) headerDocs.push(decl);
        const key = packageKeyOf(header);
        if (key !== firstKey) {
          this.error(file, decl.nameSpan.start, decl.nameSpan.end, 'package-mismatch',
            `package identifier \`${key}\` does not match previous package name of \`${firstKey}\``,
            [{ uri: first!.document.uri, span: spanOf(first!.header!), message: `\`${firstKey}\` is named here` }]);
        }
      }
      const block: BlockState = { pkg, topUses: new Map() };
      file.blocks.push({ span: null, block });
      // A file that does not parse never gets this far in wit-parser: its syntax error is the news.
      if (!first && !root.hasError) {
        const firstItem = root.namedChildren.find((c) => c && c.type !== 'comment');
        const at = firstItem ? firstItem.startIndex : 0;
        this.error(file, at, at, 'missing-package', 'no `package` header was found in any WIT file for this package');
      }
      this.declareBlockItems(file, root, block, undefined, true);
      for (const child of root.namedChildren) {
        if (child?.type !== 'nested_package') continue;
        const name = fieldNode(child, 'name');
        if (!name) continue;
        const nested = this.newPackage(document.uri, name);
        const decl = this.declarePackage(file, child, nested);
        nested.model.declarations.push(decl);
        nested.model.uris.push(document.uri);
        const nestedBlock: BlockState = { pkg: nested, topUses: new Map() };
        file.blocks.push({ span: spanOf(child), block: nestedBlock });
        this.declareBlockItems(file, child, nestedBlock, decl, true);
      }
    }
    for (const extra of headerDocs.slice(1)) {
      const comment = extra.node.previousSibling ?? extra.node;
      this.error(this.files.get(extra.uri)!, comment.startIndex, comment.endIndex, 'duplicate-name', "found doc comments on multiple 'package' items",
        [{ uri: headerDocs[0].uri, span: headerDocs[0].nameSpan, message: 'the first documented `package` item' }]);
    }
  }

  private newPackage(location: string, name: Node | null): PackageState {
    const namespace = name && fieldNode(name, 'namespace');
    const pkgName = name && fieldNode(name, 'name');
    const version = name && fieldNode(name, 'version');
    const key = name && packageKey(name);
    const pkg: PackageState = {
      model: { name: key, location, declarations: [], items: [], uris: [] },
      key,
      namespace: namespace && pkgName ? `${nameText(namespace)}:${nameText(pkgName)}` : null,
      version: version?.text ?? null,
      group: this,
      items: new Map(),
    };
    this.packages.push(pkg);
    return pkg;
  }

  /** A package's declaration: a `package_decl` header or a `nested_package` block. */
  private declarePackage(file: FileState, node: Node, pkg: PackageState): Declaration {
    const name = node.type === 'package_name' ? node : fieldNode(node, 'name')!;
    const item = node.type === 'package_name' ? node.parent! : node;
    const decl = this.declare(file, 'package', name, item, undefined, true);
    decl.name = name.text;
    if (pkg.key) {
      const byKey = this.standalonePackages.get(file.uri) ?? this.packagesByKey;
      const previous = byKey.get(pkg.key);
      if (previous && previous !== pkg) {
        const first = previous.model.declarations[0];
        this.error(file, decl.nameSpan.start, decl.nameSpan.end, 'duplicate-package',
          `package \`${pkg.key}\` is defined in two different locations`,
          first ? [{ uri: first.uri, span: first.nameSpan, message: 'first defined here' }] : undefined);
      } else byKey.set(pkg.key, pkg);
    }
    return decl;
  }

  private declareBlockItems(file: FileState, container: Node, block: BlockState, pkgDecl: Declaration | undefined, active: boolean): void {
    const fileNames = new Map<string, Declaration>();
    for (const child of container.namedChildren) {
      if (!child) continue;
      if (child.type === 'toplevel_use') {
        const path = fieldNode(child, 'path');
        const nameNode = fieldNode(child, 'alias') ?? (path && fieldNode(path, 'name'));
        if (!nameNode) continue;
        const decl = this.declare(file, 'use', nameNode, child, pkgDecl, active);
        const previous = fileNames.get(decl.name);
        if (previous) this.duplicate(file, decl, previous, `duplicate name \`${decl.name}\` in this file`);
        else fileNames.set(decl.name, decl);
        block.topUses.set(decl.name, decl);
      } else if (ITEM_TYPES.has(child.type)) {
        const nameNode = fieldNode(child, 'name');
        const bodyNode = fieldNode(child, 'body');
        if (!nameNode || !bodyNode) continue;
        const itemActive = active && this.gateActive(child);
        const kind = child.type === 'interface_item' ? 'interface' : 'world';
        const decl = this.declare(file, kind, nameNode, child, pkgDecl, itemActive);
        this.checkAttributes(file, child, decl, block.pkg);
        block.pkg.model.items.push(decl);
        const previousInFile = fileNames.get(decl.name);
        if (previousInFile?.kind === 'use') {
          this.duplicate(file, decl, previousInFile, `duplicate name \`${decl.name}\` in this file`);
        } else fileNames.set(decl.name, decl);
        const previous = block.pkg.items.get(decl.name);
        if (previous) this.duplicate(file, decl, previous, `duplicate item named \`${decl.name}\``);
        else block.pkg.items.set(decl.name, decl);
        this.declareScope(file, decl, bodyNode, block, itemActive);
      }
    }
  }

  private declareScope(file: FileState, owner: Declaration, body: Node, block: BlockState, active: boolean): void {
    const scope: ItemScope = {
      owner, group: this, file, pkg: block.pkg, block, names: new Map(), body,
    };
    this.scopes.set(owner, scope);
    const addName = (decl: Declaration): void => {
      const previous = scope.names.get(decl.name);
      if (previous) this.duplicate(file, decl, previous, `name \`${decl.name}\` is defined more than once`);
      else scope.names.set(decl.name, decl);
    };
    const report = (at: Node, message: string): void => this.error(file, at.startIndex, at.endIndex, 'inactive-reference', message);
    const excludedType = (member: Node, name: Node, memberActive: boolean): void => {
      if (!active) checkExcludedType(owner, this.gateActive(owner.node), member, name, report);
      checkExcludedWorldType(owner, active, memberActive, name, report);
    };
    for (const member of body.namedChildren) {
      // One read of each node's type: every read crosses into wasm.
      const type = member?.type;
      if (!member || type === 'comment') continue;
      const memberActive = active && this.gateActive(member);
      if (type === 'use_item') {
        this.checkAttributes(file, member, owner, block.pkg);
        for (const useName of fieldNode(member, 'names')?.namedChildren ?? []) {
          if (useName?.type !== 'use_name') continue;
          const local = fieldNode(useName, 'alias') ?? fieldNode(useName, 'name');
          if (local) addName(this.declare(file, 'use', local, useName, owner, memberActive));
          if (local) excludedType(member, local, memberActive);
        }
      } else if (type === 'func_item') {
        const decl = this.declareNamed(file, 'function', member, owner, memberActive);
        if (decl) {
          addName(decl);
          this.declareParams(file, fieldNode(member, 'type'), decl);
        }
      } else if (type! in TYPEDEF_KIND) {
        const decl = this.declareNamed(file, TYPEDEF_KIND[type!], member, owner, memberActive);
        if (decl) {
          addName(decl);
          excludedType(member, fieldNode(member, 'name')!, memberActive);
          this.declareTypeMembers(file, member, decl);
        }
      } else if (type === 'import_item' || type === 'export_item') {
        this.checkAttributes(file, member, owner, block.pkg);
        const nameNode = fieldNode(member, 'name');
        if (!nameNode) continue;
        const func = fieldNode(member, 'type');
        const inline = fieldNode(member, 'body');
        if (func) {
          const decl = this.declare(file, 'function', nameNode, member, owner, memberActive);
          this.declareParams(file, func, decl);
        } else if (inline) {
          const decl = this.declare(file, 'interface', nameNode, member, owner, memberActive);
          this.declareScope(file, decl, inline, block, memberActive);
        } else {
          this.declare(file, type === 'import_item' ? 'import' : 'export', nameNode, member, owner, memberActive);
        }
      } else if (type === 'include_item') {
        this.checkAttributes(file, member, owner, block.pkg);
        // `with { a as b }` names `b` in this world: a declaration, so it can be renamed and
        // found. Whether it imports or exports is known once the included world resolves.
        for (const entry of fieldNode(member, 'names')?.namedChildren ?? []) {
          const alias = entry?.type === 'include_name' ? fieldNode(entry, 'alias') : null;
          if (entry && alias && fieldNode(entry, 'name')) this.declare(file, 'import', alias, entry, owner, memberActive);
        }
      }
    }
  }

  private declareNamed(file: FileState, kind: DeclarationKind, item: Node, container: Declaration, active: boolean): Declaration | null {
    const nameNode = fieldNode(item, 'name');
    if (!nameNode) return null;
    const decl = this.declare(file, kind, nameNode, item, container, active);
    // A method's container is its resource, which has no scope: its package is the interface's.
    const scope = this.scopes.get(container) ?? (container.container && this.scopes.get(container.container));
    this.checkAttributes(file, item, decl, scope?.pkg ?? null);
    return decl;
  }

  private declareParams(file: FileState, funcType: Node | null, owner: Declaration): void {
    const params = funcType && fieldNode(funcType, 'params');
    const seen = new Map<string, Declaration>();
    if (owner.kind === 'method') seen.set('self', owner);
    for (const param of params?.namedChildren ?? []) {
      if (param?.type !== 'param') continue;
      const nameNode = fieldNode(param, 'name');
      if (!nameNode) continue;
      const decl = this.declare(file, 'param', nameNode, param, owner, owner.active);
      const previous = seen.get(decl.name);
      if (previous) {
        this.duplicate(file, decl, previous, `param \`${decl.name}\` is defined more than once`);
      } else seen.set(decl.name, decl);
    }
  }

  private declareTypeMembers(file: FileState, item: Node, decl: Declaration): void {
    const body = fieldNode(item, 'body');
    if (!body) return;
    const memberKinds: Record<string, DeclarationKind> = {
      record_field: 'field', variant_case: 'case', enum_case: 'enum-case', flag: 'flag',
    };
    // Each child's type is read once: every read crosses into wasm.
    const children = body.namedChildren.map((node) => ({ node, type: node?.type }));
    const members = children.filter((c): c is { node: Node; type: string } => !!c.node && c.type! in memberKinds);
    if (members.length === 0 && (decl.kind === 'variant' || decl.kind === 'enum')) {
      this.error(file, decl.nameSpan.start, decl.nameSpan.end, 'empty-type', `empty ${decl.kind}`);
    }
    for (const member of members) {
      const nameNode = fieldNode(member.node, 'name');
      if (nameNode) this.declare(file, memberKinds[member.type], nameNode, member.node, decl, decl.active);
    }
    if (decl.kind !== 'resource') return;
    const methods = new Map<string, Declaration>();
    let constructor: Declaration | null = null;
    const resourceGateOn = this.gateActive(item);
    for (const { node: member, type } of children) {
      if (!member) continue;
      const memberActive = decl.active && this.gateActive(member);
      const name = type === 'method_item' ? fieldNode(member, 'name')
        : type === 'constructor_item' ? member.children.find((c) => c?.type === 'constructor') ?? null : null;
      if (name) checkResourceFunction(resourceGateOn, decl.container?.active ?? true, member, name,
        (at, message) => this.error(file, at.startIndex, at.endIndex, 'inactive-reference', message));
      if (type === 'constructor_item') {
        const keyword = member.children.find((c) => c?.type === 'constructor') ?? member;
        const ctor = this.declare(file, 'constructor', keyword, member, decl, memberActive);
        this.checkAttributes(file, member, ctor, this.scopes.get(decl.container!)?.pkg ?? null);
        this.declareParams(file, member, ctor);
        if (constructor) this.duplicate(file, ctor, constructor, 'duplicate constructors');
        else constructor = ctor;
      } else if (type === 'method_item') {
        const kind = fieldNode(member, 'static') ? 'static-method' : 'method';
        const method = this.declareNamed(file, kind, member, decl, memberActive);
        if (!method) continue;
        this.declareParams(file, fieldNode(member, 'type'), method);
        const previous = methods.get(method.name);
        if (previous) this.duplicate(file, method, previous, `duplicate function name \`${method.name}\``);
        else methods.set(method.name, method);
      }
    }
  }

  private declare(file: FileState, kind: DeclarationKind, nameNode: Node, item: Node, container: Declaration | undefined, active: boolean): Declaration {
    // Docs are read on demand (hover, completion): most declarations are never asked.
    let docs: string | undefined | null = null;
    const nameSpan = spanOf(nameNode);
    const decl: Declaration = {
      kind,
      name: nameIn(file, nameSpan),
      uri: file.uri,
      nameSpan,
      span: spanOf(item),
      node: item,
      container,
      get docs() {
        // A `use` name has no docs of its own; a package header's sit before the `package` line.
        if (docs === null) docs = item.type === 'use_name' ? undefined : docComment(item.type === 'package_name' ? item.parent ?? item : item);
        return docs;
      },
      active,
    };
    file.declarations.push(decl);
    if (kind !== 'package') file.byNameStart.set(decl.nameSpan.start, decl);
    OWNER.set(decl, this);
    return decl;
  }

  /**
   * Whether the code around `node` is active: no enclosing item sits behind a disabled
   * feature. wit-parser checks gated items like any other, then drops them, so only active
   * code naming a gated item is an error. Worked out from the tree, since a name may be
   * resolved first on behalf of another group.
   */
  private activeAt(node: Node): boolean {
    for (let n = node.parent; n; n = n.parent) if (!this.gateActive(n)) return false;
    return true;
  }

  /** False when the item carries `@unstable(feature = f)` with `f` not enabled. */
  private gateActive(item: Node): boolean {
    if (!hasAttributes(item)) return true;
    for (const attribute of item.childrenForFieldName('attribute')) {
      if (attribute?.type !== 'unstable_attribute') continue;
      const feature = fieldNode(attribute, 'feature');
      if (feature && !this.features.has(nameText(feature))) return false;
    }
    return true;
  }

  /** Attribute rules of wit-parser's `stability()`, and `@since` against the package version. */
  private checkAttributes(file: FileState, item: Node, decl: Declaration, pkg: PackageState | null): void {
    if (!hasAttributes(item)) return;
    const seen = new Map<string, Node>();
    const label: Record<string, string> = {
      since_attribute: '@since', unstable_attribute: '@unstable', deprecated_attribute: '@deprecated', external_id_attribute: '@external-id',
    };
    for (const attribute of item.childrenForFieldName('attribute')) {
      if (!attribute) continue;
      const name = label[attribute.type];
      if (!name) continue;
      // wit-parser ignores @external-id on interfaces, worlds and includes, twice or not.
      const ignored = attribute.type === 'external_id_attribute' && IGNORES_EXTERNAL_ID.has(item.type);
      if (seen.has(attribute.type) && !ignored) {
        this.error(file, attribute.startIndex, attribute.endIndex, 'feature-gate', `cannot specify ${name} twice`);
        continue;
      }
      if ((attribute.type === 'since_attribute' && seen.has('unstable_attribute')) ||
          (attribute.type === 'unstable_attribute' && seen.has('since_attribute'))) {
        this.error(file, attribute.startIndex, attribute.endIndex, 'feature-gate', 'cannot specify both @since and @unstable');
      }
      seen.set(attribute.type, attribute);
    }
    const deprecated = seen.get('deprecated_attribute');
    if (deprecated && !seen.has('since_attribute') && !seen.has('unstable_attribute')) {
      this.error(file, deprecated.startIndex, deprecated.endIndex, 'feature-gate',
        'cannot specify both @deprecated without @since or @unstable');
    }
    const since = seen.get('since_attribute');
    const sinceVersion = since && fieldNode(since, 'version');
    if (!sinceVersion || !pkg || !pkg.namespace || !decl.active) return;
    const at = spanOf(fieldNode(item, 'name') ?? fieldNode(item, 'path') ?? item);
    if (!pkg.version) {
      this.error(file, at.start, at.end, 'feature-gate',
        `package [${pkg.namespace}] contains a feature gate with a version specifier, so it must have a version`);
      return;
    }
    const gate = parseVersion(sinceVersion.text);
    const current = parseVersion(pkg.version);
    if (gate && current && compareVersions(gate, current) > 0) {
      this.error(file, at.start, at.end, 'feature-gate',
        `feature gate cannot reference unreleased version ${sinceVersion.text} of package [${pkg.key}] (current version ${pkg.version})`);
    }
  }

  private checkPackage(pkg: PackageState): void {
    for (const uri of pkg.model.uris) {
      const file = this.files.get(uri)!;
      if (pkg !== file.blocks[0].block.pkg) continue;
      for (const version of versionNodes(file.document)) {
        const problem = versionError(version.text);
        if (problem) this.error(file, version.startIndex, version.endIndex, 'invalid-version', problem);
      }
    }
  }

  // ---- resolving ------------------------------------------------------------------------

  /** The package a foreign path names: this group's first, then (for a layout like WASI's) another's. */
  private findPackage(key: string, fromUri: string): PackageState | undefined {
    const own = this.standalonePackages.get(fromUri)?.get(key) ?? this.packagesByKey.get(key);
    if (own) return own;
    this.packagesSoughtElsewhere.add(key);
    const elsewhere = this.lookupElsewhere(key, fromUri);
    if (elsewhere && elsewhere.group !== this) this.usedGroups.add(elsewhere.group);
    return elsewhere;
  }

  /**
   * What a use path names (`iface`, `ns:pkg/iface@v`): an interface, or with
   * `expected === 'world'` a world. Records the references and reports what does not resolve.
   */
  resolvePath(path: Node, file: FileState, block: BlockState, expected: 'interface' | 'world', useTopUses = true): Declaration | null {
    const key = `${file.uri}:${path.startIndex}`;
    if (this.pathMemo.has(key)) return this.pathMemo.get(key)!;
    this.pathMemo.set(key, null);
    const result = this.resolvePathUncached(path, file, block, expected, useTopUses);
    this.pathMemo.set(key, result);
    return result;
  }

  private resolvePathUncached(path: Node, file: FileState, block: BlockState, expected: 'interface' | 'world', useTopUses: boolean): Declaration | null {
    const nameNode = fieldNode(path, 'name');
    if (!nameNode || unwritten(nameNode) || path.hasError) return null; // the syntax error says it all
    const name = nameText(nameNode);
    const namespace = fieldNode(path, 'namespace');
    let target: Declaration | null | undefined;
    if (!namespace) {
      const topUse = useTopUses ? block.topUses.get(name) : undefined;
      if (topUse) {
        this.reference(file, 'interface', nameNode, topUse);
        target = this.resolveTopUse(topUse);
        if (!target) return null;
        return this.checkKind(file, nameNode, target, expected);
      }
      target = block.pkg.items.get(name);
      this.reference(file, expected, nameNode, target ?? null);
      if (!target) {
        this.error(file, nameNode.startIndex, nameNode.endIndex, 'unknown-name', `interface or world \`${name}\` does not exist`);
        return null;
      }
      return this.reachable(file, nameNode, target) ? this.checkKind(file, nameNode, target, expected) : null;
    }
    const pkgNode = fieldNode(path, 'package')!;
    const version = fieldNode(path, 'version');
    const pkgKey = `${nameText(namespace)}:${nameText(pkgNode)}${version ? `@${version.text}` : ''}`;
    const pkg = this.findPackage(pkgKey, file.uri);
    const pkgSpan = { start: namespace.startIndex, end: pkgNode.endIndex };
    // The package is named by `ns:pkg` and by the version after `/name@`: two references,
    // so neither overlaps the interface's.
    this.referenceAt(file, 'package', pkgKey, pkgSpan, pkg?.model.declarations[0] ?? null);
    if (version) this.referenceAt(file, 'package', pkgKey, spanOf(version), pkg?.model.declarations[0] ?? null);
    if (!pkg) {
      if (!this.hasEncodedDependencies) {
        this.error(file, pkgSpan.start, pkgSpan.end, 'unknown-package', `package '${pkgKey}' not found`);
      }
      this.reference(file, expected, nameNode, null);
      return null;
    }
    if (pkg.group === this && pkg !== block.pkg) {
      const edges = this.packageEdges.get(block.pkg) ?? [];
      edges.push({ target: pkg, file, span: pkgSpan });
      this.packageEdges.set(block.pkg, edges);
    }
    target = pkg.items.get(name);
    this.reference(file, expected, nameNode, target ?? null);
    // wit-parser matches foreign items after dropping gated code: gated code cannot miss.
    if (!this.activeAt(path)) return target && target.kind === expected ? target : null;
    if (!target || target.kind !== expected) {
      // A foreign package is searched for an item of the kind the path wants, by name.
      const where = target ?? pkg.model.declarations[0];
      const note = target ? `\`${name}\` is a ${target.kind} here` : `the package \`${pkgKey}\` used here`;
      this.error(file, nameNode.startIndex, nameNode.endIndex, 'unknown-name', `${expected} '${name}' not found in package '${pkgKey}'`,
        where ? [{ uri: where.uri, span: where.nameSpan, message: note }] : undefined);
      return null;
    }
    return this.reachable(file, nameNode, target) ? target : null;
  }

  /**
   * Active code may not name what a disabled feature removes (wit-parser drops it); code
   * behind a disabled feature may.
   */
  private reachable(file: FileState, at: Node, target: Declaration): boolean {
    if (target.active || !this.activeAt(at)) return true;
    const what = target.kind === 'interface' || target.kind === 'world' ? target.kind : 'type';
    let note = '';
    if (what === 'type' && this.gateActive(target.node)) {
      // The type carries no gate itself: the interface or world around it does.
      note = `; this type is not gated by a feature but its ${target.container?.kind === 'world' ? 'world' : 'interface'} is`;
    }
    this.error(file, at.startIndex, at.endIndex, 'inactive-reference',
      `found a reference to a ${what} which is excluded due to its feature not being activated${note}`,
      [{ uri: target.uri, span: target.nameSpan, message: `\`${target.name}\` is behind a feature that is not enabled` }]);
    return false;
  }

  private checkKind(file: FileState, nameNode: Node, target: Declaration, expected: 'interface' | 'world'): Declaration | null {
    if (target.kind === expected) return target;
    this.error(file, nameNode.startIndex, nameNode.endIndex, 'wrong-kind',
      `name \`${target.name}\` is defined as ${target.kind === 'world' ? 'a world' : 'an interface'}, not ${expected === 'world' ? 'a world' : 'an interface'}`,
      [{ uri: target.uri, span: target.nameSpan, message: `\`${target.name}\` is defined here` }]);
    return null;
  }

  /** The interface a top-level `use a:b/c as d;` names. */
  private resolveTopUse(use: Declaration): Declaration | null {
    const owner = OWNER.get(use)!;
    if (owner !== this) return owner.resolveTopUse(use);
    if (this.useMemo.has(use)) {
      const known = this.useMemo.get(use)!;
      return known === 'resolving' ? null : known;
    }
    this.useMemo.set(use, 'resolving');
    const file = this.files.get(use.uri)!;
    const block = this.blockAt(file, use.node.startIndex);
    const path = fieldNode(use.node, 'path');
    const target = path ? this.resolvePath(path, file, block, 'interface', false) : null;
    use.aliasOf = target ?? undefined;
    this.useMemo.set(use, target);
    return target;
  }

  blockAt(file: FileState, offset: number): BlockState {
    for (const { span, block } of file.blocks) if (span && span.start <= offset && offset < span.end) return block;
    return file.blocks[0].block;
  }

  /** The typedef (or function) a `use x.{name}` name finally stands for. */
  resolveUse(use: Declaration): Declaration | null {
    const owner = OWNER.get(use)!;
    if (owner !== this) return owner.resolveUse(use);
    if (use.node.type === 'toplevel_use') return this.resolveTopUse(use);
    const known = this.useMemo.get(use);
    if (known !== undefined) return known === 'resolving' ? null : known;
    this.useMemo.set(use, 'resolving');
    const result = this.resolveUseUncached(use);
    this.useMemo.set(use, result);
    use.aliasOf = result ?? undefined;
    return result;
  }

  private resolveUseUncached(use: Declaration): Declaration | null {
    const file = this.files.get(use.uri)!;
    const scope = this.scopes.get(use.container!)!;
    const useItem = use.node.parent?.parent;
    const path = useItem && fieldNode(useItem, 'path');
    const original = fieldNode(use.node, 'name');
    if (!path || !original || unwritten(original)) return null;
    const target = this.resolvePath(path, file, scope.block, 'interface');
    const targetScope = target && OWNER.get(target)!.scopeOf(target);
    if (!targetScope) {
      this.reference(file, 'use-name', original, null);
      return null;
    }
    const name = nameText(original);
    const entry = targetScope.names.get(name);
    this.reference(file, 'use-name', original, entry ?? null);
    if (!entry) {
      if (targetScope.pkg !== scope.pkg) {
        this.error(file, original.startIndex, original.endIndex, 'unknown-name', `type \`${name}\` not defined in interface`);
      } else this.error(file, original.startIndex, original.endIndex, 'unknown-name', `name \`${name}\` does not exist`);
      return null;
    }
    if (entry.kind === 'function') {
      this.error(file, original.startIndex, original.endIndex, 'wrong-kind', `cannot import function \`${name}\``);
      return null;
    }
    if (!this.reachable(file, original, entry)) return null;
    return entry.kind === 'use' ? this.resolveUse(entry) : entry;
  }

  /**
   * The typedef a type name (a `named_type`'s identifier, or a handle's) in `scope` stands
   * for, after `use`s; records the reference and reports what does not resolve.
   */
  resolveTypeName(identifier: Node, scope: ItemScope, inTypedef: boolean): Declaration | null {
    const owner = scope.group;
    if (owner !== this) return owner.resolveTypeName(identifier, scope, inTypedef);
    const key = `${scope.file.uri}:${identifier.startIndex}`;
    if (this.typeMemo.has(key)) return this.typeMemo.get(key)!;
    this.typeMemo.set(key, null);
    const span = spanOf(identifier);
    if (identifier.isMissing || span.start === span.end) return null; // `unwritten`, reading the end once
    const name = nameIn(scope.file, span);
    const entry = scope.names.get(name);
    this.referenceAt(scope.file, 'type', name, span, entry ?? null);
    let result: Declaration | null = null;
    if (!entry) {
      const renamed: Record<string, string> = { float32: 'f32', float64: 'f64' };
      const hint = renamed[name] ? ` (the \`${name}\` type has been renamed to \`${renamed[name]}\`)` : '';
      this.error(scope.file, span.start, span.end, 'unknown-name',
        `${inTypedef ? 'type' : 'name'} \`${name}\` does not exist${hint}`);
    } else if (!this.reachable(scope.file, identifier, entry)) {
      result = null;
    } else if (entry.kind === 'function') {
      // wit-parser's typedef ordering knows only types, so there a function is simply unknown.
      this.error(scope.file, span.start, span.end, inTypedef ? 'unknown-name' : 'wrong-kind',
        inTypedef ? `type \`${name}\` does not exist` : `cannot use function \`${name}\` as a type`);
    } else result = entry.kind === 'use' ? this.resolveUse(entry) : entry;
    if (result?.kind === 'function') result = null; // reported on the `use` itself
    this.typeMemo.set(key, result);
    return result;
  }

  /** Resolves and checks every member of an interface or world, each in its own feature context. */
  private resolveScope(scope: ItemScope): void {
    for (const member of scope.body.namedChildren) if (member) this.resolveMember(scope, member);
  }

  private resolveMember(scope: ItemScope, member: Node): void {
    switch (member.type) {
      case 'use_item':
        for (const decl of this.useDeclarations(scope.file, member)) this.resolveUse(decl);
        if (fieldNode(member, 'path') && (fieldNode(member, 'names')?.namedChildCount ?? 0) === 0) {
          this.resolvePath(fieldNode(member, 'path')!, scope.file, scope.block, 'interface');
        }
        break;
      case 'func_item':
        this.checkFunction(scope, member, fieldNode(member, 'name')?.text ?? '', fieldNode(member, 'type'));
        break;
      case 'import_item':
      case 'export_item': {
        const func = fieldNode(member, 'type');
        const path = fieldNode(member, 'path');
        if (func) this.checkFunction(scope, member, nameText(fieldNode(member, 'name')!), func);
        else if (path) this.resolvePath(path, scope.file, scope.block, 'interface');
        break;
      }
      case 'include_item': {
        const path = fieldNode(member, 'path');
        if (path) this.resolvePath(path, scope.file, scope.block, 'world');
        break;
      }
      default:
        if (member.type in TYPEDEF_KIND) this.checkTypedef(scope, member);
    }
  }

  /** The names a `use_item` declares. */
  private useDeclarations(file: FileState, useItem: Node): Declaration[] {
    const found: Declaration[] = [];
    for (const useName of fieldNode(useItem, 'names')?.namedChildren ?? []) {
      const decl = useName && file.byNameStart.get((fieldNode(useName, 'alias') ?? fieldNode(useName, 'name'))?.startIndex ?? -1);
      if (decl?.kind === 'use') found.push(decl);
    }
    return found;
  }

  private checkTypedef(scope: ItemScope, item: Node): void {
    const decl = this.declarationAtName(scope.file, fieldNode(item, 'name'));
    if (item.type === 'resource_item') {
      const body = fieldNode(item, 'body');
      for (const member of body?.namedChildren ?? []) {
        if (!member) continue;
        const resourceName = decl?.name ?? '';
        if (member.type === 'constructor_item') {
          this.checkParams(scope, member);
          this.checkConstructorResult(scope, member, decl ?? null);
        } else if (member.type === 'method_item') {
          const name = fieldNode(member, 'name')?.text ?? '';
          const prefix = fieldNode(member, 'static') ? '[static]' : '[method]';
          this.checkFunction(scope, member, `${prefix}${resourceName}.${name}`, fieldNode(member, 'type'));
        }
      }
      return;
    }
    for (const child of item.namedChildren) if (child && child.type !== 'identifier') this.checkType(scope, child, true);
  }

  private checkFunction(scope: ItemScope, item: Node, displayName: string, funcType: Node | null): void {
    if (!funcType) return;
    const params = fieldNode(funcType, 'params');
    if (params) this.checkType(scope, params, false);
    const result = fieldNode(funcType, 'result');
    if (!result) return;
    this.checkType(scope, result, false);
    if (this.containsBorrow(scope, result, { seen: new Set(), pruned: 0 })) {
      const at = fieldNode(item, 'name') ?? item;
      this.error(scope.file, at.startIndex, at.endIndex, 'borrow-in-result',
        `function \`${displayName}\` returns a type which contains a \`borrow<T>\` which is not supported`);
    }
  }

  private checkParams(scope: ItemScope, item: Node): void {
    const params = fieldNode(item, 'params');
    if (params) this.checkType(scope, params, false);
  }

  private checkConstructorResult(scope: ItemScope, ctor: Node, resource: Declaration | null): void {
    const result = fieldNode(ctor, 'result');
    if (!result) return;
    this.checkType(scope, result, false);
    if (result.type !== 'result_type') {
      this.error(scope.file, result.startIndex, result.endIndex, 'constructor-result',
        'if a constructor return type is declared it must be a `result`');
      return;
    }
    const ok = fieldNode(result, 'ok');
    const okName = ok?.type === 'named_type' ? fieldNode(ok, 'name') : ok?.type === 'own_type' ? fieldNode(ok, 'resource') : null;
    const okTarget = okName ? this.resolveTypeName(okName, scope, false) : null;
    if (!ok || !resource || okTarget !== resource) {
      this.error(scope.file, result.startIndex, result.endIndex, 'constructor-result',
        'the `ok` type must be the resource being constructed');
    }
  }

  /**
   * Resolves every name in a type (or parameter list) and checks handles and map keys.
   * Depth first with an explicit stack: types nest as deep as a user writes them, and
   * `list<list<...>>` thousands deep must not overflow the call stack.
   */
  private checkType(scope: ItemScope, type: Node, inTypedef: boolean): void {
    // Each node's type is read once and carried along: every read crosses into wasm.
    const pending: { node: Node; type: string }[] = [{ node: type, type: type.type }];
    while (pending.length > 0) {
      const { node, type: nodeType } = pending.pop()!;
      this.checkTypeNode(scope, node, nodeType, inTypedef);
      if (nodeType === 'named_type' || HANDLE_TYPES.has(nodeType) || LEAF_TYPES.has(nodeType)) continue;
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        const childType = child?.type;
        if (child && childType !== 'identifier' && childType !== 'comment') pending.push({ node: child, type: childType! });
      }
    }
  }

  private checkTypeNode(scope: ItemScope, node: Node, nodeType: string, inTypedef: boolean): void {
    if (nodeType === 'named_type') {
      const name = fieldNode(node, 'name');
      if (name) this.resolveTypeName(name, scope, inTypedef);
      return;
    }
    if (HANDLE_TYPES.has(nodeType)) {
      const name = fieldNode(node, 'resource');
      const target = name && this.resolveTypeName(name, scope, inTypedef);
      if (!name || !target) return;
      const resource = this.followAliases(target);
      if (resource && resource.kind !== 'resource') {
        const foreign = OWNER.get(resource) !== this || this.scopes.get(resource.container!)?.pkg !== scope.pkg;
        this.error(scope.file, name.startIndex, name.endIndex, 'not-a-resource',
          foreign ? 'type used in a handle must be a resource' : `type \`${nameText(name)}\` used in a handle must be a resource`,
          [{ uri: resource.uri, span: resource.nameSpan, message: `\`${resource.name}\` is defined here` }]);
      }
      return;
    }
    if (nodeType === 'map_type') {
      const key = fieldNode(node, 'key');
      if (key && !this.isMapKey(key)) {
        this.error(scope.file, key.startIndex, key.endIndex, 'map-key',
          'invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string');
      }
    }
  }

  /** `type a = b;` chains end at the typedef they alias (or null when one does not resolve). */
  private followAliases(decl: Declaration): Declaration | null {
    const seen = new Set<Declaration>();
    let current: Declaration | null = decl;
    while (current && current.kind === 'type' && !seen.has(current)) {
      seen.add(current);
      const aliased = fieldNode(current.node, 'type');
      if (!aliased) return null;
      if (aliased.type !== 'named_type') return current;
      const scope = this.scopeOfDeclaration(current);
      const name = fieldNode(aliased, 'name');
      current = scope && name ? scope.group.resolveTypeName(name, scope, true) : null;
    }
    return current;
  }

  private scopeOfDeclaration(decl: Declaration): ItemScope | undefined {
    return decl.container && OWNER.get(decl)?.scopeOf(decl.container);
  }

  /** wit-parser checks the key's own type: even an alias of `string` is refused. */
  private isMapKey(key: Node): boolean {
    return key.type === 'primitive_type' && MAP_KEY_PRIMITIVES.has(key.text);
  }


  /**
   * Whether a `borrow<..>` is reachable from a type: a depth-first search over the typedefs
   * it names, each visited once. Whether one is reachable through a typedef does not depend
   * on where the search came from, so each function result after the first reuses the
   * answers (an answer is kept unless the search was cut short at an already visited name,
   * which a cycle can make incomplete).
   */
  private containsBorrow(scope: ItemScope, node: Node, search: BorrowSearch, nodeType = node.type): boolean {
    if (nodeType === 'borrow_type') return true;
    if (nodeType === 'named_type') {
      const name = fieldNode(node, 'name');
      const target = name && this.resolveTypeName(name, scope, false);
      if (!target) return false;
      if (search.seen.has(target)) {
        search.pruned++;
        return false;
      }
      search.seen.add(target);
      if (target.kind !== 'type' && target.kind !== 'record' && target.kind !== 'variant') return false;
      const known = this.borrowMemo.get(target);
      if (known !== undefined) return known;
      const targetScope = this.scopeOfDeclaration(target);
      if (!targetScope) return false;
      const pruned = search.pruned;
      const found = targetScope.group.childrenContainBorrow(targetScope, target.node, search);
      if (found || search.pruned === pruned) this.borrowMemo.set(target, found);
      return found;
    }
    return !LEAF_TYPES.has(nodeType) && this.childrenContainBorrow(scope, node, search);
  }

  private childrenContainBorrow(scope: ItemScope, node: Node, search: BorrowSearch): boolean {
    return node.namedChildren.some((child) => {
      const childType = child?.type;
      return !!child && childType !== 'identifier' && this.containsBorrow(scope, child, search, childType);
    });
  }

  // ---- worlds -----------------------------------------------------------------------------

  /** The plain names a world imports and exports, after its includes. */
  worldNames(world: Declaration): WorldNames {
    const owner = OWNER.get(world)!;
    if (owner !== this) return owner.worldNames(world);
    const known = this.worldNamesMemo.get(world);
    if (known === 'resolving') return { imports: new Map(), exports: new Map(), importedInterfaces: new Map(), exportedInterfaces: new Map() };
    if (known) return known;
    this.worldNamesMemo.set(world, 'resolving');
    const names = this.collectWorld(this.scopes.get(world)!);
    this.worldNamesMemo.set(world, names);
    return names;
  }

  private checkWorld(scope: ItemScope): void {
    this.worldNames(scope.owner);
  }

  private collectWorld(scope: ItemScope): WorldNames {
    const names: WorldNames = { imports: new Map(), exports: new Map(), importedInterfaces: new Map(), exportedInterfaces: new Map() };
    const body = scope.body;
    const file = scope.file;
    const add = (direction: 'import' | 'export', nameNode: Node, kind: WorldEntry['kind'], decl: Declaration | null): void => {
      const map = direction === 'import' ? names.imports : names.exports;
      const name = nameText(nameNode);
      const previous = map.get(name);
      if (previous) {
        this.error(file, nameNode.startIndex, nameNode.endIndex, 'world-conflict',
          `${direction} \`${name}\` conflicts with prior ${previous.kind} of same name`,
          previous.decl ? [{ uri: previous.decl.uri, span: previous.decl.nameSpan, message: 'the prior one' }] : undefined);
        return;
      }
      map.set(name, { kind, decl, span: spanOf(nameNode) });
    };
    const includes: Node[] = [];
    for (const member of body.namedChildren) {
      // Own names clash whether gated or not (wit-parser checks before dropping gated items);
      // includes merge after, so a gated include adds nothing.
      if (!member) continue;
      const memberActive = scope.owner.active && this.gateActive(member);
      if (member.type in TYPEDEF_KIND) {
        const nameNode = fieldNode(member, 'name');
        if (nameNode) add('import', nameNode, 'type', this.declarationAtName(file, nameNode));
      } else if (member.type === 'use_item') {
        for (const decl of this.useDeclarations(file, member)) {
          const nameNode = member.descendantForIndex(decl.nameSpan.start);
          if (nameNode) add('import', nameNode, 'type', decl);
        }
      } else if (member.type === 'import_item' || member.type === 'export_item') {
        const direction = member.type === 'import_item' ? 'import' : 'export';
        const nameNode = fieldNode(member, 'name');
        const path = fieldNode(member, 'path');
        if (nameNode) {
          add(direction, nameNode, fieldNode(member, 'type') ? 'func' : 'interface', this.declarationAtName(file, nameNode));
        } else if (path) {
          const target = this.resolvePath(path, file, scope.block, 'interface');
          if (!target) continue;
          const seen = direction === 'import' ? names.importedInterfaces : names.exportedInterfaces;
          if (seen.has(target)) {
            this.error(file, path.startIndex, path.endIndex, 'world-conflict',
              `interface cannot be ${direction}ed more than once`,
              [{ uri: file.uri, span: seen.get(target)!, message: `first ${direction}ed here` }]);
          } else seen.set(target, spanOf(path));
        }
      } else if (member.type === 'include_item' && memberActive) includes.push(member);
    }
    for (const include of includes) this.applyInclude(scope, include, names);
    this.checkCaseInsensitive(scope, names);
    this.checkExportDependencies(scope, names);
    return names;
  }

  private applyInclude(scope: ItemScope, include: Node, names: WorldNames): void {
    const path = fieldNode(include, 'path');
    const target = path && this.resolvePath(path, scope.file, scope.block, 'world');
    if (!path || !target) return;
    const included = this.worldNames(target);
    const renames = new Map<string, { name: string; alias: Declaration | null }>();
    for (const entry of fieldNode(include, 'names')?.namedChildren ?? []) {
      if (entry?.type !== 'include_name') continue;
      const from = fieldNode(entry, 'name');
      const to = fieldNode(entry, 'alias');
      if (!from || !to) continue;
      const fromName = nameText(from);
      const imported = included.imports.get(fromName);
      const found = imported ?? included.exports.get(fromName);
      this.reference(scope.file, 'include-name', from, found?.decl ?? null);
      const alias = this.declarationAtName(scope.file, to);
      if (alias) {
        alias.kind = imported || !found ? 'import' : 'export';
        alias.aliasOf = found?.decl ?? undefined;
      }
      if (!found) {
        this.error(scope.file, from.startIndex, from.endIndex, 'unknown-name',
          `no import or export kebab-name \`${fromName}\`. Note that an ID does not support renaming`);
      } else renames.set(fromName, { name: nameText(to), alias });
    }
    const merge = (direction: 'import' | 'export', from: Map<string, WorldEntry>, into: Map<string, WorldEntry>): void => {
      for (const [name, entry] of from) {
        if (entry.decl && !entry.decl.active) continue; // dropped before includes merge
        const renamed = renames.get(name);
        const local = renamed?.name ?? name;
        const existing = into.get(local);
        if (existing && existing.decl?.active !== false) {
          this.error(scope.file, path.startIndex, path.endIndex, 'include-conflict',
            `${direction} of \`${local}\` shadows previously ${direction}ed items`,
            entry.decl ? [{ uri: entry.decl.uri, span: entry.decl.nameSpan, message: `\`${name}\` in the included world` }] : undefined);
        } else into.set(local, { ...entry, decl: renamed?.alias ?? entry.decl, span: spanOf(path) });
      }
    };
    merge('import', included.imports, names.imports);
    merge('export', included.exports, names.exports);
    for (const [iface, span] of included.importedInterfaces) if (!names.importedInterfaces.has(iface)) names.importedInterfaces.set(iface, span);
    for (const [iface, span] of included.exportedInterfaces) if (!names.exportedInterfaces.has(iface)) names.exportedInterfaces.set(iface, span);
  }

  /** WIT names are case-insensitively unique among a world's imports, and among its exports. */
  private checkCaseInsensitive(scope: ItemScope, names: WorldNames): void {
    for (const [direction, map] of [['import', names.imports], ['export', names.exports]] as const) {
      const byLower = new Map<string, string>();
      for (const [name, entry] of map) {
        const lower = name.toLowerCase();
        const existing = byLower.get(lower);
        if (existing === undefined) {
          byLower.set(lower, name);
          continue;
        }
        this.error(scope.file, entry.span.start, entry.span.end, 'world-conflict',
          `${direction} \`${name}\` in world \`${scope.owner.name}\` conflicts with ${direction} \`${existing}\` (kebab-case identifiers are case-insensitive)`);
      }
    }
  }

  /**
   * wit-parser's elaboration: an exported interface's dependencies that are not exported
   * become imports, and an import must not depend on an export.
   */
  private checkExportDependencies(scope: ItemScope, names: WorldNames): void {
    const exported = names.exportedInterfaces;
    for (const [iface, span] of exported) {
      if (span.start < scope.owner.span.start || span.end > scope.owner.span.end) continue; // from an include
      const imported = this.interfaceDependencies(iface).filter((d) => !exported.has(d));
      if (!imported.some((d) => this.transitiveDependencies(d).some((t) => exported.has(t)))) continue;
      const pkg = this.scopeOfDeclaration(iface)?.pkg ?? this.scopes.get(iface)?.pkg;
      const qualified = pkg?.namespace ? `${pkg.namespace}/${iface.name}${pkg.version ? `@${pkg.version}` : ''}` : iface.name;
      // wit-parser points at the world; the export that cannot be satisfied is the related place.
      this.error(scope.file, scope.owner.nameSpan.start, scope.owner.nameSpan.end, 'world-conflict',
        `interface \`${qualified}\` transitively depends on an interface in incompatible ways`,
        [{ uri: scope.file.uri, span, message: `\`${iface.name}\` is exported here, and depends through imports on another export` }]);
    }
  }

  /** The interfaces `iface` uses directly. */
  interfaceDependencies(iface: Declaration): Declaration[] {
    const owner = OWNER.get(iface)!;
    if (owner !== this) return owner.interfaceDependencies(iface);
    const scope = this.scopes.get(iface);
    if (!scope) return [];
    const found: Declaration[] = [];
    for (const member of scope.body.namedChildren) {
      if (member?.type !== 'use_item' || !this.gateActive(member)) continue;
      const path = fieldNode(member, 'path');
      const target = path && this.resolvePath(path, scope.file, scope.block, 'interface');
      if (target && !found.includes(target)) found.push(target);
    }
    return found;
  }

  private transitiveDependencies(iface: Declaration): Declaration[] {
    const seen = new Set<Declaration>();
    const visit = (d: Declaration): void => {
      for (const dep of this.interfaceDependencies(d)) if (!seen.has(dep)) {
        seen.add(dep);
        visit(dep);
      }
    };
    visit(iface);
    return [...seen];
  }

  private declarationAtName(file: FileState, nameNode: Node | null): Declaration | null {
    return (nameNode && file.byNameStart.get(nameNode.startIndex)) ?? null;
  }

  // ---- cycles -----------------------------------------------------------------------------

  /** `type a = b; type b = option<a>;` and records that hold themselves (not through handles). */
  private checkTypeCycles(): void {
    const edges = new Map<Declaration, { target: Declaration; at: Node; scope: ItemScope }[]>();
    for (const scope of this.scopes.values()) {
      for (const decl of scope.names.values()) {
        if (decl.kind !== 'type' && decl.kind !== 'record' && decl.kind !== 'variant') continue;
        const list: { target: Declaration; at: Node; scope: ItemScope }[] = [];
        // An explicit stack, not recursion: types can nest thousands deep. Each node's type
        // is read once (a crossing into wasm); leaves and comments hold no names.
        const pending: { node: Node; type: string }[] = [];
        const pushChildren = (node: Node): void => {
          const children = node.namedChildren;
          for (let i = children.length - 1; i >= 0; i--) {
            const child = children[i];
            const type = child?.type;
            if (child && type !== 'identifier' && type !== 'comment' && !LEAF_TYPES.has(type!)) pending.push({ node: child, type: type! });
          }
        };
        pushChildren(decl.node);
        while (pending.length > 0) {
          const { node, type } = pending.pop()!;
          if (HANDLE_TYPES.has(type)) continue;
          if (type === 'named_type') {
            const name = fieldNode(node, 'name');
            const target = name && this.resolveTypeName(name, scope, true);
            if (name && target && OWNER.get(target) === this) list.push({ target, at: name, scope });
            continue;
          }
          pushChildren(node);
        }
        edges.set(decl, list);
      }
    }
    this.reportCycles(edges, (cycle) => {
      const { at, scope, target } = cycle[0];
      this.error(scope.file, at.startIndex, at.endIndex, 'cycle', `type \`${target.name}\` depends on itself`);
    });
  }

  /** Interfaces that `use` each other in a circle, worlds that include each other. */
  private checkItemCycles(): void {
    const edges = new Map<Declaration, { target: Declaration; at: Node; scope: ItemScope }[]>();
    for (const scope of this.scopes.values()) {
      const owner = scope.owner;
      if (owner.node.type !== 'interface_item' && owner.node.type !== 'world_item') continue;
      const list: { target: Declaration; at: Node; scope: ItemScope }[] = [];
      for (const member of scope.body.namedChildren) {
        const type = member?.type;
        if (!member || (type !== 'use_item' && type !== 'include_item')) continue;
        const path = fieldNode(member, 'path');
        const target = path && this.resolvePath(path, scope.file, scope.block, type === 'use_item' ? 'interface' : 'world');
        if (path && target && OWNER.get(target) === this) list.push({ target, at: path, scope });
      }
      edges.set(owner, list);
    }
    this.reportCycles(edges, (cycle) => {
      const members = cycle.map((edge) => edge.target);
      const last = members.reduce((a, b) => (a.uri > b.uri || (a.uri === b.uri && a.span.start > b.span.start) ? a : b));
      this.error(this.files.get(last.uri)!, last.nameSpan.start, last.nameSpan.end, 'cycle',
        `interface or world \`${last.name}\` depends on itself`);
    });
  }

  /** Depth-first search; each cycle is reported once, as its edges from the first node found on it. */
  private reportCycles<K, E extends { target: K }>(edges: Map<K, E[]>, report: (cycle: E[]) => void): void {
    const state = new Map<K, 'active' | 'done'>();
    const stack: E[] = [];
    const nodes: K[] = [];
    const visit = (node: K): void => {
      state.set(node, 'active');
      nodes.push(node);
      for (const edge of edges.get(node) ?? []) {
        const seen = state.get(edge.target);
        if (seen === 'active') {
          const start = nodes.indexOf(edge.target);
          report([...stack.slice(start), edge]);
        } else if (!seen) {
          stack.push(edge);
          visit(edge.target);
          stack.pop();
        }
      }
      nodes.pop();
      state.set(node, 'done');
    };
    for (const node of edges.keys()) if (!state.has(node)) visit(node);
  }

  // ---- recording ------------------------------------------------------------------------------

  private reference(file: FileState, kind: ReferenceKind, identifier: Node, target: Declaration | null): void {
    const span = spanOf(identifier);
    this.referenceAt(file, kind, nameIn(file, span), span, target);
  }

  private referenceAt(file: FileState, kind: ReferenceKind, name: string, span: Span, target: Declaration | null): void {
    file.references.push({ kind, name, uri: file.uri, span, target });
  }

  private duplicate(file: FileState, decl: Declaration, previous: Declaration, message: string): void {
    this.error(file, decl.nameSpan.start, decl.nameSpan.end, 'duplicate-name', message,
      [{ uri: previous.uri, span: previous.nameSpan, message: `\`${previous.name}\` is first defined here` }]);
  }

  private error(file: FileState, start: number, end: number, code: string, message: string, related?: WitDiagnostic['related']): void {
    file.diagnostics.push({
      span: { start, end },
      severity: Severity.Error,
      code,
      message,
      documentation: ruleDocumentation('semantic-errors'),
      ...(related ? { related } : {}),
    });
  }
}

/** One `containsBorrow` search: the typedefs visited, and how often it met one again. */
interface BorrowSearch {
  seen: Set<Declaration>;
  pruned: number;
}

interface WorldEntry {
  kind: 'interface' | 'func' | 'type';
  decl: Declaration | null;
  span: Span;
}

export interface WorldNames {
  imports: Map<string, WorldEntry>;
  exports: Map<string, WorldEntry>;
  importedInterfaces: Map<Declaration, Span>;
  exportedInterfaces: Map<Declaration, Span>;
}

/**
 * Attributes come first in an item: one look at its first child tells whether it has any.
 * Every attribute starts with `@`, so an item starting with anything but `@` (or a comment's
 * `/`) has none: the text answers most items without crossing into wasm.
 */
function hasAttributes(item: Node): boolean {
  const first = TREE_TEXT.get(item.tree)?.[item.startIndex];
  if (first !== undefined && first !== '@' && first !== '/') return false;
  return item.firstNamedChild?.type.endsWith('_attribute') ?? false;
}

/**
 * `nameText` of the identifier at `span`, read from the file's text: a node's `text` costs
 * two crossings into wasm, and the model reads tens of thousands of names per keystroke.
 */
function nameIn(file: FileState, span: Span): string {
  const text = file.document.text.slice(span.start, span.end);
  return text.startsWith('%') ? text.slice(1) : text;
}

/** A name the parser had to invent (MISSING) to recover from a syntax error. */
function unwritten(identifier: Node): boolean {
  return identifier.isMissing || identifier.startIndex === identifier.endIndex;
}

/**
 * The `version` nodes of a file, in document order. Without syntax errors a version always
 * follows an `@` inside the same item (package name, use path, `@since`, `@deprecated`), so
 * only items whose text holds an `@` are searched: a whole-tree search costs milliseconds
 * per keystroke on a large file. A tree with errors is searched whole (recovery may leave a
 * version token anywhere).
 */
function versionNodes(document: WitDocument): Node[] {
  const root = document.tree.rootNode;
  const searched = root.hasError ? [root] : root.namedChildren.filter((item): item is Node => {
    const at = item ? document.text.indexOf('@', item.startIndex) : -1;
    return at !== -1 && at < item!.endIndex;
  });
  // `isNamed` leaves out the `version` keyword of `@since(version = ..)`.
  return searched.flatMap((node) => node.descendantsOfType('version').filter((v): v is Node => !!v?.isNamed));
}

/** The key (`ns:name@version`) a `package_name` gives its package; null while it lacks a part. */
function packageKey(name: Node): string | null {
  const namespace = fieldNode(name, 'namespace');
  const pkgName = fieldNode(name, 'name');
  const version = fieldNode(name, 'version');
  return namespace && pkgName ? `${nameText(namespace)}:${nameText(pkgName)}${version ? `@${version.text}` : ''}` : null;
}

/**
 * Every package key a file can give a group: its header's and its nested packages'. A
 * superset of what the group defines from it, read without building the group.
 */
export function packageKeysOf(document: WitDocument): string[] {
  const header = headerOf(document);
  const names = [header, ...document.tree.rootNode.namedChildren.map((c) => (c?.type === 'nested_package' ? fieldNode(c, 'name') : null))];
  return names.map((name) => name && packageKey(name)).filter((key): key is string => !!key);
}

function headerOf(document: WitDocument): Node | null {
  const header = document.tree.rootNode.namedChildren.find((c) => c?.type === 'package_decl');
  return (header && fieldNode(header, 'name')) ?? null;
}

function packageKeyOf(name: Node): string {
  return name.text.replace(/\s+/g, '');
}

/**
 * Whether a folder whose files name different packages is still plainly meant as one
 * package (so wit-parser's mismatch error applies) rather than a folder of independent
 * files: it has a `deps/`, which only a package folder has; or a file names an interface
 * or world of another file by its bare name, or names another file's package in a foreign
 * path, as only files of one package could.
 */
function meantAsOnePackage(documents: readonly WitDocument[], hasDeps: boolean): boolean {
  if (hasDeps) return true;
  const itemsOf = new Map<WitDocument, Set<string>>();
  const packageOf = new Map<WitDocument, string>();
  for (const document of documents) {
    const names = new Set<string>();
    for (const child of document.tree.rootNode.namedChildren) {
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
    for (const path of document.tree.rootNode.descendantsOfType('use_path')) {
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

function localUseName(toplevelUse: Node): Node | null {
  const path = fieldNode(toplevelUse, 'path');
  return fieldNode(toplevelUse, 'alias') ?? (path && fieldNode(path, 'name'));
}

function insideNestedPackage(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'nested_package') return true;
  return false;
}

export function ownerGroup(decl: Declaration): Group | undefined {
  return OWNER.get(decl);
}
