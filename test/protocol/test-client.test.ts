import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/parser';

/**
 * The test client must let its process end once a test is over, even when the server died
 * in the middle of a message: a leaked handle would hang the test run instead of failing it.
 */
describe('the test client', () => {
  it('leaves nothing running after a server dies between the header and the body of a message', () => {
    const script = `
      const { PassThrough } = require('node:stream');
      const { StreamMessageReader } = require('vscode-languageserver/node');
      const { withoutPartialTimer } = require('./test/helpers/lsp-client');
      const stdout = new PassThrough();
      const reader = withoutPartialTimer(new StreamMessageReader(stdout));
      reader.listen(() => {});
      stdout.write('Content-Length: 100\\r\\n\\r\\n{"jsonrpc":');
      setImmediate(() => { reader.dispose(); stdout.destroy(); });
    `;
    // Without the fix the process never ends; 60 s is only there so a regression fails.
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.error, undefined, 'the process was still running after 60 s');
    assert.equal(run.status, 0, run.stderr);
  });
});
