import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How `wit-ls check --fix` writes, so that no byte of the user's is lost:
 *
 * - The fixed text goes to a temporary file beside the target (same owner and mode),
 *   flushed, then renamed over it: a reader or a crash sees the old or the new text.
 * - Just before the rename the file is read again; if it changed since it was checked
 *   (saved by an editor meanwhile), the fix is dropped and the user's text stays.
 * - A read-only file, a file with other hard links (a rename would split them) and a file
 *   whose owner cannot be kept are refused with a message, never rewritten.
 * - Links: the file written is the link's target (the link stays). Which targets may be
 *   written is `FixScope`'s rule.
 * - A run killed between creating and renaming its temporary file leaves it behind; the
 *   next `--fix` that writes in that folder removes such files of processes no longer
 *   running (`.NAME.PID.wit-ls.tmp`, only regular files, never another live run's).
 */

/**
 * Where `--fix` may write: inside a named folder, or in the folder that holds a named file,
 * after resolving every link. So `check --fix dir` and `check --fix dir/*.wit` write the same
 * files, and a link that leads out of them is read but its target is not rewritten.
 */
export class FixScope {
  private readonly roots: string[] = [];

  constructor(namedPaths: readonly string[]) {
    for (const named of namedPaths) {
      try {
        const folder = fs.statSync(named).isDirectory() ? named : path.dirname(named);
        this.roots.push(fs.realpathSync(folder));
      } catch {
        // an unreadable named path has nothing to fix
      }
    }
  }

  /** Why `target` (a real path) may not be written, or null when it may. */
  refusal(target: string): string | null {
    if (this.roots.some((root) => isInside(target, root))) return null;
    return `it links to ${target}, outside the named paths; name that file or its folder to fix it`;
  }
}

/** A refused or abandoned write: the file is left exactly as it was. */
export class NotWritten extends Error {}

/**
 * Writes `text` over `file` if its content is still `original`, keeping owner and mode.
 * Throws `NotWritten` with the reason when it refuses, or Node's error when writing fails.
 */
export function writeFix(file: string, original: Buffer, text: string, scope: FixScope): void {
  const target = fs.realpathSync(file);
  const refused = scope.refusal(target);
  if (refused) throw new NotWritten(refused);
  const stat = fs.statSync(target);
  if (!stat.isFile()) throw new NotWritten('it is no longer a regular file');
  if ((stat.mode & 0o200) === 0) throw new NotWritten(`it is read-only (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')})`);
  if (stat.nlink > 1) throw new NotWritten(`it has ${stat.nlink} hard links, which replacing it would split`);
  const folder = path.dirname(target);
  removeStaleTemporaries(folder);
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.wit-ls.tmp`);
  // A temporary name that already exists belongs to someone else: `wx` fails and it is left alone.
  const descriptor = fs.openSync(temporary, 'wx', stat.mode & 0o7777);
  try {
    try {
      fs.fchmodSync(descriptor, stat.mode & 0o7777); // the umask may have narrowed it
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()) keepOwner(descriptor, stat);
      fs.writeFileSync(descriptor, text);
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    const now = fs.readFileSync(target);
    if (!now.equals(original) || fs.statSync(target).ino !== stat.ino) {
      throw new NotWritten('it changed while it was being checked; run the check again');
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

function keepOwner(descriptor: number, stat: fs.Stats): void {
  try {
    fs.fchownSync(descriptor, stat.uid, stat.gid);
  } catch {
    throw new NotWritten(`it belongs to user ${stat.uid}, group ${stat.gid}, which a rewrite by this user cannot keep`);
  }
}

const TEMPORARY = /^\..+\.(\d+)\.wit-ls\.tmp$/;

/** Removes temporary files that killed runs left in `folder` (see the module comment). */
export function removeStaleTemporaries(folder: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match || Number(match[1]) === process.pid || isRunning(Number(match[1]))) continue;
    const full = path.join(folder, name);
    try {
      if (fs.lstatSync(full).isFile()) fs.unlinkSync(full);
    } catch {
      // gone already, or not ours to remove
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
