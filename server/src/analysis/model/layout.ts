/**
 * Where a file belongs, from its URI alone (the model does no I/O). A folder's `.wit` files
 * form its package; `deps/` beside them holds dependencies, one subfolder or one file each.
 * A folder and everything under its `deps/` resolve foreign names against each other: a
 * resolution group, keyed by that folder.
 *
 * Which files of a folder form one package (README, "Which files form a package"): a folder
 * checked explicitly is one package (`WorkspaceOptions.packageFolders`, as wasm-tools'
 * `push_dir`); any other folder whose files name different packages without referring to
 * each other is read file by file (`meantAsOnePackage` in extract.ts); a file checked alone
 * is given to the model without its siblings (cli/check.ts), as `push_file`.
 */
export interface FilePlace {
  /** The folder whose packages (and deps) resolve together. */
  group: string;
  /** The files that make one package: a folder, or a lone `.wit` file directly in `deps/`. */
  unit: string;
}

/** Places by URI: asked for on every query and edit, and a URI's place never changes. */
const places = new Map<string, FilePlace>();
const MAX_REMEMBERED_PLACES = 100_000;

export function placeOf(uri: string): FilePlace {
  let place = places.get(uri);
  if (!place) {
    if (places.size >= MAX_REMEMBERED_PLACES) places.clear();
    places.set(uri, (place = computePlace(uri)));
  }
  return place;
}

function computePlace(uri: string): FilePlace {
  // `untitled:Untitled-1` and the like have no folder: each such document stands alone.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return { group: uri, unit: uri };
  const slash = uri.lastIndexOf('/');
  const folder = slash < 0 ? '' : uri.slice(0, slash);
  if (!folder.includes('/deps')) return { group: folder, unit: folder };
  const segments = folder.split('/');
  // The outermost `deps` decides the group: wit-parser reads only the top folder's deps/.
  const depsIndex = segments.indexOf('deps', schemeSegments(uri));
  if (depsIndex < 0) return { group: folder, unit: folder };
  const group = segments.slice(0, depsIndex).join('/');
  return { group, unit: depsIndex === segments.length - 1 ? uri : folder };
}

/** `file:///a/b` splits into `file:`, ``, ``, `a`, ...: a folder named deps comes after those. */
function schemeSegments(uri: string): number {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(uri);
  return match ? match[0].split('/').length : 0;
}

/** The last path segment of a unit or group, for messages. */
export function baseName(location: string): string {
  return location.slice(location.lastIndexOf('/') + 1);
}
