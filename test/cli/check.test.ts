import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCheck, type CheckOptions } from '../../server/src/cli/check';
import { runCommandLine } from '../../server/src/cli/command-line';
import { collectWitFiles } from '../../server/src/cli/files';
import { SERVER_BUNDLE } from '../helpers/lsp-client';
import { witParser } from '../helpers/parser';

const CLEAN = 'package a:clean;\n\ninterface i {\n  f: func(s: stream<u8>) -> future<result>;\n}\n';

const FLAGGED = `package a:flagged;

interface types {
  resource descriptor {
    /* é🎉 */ write: async func(data: stream<u8>) -> result<_, error-code>;
    entries: async func() -> stream<string>;
  }
  enum error-code { io }
  log: async func(lines: stream<string>);
}
`;

const FIXED = `package a:flagged;

interface types {
  resource descriptor {
    /* é🎉 */ write: func(data: stream<u8>) -> future<result<_, error-code>>;
    entries: func() -> stream<string>;
  }
  enum error-code { io }
  log: func(lines: stream<string>) -> future;
}
`;

const BROKEN = 'package a:broken;\n\ninterface i {\n  f: func(\n}\n';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `wit-ls check ARGS` in `cwd`, run in this process through the function the executable
 * calls: the same parsing, output and exit code without a process start per case.
 * `spawnCheck` below runs the real executable for what only a process shows.
 */
async function check(cwd: string, ...args: string[]): Promise<Run> {
  return cli(cwd, 'check', ...args);
}

async function cli(cwd: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const status = await runCommandLine(argv, {
      out: (text) => (stdout += text),
      err: (text) => (stderr += text),
      parser: witParser,
      version: 'test',
      readStdin: () => '',
    });
    return { status, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}

function spawnCheck(cwd: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, [SERVER_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh folder holding `files` (relative path -> text). */
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-check-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Every entry under `dir`, recursively, sorted. */
function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}

const made: string[] = [];
function tempFolder(files: Record<string, string>): string {
  const dir = folder(files);
  made.push(dir);
  return dir;
}
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('wit-ls check: text output and exit codes', () => {
  let dir: string;
  before(() => {
    dir = tempFolder({ 'clean.wit': CLEAN, 'wit/flagged.wit': FLAGGED, 'wit/deeper/notes.txt': 'not WIT', 'broken/broken.wit': BROKEN });
  });

  it('passes a clean file with exit 0', async () => {
    const run = await check(dir, 'clean.wit');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '1 file checked: no problems\n');
    assert.equal(run.stderr, '');
  });

  it('prints file:line:col: severity[code]: message, columns counted in characters', async () => {
    const run = await check(dir, 'wit');
    assert.equal(run.status, 0, 'warnings alone do not fail');
    const lines = run.stdout.trimEnd().split('\n');
    const file = path.join('wit', 'flagged.wit');
    assert.deepEqual(
      lines.map((l) => l.replace(/\]: .*/, ']')),
      [
        `${file}:5:14: warning[async-stream-param]`,
        `${file}:6:5: hint[redundant-async]`,
        `${file}:9:3: information[async-stream-param]`,
        '1 file checked: 0 errors, 1 warning, 2 notes',
      ],
    );
    assert.match(lines[0], /: `write` is async and consumes `data: stream<u8>`/);
  });

  it('fails on warnings with --deny-warnings, and on errors always', async () => {
    assert.equal((await check(dir, '--deny-warnings', 'wit')).status, 1);
    assert.equal((await check(dir, '--deny-warnings', 'clean.wit')).status, 0);
    const broken = await check(dir, 'broken');
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /^broken[/\\]broken\.wit:4:11: error\[syntax-error\]: expected a parameter or `\)`, found `\}`$/m);
    assert.match(broken.stdout, /1 file checked: 1 error, 0 warnings, 0 notes/);
  });

  it('recurses into folders in name order, checking only *.wit files there', async () => {
    const run = await check(dir, '.');
    const files = [...new Set(run.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l)).map((l) => l.split(':')[0]))];
    assert.deepEqual(files, ['broken/broken.wit', 'wit/flagged.wit'].map((f) => f.split('/').join(path.sep)));
    assert.match(run.stdout, /3 files checked: 1 error, 1 warning, 2 notes\n$/);
  });

  it('checks a file named on the command line whatever its extension', async () => {
    fs.writeFileSync(path.join(dir, 'named.txt'), FLAGGED);
    const run = await check(dir, 'named.txt');
    assert.match(run.stdout, /^named\.txt:5:14: warning\[async-stream-param\]/);
  });
});

describe('wit-ls check --format json', () => {
  it('prints an array of LSP-style diagnostics: 0-based lines, UTF-16 characters, severity 1..4', async () => {
    const dir = tempFolder({ 'flagged.wit': FLAGGED, 'clean.wit': CLEAN });
    const run = await check(dir, '--format', 'json', 'flagged.wit', 'clean.wit');
    assert.equal(run.status, 0);
    const diagnostics = JSON.parse(run.stdout) as unknown[];
    assert.deepEqual(diagnostics[0], {
      file: 'flagged.wit',
      range: { start: { line: 4, character: 14 }, end: { line: 4, character: 26 } },
      severity: 2,
      code: 'async-stream-param',
      message: (diagnostics[0] as { message: string }).message,
    });
    assert.deepEqual(
      diagnostics.map((d) => [(d as { code: string }).code, (d as { severity: number }).severity]),
      [['async-stream-param', 2], ['redundant-async', 4], ['async-stream-param', 3]],
    );
    assert.deepEqual(JSON.parse((await check(dir, '--format=json', 'clean.wit')).stdout), []);
  });
});

describe('wit-ls check --fix', () => {
  it('rewrites flagged files in place, leaves no temporary file and touches no other file', async () => {
    const dir = tempFolder({ 'a/flagged.wit': FLAGGED, 'a/clean.wit': CLEAN, 'b/broken.wit': BROKEN });
    const past = new Date('2020-01-01T00:00:00Z');
    for (const name of ['a/flagged.wit', 'a/clean.wit', 'b/broken.wit']) fs.utimesSync(path.join(dir, name), past, past);
    fs.chmodSync(path.join(dir, 'a/flagged.wit'), 0o664);
    const before = listing(dir);

    const run = await check(dir, '--fix', '.');
    assert.equal(run.status, 1, 'the syntax error remains');
    assert.match(run.stdout, /^fixed 3 problems in 1 file$/m);
    const flagged = path.join('a', 'flagged.wit');
    assert.deepEqual(run.stdout.split('\n').filter((l) => l.includes(' -> ') && !l.includes('[')), [
      `${flagged}:5: write: async func(data: stream<u8>) -> result<_, error-code> -> write: func(data: stream<u8>) -> future<result<_, error-code>>`,
      `${flagged}:6: entries: async func() -> stream<string> -> entries: func() -> stream<string>`,
      `${flagged}:9: log: async func(lines: stream<string>) -> log: func(lines: stream<string>) -> future`,
    ], 'every change is printed, one line per signature');
    assert.match(run.stdout, /3 files checked: 1 error, 0 warnings, 0 notes/);
    assert.equal(fs.readFileSync(path.join(dir, 'a/flagged.wit'), 'utf8'), FIXED);
    assert.equal(fs.statSync(path.join(dir, 'a/flagged.wit')).mode & 0o777, 0o664, 'the mode is kept');
    assert.deepEqual(listing(dir), before, 'no temporary file is left');
    for (const name of ['a/clean.wit', 'b/broken.wit']) {
      assert.equal(fs.statSync(path.join(dir, name)).mtimeMs, past.getTime(), `${name} was rewritten`);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'b/broken.wit'), 'utf8'), BROKEN);

    // A second run finds nothing to fix and rewrites nothing.
    fs.utimesSync(path.join(dir, 'a/flagged.wit'), past, past);
    const again = await check(dir, '--fix', 'a/flagged.wit');
    assert.equal(again.status, 0);
    assert.match(again.stdout, /^fixed 0 problems in 0 files$/m);
    assert.equal(fs.statSync(path.join(dir, 'a/flagged.wit')).mtimeMs, past.getTime());
  });

  it('keeps CRLF line ends and a byte order mark', async () => {
    const dir = tempFolder({ 'crlf.wit': `\uFEFF${FLAGGED.replaceAll('\n', '\r\n')}` });
    await check(dir, '--fix', 'crlf.wit');
    assert.equal(fs.readFileSync(path.join(dir, 'crlf.wit'), 'utf8'), `\uFEFF${FIXED.replaceAll('\n', '\r\n')}`);
  });

  it('fixes the target of a symbolic link and keeps the link', { skip: process.platform === 'win32' && 'symlinks need privileges on Windows' }, async () => {
    const dir = tempFolder({ 'real/flagged.wit': FLAGGED });
    fs.symlinkSync(path.join(dir, 'real/flagged.wit'), path.join(dir, 'link.wit'));
    await check(dir, '--fix', 'link.wit');
    assert.ok(fs.lstatSync(path.join(dir, 'link.wit')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'real/flagged.wit'), 'utf8'), FIXED);
  });

  it('leaves a file untouched when its fix cannot be written, and says so', async () => {
    const dir = tempFolder({ 'flagged.wit': FLAGGED, 'other.wit': FLAGGED.replace('a:flagged', 'a:other') });
    // Something else owns the temporary name this process would use: the write must fail cleanly.
    const blocker = path.join(dir, `.flagged.wit.${process.pid}.wit-ls.tmp`);
    fs.mkdirSync(blocker);
    const out: string[] = [];
    const err: string[] = [];
    const options: CheckOptions = { paths: [dir], format: 'text', fix: true, denyWarnings: false };
    const status = runCheck(await witParser(), options, { out: (l) => out.push(l), err: (l) => err.push(l) });
    assert.equal(status, 2);
    assert.deepEqual(err, [`wit-ls: cannot write the fixes to ${path.join(dir, 'flagged.wit')}: EEXIST: file already exists`]);
    assert.equal(fs.readFileSync(path.join(dir, 'flagged.wit'), 'utf8'), FLAGGED);
    assert.ok(fs.statSync(blocker).isDirectory(), 'the blocking entry is not removed');
    assert.equal(fs.readFileSync(path.join(dir, 'other.wit'), 'utf8'), FIXED.replace('a:flagged', 'a:other'), 'later files are still fixed');
    assert.ok(out.some((l) => l.includes('flagged.wit:5:14: warning[async-stream-param]')), 'the unfixed file is still reported');
  });
});

describe('wit-ls check across files', () => {
  const TYPES = 'package a:pkg;\n\ninterface types {\n  type byte-stream = stream<u8>;\n  resource sink;\n}\n';
  const USER =
    'package a:pkg;\n\ninterface user {\n  use types.{byte-stream, sink};\n  put: async func(to: borrow<sink>, data: byte-stream);\n}\n';

  it('resolves names from the other files of a package folder', async () => {
    const dir = tempFolder({ 'wit/types.wit': TYPES, 'wit/user.wit': USER });
    const run = await check(dir, '--format', 'json', 'wit');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const found = JSON.parse(run.stdout) as { file: string; code: string }[];
    // The alias from types.wit is seen through: the stream parameter is flagged.
    assert.deepEqual(found.map((d) => [d.file, d.code]), [[path.join('wit', 'user.wit'), 'async-stream-param']]);
    const fixed = await check(dir, '--fix', 'wit');
    assert.equal(fixed.status, 0);
    assert.match(fs.readFileSync(path.join(dir, 'wit/user.wit'), 'utf8'), /put: func\(to: borrow<sink>, data: byte-stream\) -> future;/);
    assert.equal(fs.readFileSync(path.join(dir, 'wit/types.wit'), 'utf8'), TYPES, 'files without a fix are not rewritten');
  });

  it('resolves packages from deps/ and reports names that resolve nowhere as errors', async () => {
    const dir = tempFolder({
      'wit/world.wit': 'package a:app;\n\nworld app {\n  import b:dep/api;\n  import b:dep/missing;\n}\n',
      'wit/deps/dep/api.wit': 'package b:dep;\n\ninterface api {\n  f: func();\n}\n',
    });
    const run = await check(dir, 'wit/world.wit');
    assert.equal(run.status, 1);
    const errors = run.stdout.split('\n').filter((l) => l.includes(': error['));
    assert.equal(errors.length, 1, run.stdout);
    assert.match(errors[0], /^wit[/\\]world\.wit:5:\d+: error\[[a-z-]+\]: .*missing/);
  });

  it('reads each file once, though a checked file is also its package\'s context', async () => {
    const dir = tempFolder({ 'wit/types.wit': TYPES, 'wit/user.wit': USER, 'wit/deps/dep/api.wit': 'package b:dep;\n\ninterface api {\n  f: func();\n}\n' });
    const opened: string[] = [];
    const fsModule = require('node:fs') as typeof fs;
    const openSync = fsModule.openSync;
    fsModule.openSync = ((file: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode | null) => {
      if (String(file).endsWith('.wit')) opened.push(path.relative(dir, String(file)));
      return openSync(file, flags, mode);
    }) as typeof fs.openSync;
    try {
      assert.equal((await check(dir, 'wit')).status, 0);
    } finally {
      fsModule.openSync = openSync;
    }
    assert.deepEqual(opened.sort(), [path.join('wit', 'deps', 'dep', 'api.wit'), path.join('wit', 'types.wit'), path.join('wit', 'user.wit')]);
  });

  it('enables @unstable features with --features', async () => {
    const dir = tempFolder({
      'gated.wit': 'package a:gated;\n\n@unstable(feature = active)\ninterface shiny {\n  f: func();\n}\n\nworld w {\n  import shiny;\n}\n',
    });
    assert.equal((await check(dir, 'gated.wit')).status, 1);
    const enabled = await check(dir, '--features', 'active', 'gated.wit');
    assert.equal(enabled.status, 0, enabled.stdout);
    assert.equal((await check(dir, '--features=other,active', 'gated.wit')).status, 0);
  });
});

describe('wit-ls check: bad paths and options', () => {
  let dir: string;
  before(() => {
    dir = tempFolder({ 'flagged.wit': FLAGGED, 'empty/readme.md': '# nothing here', '-dash.wit': CLEAN });
  });

  it('reports a missing path on stderr, still checks the others, and exits 2', async () => {
    const run = await check(dir, 'missing.wit', 'flagged.wit');
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'wit-ls: cannot read missing.wit: ENOENT: no such file or directory\n');
    assert.match(run.stdout, /^flagged\.wit:5:14: warning/m);
  });

  it('reports a dangling symbolic link and a folder without WIT files', { skip: process.platform === 'win32' && 'symlinks need privileges on Windows' }, async () => {
    fs.symlinkSync(path.join(dir, 'nowhere.wit'), path.join(dir, 'dangling.wit'));
    const run = await check(dir, 'dangling.wit', 'empty');
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'wit-ls: cannot read dangling.wit: ENOENT: no such file or directory\nwit-ls: no .wit file in empty\n',
    );
  });

  it('rejects unknown options and formats with the usage, and no path at all', async () => {
    for (const [args, message] of [
      [['--frobnicate', 'flagged.wit'], 'unknown option --frobnicate'],
      [['--format', 'xml', 'flagged.wit'], 'unknown format "xml": use text or json'],
      [['--format'], '--format needs a value: text or json'],
      [['--features'], '--features needs a comma-separated list of feature names'],
      [[], 'no path given'],
    ] as [string[], string][]) {
      const run = await check(dir, ...args);
      assert.equal(run.status, 2, args.join(' '));
      assert.ok(run.stderr.startsWith(`wit-ls check: ${message}\n`), run.stderr);
      assert.match(run.stderr, /Usage:/);
      assert.equal(run.stdout, '');
    }
  });

  it('reports a path that does not exist on stderr with exit 2, and claims nothing was checked', async () => {
    for (const format of ['text', 'json']) {
      const run = await check(dir, '--format', format, 'missing.wit');
      assert.equal(run.status, 2);
      assert.equal(run.stderr, 'wit-ls: cannot read missing.wit: ENOENT: no such file or directory\n');
      assert.equal(run.stdout, '', `${format}: nothing on stdout`);
    }
  });

  it('prints the usage on --help and -h, the version on --version and -V, with exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], []]) {
      const run = await cli(dir, ...argv);
      assert.equal(run.status, 0, argv.join(' '));
      assert.match(run.stdout, /^Usage:\n {2}wit-ls --stdio/m);
      assert.match(run.stdout, /wit-ls check \[options\] PATH\.\.\./);
      assert.equal(run.stderr, '');
    }
    for (const argv of [['check', '--help'], ['check', '-h'], ['check', '--fix', '-h', 'flagged.wit']]) {
      const run = await cli(dir, ...argv);
      assert.equal(run.status, 0, argv.join(' '));
      assert.match(run.stdout, /--deny-warnings/);
      assert.match(run.stdout, /Exit status/);
      assert.equal(run.stderr, '');
    }
    for (const flag of ['--version', '-V']) assert.deepEqual(await cli(dir, flag), { status: 0, stdout: 'test\n', stderr: '' });
    const unknown = await cli(dir, 'chek', 'flagged.wit');
    assert.equal(unknown.status, 2);
    assert.ok(unknown.stderr.startsWith('wit-ls: unknown command "chek"\n'), unknown.stderr);
    assert.equal(unknown.stdout, '');
  });

  it('never prints a raw control or invisible character: they are shown as \\u{..}', async () => {
    const stray = tempFolder({ 'del.wit': 'package a:del;\n\ninterface i {\n  f: func();\x7f\n}\n', 'bidi\u202e\n.wit': CLEAN.replace('clean', 'bidi') });
    // Each named file is a package of its own (a folder would be one package with two names).
    const run = await check(stray, 'del.wit', 'bidi\u202e\n.wit');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^del\.wit:4:13: error\[syntax-error\]: .*\\u\{7f\}/m);
    assert.match(run.stdout, /^2 files checked: 1 error/m);
    const json = JSON.parse((await check(stray, '--format=json', 'del.wit')).stdout) as { message: string }[];
    assert.match(json[0].message, /\\u\{7f\}/);
    const missing = await check(stray, 'bidi\u202e\n.wit', 'gone\u200b\x1b[31m.wit');
    assert.equal(missing.stderr, 'wit-ls: cannot read gone\\u{200b}\\u{1b}[31m.wit: ENOENT: no such file or directory\n');
    for (const output of [run.stdout, run.stderr, json[0].message, missing.stdout, missing.stderr]) {
      assert.doesNotMatch(output.replace(/\n/g, ''), /[\p{Cc}\p{Cf}]/u, 'a raw control or format character was printed');
    }
    const unknownOption = await check(stray, '--\u202efix', 'del.wit');
    assert.ok(unknownOption.stderr.startsWith('wit-ls check: unknown option --\\u{202e}fix\n'), unknownOption.stderr);
  });

  it('as a real process: version, check --help, and a missing path', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    assert.deepEqual(spawnCheck(dir, '-V'), { status: 0, stdout: `${manifest.version}\n`, stderr: '' });
    const help = spawnCheck(dir, 'check', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /wit-ls check \[options\] PATH\.\.\./);
    assert.equal(help.stderr, '');
    assert.deepEqual(spawnCheck(dir, 'check', 'missing.wit'), {
      status: 2,
      stdout: '',
      stderr: 'wit-ls: cannot read missing.wit: ENOENT: no such file or directory\n',
    });
  });

  it('as a real process, never loads the language server: its libraries would cost every run their start-up', () => {
    // Records each module the bundle requires (Node's built-ins included) and prints them at exit.
    const recorder = path.join(tempFolder({}), 'record-requires.cjs');
    fs.writeFileSync(
      recorder,
      `const Module = require('node:module');
const required = new Set();
const original = Module.prototype.require;
Module.prototype.require = function (id) { required.add(id); return original.apply(this, arguments); };
process.on('exit', () => process.stderr.write([...required].join('\\n')));
`,
    );
    const requiredBy = (...args: string[]): string[] => {
      const run = spawnSync(process.execPath, ['--require', recorder, SERVER_BUNDLE, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.stdout.trimEnd().split('\n').pop(), '1 file checked: no problems', run.stderr);
      return run.stderr.split('\n');
    };
    const checkRequires = requiredBy('check', '--', '-dash.wit');
    assert.ok(checkRequires.includes('fs'), `the recorder hears the bundle's requires: ${checkRequires.join(', ')}`);
    // vscode-jsonrpc, bundled with the server, is what requires these.
    for (const serverOnly of ['child_process', 'crypto']) assert.ok(!checkRequires.includes(serverOnly), `check required ${serverOnly}`);
  });

  it('collects .wit files by entry type, following links to files and folders, and enters a folder named *.wit', () => {
    const root = tempFolder({ 'a.wit': CLEAN, 'notes.txt': 'not WIT', 'folder.wit/inner.wit': CLEAN, 'real/b.wit': CLEAN, 'elsewhere/c.wit': CLEAN });
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'linked-folder'));
    fs.symlinkSync(path.join(root, 'elsewhere', 'c.wit'), path.join(root, 'linked.wit'));
    fs.symlinkSync(path.join(root, 'nowhere.wit'), path.join(root, 'dangling.wit'));
    const found: string[] = [];
    const skipped: string[] = [];
    collectWitFiles(root, found, (where, why) => skipped.push(`${path.relative(root, where)}: ${why}`));
    assert.deepEqual(
      found.map((f) => path.relative(root, f)),
      // real/ is linked-folder/ entered again by its real path: not listed twice.
      ['a.wit', path.join('elsewhere', 'c.wit'), path.join('folder.wit', 'inner.wit'), path.join('linked-folder', 'b.wit'), 'linked.wit'],
    );
    assert.deepEqual(skipped, ['dangling.wit: a symbolic link to nothing; skipped']);
  });

  it('takes every argument after -- as a path', async () => {
    const run = await check(dir, '--', '-dash.wit');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '1 file checked: no problems\n');
  });
});
