import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definitionAt } from '../../server/src/analysis/navigation/definition';
import { describeSpan, fixture, markedSpans } from './workspace-fixture';

async function definitionsOf(files: Record<string, string>) {
  const f = await fixture(files);
  const links = definitionAt(f.workspace, f.uri, f.offset);
  return { f, found: links.map((l) => describeSpan(f, l.uri, l.nameSpan)), links };
}

describe('go to definition', () => {
  it('jumps from a type to its declaration in another file of the package', async () => {
    const { found, f, links } = await definitionsOf({
      'pkg/types.wit': `package a:b;
interface types { record «point» { x: u32 } }`,
      'pkg/api.wit': `package a:b;
interface api {
  use types.{point};
  f: func(p: poi‸nt);
}`,
    });
    assert.deepEqual(found, markedSpans(f));
    const text = f.texts.get(f.uri)!;
    assert.equal(text.slice(links[0].originSpan.start, links[0].originSpan.end), 'point');
  });

  it('follows a `use` alias to the original', async () => {
    const { found, f } = await definitionsOf({
      'pkg/a.wit': `package a:b;
interface types { enum «mode» { read } }
interface api {
  use types.{mode as access};
  f: func(m: acc‸ess);
}`,
    });
    assert.deepEqual(found, markedSpans(f));
  });

  it('goes to an interface of a dependency package from a foreign path', async () => {
    const { found, f } = await definitionsOf({
      'pkg/world.wit': `package a:app;
world w { import wasi:io/stre‸ams@0.2.0; }`,
      'pkg/deps/io/streams.wit': `package wasi:io@0.2.0;
interface «streams» { resource input-stream; }`,
    });
    assert.deepEqual(found, markedSpans(f));
  });

  it('goes to the package from its name or its version in a foreign path, and to the interface from its name', async () => {
    const toPackage = `package «wasi:io@0.2.0»;\ninterface streams { resource input-stream; }`;
    const toInterface = `package wasi:io@0.2.0;\ninterface «streams» { resource input-stream; }`;
    for (const [path, streams] of [
      ['wa‸si:io/streams@0.2.0', toPackage],
      ['wasi:io/streams@0.‸2.0', toPackage],
      ['wasi:io/‸streams@0.2.0', toInterface],
      ['wasi:io/streams‸@0.2.0', toInterface],
    ]) {
      const { found, f } = await definitionsOf({
        'pkg/world.wit': `package a:app;\nworld w { import ${path}; }`,
        'pkg/deps/io/streams.wit': streams,
      });
      assert.deepEqual(found, markedSpans(f), path);
    }
  });

  it("goes from an include's new name to the included world's item", async () => {
    for (const cursor of ['ti‸mer }', 'timer as tic‸ker']) {
      const text = `package a:b;
world base { export «clock»: func(); }
world middle { include base with { clock as timer } }
world top { include middle with { timer as ticker } }`;
      const at = text.indexOf(cursor.replace('‸', ''));
      const { found, f } = await definitionsOf({ 'pkg/a.wit': text.slice(0, at) + cursor + text.slice(at + cursor.length - 1) });
      assert.deepEqual(found, markedSpans(f), cursor);
    }
  });

  it('finds nothing on a keyword or a built-in type', async () => {
    const { found } = await definitionsOf({ 'pkg/a.wit': `package a:b;\ninterface i { f: func(x: u3‸2); }` });
    assert.deepEqual(found, []);
  });
});
