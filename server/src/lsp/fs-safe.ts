import { constants, type Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * The server's file-system reading, safe on whatever a workspace holds:
 *
 * - Only regular files are read. A file is opened non-blocking and inspected through its
 *   descriptor, so a FIFO never occupies one of Node's few file-reading threads (four
 *   blocked reads of FIFOs used to stall all indexing for good).
 * - Links are followed, as wit-parser follows them, with loop protection: a folder is
 *   entered once per real path.
 * - Inside a workspace folder every folder is walked, but a link that leads out of the
 *   workspace folders is entered only as a `deps` folder, and a `deps` folder is read as
 *   wit-parser reads it (`deps/*.wit`, `deps/*.{wasm,wat}`, `deps/NAME/*.wit`), never
 *   deeper: a `deps` that links to `/` costs a bounded number of listings.
 */

/** Folders never worth walking for WIT. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'target', '.git', '.hg', '.svn']);

/**
 * The text of `file` if it is a regular file of at most `maxBytes` (after links), else
 * null: missing, unreadable, a FIFO, a device, a folder or too large.
 */
export async function readRegularText(file: string, maxBytes: number): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null; // gone between listing and reading: the watcher reports the deletion
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > maxBytes) return null;
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return null; // grew past the cap while it was read
    return buffer.toString('utf8', 0, length);
  } catch {
    return null;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** What a walk found: `.wit` files, and `deps/*.{wasm,wat}` encoded packages. */
export interface Found {
  wit: string[];
  encoded: string[];
}

/**
 * Walks `folder` for WIT as described above. `roots` are the workspace folders (real
 * paths); `entered` the real paths already walked, shared across walks so a folder reached
 * twice is read once. `onError` hears of an unreadable folder.
 */
export async function walkWorkspaceFolder(
  folder: string,
  roots: readonly string[],
  found: Found,
  entered: Set<string>,
  onError: (folder: string, error: unknown) => void = () => {},
): Promise<void> {
  let entries: Dirent[] | null;
  try {
    entries = await enter(folder, entered);
  } catch (error) {
    onError(folder, error);
    return;
  }
  for (const entry of entries ?? []) {
    const full = path.join(folder, entry.name);
    const kind = await kindOf(entry, full);
    if (kind === 'folder') {
      if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue;
      if (entry.name === 'deps') await readDeps(full, found, entered);
      else if (!entry.isSymbolicLink() || (await insideAny(full, roots))) await walkWorkspaceFolder(full, roots, found, entered, onError);
    } else if (kind === 'file') {
      if (entry.name.endsWith('.wit')) found.wit.push(full);
    }
  }
}

/**
 * The files wit-parser reads for the package in `folder` outside any workspace folder:
 * its own `*.wit` files and its `deps/`, bounded as described above.
 */
export async function readPackageFolder(folder: string, found: Found, entered: Set<string>): Promise<boolean> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return false; // not on disk (yet)
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.name.endsWith('.wit') && (await kindOf(entry, full)) === 'file') found.wit.push(full);
  }
  await readDeps(path.join(folder, 'deps'), found, entered);
  return true;
}

/** `deps/` as wit-parser reads it: `*.wit`, `*.wasm`/`*.wat`, and `NAME/*.wit`. */
async function readDeps(deps: string, found: Found, entered: Set<string>): Promise<void> {
  const entries = await enter(deps, entered).catch(() => null);
  for (const entry of entries ?? []) {
    const full = path.join(deps, entry.name);
    const kind = await kindOf(entry, full);
    if (kind === 'file') {
      if (entry.name.endsWith('.wit')) found.wit.push(full);
      else if (/\.(wasm|wat)$/.test(entry.name)) found.encoded.push(full);
    } else if (kind === 'folder') {
      const inner = await enter(full, entered).catch(() => null);
      for (const file of inner ?? []) {
        const wit = path.join(full, file.name);
        if (file.name.endsWith('.wit') && (await kindOf(file, wit)) === 'file') found.wit.push(wit);
      }
    }
  }
}

/**
 * The entries of `folder`, or null when its real path was entered already (a folder reached
 * twice, or a link loop); rejects as reading the folder does.
 */
async function enter(folder: string, entered: Set<string>): Promise<Dirent[] | null> {
  const real = await fs.realpath(folder);
  if (entered.has(real)) return null;
  entered.add(real);
  return fs.readdir(folder, { withFileTypes: true });
}

/** A directory entry's kind after links: 'folder', 'file' (regular) or 'other'. */
async function kindOf(entry: Dirent, full: string): Promise<'folder' | 'file' | 'other'> {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const stat = await fs.stat(full); // stat never opens: a link to a FIFO cannot block
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a dangling link
  }
}

async function insideAny(folder: string, roots: readonly string[]): Promise<boolean> {
  try {
    const real = await fs.realpath(folder);
    return roots.some((root) => isInside(real, root));
  } catch {
    return false;
  }
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The real paths of `folders`; a folder that cannot be resolved stays as given. */
export async function realPaths(folders: readonly string[]): Promise<string[]> {
  return Promise.all(folders.map((f) => fs.realpath(f).catch(() => f)));
}
