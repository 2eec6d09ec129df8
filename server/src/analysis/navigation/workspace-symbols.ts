import type { Declaration, DeclarationKind, Workspace } from '../model';

export interface WorkspaceSymbol {
  name: string;
  kind: DeclarationKind;
  /** Where it lives: `ns:pkg/interface`, `ns:pkg/interface.resource`, or the package. */
  containerName?: string;
  uri: string;
  declaration: Declaration;
}

/** Kinds worth finding by name across the workspace; params and `use`d names only add noise. */
const LISTED = new Set<DeclarationKind>([
  'package',
  'interface', 'world', 'type', 'record', 'variant', 'enum', 'flags', 'resource', 'field', 'case', 'enum-case',
  'flag', 'function', 'method', 'static-method', 'import', 'export',
]);

/** At most this many results: an editor shows a short list and refines as the user types. */
export const MAX_WORKSPACE_SYMBOLS = 256;

/**
 * Declarations whose name matches `query` loosely: its characters in order, ignoring case
 * and hyphens (`errcode` finds `error-code`). Best matches first: exact, prefix, word
 * starts, substring, then scattered; ties by shorter name, then name and file.
 */
export function workspaceSymbols(workspace: Workspace, query: string): WorkspaceSymbol[] {
  const needle = query.toLowerCase().replace(/[\s%-]/g, '');
  const scored: { score: number; symbol: WorkspaceSymbol }[] = [];
  for (const uri of workspace.uris()) {
    for (const declaration of workspace.declarations(uri)) {
      // Items behind a disabled `@unstable` feature are listed too: they are still in the source.
      if (!LISTED.has(declaration.kind)) continue;
      const score = matchScore(declaration.name, needle);
      if (score === undefined) continue;
      scored.push({
        score,
        symbol: { name: declaration.name, kind: declaration.kind, containerName: containerName(workspace, declaration), uri, declaration },
      });
    }
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      a.symbol.name.length - b.symbol.name.length ||
      a.symbol.name.localeCompare(b.symbol.name) ||
      a.symbol.uri.localeCompare(b.symbol.uri) ||
      a.symbol.declaration.span.start - b.symbol.declaration.span.start,
  );
  return scored.slice(0, MAX_WORKSPACE_SYMBOLS).map((s) => s.symbol);
}

/** Lower is better; undefined when `needle` does not match `name`. */
export function matchScore(name: string, needle: string): number | undefined {
  if (needle === '') return 4;
  const lower = name.toLowerCase();
  const flat = lower.replace(/-/g, '');
  if (flat === needle) return 0;
  if (flat.startsWith(needle)) return 1;
  const initials = lower.split('-').map((w) => w[0] ?? '').join('');
  if (initials.startsWith(needle)) return 2;
  if (flat.includes(needle)) return 3;
  let i = 0;
  for (const ch of flat) if (ch === needle[i]) i++;
  return i === needle.length ? 4 : undefined;
}

function containerName(workspace: Workspace, declaration: Declaration): string | undefined {
  if (declaration.kind === 'package') return undefined;
  const parts: string[] = [];
  for (let c = declaration.container; c; c = c.container) {
    if (c.kind === 'package') break;
    parts.unshift(c.name);
  }
  const packageName = workspace.packageAt(declaration.uri, declaration.span.start)?.name;
  if (!packageName) return parts.join('.') || undefined;
  return parts.length ? `${packageName}/${parts.join('.')}` : packageName;
}
