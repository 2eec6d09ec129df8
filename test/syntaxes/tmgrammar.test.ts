// Runs the TextMate grammar's tests (syntaxes/wit.tmLanguage.json, as VS Code uses it):
// scope assertions in test/syntaxes/assertions and snapshots in test/syntaxes/snapshots.
// `npm run test:syntax` runs the same; `vscode-tmgrammar-snap -u` rewrites the snapshots.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/parser';

const RUNNERS = path.join(ROOT, 'node_modules/vscode-tmgrammar-test/dist');

/** Runs one of vscode-tmgrammar-test's commands from the repository root (it reads package.json there). */
function runTmGrammarTest(runner: 'unit.js' | 'snapshot.js', testCases: string): void {
  const run = spawnSync(process.execPath, [path.join(RUNNERS, runner), testCases], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `${runner} ${testCases} failed:\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /successful/, `${runner} ran no test case for ${testCases}:\n${run.stdout}`);
}

describe('TextMate grammar (syntaxes/wit.tmLanguage.json)', () => {
  it('gives the asserted scopes', () => {
    runTmGrammarTest('unit.js', 'test/syntaxes/assertions/*.wit');
  });

  it('matches the snapshots', () => {
    runTmGrammarTest('snapshot.js', 'test/syntaxes/snapshots/*.wit');
  });
});
