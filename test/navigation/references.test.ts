import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referencesAt } from '../../server/src/analysis/navigation/references';
import { describeSpan, fixture, markedSpans } from './workspace-fixture';

describe('find references', () => {
  it('finds uses across files and through `use` aliases, with the declaration when asked', async () => {
    const f = await fixture({
      'pkg/types.wit': `package a:b;
interface types {
  resource «stream-out»;
  f: func(s: borrow<«stream-out»>) -> «stream-out»;
}`,
      'pkg/api.wit': `package a:b;
interface api {
  use types.{«stream-out», «stream-out» as «out»};
  g: func(s: «stream-out», t: «o‸ut»);
}`,
    });
    const found = referencesAt(f.workspace, f.uri, f.offset, true).map((l) => describeSpan(f, l.uri, l.span));
    assert.deepEqual(found, markedSpans(f));
    const withoutDeclarations = referencesAt(f.workspace, f.uri, f.offset, false).map((l) => describeSpan(f, l.uri, l.span));
    const declaration = markedSpans(f).find((s) => s.startsWith('pkg/types.wit:stream-out@'))!;
    assert.ok(!withoutDeclarations.includes(declaration), withoutDeclarations.join('\n'));
  });

  it("finds an include's renamed item through `a as b`, and the includes that name `b`", async () => {
    const f = await fixture({
      'pkg/a.wit': `package a:b;
world base { import «clock»: func(); }
world middle { include base with { «clock» as «timer» } }
world top { include middle with { «ti‸mer» as «ticker» } }`,
    });
    const found = referencesAt(f.workspace, f.uri, f.offset, true).map((l) => describeSpan(f, l.uri, l.span));
    assert.deepEqual(found, markedSpans(f));
  });

  it('keeps two types of one name in different interfaces apart', async () => {
    const f = await fixture({
      'pkg/a.wit': `package a:b;
interface one { type «id» = u32; f: func(x: «i‸d»); }
interface two { type id = string; g: func(x: id); }`,
    });
    const found = referencesAt(f.workspace, f.uri, f.offset, true).map((l) => describeSpan(f, l.uri, l.span));
    assert.deepEqual(found, markedSpans(f));
  });

  it('finds a dependency interface named from several packages', async () => {
    const f = await fixture({
      'pkg/world.wit': `package a:app;
world w { import wasi:io/«streams»@0.2.0; }
interface x { use wasi:io/«streams»@0.2.0.{input-stream}; }`,
      'pkg/deps/io/streams.wit': `package wasi:io@0.2.0;
interface «stre‸ams» { resource input-stream; }`,
    });
    const found = referencesAt(f.workspace, f.uri, f.offset, true).map((l) => describeSpan(f, l.uri, l.span));
    assert.deepEqual(found, markedSpans(f));
  });
});
