/**
 * `wit-ls check` on hostile file systems: special files, links, and --fix racing the user.
 * Outcomes only: exit status and messages, files byte-for-byte intact, nothing written
 * outside the named paths. Every run is bounded (a hang fails instead of blocking CI) and
 * memory-capped (a read of /dev/zero cannot take the machine).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NotWritten, writeFix, FixScope } from '../../../server/src/cli/write';
import { SERVER_BUNDLE } from '../../helpers/lsp-client';

const FLAGGED = 'package a:flagged;\n\ninterface i {\n  resource r {\n    write: async func(data: stream<u8>) -> result;\n  }\n}\n';
const FIXED = 'package a:flagged;\n\ninterface i {\n  resource r {\n    write: func(data: stream<u8>) -> future<result>;\n  }\n}\n';
const CLEAN = 'package a:clean;\n\ninterface i {\n  f: func();\n}\n';
const IO = 'package wasi:io@0.2.0;\n\ninterface streams {\n  resource input-stream;\n}\n';
const USES_IO = 'package a:app;\n\nworld w {\n  import wasi:io/streams@0.2.0;\n}\n';

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `wit-ls check ARGS` in `cwd`, with a 512 MB heap and a generous bound instead of a hang. */
function check(cwd: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, ['--max-old-space-size=512', SERVER_BUNDLE, 'check', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** Every regular file under `dir` with its bytes and mode, to compare before and after. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, name);
    const stat = fs.lstatSync(full);
    if (stat.isFile()) files.set(name, `${stat.mode.toString(8)}:${fs.readFileSync(full, 'base64')}`);
    else if (stat.isSymbolicLink()) files.set(name, `link:${fs.readlinkSync(full)}`);
  }
  return files;
}

describe('hostile file systems: wit-ls check', () => {
  let root: string;
  let n = 0;
  const fresh = (): string => fs.mkdtempSync(path.join(root, `case-${n++}-`));
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-hostile-cli-'));
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('skips a FIFO named on the command line with a message, instead of blocking forever', () => {
    const dir = fresh();
    spawnSync('mkfifo', [path.join(dir, 'x.wit')]);
    const run = check(dir, 'x.wit');
    assert.equal(run.signal, null, 'check was still blocked when the bound ran out');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /x\.wit: not a regular file \(a FIFO\); skipped/);
  });

  it('skips a link to /dev/zero with a message, in bounded memory', () => {
    const dir = fresh();
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.wit'));
    const run = check(dir, 'zero.wit');
    assert.equal(run.signal, null, `check did not end by itself: ${run.stderr}`);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /zero\.wit: not a regular file \(a character device\); skipped/);
  });

  it('a shell glob reaching a FIFO, /dev/zero and real files checks the real files and names each skipped path', () => {
    const dir = fresh();
    fs.mkdirSync(path.join(dir, 'wit'));
    spawnSync('mkfifo', [path.join(dir, 'wit', 'a-fifo.wit')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'wit', 'b-zero.wit'));
    fs.writeFileSync(path.join(dir, 'wit', 'c.wit'), FLAGGED);
    const globbed = fs.readdirSync(path.join(dir, 'wit')).sort().map((f) => path.join('wit', f)); // what `wit/*.wit` expands to
    const run = check(dir, ...globbed);
    assert.equal(run.signal, null);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /wit\/c\.wit:5:5: warning\[async-stream-param\]/);
    assert.match(run.stdout, /1 file checked/);
    assert.match(run.stderr, /a-fifo\.wit: not a regular file \(a FIFO\)/);
    assert.match(run.stderr, /b-zero\.wit: not a regular file \(a character device\)/);
    // The same folder named as a folder: the special files are skipped the same way.
    const folderRun = check(dir, 'wit');
    assert.equal(folderRun.signal, null);
    assert.match(folderRun.stdout, /1 file checked/);
  });

  it('skips a file larger than the size cap with a message', () => {
    const dir = fresh();
    const big = path.join(dir, 'big.wit');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 17 * 1024 * 1024); // sparse: no disk used
    const run = check(dir, 'big.wit');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /big\.wit: larger than 16\.0 MB \(17\.0 MB\); skipped/);
  });

  it('follows a symlinked deps/io, a symlinked deps and a symlinked .wit: no false "not found"', () => {
    const dir = fresh();
    const vendor = path.join(dir, 'vendor');
    fs.mkdirSync(path.join(vendor, 'io'), { recursive: true });
    fs.writeFileSync(path.join(vendor, 'io', 'streams.wit'), IO);
    // deps/io is a link
    fs.mkdirSync(path.join(dir, 'one', 'deps'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'one', 'world.wit'), USES_IO);
    fs.symlinkSync(path.join(vendor, 'io'), path.join(dir, 'one', 'deps', 'io'));
    // deps itself is a link
    fs.mkdirSync(path.join(dir, 'two'));
    fs.writeFileSync(path.join(dir, 'two', 'world.wit'), USES_IO);
    fs.symlinkSync(vendor, path.join(dir, 'two', 'deps'));
    // the .wit file is a link, in a folder, and deps/io/streams.wit too
    fs.mkdirSync(path.join(dir, 'three', 'deps', 'io'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.writeFileSync(path.join(dir, 'elsewhere', 'world.wit'), USES_IO);
    fs.symlinkSync(path.join(dir, 'elsewhere', 'world.wit'), path.join(dir, 'three', 'world.wit'));
    fs.symlinkSync(path.join(vendor, 'io', 'streams.wit'), path.join(dir, 'three', 'deps', 'io', 'streams.wit'));
    for (const target of ['one', 'two', 'three', 'one/world.wit', 'three/world.wit']) {
      const run = check(dir, target);
      assert.equal(run.status, 0, `check ${target}: ${run.stdout}${run.stderr}`);
      assert.doesNotMatch(run.stdout, /not found|does not exist|unknown-package/);
    }
  });

  it('survives link loops: a folder linking to itself or its parent is entered once', () => {
    const dir = fresh();
    fs.mkdirSync(path.join(dir, 'pkg', 'deps'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pkg', 'a.wit'), CLEAN);
    fs.symlinkSync('.', path.join(dir, 'pkg', 'self'));
    fs.symlinkSync('..', path.join(dir, 'pkg', 'deps', 'up'));
    fs.symlinkSync('loop-b.wit', path.join(dir, 'pkg', 'loop-a.wit'));
    fs.symlinkSync('loop-a.wit', path.join(dir, 'pkg', 'loop-b.wit'));
    const run = check(dir, 'pkg');
    assert.equal(run.signal, null);
    assert.match(run.stdout, /1 file checked: no problems/);
    assert.match(run.stderr, /loop-a\.wit: /, 'a link loop is named, not silently dropped');
  });

  describe('--fix never loses a byte', () => {
    it('refuses a read-only file with a message and leaves it as it was', () => {
      const dir = fresh();
      const file = path.join(dir, 'ro.wit');
      fs.writeFileSync(file, FLAGGED);
      fs.chmodSync(file, 0o444);
      const run = check(dir, '--fix', 'ro.wit');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /cannot write the fixes to ro\.wit: it is read-only \(mode 0444\)/);
      assert.equal(fs.readFileSync(file, 'utf8'), FLAGGED);
      assert.equal(fs.statSync(file).mode & 0o777, 0o444);
    });

    it('keeps mode and owner of a fixed file', () => {
      const dir = fresh();
      const file = path.join(dir, 'm.wit');
      fs.writeFileSync(file, FLAGGED);
      fs.chmodSync(file, 0o640);
      const before = fs.statSync(file);
      check(dir, '--fix', 'm.wit');
      const after = fs.statSync(file);
      assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
      assert.equal(after.mode & 0o7777, 0o640);
      assert.deepEqual([after.uid, after.gid], [before.uid, before.gid]);
    });

    it('refuses a file with hard links and leaves both names as they were', () => {
      const dir = fresh();
      fs.writeFileSync(path.join(dir, 'a.wit'), FLAGGED);
      fs.mkdirSync(path.join(dir, 'other'));
      fs.linkSync(path.join(dir, 'a.wit'), path.join(dir, 'other', 'b.wit'));
      const run = check(dir, '--fix', 'a.wit');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /a\.wit: it has 2 hard links/);
      assert.equal(fs.readFileSync(path.join(dir, 'other', 'b.wit'), 'utf8'), FLAGGED);
      assert.equal(fs.statSync(path.join(dir, 'a.wit')).ino, fs.statSync(path.join(dir, 'other', 'b.wit')).ino);
    });

    it('does not overwrite a line the user saved after the file was checked', () => {
      const dir = fresh();
      const file = path.join(dir, 'racing.wit');
      fs.writeFileSync(file, FLAGGED);
      const original = fs.readFileSync(file);
      const saved = FLAGGED.replace('interface i {', 'interface i {\n  // saved while --fix ran');
      fs.writeFileSync(file, saved); // the editor's save lands between the check and the write
      assert.throws(() => writeFix(file, original, FIXED, new FixScope([dir])), (error: unknown) =>
        error instanceof NotWritten && /changed while it was being checked/.test(error.message));
      assert.equal(fs.readFileSync(file, 'utf8'), saved);
      assert.deepEqual(fs.readdirSync(dir), ['racing.wit'], 'no temporary file is left behind');
    });

    it('removes temporary files of killed runs, never those of a live one', () => {
      const dir = fresh();
      fs.writeFileSync(path.join(dir, 'a.wit'), FLAGGED);
      const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default range: no such process
      const stale = `.a.wit.${deadPid}.wit-ls.tmp`;
      const live = `.a.wit.${process.pid}.wit-ls.tmp`;
      fs.writeFileSync(path.join(dir, stale), 'half');
      fs.writeFileSync(path.join(dir, live), 'in progress');
      check(dir, '--fix', 'a.wit');
      assert.deepEqual(fs.readdirSync(dir).sort(), [live, 'a.wit'].sort());
      assert.equal(fs.readFileSync(path.join(dir, 'a.wit'), 'utf8'), FIXED);
    });

    it('`--fix dir` and `--fix dir/*.wit` follow one rule: a link out of the named paths is read, its target never rewritten', () => {
      for (const form of ['folder', 'glob'] as const) {
        const dir = fresh();
        const outside = path.join(dir, 'outside');
        fs.mkdirSync(outside);
        fs.writeFileSync(path.join(outside, 'target.wit'), FLAGGED);
        fs.mkdirSync(path.join(dir, 'wit', 'sub'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'wit', 'own.wit'), FLAGGED);
        fs.writeFileSync(path.join(dir, 'wit', 'sub', 'inner.wit'), FLAGGED.replace('a:flagged', 'a:inner'));
        fs.symlinkSync(path.join(outside, 'target.wit'), path.join(dir, 'wit', 'link-out.wit'));
        fs.symlinkSync(path.join(dir, 'wit', 'own.wit'), path.join(dir, 'wit', 'sub', 'link-in.wit'));
        const outsideBefore = snapshot(outside);
        const args = form === 'folder'
          ? ['wit']
          : fs.readdirSync(path.join(dir, 'wit')).filter((f) => f.endsWith('.wit')).sort().map((f) => path.join('wit', f));
        const run = check(dir, '--fix', ...args);
        assert.deepEqual(snapshot(outside), outsideBefore, `${form}: the target outside the named paths changed`);
        assert.match(run.stderr, /link-out\.wit: it links to .*outside[/\\]target\.wit, outside the named paths/, `${form}: ${run.stderr}`);
        assert.equal(fs.readFileSync(path.join(dir, 'wit', 'own.wit'), 'utf8'), FIXED, `${form}: own.wit is not fixed`);
        assert.ok(fs.lstatSync(path.join(dir, 'wit', 'link-out.wit')).isSymbolicLink(), `${form}: the link was replaced`);
        assert.ok(fs.lstatSync(path.join(dir, 'wit', 'sub', 'link-in.wit')).isSymbolicLink(), `${form}: the inner link was replaced`);
      }
    });
  });
});
