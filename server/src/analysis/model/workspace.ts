import type { Node, Tree } from 'web-tree-sitter';
import type { WitDiagnostic } from '../diagnostics';
import { WitDocument } from '../document';
import type { TypeResolver } from '../types';
import type { WitParser } from '../../parser';
import { packageKeysOf } from './extract';
import { Group, ownerGroup, type PackageState } from './group';
import { patchGroup } from './patch';
import { firstReferenceFrom, type FileState, type SourceFile } from './state';
import { FileSyntax } from './syntax-copy';
import type { Declaration, PackageModel, Reference, Scope, Workspace, WorkspaceOptions } from './types';
import { placeOf } from './layout';
import { followAlias } from './aliases';
import { modelTypeResolver } from './type-resolver';

/**
 * The model behind `createWorkspace`: documents by URI, grouped into resolution groups that
 * are (re)built lazily when a query needs one and dropped when one of their files changes.
 */
export class ModelWorkspace implements Workspace {
  private features: Set<string>;
  /**
   * Texts read from disk, parsed when first needed: while an open document shadows a file,
   * its disk text keeps no tree (a workspace with many files open would hold two of each).
   */
  private readonly disk = new Map<string, { text: string; document?: WitDocument }>();
  private readonly open = new Map<string, WitDocument>();
  /** The URIs of each resolution group. */
  private readonly members = new Map<string, Set<string>>();
  private readonly groups = new Map<string, Group>();
  /** The stamp of each built group (see `stamp`): a new one for every build. */
  private readonly stamps = new WeakMap<Group, number>();
  /**
   * The stamp a group not built yet will get, once asked for (`stamp`): asking must not build
   * it (that is the whole first query's work at once), and a change drops it with the group.
   */
  private readonly reservedStamps = new Map<string, number>();
  /**
   * Per group built in slices (`buildStep`), the members whose copy may be missing or stale:
   * every member when the build starts, then each member that changes (looking at every
   * member again after each open of a burst was quadratic).
   */
  private readonly toCopy = new Map<string, Set<string>>();
  /** Groups being declared in slices: used (and registered in `groups`) once declared. */
  private readonly declaring = new Map<string, Group>();
  /** A file's stamp when a patch (patch.ts) changed its answers after its group was built. */
  private readonly patchStamps = new Map<string, number>();
  private builds = 0;
  /** Encoded packages (`.wasm`/`.wat` in deps/) the model cannot read. */
  private readonly encoded = new Set<string>();
  /** Folders read as one package whatever their files name (`WorkspaceOptions`). */
  private readonly packageFolders: ReadonlySet<string>;
  private readonly keepDiskTrees: boolean;
  /**
   * Each file's syntax copy, for the text (disk) or document revision (open) it was made from.
   * Groups are built from these: a file that did not change is not read again.
   */
  private readonly sources = new Map<string, { from: WitDocument | string; revision: number; syntax: FileSyntax; source: SourceFile }>();
  /** The package keys each file may define (`packageKeysOf`), until it changes. */
  private readonly fileKeys = new Map<string, readonly string[]>();
  private readonly invalidationListeners: ((uris: readonly string[]) => void)[] = [];

  constructor(
    private readonly parser: WitParser,
    options: WorkspaceOptions,
  ) {
    this.features = new Set(options.features ?? []);
    this.packageFolders = new Set(options.packageFolders ?? []);
    this.keepDiskTrees = options.keepDiskTrees ?? false;
  }

  setText(uri: string, text: string): boolean {
    const existing = this.disk.get(uri);
    if (existing && existing.text === text) return false;
    existing?.document?.dispose();
    this.disk.set(uri, { text: this.sharedText(uri, text) });
    // Nothing the model answers changes while an open document shadows the file.
    if (this.open.has(uri)) return false;
    this.touch(uri);
    return true;
  }

  setDocument(document: WitDocument): void {
    const edited = this.open.get(document.uri) === document;
    this.open.set(document.uri, document);
    const shadowed = this.disk.get(document.uri);
    shadowed?.document?.dispose();
    if (shadowed) {
      shadowed.document = undefined;
      shadowed.text = this.sharedText(document.uri, shadowed.text);
    }
    if (edited && this.patch(document)) return;
    this.touch(document.uri);
  }

  /**
   * Follows one edit of an open document by patching its resolved group in place, when the
   * edit changes nothing another item sees (patch.ts); false when the group must be rebuilt.
   */
  private patch(document: WitDocument): boolean {
    const uri = document.uri;
    const group = this.groups.get(placeOf(uri).group);
    const cached = this.sources.get(uri);
    if (!group?.isResolved || !cached || cached.from !== document) return false;
    const edits = document.editsSince(cached.revision);
    if (!edits || edits.length !== 1) return false;
    const before = cached.syntax.root.children.slice();
    const hadError = cached.syntax.root.hasError;
    const source = this.source(uri);
    const observers = [...this.groups.values()].filter((other) => other.usedGroups.has(group));
    const touched = source && patchGroup(group, uri, before, hadError, source, edits[0], observers);
    if (!touched) return false;
    for (const file of touched) this.patchStamps.set(file, ++this.builds);
    this.announce([...touched]);
    return true;
  }

  /**
   * `text` read from disk, as the open document's own string when the two are equal: a
   * workspace opened in the editor would otherwise hold each file's text twice.
   */
  private sharedText(uri: string, text: string): string {
    const opened = this.open.get(uri);
    return opened !== undefined && opened.text === text ? opened.text : text;
  }

  closeDocument(uri: string): void {
    if (!this.open.delete(uri)) return;
    this.sources.delete(uri);
    this.touch(uri);
  }

  removeFile(uri: string): void {
    const existing = this.disk.get(uri);
    if (!existing) return;
    existing.document?.dispose();
    this.disk.delete(uri);
    if (!this.open.has(uri)) this.sources.delete(uri);
    this.touch(uri);
  }

  setEncodedDependency(uri: string, present: boolean): void {
    if (present === this.encoded.has(uri)) return;
    if (present) this.encoded.add(uri);
    else this.encoded.delete(uri);
    this.invalidate(placeOf(uri).group);
  }

  setFeatures(features: readonly string[]): void {
    const next = new Set(features);
    if (next.size === this.features.size && [...next].every((f) => this.features.has(f))) return;
    this.features = next;
    this.groups.clear();
    this.reservedStamps.clear();
    this.declaring.clear();
    this.announce(this.uris());
  }

  uris(): string[] {
    return [...new Set([...this.disk.keys(), ...this.open.keys()])].sort();
  }

  /**
   * The plain copy of a file's current syntax, made once per text or document revision; an
   * open document's copy follows its edits item by item (`FileSyntax.update`).
   */
  private source(uri: string): SourceFile | undefined {
    const opened = this.open.get(uri);
    const disk = this.disk.get(uri);
    const from = opened ?? disk?.text;
    if (from === undefined) return undefined;
    const revision = opened ? opened.revision : 0;
    const cached = this.sources.get(uri);
    if (this.hasCurrentSource(uri)) return cached!.source;
    let syntax: FileSyntax;
    if (opened) {
      const edits = cached && cached.from === opened ? opened.editsSince(cached.revision) : null;
      if (cached && edits) {
        syntax = cached.syntax;
        syntax.update(opened.tree, opened.text, edits);
      } else syntax = FileSyntax.create(opened.tree, opened.text);
    } else {
      // A disk file's tree is needed only for the copy (features parse again on demand),
      // unless every file is to be analysed (`keepDiskTrees`).
      const document = disk!.document ?? WitDocument.create(this.parser, uri, disk!.text);
      syntax = FileSyntax.create(document.tree, disk!.text);
      if (this.keepDiskTrees) disk!.document = document;
      else if (!disk!.document) document.dispose();
    }
    const source = { uri, text: syntax.source.text, root: syntax.root };
    this.sources.set(uri, { from, revision, syntax, source });
    return source;
  }

  /** Whether `uri`'s syntax copy was made from its current text or document revision. */
  private hasCurrentSource(uri: string): boolean {
    const cached = this.sources.get(uri);
    const opened = this.open.get(uri);
    return !!cached && cached.from === (opened ?? this.disk.get(uri)?.text) && cached.revision === (opened ? opened.revision : 0);
  }

  /**
   * One slice of the work the first query of `uri`'s group does at once, so that a caller
   * can spread it over turns of its event loop: one file's syntax copy (parsed first if it
   * is a disk text), declaring the group once every copy is made, then resolving one file's
   * top-level \`use\`s or one interface or world. False once the group is built and resolved.
   * A change of one of its files drops the group and its reserved stamp, as for any query;
   * the copies of the files it did not change are kept.
   */
  buildStep(uri: string): boolean {
    const key = placeOf(uri).group;
    const built = this.groups.get(key);
    if (built) return built.resolveStep();
    const members = this.members.get(key);
    if (!members) return false;
    let pending = this.toCopy.get(key);
    if (!pending) this.toCopy.set(key, (pending = new Set(members)));
    for (const member of pending) {
      pending.delete(member);
      if (!members.has(member) || this.hasCurrentSource(member)) continue;
      this.source(member);
      return true;
    }
    const declaring = this.declaring.get(key) ?? this.newGroup(key, members);
    this.declaring.set(key, declaring);
    if (this.stepOrDrop(key, () => declaring.declareStep())) return true;
    this.register(key, declaring);
    return true;
  }

  /** One step of declaring `key`'s group; a step that throws drops the group, as a failed build did. */
  private stepOrDrop<T>(key: string, step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.declaring.delete(key);
      throw error;
    }
  }

  document(uri: string): WitDocument | undefined {
    const opened = this.open.get(uri);
    if (opened) return opened;
    const file = this.disk.get(uri);
    return file && (file.document ??= WitDocument.create(this.parser, uri, file.text));
  }

  packages(): PackageModel[] {
    return [...this.members.keys()].flatMap((key) => this.group(key)?.packages.map((p) => p.model) ?? []);
  }

  packageAt(uri: string, offset: number): PackageModel | undefined {
    const located = this.locate(uri);
    return located && located.group.blockAt(located.file, offset).pkg.model;
  }

  declarations(uri: string): Declaration[] {
    return this.locate(uri)?.file.declarations ?? [];
  }

  references(uri: string): Reference[] {
    return this.resolvedFile(uri)?.references ?? [];
  }

  declarationAt(uri: string, offset: number): Declaration | null {
    const declarations = this.declarations(uri);
    // The innermost one: later declarations in document order nest inside earlier ones.
    for (let i = declarations.length - 1; i >= 0; i--) {
      const { nameSpan } = declarations[i];
      if (nameSpan.start <= offset && offset <= nameSpan.end) return declarations[i];
    }
    return null;
  }

  referenceAt(uri: string, offset: number): Reference | null {
    // References are sorted and never overlap: the one at `offset` starts at or before it,
    // and only one reference ending at `offset` can precede one starting there.
    const references = this.references(uri);
    const after = firstReferenceFrom(references, offset + 1);
    for (let i = Math.max(0, after - 2); i < after; i++) {
      const { span } = references[i];
      if (span.start <= offset && offset <= span.end) return references[i];
    }
    return null;
  }

  resolveAt(uri: string, offset: number): Declaration | null {
    const reference = this.referenceAt(uri, offset);
    const found = reference ? reference.target : this.declarationAt(uri, offset);
    return found && followAlias(found);
  }

  referencesTo(declaration: Declaration): Reference[] {
    const found: Reference[] = [];
    const targets = new Set<Declaration>([declaration]);
    const groups = this.groupsSeeing(declaration);
    // A `use x.{a}` without `as` re-declares `a` under the same name: its users name `a` too.
    for (let changed = true; changed; ) {
      changed = false;
      for (const group of groups) {
        for (const file of group.files.values()) {
          for (const reference of file.references) {
            if (reference.kind !== 'use-name' || !reference.target || !targets.has(reference.target)) continue;
            const local = file.declarations.find((d) => d.kind === 'use' && d.nameSpan.start === reference.span.start);
            if (local && !targets.has(local)) {
              targets.add(local);
              changed = true;
            }
          }
        }
      }
    }
    for (const group of groups) {
      for (const file of group.files.values()) {
        for (const reference of file.references) if (reference.target && targets.has(reference.target)) found.push(reference);
      }
    }
    return found;
  }

  scopeAt(uri: string, offset: number): Scope {
    const located = this.locate(uri);
    if (!located) return { types: [], items: [], packages: [] };
    located.group.resolve();
    const block = located.group.blockAt(located.file, offset);
    let types: Declaration[] = [];
    let innermost = Infinity;
    for (const scope of located.group.allScopes()) {
      const span = scope.owner.span;
      if (scope.file !== located.file || offset < span.start || offset > span.end) continue;
      if (span.end - span.start < innermost) {
        innermost = span.end - span.start;
        types = [...scope.names.values()].filter((d) => d.kind !== 'function');
      }
    }
    const document = this.document(uri);
    if (innermost === Infinity && document) types = located.group.typesWhileTyping(located.file, document, offset);
    const seen = new Set<string>();
    const packages: PackageModel[] = [];
    for (const pkg of [...located.group.packages.map((p) => p.model), ...this.packages()]) {
      if (!pkg.name || seen.has(pkg.name)) continue;
      seen.add(pkg.name);
      packages.push(pkg);
    }
    return { types, items: [...block.pkg.items.values()], packages };
  }

  typeResolver(uri: string): TypeResolver {
    return modelTypeResolver(
      (tree) => {
        // A rule following an alias into another file asks about names of that file.
        const treeUri = this.uriOfTree(tree, uri);
        const file = treeUri === null ? undefined : this.resolvedFile(treeUri);
        if (!file) return null;
        return {
          referenceAt: (offset) => referenceStartingAt(file.references, offset),
          declarationAt: (offset) => declarationNamedAt(file, offset),
        };
      },
      (declaration) => this.syntaxOf(declaration),
    );
  }

  /**
   * The file whose current tree is `tree` (`guess` first, as it almost always is); null for
   * a tree the model does not hold. Parses nothing: a disk file without a tree cannot own it.
   */
  private uriOfTree(tree: Tree, guess: string): string | null {
    const opened = this.open.get(guess);
    if ((opened ? opened.parsedTree : this.disk.get(guess)?.document?.tree) === tree) return guess;
    for (const [uri, document] of this.open) if (document.parsedTree === tree) return uri;
    for (const [uri, file] of this.disk) if (!this.open.has(uri) && file.document?.tree === tree) return uri;
    return null;
  }

  syntaxOf(declaration: Declaration): Node | null {
    const document = this.document(declaration.uri);
    const { start, end } = declaration.span;
    if (!document || end > document.text.length) return null;
    for (let node: Node | null = document.tree.rootNode.descendantForIndex(start, end); node; node = node.parent) {
      if (node.startIndex < start || node.endIndex > end) return null;
      if (node.startIndex === start && node.endIndex === end && node.type === declaration.node.type) return node;
    }
    return null;
  }

  stamp(uri: string): number {
    const key = placeOf(uri).group;
    const group = this.groups.get(key);
    if (group) return Math.max(this.stamps.get(group)!, this.patchStamps.get(uri) ?? 0);
    if (!this.members.has(key)) return 0;
    let reserved = this.reservedStamps.get(key);
    if (reserved === undefined) this.reservedStamps.set(key, (reserved = ++this.builds));
    return reserved;
  }

  diagnostics(uri: string): WitDiagnostic[] {
    return this.resolvedFile(uri)?.diagnostics ?? [];
  }

  onInvalidate(listener: (uris: readonly string[]) => void): void {
    this.invalidationListeners.push(listener);
  }

  private announce(uris: readonly string[]): void {
    for (const listener of this.invalidationListeners) listener(uris);
  }

  // ---- groups -----------------------------------------------------------------------------

  /** A file changed: its group re-resolves, and so does every group that resolved into it. */
  private touch(uri: string): void {
    const key = placeOf(uri).group;
    const exists = this.open.has(uri) || this.disk.has(uri);
    const members = this.members.get(key) ?? new Set<string>();
    if (exists) members.add(uri);
    else members.delete(uri);
    if (members.size) this.members.set(key, members);
    else this.members.delete(key);
    this.toCopy.get(key)?.add(uri);
    this.announce([uri]);
    this.invalidate(key);
    this.fileKeys.delete(uri);
    // The change may define a package that another group looked for, in vain or farther
    // away. Only groups that sought one of the file's packages can see the difference; with
    // none seeking any, the file's copy is left for its group's next build to make.
    const seekers = [...this.groups].filter(([, group]) => group.packagesSoughtElsewhere.size > 0);
    if (seekers.length === 0) return;
    const defined = this.packageKeys(uri);
    if (defined.length === 0) return;
    for (const [otherKey, group] of seekers) {
      if (defined.some((k) => group.packagesSoughtElsewhere.has(k))) this.invalidate(otherKey);
    }
  }

  private packageKeys(uri: string): readonly string[] {
    let keys = this.fileKeys.get(uri);
    if (!keys) {
      const source = this.source(uri);
      if (!source) return [];
      this.fileKeys.set(uri, (keys = packageKeysOf(source)));
    }
    return keys;
  }

  /** Whether a group's files may define package `name` (cheap: no group is built). */
  private mayDefine(key: string, name: string): boolean {
    for (const uri of this.members.get(key) ?? []) if (this.packageKeys(uri).includes(name)) return true;
    return false;
  }

  /**
   * Drops a built group and announces its files. A group that is not built derived no answer
   * since its files were last announced (any query builds it), so it announces nothing:
   * opening the 1,000 files of one package no longer announces 1,000 x 1,000 / 2 files.
   */
  private invalidate(key: string): void {
    this.reservedStamps.delete(key);
    this.declaring.delete(key);
    const group = this.groups.get(key);
    if (!group) return;
    this.announce([...(this.members.get(key) ?? [])]);
    this.groups.delete(key);
    for (const [otherKey, other] of [...this.groups]) if (other.usedGroups.has(group)) this.invalidate(otherKey);
  }

  private group(key: string): Group | undefined {
    const cached = this.groups.get(key);
    if (cached) return cached;
    const uris = this.members.get(key);
    if (!uris) return undefined;
    // What `buildStep`s left, at once: every query sees a whole group.
    const group = this.declaring.get(key) ?? this.newGroup(key, uris);
    this.declaring.set(key, group);
    this.stepOrDrop(key, () => group.declare());
    this.register(key, group);
    return group;
  }

  /** A group of `uris` (copied now where `buildStep` did not), to be declared. */
  private newGroup(key: string, uris: ReadonlySet<string>): Group {
    const documents = [...uris].map((u) => this.source(u)).filter((d): d is SourceFile => !!d);
    const hasEncoded = [...this.encoded].some((uri) => placeOf(uri).group === key);
    return new Group(key, documents, this.features, (name, fromUri) => this.findElsewhere(key, name, fromUri), hasEncoded, this.packageFolders.has(key));
  }

  /** A declared group becomes the one queries use, under the stamp `stamp` may have promised. */
  private register(key: string, group: Group): void {
    this.declaring.delete(key);
    this.groups.set(key, group);
    this.stamps.set(group, this.reservedStamps.get(key) ?? ++this.builds);
    this.reservedStamps.delete(key);
    this.toCopy.delete(key);
  }

  /**
   * A package no group member defines, found in another group: the one whose folder is
   * nearest to the file that names it (so a repository of WASI proposals resolves each
   * `wasi:io` to its own copy).
   */
  private findElsewhere(fromKey: string, name: string, fromUri: string): PackageState | undefined {
    let best: PackageState | undefined;
    let bestShared = -1;
    for (const key of this.members.keys()) {
      if (key === fromKey || !this.mayDefine(key, name)) continue;
      const pkg = this.group(key)?.package(name);
      if (!pkg) continue;
      const shared = sharedPrefix(key, fromUri);
      if (shared > bestShared) {
        best = pkg;
        bestShared = shared;
      }
    }
    return best;
  }

  private locate(uri: string): { group: Group; file: NonNullable<ReturnType<Group['files']['get']>> } | undefined {
    const group = this.group(placeOf(uri).group);
    const file = group?.files.get(uri);
    return group && file ? { group, file } : undefined;
  }

  private resolvedFile(uri: string) {
    const located = this.locate(uri);
    located?.group.resolve();
    return located?.file;
  }

  private groupsSeeing(declaration: Declaration): Group[] {
    const owner = ownerGroup(declaration);
    if (!owner) return [];
    const groups: Group[] = [];
    for (const key of this.members.keys()) {
      const group = this.group(key);
      if (!group) continue;
      group.resolve();
      if (group === owner || group.usedGroups.has(owner)) groups.push(group);
    }
    return groups;
  }
}

/** The reference that starts at `offset` (references are sorted and never overlap). */
function referenceStartingAt(references: readonly Reference[], offset: number): Reference | undefined {
  const found = references[firstReferenceFrom(references, offset)];
  return found?.span.start === offset ? found : undefined;
}

/**
 * The declaration (not a package) whose name starts at `offset`: the name is the innermost
 * copied node there, found down the file's syntax copy (no index to keep true across edits).
 */
function declarationNamedAt(file: FileState, offset: number): Declaration | undefined {
  const node = file.source.root.descendantForIndex(offset);
  return node.startIndex === offset ? file.byNameNode.get(node) : undefined;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
