import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How `wit-ls check` finds and reads files. The rule, as documented in README:
 *
 * - Symbolic links are followed, as wit-parser follows them: a linked file, a linked
 *   folder and a linked `deps` read as if they were there. A folder already entered
 *   (by its real path) is not entered again, so a link cycle cannot loop.
 * - Only regular files are read, up to `MAX_FILE_BYTES`: a FIFO, a device (`/dev/zero`),
 *   a socket or a larger file is skipped with a message naming it. The check never waits
 *   on such a file: it is opened non-blocking and inspected through its descriptor.
 */

/** No real WIT file comes near this; a larger one is generated or not WIT at all. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** A file as read, with what `--fix` needs to see whether it changed since. */
export interface ReadFile {
  text: string;
  bytes: Buffer;
}

/** Why a path was not read, in words for a terminal. */
export class SkippedFile extends Error {}

/**
 * Reads `file` if it is a regular file of at most `maxBytes`, following links. Throws
 * `SkippedFile` (a FIFO, a device, too large) or Node's error (missing, no permission).
 */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES): ReadFile {
  // O_NONBLOCK: opening a FIFO for reading waits for a writer; this way it returns at once.
  const descriptor = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(descriptor);
    if (!stat.isFile()) throw new SkippedFile(`not a regular file (${kindOf(stat)}); skipped`);
    if (stat.size > maxBytes) throw new SkippedFile(`larger than ${megabytes(maxBytes)} (${megabytes(stat.size)}); skipped`);
    // Read at most one byte past the cap: a file that grows while it is read stays bounded.
    const buffer = Buffer.alloc(Math.min(stat.size + 1, maxBytes + 1));
    let length = 0;
    for (;;) {
      const n = fs.readSync(descriptor, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) throw new SkippedFile(`grew past ${megabytes(maxBytes)} while it was read; skipped`);
    const bytes = buffer.subarray(0, length);
    return { text: bytes.toString('utf8'), bytes };
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Collects the `.wit` files under `p`: a named file whatever its extension, a folder's
 * `*.wit` recursively, following links. `onSkip` hears of every path left out and why;
 * a folder's entries are visited in name order, so output is stable.
 */
export function collectWitFiles(p: string, into: string[], onSkip: (where: string, why: string) => void): void {
  const entered = new Set<string>();
  const visit = (where: string, named: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(where); // follows links
    } catch (error) {
      if (named) onSkip(where, reason(error));
      else if (isDanglingLink(where)) onSkip(where, 'a symbolic link to nothing; skipped');
      else onSkip(where, reason(error));
      return;
    }
    if (!stat.isDirectory()) {
      if (named || where.endsWith('.wit')) into.push(where);
      return;
    }
    let real: string;
    let entries: fs.Dirent[];
    try {
      // One system call; the JavaScript realpathSync lstats every component of the path.
      real = fs.realpathSync.native(where);
      if (entered.has(real)) return; // a link back to a folder already checked: a cycle, or the same folder twice
      entered.add(real);
      entries = fs.readdirSync(where, { withFileTypes: true });
    } catch (error) {
      onSkip(where, reason(error));
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = path.join(where, entry.name);
      // The entry's type saves a stat per file; a link (or an unknown type) is stat'ed to be followed.
      if (entry.isFile()) {
        if (entry.name.endsWith('.wit')) into.push(child);
      } else if (entry.name.endsWith('.wit') || entry.isDirectory() || isFolder(child)) visit(child, false);
    }
  };
  visit(p, true);
}

/** Whether `p` is, or links to, a folder; false for anything unreadable. */
function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isDanglingLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a file';
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}

/** Node's error text without the syscall and path it appends ("ENOENT: no such file or directory"). */
export function reason(error: unknown): string {
  if (error instanceof SkippedFile) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return (error as NodeJS.ErrnoException).code ? message.split(',')[0] : message;
}

/**
 * What wit-parser reads to resolve the package in `folder`: its own `*.wit` files, and in
 * `deps/` each `*.wit` file, each `*.wasm`/`*.wat` file and each subfolder's `*.wit` files
 * (not deeper). Links are followed; the layout bounds the reading, so a `deps` that links
 * to `/` costs two directory listings per entry, never a walk of the file system.
 */
export function packageLayout(folder: string): { wit: string[]; encoded: string[] } {
  const wit = witFilesIn(folder);
  const encoded: string[] = [];
  const deps = path.join(folder, 'deps');
  for (const name of listFolder(deps)) {
    const full = path.join(deps, name);
    if (name.endsWith('.wit')) wit.push(full);
    else if (/\.(wasm|wat)$/.test(name)) encoded.push(full);
    else if (isFolder(full)) wit.push(...witFilesIn(full));
  }
  return { wit, encoded };
}

function witFilesIn(folder: string): string[] {
  return listFolder(folder).filter((name) => name.endsWith('.wit')).map((name) => path.join(folder, name));
}

function listFolder(folder: string): string[] {
  try {
    return fs.readdirSync(folder).sort();
  } catch {
    return []; // an unreadable context folder only makes names unresolved; named files report their own errors
  }
}
