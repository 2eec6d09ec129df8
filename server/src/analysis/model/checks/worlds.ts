import { fieldNode, nameText, spanOf } from '../../syntax';
import { TYPEDEF_KIND } from '../extract';
import { declarationAtName, reference, resolvePath, useDeclarations } from '../resolve';
import { ownerOf, reportError, scopeOfDeclaration, type ItemScope, type WorldEntry, type WorldNames } from '../state';
import type { SyntaxNode } from '../syntax-copy';
import type { Span } from '../../text';
import type { Declaration } from '../types';
import { gateActive } from './attributes';

/**
 * Worlds and includes: the names a world imports and exports after its includes, their
 * conflicts, and exports whose dependencies would have to be both imported and exported.
 */

function emptyWorldNames(): WorldNames {
  return { imports: new Map(), exports: new Map(), importedInterfaces: new Map(), exportedInterfaces: new Map() };
}

/** The plain names a world imports and exports, after its includes (checked on first use). */
export function worldNames(world: Declaration): WorldNames {
  const group = ownerOf(world)!;
  const known = group.worldNamesMemo.get(world);
  if (known === 'resolving') return emptyWorldNames();
  if (known) return known;
  group.worldNamesMemo.set(world, 'resolving');
  const names = collectWorld(group.scopes.get(world)!);
  group.worldNamesMemo.set(world, names);
  return names;
}

function collectWorld(scope: ItemScope): WorldNames {
  const names = emptyWorldNames();
  const { body, file, group } = scope;
  const add = (direction: 'import' | 'export', nameNode: SyntaxNode, kind: WorldEntry['kind'], decl: Declaration | null): void => {
    const map = direction === 'import' ? names.imports : names.exports;
    const name = nameText(nameNode);
    const previous = map.get(name);
    if (previous) {
      reportError(file, nameNode.startIndex, nameNode.endIndex, 'world-conflict',
        `${direction} \`${name}\` conflicts with prior ${previous.kind} of same name`,
        previous.decl ? [{ uri: previous.decl.uri, span: previous.decl.nameSpan, message: 'the prior one' }] : undefined);
      return;
    }
    map.set(name, { kind, decl, span: spanOf(nameNode) });
  };
  const includes: SyntaxNode[] = [];
  // wit-parser defines a world's types (its `use`d names and typedefs) first, wherever they
  // stand: an import of the same name conflicts with the type, never the other way round.
  for (const member of body.namedChildren) {
    if (member.type in TYPEDEF_KIND) {
      const nameNode = fieldNode(member, 'name');
      if (nameNode) add('import', nameNode, 'type', declarationAtName(file, nameNode));
    } else if (member.type === 'use_item') {
      for (const decl of useDeclarations(file, member)) {
        const nameNode = member.descendantForIndex(decl.nameSpan.start);
        if (nameNode) add('import', nameNode, 'type', decl);
      }
    }
  }
  for (const member of body.namedChildren) {
    // Own names clash whether gated or not (wit-parser checks before dropping gated items);
    // includes merge after, so a gated include adds nothing.
    const memberActive = scope.owner.active && gateActive(group, member);
    if (member.type === 'import_item' || member.type === 'export_item') {
      const direction = member.type === 'import_item' ? 'import' : 'export';
      const nameNode = fieldNode(member, 'name');
      const path = fieldNode(member, 'path');
      if (nameNode) {
        add(direction, nameNode, fieldNode(member, 'type') ? 'func' : 'interface', declarationAtName(file, nameNode));
      } else if (path) {
        const target = resolvePath(group, path, file, scope.block, 'interface');
        if (!target) continue;
        const seen = direction === 'import' ? names.importedInterfaces : names.exportedInterfaces;
        if (seen.has(target)) {
          reportError(file, path.startIndex, path.endIndex, 'world-conflict',
            `interface cannot be ${direction}ed more than once`,
            [{ uri: file.uri, span: seen.get(target)!, message: `first ${direction}ed here` }]);
        } else seen.set(target, spanOf(path));
      }
    } else if (member.type === 'include_item' && memberActive) includes.push(member);
  }
  for (const include of includes) applyInclude(scope, include, names);
  checkCaseInsensitive(scope, names);
  checkExportDependencies(scope);
  return names;
}

function applyInclude(scope: ItemScope, include: SyntaxNode, names: WorldNames): void {
  const path = fieldNode(include, 'path');
  const target = path && resolvePath(scope.group, path, scope.file, scope.block, 'world');
  if (!path || !target) return;
  const included = worldNames(target);
  const renames = new Map<string, { name: string; alias: Declaration | null }>();
  for (const entry of fieldNode(include, 'names')?.namedChildren ?? []) {
    if (entry?.type !== 'include_name') continue;
    const from = fieldNode(entry, 'name');
    const to = fieldNode(entry, 'alias');
    if (!from || !to) continue;
    const fromName = nameText(from);
    const imported = included.imports.get(fromName);
    const found = imported ?? included.exports.get(fromName);
    reference(scope.file, 'include-name', from, found?.decl ?? null);
    const alias = declarationAtName(scope.file, to);
    if (alias) {
      alias.kind = imported || !found ? 'import' : 'export';
      alias.aliasOf = found?.decl ?? undefined;
    }
    if (!found) {
      reportError(scope.file, from.startIndex, from.endIndex, 'unknown-name',
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
        reportError(scope.file, path.startIndex, path.endIndex, 'include-conflict',
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
function checkCaseInsensitive(scope: ItemScope, names: WorldNames): void {
  for (const [direction, map] of [['import', names.imports], ['export', names.exports]] as const) {
    const byLower = new Map<string, string>();
    for (const [name, entry] of map) {
      const lower = name.toLowerCase();
      const existing = byLower.get(lower);
      if (existing === undefined) {
        byLower.set(lower, name);
        continue;
      }
      reportError(scope.file, entry.span.start, entry.span.end, 'world-conflict',
        `${direction} \`${name}\` in world \`${scope.owner.name}\` conflicts with ${direction} \`${existing}\` (kebab-case identifiers are case-insensitive)`);
    }
  }
}

interface ExportedInterface {
  iface: Declaration;
  /** Where the world exports it: its own `export`, or the `include` that brings it. */
  span: Span;
  inline: boolean;
  /** The world whose own `export` it is. */
  world: Declaration;
}

/**
 * wit-parser's elaboration (`elaborate_world_exports`): the world's exported interfaces (its
 * own in order, then those its includes bring) are added to its exports with their
 * dependencies; a dependency that is not itself exported becomes an import, an import may
 * not depend on an interface exported by then, and an interface may not be exported once an
 * earlier export needed it imported. An inline `export x: interface {..}` counts like any
 * other. wit-parser stops at the first export that fails; one that fails already in the
 * world that brings it is reported there.
 */
function checkExportDependencies(scope: ItemScope): void {
  const failing = firstFailingExport(scope);
  if (!failing) return;
  const from = failing.world !== scope.owner ? ownerOf(failing.world)?.scopeOf(failing.world) : undefined;
  if (from && firstFailingExport(from)) return;
  const { iface, span, inline } = failing;
  const pkg = scopeOfDeclaration(iface)?.pkg ?? scope.group.scopes.get(iface)?.pkg;
  const qualified = !inline && pkg?.namespace ? `${pkg.namespace}/${iface.name}${pkg.version ? `@${pkg.version}` : ''}` : iface.name;
  // wit-parser points at the world; the export that cannot be satisfied is the related place.
  reportError(scope.file, scope.owner.nameSpan.start, scope.owner.nameSpan.end, 'world-conflict',
    `interface \`${qualified}\` transitively depends on an interface in incompatible ways`,
    [{ uri: scope.file.uri, span, message: `\`${iface.name}\` is exported here, and depends through imports on another export` }]);
}

function firstFailingExport(scope: ItemScope): ExportedInterface | null {
  const order = exportedInterfaces(scope, new Set());
  const exported = new Set(order.map((e) => e.iface));
  const added = new Set<Declaration>();
  const requiredImports = new Set<Declaration>();
  const visiting = new Set<Declaration>(); // a use cycle is reported by checks/cycles.ts
  const add = (iface: Declaration, asExport: boolean): boolean => {
    if (added.has(iface)) return asExport;
    if ((!asExport && requiredImports.has(iface)) || visiting.has(iface)) return true;
    visiting.add(iface);
    const ok = interfaceDependencies(iface).every((dep) => add(dep, asExport && exported.has(dep)));
    visiting.delete(iface);
    if (!ok || (asExport && requiredImports.has(iface))) return false;
    (asExport ? added : requiredImports).add(iface);
    return true;
  };
  return order.find((e) => !add(e.iface, true)) ?? null;
}

/**
 * The interfaces a world exports: those its own `export` items name or define inline, in
 * order, then those of its active includes (each at the `include`), without repeats.
 */
function exportedInterfaces(scope: ItemScope, visited: Set<Declaration>): ExportedInterface[] {
  const found: ExportedInterface[] = [];
  if (visited.has(scope.owner)) return found; // an include cycle is reported by checks/cycles.ts
  visited.add(scope.owner);
  const push = (entry: ExportedInterface): void => {
    if (!found.some((e) => e.iface === entry.iface)) found.push(entry);
  };
  const includes: SyntaxNode[] = [];
  for (const member of scope.body.namedChildren) {
    if (member.type === 'include_item' && scope.owner.active && gateActive(scope.group, member)) includes.push(member);
    if (member.type !== 'export_item' || fieldNode(member, 'type')) continue;
    const nameNode = fieldNode(member, 'name');
    const path = fieldNode(member, 'path');
    const iface = nameNode && fieldNode(member, 'body')
      ? declarationAtName(scope.file, nameNode)
      : path && resolvePath(scope.group, path, scope.file, scope.block, 'interface');
    if (iface) push({ iface, span: spanOf(nameNode ?? path!), inline: !path, world: scope.owner });
  }
  for (const include of includes) {
    const path = fieldNode(include, 'path');
    const target = path && resolvePath(scope.group, path, scope.file, scope.block, 'world');
    const included = target && ownerOf(target)?.scopeOf(target);
    if (!path || !included) continue;
    for (const entry of exportedInterfaces(included, visited)) push({ ...entry, span: spanOf(path) });
  }
  return found;
}

/** The interfaces `iface` uses directly. */
export function interfaceDependencies(iface: Declaration): Declaration[] {
  const group = ownerOf(iface)!;
  const scope = group.scopes.get(iface);
  if (!scope) return [];
  const found: Declaration[] = [];
  for (const member of scope.body.namedChildren) {
    if (member?.type !== 'use_item' || !gateActive(group, member)) continue;
    const path = fieldNode(member, 'path');
    const target = path && resolvePath(group, path, scope.file, scope.block, 'interface');
    if (target && !found.includes(target)) found.push(target);
  }
  return found;
}
