import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jcoErrorText } from './jco';

/** wit-parser reads these from a package folder's `deps/`: package folders, and packages in one file. */
const DEPENDENCY_FILE = /\.(wit|wasm|wat)$/;
/** A package folder mirrored for jco holds WIT text, not media: more than this is refused. */
const MAX_MIRROR_BYTES = 64 * 1024 * 1024;

/**
 * Runs `read` on `witPath`, or, when the package folder reaches its files through symbolic
 * links, on a copy of what wit-parser reads there (the folder's `.wit` files and its
 * `deps/`) with the links followed. jco's WASI file system refuses a link with an absolute
 * target ("Operation not permitted"), while wit-parser on its own follows it, and so do the
 * server and `wit-ls check`. Paths of the copy in a message are given back as `witPath`'s.
 */
export async function withLinksResolved<T>(witPath: string, read: (witPath: string) => Promise<T>): Promise<T> {
  const real = fs.realpathSync(witPath);
  if (!isDirectory(real) || !readsThroughLinks(real)) return read(real);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-bindings-'));
  try {
    mirrorPackage(real, copy);
    return await read(copy).catch((error: unknown) => {
      throw renamedPaths(error, copy, witPath);
    });
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** Whether any entry wit-parser reads under `folder` is a symbolic link. */
function readsThroughLinks(folder: string): boolean {
  const isLink = (p: string): boolean => fs.lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  const deps = path.join(folder, 'deps');
  if (witEntries(folder).some((name) => isLink(path.join(folder, name))) || isLink(deps)) return true;
  if (!isDirectory(deps)) return false;
  return fs.readdirSync(deps).some((name) => {
    const entry = path.join(deps, name);
    return isLink(entry) || (isDirectory(entry) && witEntries(entry).some((file) => isLink(path.join(entry, file))));
  });
}

/** Copies the folder's `.wit` files and its `deps/` entries into `target`, links followed. */
function mirrorPackage(folder: string, target: string): void {
  let bytes = 0;
  const copyFile = (from: string, to: string): void => {
    bytes += fs.statSync(from).size;
    if (bytes > MAX_MIRROR_BYTES) throw new Error(`the package at ${folder} holds over ${MAX_MIRROR_BYTES / (1024 * 1024)} MB of WIT`);
    fs.copyFileSync(from, to);
  };
  for (const name of witEntries(folder)) copyFile(path.join(folder, name), path.join(target, name));
  const deps = path.join(folder, 'deps');
  if (!isDirectory(deps)) return;
  fs.mkdirSync(path.join(target, 'deps'));
  for (const name of fs.readdirSync(deps)) {
    const entry = path.join(deps, name);
    const into = path.join(target, 'deps', name);
    if (isDirectory(entry)) {
      fs.mkdirSync(into);
      for (const file of witEntries(entry)) copyFile(path.join(entry, file), path.join(into, file));
    } else if (DEPENDENCY_FILE.test(name)) {
      copyFile(entry, into);
    }
  }
}

/** The `.wit` files directly in `folder` (links to files included). */
function witEntries(folder: string): string[] {
  return fs.readdirSync(folder).filter((name) => name.endsWith('.wit') && statOf(path.join(folder, name))?.isFile());
}

function isDirectory(p: string): boolean {
  return statOf(p)?.isDirectory() ?? false;
}

/** What a path leads to, links followed; undefined for a broken link or a link loop (wit-parser reports those). */
function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** `error` with the copy's paths in its message written as the original folder's. */
function renamedPaths(error: unknown, copy: string, original: string): Error {
  return new Error(jcoErrorText(error).split(copy).join(original));
}
