import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { vscodeFileUri } from '../../server/src/lsp/uri-spelling';

describe('vscodeFileUri', () => {
  it('spells a path as VS Code sends it: `@`, `+`, `,`, `!`, spaces and non-ASCII percent-encoded', () => {
    // As vscode-uri's URI.file(path).toString() prints them.
    assert.equal(vscodeFileUri('/tmp/WASI@v0.3.0-rc/wit'), 'file:///tmp/WASI%40v0.3.0-rc/wit');
    assert.equal(vscodeFileUri('/a b/c+d,e!(x)*\'y/ü~_.wit'), 'file:///a%20b/c%2Bd%2Ce%21%28x%29%2A%27y/%C3%BC~_.wit');
  });

  it('names the same file', () => {
    for (const file of ['/tmp/WASI@v0.3.0/a b/c+d,e!(x).wit', '/x/%41/#/?.wit']) assert.equal(fileURLToPath(vscodeFileUri(file)), file);
  });
});
