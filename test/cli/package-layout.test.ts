import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCheck } from '../../server/src/cli/check';
import { CORPUS, corpusMissing } from '../helpers/corpus';
import { witParser } from '../helpers/parser';

/** Which files `wit-ls check PATH` reads as one package, as wasm-tools' `push_path` does. */

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-layout-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function check(paths: string[], features: string[] = []): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = runCheck(await witParser(), { paths, format: 'text', fix: false, denyWarnings: false, features }, {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { status, lines };
}

// Two unrelated one-file packages side by side, as in a test suite.
const NEIGHBOURS = {
  'a.wit': 'package a:a;\ninterface i { type t = u8; }\n',
  'b.wit': 'package b:b;\ninterface i { type t = u16; }\n',
};

describe('which files form a package', () => {
  it('checks a file named alone as wit-parser checks a single file: its siblings are not its package', async () => {
    const dir = folder(NEIGHBOURS);
    const { status, lines } = await check([path.join(dir, 'a.wit')]);
    assert.deepEqual(lines, ['1 file checked: no problems']);
    assert.equal(status, 0);
  });

  it('still resolves a single file against the deps/ beside it', async () => {
    const dir = folder({
      'a.wit': 'package a:a;\ninterface i { use c:c/j.{t}; }\n',
      'b.wit': 'package b:b;\ninterface k {}\n',
      'deps/c/c.wit': 'package c:c;\ninterface j { type t = u8; }\n',
    });
    assert.deepEqual((await check([path.join(dir, 'a.wit')])).lines, ['1 file checked: no problems']);
  });

  it('reads a file alone even when a sibling would complete it: wit-parser does', async () => {
    const dir = folder({ 'a.wit': 'package a:a;\ninterface i { use j.{t}; }\n', 'b.wit': 'interface j { type t = u8; }\n' });
    const { status, lines } = await check([path.join(dir, 'a.wit')]);
    assert.equal(status, 1);
    assert.match(lines[0], /a\.wit:2:19: error\[unknown-name\]: interface or world `j` does not exist/);
  });

  it('reads a folder named explicitly as one package, and reports files naming others', async () => {
    const dir = folder(NEIGHBOURS);
    const { status, lines } = await check([dir]);
    assert.equal(status, 1);
    assert.ok(lines.some((l) => /b\.wit:1:9: error\[package-mismatch\]: package identifier `b:b` does not match previous package name of `a:a`/.test(l)), lines.join('\n'));
  });

  it('reads a folder met while walking (not named) as standalone files when they name different packages and do not refer to each other', async () => {
    const dir = folder(Object.fromEntries(Object.entries(NEIGHBOURS).map(([name, text]) => [`suite/${name}`, text])));
    assert.deepEqual((await check([dir])).lines, ['2 files checked: no problems']);
  });

  it('still reports a walked folder meant as one package whose files name different packages', async () => {
    const dir = folder({
      'pkg/a.wit': 'package a:a;\ninterface i { use j.{t}; }\n',
      'pkg/b.wit': 'package a:b;\ninterface j { type t = u8; }\n',
    });
    const { lines } = await check([dir]);
    assert.ok(lines.some((l) => /b\.wit:1:9: error\[package-mismatch\]/.test(l)), lines.join('\n'));
  });

  it('checks each valid file of wit-parser\'s UI suite clean where it sits, beside unrelated neighbours', { skip: corpusMissing }, async () => {
    const ui = path.join(CORPUS, 'wit-parser-ui');
    const files = fs.readdirSync(ui).filter((f) => f.endsWith('.wit')).sort();
    const dirty: string[] = [];
    for (const file of files) {
      const { status, lines } = await check([path.join(ui, file)], ['active']);
      if (status !== 0) dirty.push(`${file}: ${lines[0]}`);
    }
    assert.deepEqual(dirty, []);
  });
});
