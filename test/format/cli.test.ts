// `wit-ls fmt`, run as users run it: the bundled CLI on real files, standard input and bad paths.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SERVER_BUNDLE } from '../helpers/lsp-client';

const MESSY = 'package a:messy;\ninterface i {\n    f: func(s: stream<u8>)->future<result>;   // why\n}\n';
const TIDY = 'package a:messy;\n\ninterface i {\n  f: func(s: stream<u8>) -> future<result>; // why\n}\n';
const BROKEN = 'package a:broken;\n\ninterface i {\n  f: func(\n}\n';

function fmt(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [SERVER_BUNDLE, 'fmt', ...args], { encoding: 'utf8', input });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('wit-ls fmt', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-fmt-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  it('--check changes nothing, lists the files that would change and exits 1', () => {
    const messy = write('check/messy.wit', MESSY);
    write('check/tidy.wit', TIDY);
    const run = fmt(['--check', path.join(dir, 'check')]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, `${messy}\n`);
    assert.match(run.stderr, /1 of 2 files not formatted/);
    assert.equal(fs.readFileSync(messy, 'utf8'), MESSY);
  });

  it('--check exits 0 when every file is formatted', () => {
    const tidy = write('clean/tidy.wit', TIDY);
    assert.equal(fmt(['--check', tidy]).status, 0);
  });

  it('rewrites files in place, keeping their mode, and leaves no temporary file', () => {
    const messy = write('write/messy.wit', MESSY);
    fs.chmodSync(messy, 0o640);
    const run = fmt([path.join(dir, 'write')]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(fs.readFileSync(messy, 'utf8'), TIDY);
    assert.equal(fs.statSync(messy).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'write')), ['messy.wit']);
  });

  it('leaves a file with a syntax error alone, says why on stderr and exits 1', () => {
    const broken = write('broken/broken.wit', BROKEN);
    const messy = write('broken/messy.wit', MESSY);
    const run = fmt([path.join(dir, 'broken')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /not formatting .*broken\.wit: the file has a syntax error at line 4/);
    assert.equal(fs.readFileSync(broken, 'utf8'), BROKEN);
    assert.equal(fs.readFileSync(messy, 'utf8'), TIDY, 'the other files are still formatted');
  });

  it('formats standard input to standard output with -', () => {
    const run = fmt(['-'], MESSY);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, TIDY);
    const broken = fmt(['-'], BROKEN);
    assert.equal(broken.status, 1);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, /not formatting standard input: .*syntax error/);
  });

  it('exits 2 on a missing path or bad usage, and explains itself with --help', () => {
    const missing = fmt([path.join(dir, 'no-such-file.wit')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*no-such-file\.wit/);
    assert.equal(fmt([]).status, 2);
    assert.equal(fmt(['--bogus', 'x.wit']).status, 2);
    // Control and invisible characters in what is echoed back are shown escaped.
    const odd = fmt(['--b\x1b[31m', path.join(dir, 'gone\u200b.wit')]);
    assert.match(odd.stderr, /unknown option --b\\u\{1b\}\[31m/);
    const oddPath = fmt([path.join(dir, 'gone\u200b.wit')]);
    assert.match(oddPath.stderr, /gone\\u\{200b\}\.wit/);
    for (const output of [odd.stderr, oddPath.stderr]) assert.doesNotMatch(output.replace(/\n/g, ''), /[\p{Cc}\p{Cf}]/u);
    const help = fmt(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /wit-ls fmt --check PATH/);
  });
});
