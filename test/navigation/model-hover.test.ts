import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt } from '../../server/src/analysis/hover';
import { documentOf } from '../helpers/parser';
import { fixture, type Fixture } from './workspace-fixture';

/** The hover at the fixture's cursor, as the server asks for it: through the model's resolver. */
function hover(f: Fixture) {
  return hoverAt(f.workspace.document(f.uri)!, f.offset, [], f.workspace.typeResolver(f.uri));
}

describe('hover through the model', () => {
  it('shows a type `use`d from another file under an alias, with its docs', async () => {
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
    const found = hover(f);
    assert.deepEqual(found?.span, f.ranges.get(f.uri)![0]);
    assert.equal(found?.markdown, '```wit\nenum error-code { io, busy }\n```\n\n---\n\nWhy it failed.');
  });

  it('follows a chain of `use`s through a third file to the typedef', async () => {
    const f = await fixture({
      'pkg/types.wit': 'package a:b;\ninterface types { record point { x: u32 } }',
      'pkg/middle.wit': 'package a:b;\ninterface middle { use types.{point}; }',
      'pkg/api.wit': 'package a:b;\ninterface api {\n  use middle.{point as «sp‸ot»};\n}',
    });
    assert.equal(hover(f)?.markdown, '```wit\nrecord point { x: u32 }\n```');
  });

  it('shows a type of another package in deps/ that a `use` brings in', async () => {
    const f = await fixture({
      'pkg/api.wit': `package a:app;
interface api {
  use wasi:io/streams@0.2.0.{output-stream as out};
  write: func(s: borrow<«o‸ut»>);
}`,
      'pkg/deps/io/streams.wit': `package wasi:io@0.2.0;
interface streams {
  /// Bytes out.
  resource output-stream;
}`,
    });
    const found = hover(f);
    assert.deepEqual(found?.span, f.ranges.get(f.uri)![0]);
    assert.equal(found?.markdown, '```wit\nresource output-stream;\n```\n\n---\n\nBytes out.');
  });

  it('shows an interface of a dependency named by its path', async () => {
    const f = await fixture({
      'pkg/world.wit': `package a:app;
world w { import wasi:io/«po‸ll»@0.2.0; }`,
      'pkg/deps/io/poll.wit': `package wasi:io@0.2.0;
/// Waiting for events.
interface poll { resource pollable; }`,
    });
    const found = hover(f);
    assert.deepEqual(found?.span, f.ranges.get(f.uri)![0]);
    assert.match(found!.markdown, /^```wit\ninterface poll \{ resource pollable; \}\n```\n\n---\n\nWaiting for events\.$/);
  });

  it('is null on a name that resolves nowhere', async () => {
    const f = await fixture({ 'pkg/a.wit': 'package a:b;\ninterface i { f: func(x: nope‸); }' });
    assert.equal(hover(f), null);
  });

  it('answers from the file alone for a tree the model does not hold', async () => {
    const f = await fixture({
      'pkg/types.wit': 'package a:b;\ninterface types { flags perms { read } }',
      'pkg/api.wit': 'package a:b;\ninterface api {\n  use types.{perms};\n  type mine = u8;\n  f: func(p: perms, m: mi‸ne);\n}',
    });
    // As an oversized document: the editor's tree is not the one the model copied.
    const alone = await documentOf(f.texts.get(f.uri)!);
    const resolver = f.workspace.typeResolver(f.uri);
    assert.equal(hoverAt(alone, f.offset, [], resolver)?.markdown, '```wit\ntype mine = u8;\n```');
    const onPerms = f.texts.get(f.uri)!.indexOf('p: perms') + 4;
    assert.equal(hoverAt(alone, onPerms, [], resolver), null, 'the file alone cannot see another file');
    assert.match(hoverAt(f.workspace.document(f.uri)!, onPerms, [], resolver)!.markdown, /flags perms/);
  });
});
