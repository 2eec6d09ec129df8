import { Severity, ruleDocumentation, type WitDiagnostic } from '../diagnostics';
import type { Span } from '../text';
import type { SyntaxNode } from './syntax-copy';
import type { Declaration, PackageModel, Reference, ReferenceKind } from './types';
import { partitionPoint } from '../partition-point';

/**
 * What one resolution group knows while it is built: every phase (declaring, resolving,
 * the checks) reads and fills these tables, and `Group` (group.ts) runs the phases.
 */

/** An interface's or world's namespace of types, `use`d names and (interfaces only) functions. */
export interface ItemScope {
  owner: Declaration;
  group: GroupState;
  file: FileState;
  pkg: PackageState;
  /** The package block (file root or nested package) whose top-level `use`s apply here. */
  block: BlockState;
  /** Every name, active or behind a disabled feature (the first of duplicates). */
  names: Map<string, Declaration>;
  /** The owner's body, in the file's syntax copy. */
  body: SyntaxNode;
}

export interface PackageState {
  model: PackageModel;
  /** `ns:name` or `ns:name@version`, as foreign paths name it. */
  key: string | null;
  namespace: string | null;
  version: string | null;
  group: GroupState;
  /** Interfaces and worlds by name, active or not (the first of duplicates). */
  items: Map<string, Declaration>;
}

export interface BlockState {
  pkg: PackageState;
  topUses: Map<string, Declaration>;
}

/** A file as the model reads it: its text and the plain copy of its tree. */
export interface SourceFile {
  uri: string;
  text: string;
  /** The copy of the tree's root (`syntax-copy.ts`): top-level items are its children. */
  root: SyntaxNode;
}

export interface FileState {
  uri: string;
  source: SourceFile;
  declarations: Declaration[];
  /**
   * Declarations (not packages) by the syntax node of their name: a node keeps its identity
   * while edits elsewhere move it (see patch.ts), an offset would not.
   */
  byNameNode: Map<SyntaxNode, Declaration>;
  references: Reference[];
  diagnostics: WitDiagnostic[];
  /** The package block enclosing an offset: nested blocks by span, else the root. */
  blocks: { span: Span | null; block: BlockState }[];
}

export interface WorldEntry {
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

export type PackageLookup = (key: string, fromUri: string) => PackageState | undefined;

/** One group's tables. Fields are shared by the phase modules of this folder only. */
export class GroupState {
  readonly files = new Map<string, FileState>();
  readonly packages: PackageState[] = [];
  /** Other groups whose packages this one resolved names into. */
  readonly usedGroups = new Set<GroupState>();
  /**
   * Every package this group looked for in other groups, found or not: a change defining
   * one of them may change what this group resolves to.
   */
  readonly packagesSoughtElsewhere = new Set<string>();
  readonly packagesByKey = new Map<string, PackageState>();
  /**
   * Packages of one-file packages in a folder of them (see `declareAll`), by file: such a
   * file sees its own packages and the group's deps, not its neighbours'.
   */
  readonly standalonePackages = new Map<string, Map<string, PackageState>>();
  readonly scopes = new Map<Declaration, ItemScope>();
  /** Answers per syntax node (a path, a type name), which an edit elsewhere moves but keeps. */
  readonly pathMemo = new Map<SyntaxNode, Declaration | null>();
  readonly useMemo = new Map<Declaration, Declaration | null | 'resolving'>();
  readonly typeMemo = new Map<SyntaxNode, Declaration | null>();
  readonly worldNamesMemo = new Map<Declaration, WorldNames | 'resolving'>();
  /** Per typedef: whether a `borrow<..>` is reachable through it (see `containsBorrow`). */
  readonly borrowMemo = new Map<Declaration, boolean>();
  /** Which packages of this group name which others, and where. */
  readonly packageEdges = new Map<PackageState, { target: PackageState; file: FileState; span: Span }[]>();

  constructor(
    readonly key: string,
    readonly features: ReadonlySet<string>,
    readonly lookupElsewhere: PackageLookup,
    /** A deps/ entry is an encoded package: unknown foreign packages may be in it. */
    readonly hasEncodedDependencies: boolean,
  ) {}

  scopeOf(owner: Declaration): ItemScope | undefined {
    return this.scopes.get(owner);
  }

  /** The package block enclosing `offset` in `file`. */
  blockAt(file: FileState, offset: number): BlockState {
    for (const { span, block } of file.blocks) if (span && span.start <= offset && offset < span.end) return block;
    return file.blocks[0].block;
  }
}

/**
 * Which group built a declaration, so lookups across groups ask the right one: a property
 * under a private symbol (a WeakMap entry per declaration cost more than declaring it).
 */
const OWNER = Symbol('owner');

export function setOwner(decl: Declaration, group: GroupState): void {
  (decl as { [OWNER]?: GroupState })[OWNER] = group;
}

export function ownerOf(decl: Declaration): GroupState | undefined {
  return (decl as { [OWNER]?: GroupState })[OWNER];
}

/** The scope of the interface or world (or inline interface) that holds `decl`. */
export function scopeOfDeclaration(decl: Declaration): ItemScope | undefined {
  return decl.container && ownerOf(decl)?.scopeOf(decl.container);
}

// ---- recording ------------------------------------------------------------------------------

/**
 * Where the first of `references` (sorted by start, as a file's are once resolved) starting at
 * or after `offset` is, by binary search.
 */
export function firstReferenceFrom(references: readonly { span: Span }[], offset: number): number {
  return partitionPoint(references.length, (i) => references[i].span.start < offset);
}

export function recordReference(file: FileState, kind: ReferenceKind, name: string, span: Span, target: Declaration | null): void {
  file.references.push({ kind, name, uri: file.uri, span, target });
}

export function reportError(file: FileState, start: number, end: number, code: string, message: string, related?: WitDiagnostic['related']): void {
  file.diagnostics.push({
    span: { start, end },
    severity: Severity.Error,
    code,
    message,
    documentation: ruleDocumentation('semantic-errors'),
    // Each place gets its own span object: an edit moves spans in place (patch.ts), and a
    // declaration's span shared here would be moved twice.
    ...(related ? { related: related.map((r) => ({ ...r, span: { start: r.span.start, end: r.span.end } })) } : {}),
  });
}

export function reportDuplicate(file: FileState, decl: Declaration, previous: Declaration, message: string): void {
  reportError(file, decl.nameSpan.start, decl.nameSpan.end, 'duplicate-name', message,
    [{ uri: previous.uri, span: previous.nameSpan, message: `\`${previous.name}\` is first defined here` }]);
}
