import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateLargeWit } from '../../bench/generate-wit';
import { SERVER_BUNDLE } from '../../bench/lsp-process';
import { analyze } from '../../server/src/analysis/analyze';
import { fixAllEdits } from '../../server/src/analysis/code-actions';
import { applyEdits } from '../../server/src/analysis/text';
import { documentOf } from '../helpers/parser';

/** A past mtime: a rewrite within the same second as the setup still shows. */
const OLD_TIME = new Date('2020-01-01T00:00:00Z');

interface Planted {
  file: string;
  original: string;
  /** What `--fix` makes of it; equal to `original` when nothing is fixable. */
  fixed: string;
}

/** What `wit-ls check --fix` should write: every rule fix of the file, applied at once. */
async function fixedText(text: string): Promise<string> {
  const document = await documentOf(text);
  try {
    return applyEdits(text, fixAllEdits(analyze(document)));
  } finally {
    document.dispose();
  }
}

/** `count` files in nested folders, alternately with and without something to fix. */
async function plant(dir: string, count: number): Promise<Planted[]> {
  const fixable = generateLargeWit(2_000);
  const fixableResult = await fixedText(fixable);
  const clean = fixableResult;
  assert.notEqual(fixableResult, fixable, 'the generated text has fixes');
  assert.equal(await fixedText(clean), clean, 'the fixed text has nothing left to fix');
  const planted: Planted[] = [];
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `group-${String(i % 7).padStart(2, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `file-${String(i).padStart(4, '0')}.wit`);
    const original = i % 2 === 0 ? fixable : clean;
    fs.writeFileSync(file, original);
    fs.utimesSync(file, OLD_TIME, OLD_TIME);
    planted.push({ file, original, fixed: i % 2 === 0 ? fixableResult : clean });
  }
  return planted;
}

function assertUntouched(p: Planted, why: string): void {
  assert.equal(fs.readFileSync(p.file, 'utf8'), p.original, `${p.file} changed ${why}`);
  assert.equal(fs.statSync(p.file).mtimeMs, OLD_TIME.getTime(), `${p.file} was rewritten ${why}`);
}

describe('wit-ls check --fix', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-fix-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fixes what it can and never rewrites a file without a fix, nor a file already fixed', async () => {
    const root = path.join(dir, 'complete');
    const planted = await plant(root, 12);
    const run = spawnSync(process.execPath, [SERVER_BUNDLE, 'check', '--fix', root], { encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    for (const p of planted) {
      if (p.fixed === p.original) assertUntouched(p, 'although it had no fix');
      else assert.equal(fs.readFileSync(p.file, 'utf8'), p.fixed, `${p.file} is not fully fixed`);
    }
    for (const p of planted) fs.utimesSync(p.file, OLD_TIME, OLD_TIME);
    spawnSync(process.execPath, [SERVER_BUNDLE, 'check', '--fix', root], { encoding: 'utf8' });
    for (const p of planted) assertUntouched({ ...p, original: p.fixed }, 'by a second --fix with nothing left to fix');
  });

  for (const fixedBeforeKill of [1, 8, 20]) {
    it(`leaves every file either as it was or fully fixed when killed after ${fixedBeforeKill} fixed file(s)`, async (t) => {
      const root = path.join(dir, `killed-${fixedBeforeKill}`);
      const planted = await plant(root, 120);
      // The order check --fix walks in: folders and files sorted by name.
      const watched = planted
        .filter((p) => p.fixed !== p.original)
        .sort((a, b) => a.file.localeCompare(b.file))[fixedBeforeKill - 1];
      const child = spawn(process.execPath, [SERVER_BUNDLE, 'check', '--fix', root], { stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (child.exitCode !== null || fs.readFileSync(watched.file, 'utf8') !== watched.original) {
            clearInterval(poll);
            child.kill('SIGKILL');
            resolve();
          }
        }, 1);
      });
      assert.equal(await exited, 'SIGKILL', 'check --fix finished before it could be killed');

      let fixed = 0;
      let original = 0;
      for (const p of planted) {
        const text = fs.readFileSync(p.file, 'utf8');
        if (text === p.fixed && p.fixed !== p.original) fixed++;
        else if (text === p.original) original++;
        else assert.fail(`${p.file} is neither the original nor the fixed text (${text.length} characters)`);
        if (p.fixed === p.original) assertUntouched(p, 'although it had no fix');
      }
      assert.ok(fixed >= fixedBeforeKill && original > planted.length / 2, `killed mid-run: ${fixed} fixed, ${original} untouched`);
      const leftovers = fs
        .readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((f) => !f.endsWith('.wit') && !/^group-\d+$/.test(f));
      t.diagnostic(`${fixed} fixed before the kill; temporary files left behind: ${leftovers.length ? leftovers.join(', ') : 'none'}`);
    });
  }
});
