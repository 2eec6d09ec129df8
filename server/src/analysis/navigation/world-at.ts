import type { Workspace } from '../model';

export interface WorldChoice {
  /** `ns:pkg/world@version`, as wit-parser's world selection takes it. */
  qualified: string;
  name: string;
}

/**
 * The world at `offset` of `uri`: the one enclosing the cursor, else the file's only world.
 * A string says why there is none. Worlds of a package without a name cannot be selected.
 */
export function worldAt(workspace: Workspace, uri: string, offset: number): WorldChoice | string {
  const worlds = workspace.declarations(uri).filter((d) => d.kind === 'world');
  const enclosing = worlds.find((w) => w.span.start <= offset && offset <= w.span.end);
  const world = enclosing ?? (worlds.length === 1 ? worlds[0] : undefined);
  if (!world) {
    return worlds.length === 0
      ? 'This file declares no world: bindings are generated for a world.'
      : `This file declares ${worlds.length} worlds: put the cursor inside the one to generate bindings for.`;
  }
  const pkg = workspace.packageAt(uri, world.nameSpan.start)?.name;
  if (!pkg) return `The package of world \`${world.name}\` has no name (\`package ns:name;\`): wit-parser cannot select it.`;
  const at = pkg.indexOf('@');
  const qualified = at < 0 ? `${pkg}/${world.name}` : `${pkg.slice(0, at)}/${world.name}${pkg.slice(at)}`;
  return { qualified, name: world.name };
}
