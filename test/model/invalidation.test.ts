import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkspace } from '../../server/src/analysis/model';
import { witParser } from '../helpers/parser';

// `Workspace.onInvalidate` is what whole-workspace diagnostics re-check after a change: it
// must name every file whose diagnostics can change (or a closed file keeps a stale error),
// and leave out unrelated groups (or an edit costs the size of the workspace).

const ROOT = 'file:///w';
const FILES: Record<string, string> = {
  'pkg/types.wit': 'package test:pkg;\n\ninterface types {\n  record info {\n    name: string,\n  }\n}\n',
  'pkg/api.wit': 'interface api {\n  use types.{info};\n  get: func() -> info;\n}\n',
  'pkg/deps/dep/dep.wit': 'package test:dep;\n\ninterface d {\n  type t = u32;\n}\n',
  'consumer/c.wit': 'package test:consumer;\n\ninterface c {\n  use test:pkg/types.{info};\n}\n',
  'other/x.wit': 'package test:other;\n\ninterface o {\n  type t = u8;\n}\n',
  'seeker/s.wit': 'package test:seeker;\n\ninterface s {\n  use test:later/l.{t};\n}\n',
};

async function resolvedWorkspace() {
  const workspace = createWorkspace(await witParser());
  const uri = (file: string): string => `${ROOT}/${file}`;
  for (const [file, text] of Object.entries(FILES)) workspace.setText(uri(file), text);
  for (const file of Object.keys(FILES)) workspace.diagnostics(uri(file)); // resolve every group
  const announced = new Set<string>();
  workspace.onInvalidate((uris) => uris.forEach((u) => announced.add(u)));
  const relative = (): string[] => [...announced].map((u) => u.slice(ROOT.length + 1)).sort();
  return { workspace, uri, announced, relative };
}

describe('Workspace.onInvalidate', () => {
  it('names the changed group and the groups that resolved into it, not the others', async () => {
    const { workspace, uri, relative } = await resolvedWorkspace();
    workspace.setText(uri('pkg/types.wit'), FILES['pkg/types.wit'].replace('info', 'detail'));
    assert.deepEqual(relative(), ['consumer/c.wit', 'pkg/api.wit', 'pkg/deps/dep/dep.wit', 'pkg/types.wit']);
    assert.deepEqual(workspace.diagnostics(uri('consumer/c.wit')).map((d) => d.code), ['unknown-name']);
  });

  it('names a group that sought a package the change defines', async () => {
    const { workspace, uri, relative } = await resolvedWorkspace();
    assert.deepEqual(workspace.diagnostics(uri('seeker/s.wit')).map((d) => d.code), ['unknown-package']);
    workspace.setText(uri('later/l.wit'), 'package test:later;\n\ninterface l {\n  type t = u8;\n}\n');
    assert.ok(relative().includes('seeker/s.wit'), relative().join());
    assert.ok(!relative().includes('other/x.wit'), relative().join());
    assert.deepEqual(workspace.diagnostics(uri('seeker/s.wit')), []);
  });

  it('names a removed file, and every file when the features change', async () => {
    const { workspace, uri, relative, announced } = await resolvedWorkspace();
    workspace.removeFile(uri('other/x.wit'));
    assert.deepEqual(relative(), ['other/x.wit']);
    announced.clear();
    workspace.setFeatures(['some-feature']);
    assert.deepEqual(relative(), Object.keys(FILES).filter((f) => f !== 'other/x.wit').sort());
  });

  it('opening the files of one package announces each once until a query builds the group (was n x n / 2)', async () => {
    const workspace = createWorkspace(await witParser());
    let announced = 0;
    workspace.onInvalidate((uris) => (announced += uris.length));
    const uri = (i: number): string => `${ROOT}/many/f${i}.wit`;
    const text = (i: number): string => `package test:many;

interface i${i} {
  type t = u32;
}
`;
    for (let i = 0; i < 200; i++) workspace.setText(uri(i), text(i));
    assert.equal(announced, 200);
    // Built once, the group names all its files when a change drops it, as before.
    assert.deepEqual(workspace.diagnostics(uri(0)), []);
    announced = 0;
    workspace.setText(uri(200), text(200));
    assert.equal(announced, 1 + 201);
  });
});
