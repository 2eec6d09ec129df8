import type { Workspace } from '../model';
import { occurrencesOf, resolvedAt, type Location } from './occurrences';

/**
 * Every place in the workspace that refers to what the name at `offset` stands for,
 * including uses through `use` aliases; with `includeDeclaration`, also the declarations
 * (the original and the `use`s that bring it into other interfaces). Sorted by file, then
 * position; empty when nothing resolves at `offset`.
 */
export function referencesAt(workspace: Workspace, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const target = resolvedAt(workspace, uri, offset);
  if (!target) return [];
  const { declarations, references } = occurrencesOf(workspace, target, true);
  const locations: Location[] = references.map((r) => ({ uri: r.uri, span: r.span }));
  if (includeDeclaration) locations.push(...declarations.map((d) => ({ uri: d.uri, span: d.nameSpan })));
  return uniqueSorted(locations);
}

export function uniqueSorted(locations: readonly Location[]): Location[] {
  const byKey = new Map<string, Location>();
  for (const location of locations) byKey.set(`${location.uri}#${location.span.start}:${location.span.end}`, location);
  return [...byKey.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
}
