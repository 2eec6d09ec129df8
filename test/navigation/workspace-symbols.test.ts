import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchScore, workspaceSymbols } from '../../server/src/analysis/navigation/workspace-symbols';
import { fixture } from './workspace-fixture';

describe('workspace symbols', () => {
  it('finds declarations in every file, best matches first, with their container', async () => {
    const f = await fixture({
      'pkg/types.wit': `package wasi:fs@0.3.0;
interface types {
  enum error-code { access }
  resource descriptor { read-error: func(); }
}`,
      'pkg/deps/io/error.wit': `package wasi:io@0.3.0;
interface error { resource error; }`,
    });
    const found = workspaceSymbols(f.workspace, 'error').map((s) => `${s.kind} ${s.name} in ${s.containerName}`);
    assert.deepEqual(found.slice(0, 2).sort(), ['interface error in wasi:io@0.3.0', 'resource error in wasi:io@0.3.0/error']);
    assert.deepEqual(found.slice(2), ['enum error-code in wasi:fs@0.3.0/types', 'method read-error in wasi:fs@0.3.0/types.descriptor']);
  });

  it('finds packages by their full name', async () => {
    const f = await fixture({ 'pkg/a.wit': 'package wasi:http@0.3.0;\ninterface types {}' });
    const found = workspaceSymbols(f.workspace, 'wasi:http').map((s) => `${s.kind} ${s.name}`);
    assert.deepEqual(found, ['package wasi:http@0.3.0']);
  });

  it('lists items behind a disabled @unstable feature too', async () => {
    const f = await fixture({
      'pkg/a.wit': 'package a:b@1.0.0;\ninterface i {\n  @unstable(feature = off)\n  gated: func();\n}',
    });
    assert.deepEqual(workspaceSymbols(f.workspace, 'gated').map((s) => s.name), ['gated']);
  });

  it('matches loosely: prefix, word initials, substring, scattered letters', () => {
    assert.equal(matchScore('error-code', 'errorcode'), 0);
    assert.equal(matchScore('error-code', 'err'), 1);
    assert.equal(matchScore('input-stream', 'is'), 2);
    assert.equal(matchScore('input-stream', 'stream'), 3);
    assert.equal(matchScore('input-stream', 'iptsm'), 4);
    assert.equal(matchScore('input-stream', 'xyz'), undefined);
  });
});
