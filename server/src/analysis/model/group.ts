import type { WitDocument } from '../document';
import { fieldNode, nameText } from '../syntax';
import { checkItemCycles, checkPackageCycles, checkTypeCycles } from './checks/cycles';
import { checkFunction, checkTypedef } from './checks/types';
import { worldNames } from './checks/worlds';
import { declareAll } from './declare';
import { TYPEDEF_KIND } from './extract';
import { resolvePath, resolveTopUse, resolveUse, useDeclarations } from './resolve';
import { GroupState, ownerOf, type FileState, type ItemScope, type PackageLookup, type PackageState, type SourceFile } from './state';
import { typesWhileTyping } from './while-typing';
import type { SyntaxNode } from './syntax-copy';
import type { Declaration } from './types';

export type { FileState, ItemScope, PackageLookup, PackageState };

/**
 * One resolution group: a folder's package(s), their nested packages and everything in
 * its `deps/`. Declaring (declare.ts) comes first (`declare`, or `declareStep` file by
 * file), before the group is used; resolving (resolve.ts) and every check (checks/) happen
 * once, on the first query that needs it (or in `resolveStep`s before), and reach other
 * groups only through `lookupElsewhere` for packages this group does not define.
 */
export class Group extends GroupState {
  private resolved = false;
  /** The resolution under way (`resolveStep`), one file's top-level `use`s or one scope per step. */
  private resolution: Generator<void> | undefined;
  /** Set while a step runs: resolving may ask this group again (an alias into itself), as it did when one pass. */
  private stepping = false;
  /** The declaring under way, one file per step; undefined once done. */
  private declaring: Generator<void> | undefined;

  constructor(
    key: string,
    documents: readonly SourceFile[],
    features: ReadonlySet<string>,
    lookupElsewhere: PackageLookup,
    hasEncodedDependencies = false,
    /** The folder was named as one package (a folder checked explicitly). */
    declaredOnePackage = false,
  ) {
    super(key, features, lookupElsewhere, hasEncodedDependencies);
    this.declaring = declareAll(this, documents, declaredOnePackage);
  }

  /** Declares every file (what is left, after steps). */
  declare(): this {
    while (this.declareStep());
    return this;
  }

  /** Declares one file; false once every file is declared. */
  declareStep(): boolean {
    if (this.declaring?.next().done === false) return true;
    this.declaring = undefined;
    return false;
  }

  /** Whether `resolve` ran: only a resolved group can be patched after an edit (patch.ts). */
  get isResolved(): boolean {
    return this.resolved;
  }

  /** Resolves every reference and runs every check, once (what is left of it, after steps). */
  resolve(): void {
    while (this.resolveStep());
  }

  /** One slice of `resolve`; false once resolved (or while a step is running). */
  resolveStep(): boolean {
    if (this.resolved || this.stepping) return false;
    this.stepping = true;
    try {
      this.resolution ??= this.resolveInSteps();
      return !this.resolution.next().done;
    } catch (error) {
      this.resolved = true; // as when it was one pass: a failed resolution is not tried again
      throw error;
    } finally {
      this.stepping = false;
    }
  }

  private *resolveInSteps(): Generator<void> {
    for (const file of this.files.values()) {
      if (file.blocks.every(({ block }) => block.topUses.size === 0)) continue;
      for (const { block } of file.blocks) for (const use of block.topUses.values()) resolveTopUse(use);
      yield;
    }
    for (const scope of this.scopes.values()) {
      resolveScope(scope);
      yield;
    }
    for (const scope of this.scopes.values()) if (scope.owner.kind === 'world') worldNames(scope.owner);
    checkTypeCycles(this);
    checkItemCycles(this);
    checkPackageCycles(this);
    for (const file of this.files.values()) {
      file.diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
      file.references.sort((a, b) => a.span.start - b.span.start);
    }
    this.resolved = true;
  }

  /** Every interface and world scope, for completion and symbol queries. */
  allScopes(): IterableIterator<ItemScope> {
    return this.scopes.values();
  }

  package(key: string): PackageState | undefined {
    return this.packagesByKey.get(key);
  }

  /** See `typesWhileTyping`: completion inside an item that does not parse yet. */
  typesWhileTyping(file: FileState, document: WitDocument, offset: number): Declaration[] {
    return typesWhileTyping(this, file, document, offset);
  }
}

/** Resolves and checks every member of an interface or world, each in its own feature context. */
function resolveScope(scope: ItemScope): void {
  for (const member of scope.body.namedChildren) if (member) resolveMember(scope, member);
}

function resolveMember(scope: ItemScope, member: SyntaxNode): void {
  switch (member.type) {
    case 'use_item':
      for (const decl of useDeclarations(scope.file, member)) resolveUse(decl);
      if (fieldNode(member, 'path') && (fieldNode(member, 'names')?.namedChildCount ?? 0) === 0) {
        resolvePath(scope.group, fieldNode(member, 'path')!, scope.file, scope.block, 'interface');
      }
      break;
    case 'func_item':
      checkFunction(scope, member, fieldNode(member, 'name')?.text ?? '', fieldNode(member, 'type'));
      break;
    case 'import_item':
    case 'export_item': {
      const func = fieldNode(member, 'type');
      const path = fieldNode(member, 'path');
      if (func) checkFunction(scope, member, nameText(fieldNode(member, 'name')!), func);
      else if (path) resolvePath(scope.group, path, scope.file, scope.block, 'interface');
      break;
    }
    case 'include_item': {
      const path = fieldNode(member, 'path');
      if (path) resolvePath(scope.group, path, scope.file, scope.block, 'world');
      break;
    }
    default:
      if (member.type in TYPEDEF_KIND) checkTypedef(scope, member);
  }
}

/** The group that built a declaration. */
export function ownerGroup(decl: Declaration): Group | undefined {
  return ownerOf(decl) as Group | undefined;
}
