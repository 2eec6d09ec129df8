import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolvedNameHover } from '../../server/src/analysis/navigation/name-hover';
import { fixture } from './workspace-fixture';

describe('hover of resolved names', () => {
  it('shows a type `use`d from another file with its docs', async () => {
    const f = await fixture({
      'pkg/types.wit': `package a:b;
interface types {
  /// Why it failed.
  enum error-code { io, busy }
}`,
      'pkg/api.wit': `package a:b;
interface api {
  use types.{error-code as failure};
  f: func() -> result<_, «fail‸ure»>;
}`,
    });
    const hover = resolvedNameHover(f.workspace, f.uri, f.offset);
    assert.deepEqual(hover?.span, f.ranges.get(f.uri)![0]);
    assert.equal(hover?.markdown, '```wit\nenum error-code { io, busy }\n```\n\n---\n\nWhy it failed.');
  });

  it('shows an interface of a dependency named by its path', async () => {
    const f = await fixture({
      'pkg/world.wit': `package a:app;
world w { import wasi:io/«po‸ll»@0.2.0; }`,
      'pkg/deps/io/poll.wit': `package wasi:io@0.2.0;
/// Waiting for events.
interface poll { resource pollable; }`,
    });
    const hover = resolvedNameHover(f.workspace, f.uri, f.offset);
    assert.deepEqual(hover?.span, f.ranges.get(f.uri)![0]);
    assert.match(hover!.markdown, /^```wit\ninterface poll \{ resource pollable; \}\n```\n\n---\n\nWaiting for events\.$/);
  });

  it('is null off a resolved name', async () => {
    const f = await fixture({ 'pkg/a.wit': 'package a:b;\ninterface i { f: func(x: u‸32); }' });
    assert.equal(resolvedNameHover(f.workspace, f.uri, f.offset), null);
  });
});
