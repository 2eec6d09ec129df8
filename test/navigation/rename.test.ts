import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkspace } from '../../server/src/analysis/model';
import { prepareRename, renameAt, spelling } from '../../server/src/analysis/navigation/rename';
import { syntaxErrors } from '../../server/src/analysis/syntax-errors';
import { applyEdits } from '../../server/src/analysis/text';
import { witParser } from '../helpers/parser';
import { referenceError } from '../helpers/reference';
import { fixture, type Fixture } from './workspace-fixture';

/** Renames at the cursor, applies the edits, and checks the result is still valid WIT. */
async function renamed(f: Fixture, newName: string): Promise<Map<string, string>> {
  const result = renameAt(f.workspace, f.uri, f.offset, newName);
  if ('error' in result) assert.fail(result.error);
  const texts = new Map(f.texts);
  for (const [uri, edits] of result.changes) texts.set(uri, applyEdits(texts.get(uri)!, edits));
  const after = createWorkspace(await witParser());
  for (const [uri, text] of texts) after.setText(uri, text);
  for (const uri of texts.keys()) {
    const document = after.document(uri)!;
    const errors = [...syntaxErrors(document), ...after.diagnostics(uri)].map((d) => d.message);
    assert.deepEqual(errors, [], `${uri} after the rename:\n${texts.get(uri)}`);
  }
  return texts;
}

describe('rename', () => {
  it('renames a type, its uses and plain `use`s across files, keeping aliases', async () => {
    const f = await fixture({
      'pkg/types.wit': `package a:b;
interface types {
  resource descriptor;
  f: func(d: borrow<descriptor>) -> descriptor;
}`,
      'pkg/api.wit': `package a:b;
interface api {
  use types.{descriptor, descriptor as fd};
  g: func(a: descr‸iptor, b: fd);
}`,
    });
    const texts = await renamed(f, 'file');
    assert.equal(
      texts.get('file:///ws/pkg/types.wit'),
      `package a:b;
interface types {
  resource file;
  f: func(d: borrow<file>) -> file;
}`,
    );
    assert.equal(
      texts.get('file:///ws/pkg/api.wit'),
      `package a:b;
interface api {
  use types.{file, file as fd};
  g: func(a: file, b: fd);
}`,
    );
  });

  it("renames an include's new name `b` of `with { a as b }` and the includes that name it, not `a`", async () => {
    const f = await fixture({
      'pkg/a.wit': `package a:b;
world base { import clock: func(); }
world middle { include base with { clock as ‸timer } }
world top { include middle with { timer as ticker } }`,
    });
    const texts = await renamed(f, 'watch');
    assert.equal(
      texts.get(f.uri),
      `package a:b;
world base { import clock: func(); }
world middle { include base with { clock as watch } }
world top { include middle with { watch as ticker } }`,
    );
  });

  it("refuses a new name for an include's `b` that the included world already brings in", async () => {
    const f = await fixture({
      'pkg/a.wit': `package a:b;
world base { import clock: func(); import other: func(); }
world top { include base with { clock as ‸timer } }`,
    });
    const result = renameAt(f.workspace, f.uri, f.offset, 'other');
    assert.ok('error' in result && result.error.includes('`other` is already declared in world `base`'), JSON.stringify(result));
  });

  it('renames an import together with the `a` of includes that rename it', async () => {
    const f = await fixture({
      'pkg/a.wit': `package a:b;
world base { import ‸clock: func(); }
world top { include base with { clock as timer } }`,
    });
    const texts = await renamed(f, 'watch');
    assert.equal(
      texts.get(f.uri),
      `package a:b;
world base { import watch: func(); }
world top { include base with { watch as timer } }`,
    );
  });

  it('renames an alias without touching the original', async () => {
    const f = await fixture({
      'pkg/a.wit': `package a:b;
interface t { type x = u8; }
interface i {
  use t.{x as y};
  f: func(a: ‸y);
}`,
    });
    const texts = await renamed(f, 'z');
    assert.equal(
      texts.get(f.uri),
      `package a:b;
interface t { type x = u8; }
interface i {
  use t.{x as z};
  f: func(a: z);
}`,
    );
  });

  it('refuses to rename a declaration in deps/, or a name whose rename would edit deps/', async () => {
    const f = await fixture({
      'pkg/world.wit': `package a:app;
world w { import wasi:io/streams@0.2.0; }`,
      'pkg/deps/io/streams.wit': `package wasi:io@0.2.0;
interface stre‸ams { resource input-stream; }`,
    });
    const message = '`streams` would change `deps/io/streams.wit`, a vendored dependency: rename does not edit files in ' +
      '`deps/`. Rename it in the package that owns it, then update the copy in `deps/`.';
    assert.deepEqual(prepareRename(f.workspace, f.uri, f.offset), { error: message });
    assert.deepEqual(renameAt(f.workspace, f.uri, f.offset, 'pipes'), { error: message });
    // From the use in the project, the target is still the dependency's interface.
    const world = f.texts.get('file:///ws/pkg/world.wit')!;
    const offset = world.indexOf('streams@');
    assert.deepEqual(renameAt(f.workspace, 'file:///ws/pkg/world.wit', offset, 'pipes'), { error: message });
  });

  it('escapes a new name that is a keyword with `%`, and the result is valid for wit-parser', async () => {
    const f = await fixture({
      'pkg/a.wit': `package a:b;
interface i {
  record r { ‸kind: u8 }
  enum e { a }
  f: func(x: e) -> r;
}`,
    });
    const texts = await renamed(f, 'type');
    const text = texts.get(f.uri)!;
    assert.match(text, /record r \{ %type: u8 \}/);
    assert.equal(await referenceError(text), null);
  });

  it('renames to a built-in type name as `%string`, which wit-parser reads as a name of its own', async () => {
    const f = await fixture({
      'pkg/a.wit': `package a:b;
interface i {
  record ‸text { s: string }
  f: func(x: text) -> string;
}`,
    });
    const text = (await renamed(f, 'string')).get(f.uri)!;
    assert.match(text, /record %string \{ s: string \}/);
    assert.match(text, /f: func\(x: %string\) -> string;/, 'the use is renamed; the built-in type stays');
    assert.equal(await referenceError(text), null);
  });

  it('prepares with the name under the cursor, without its `%`', async () => {
    const f = await fixture({ 'pkg/a.wit': `package a:b;\ninterface i { %res‸ult: func(); }` });
    const prepared = prepareRename(f.workspace, f.uri, f.offset);
    assert.ok(!('error' in prepared));
    assert.equal(f.texts.get(f.uri)!.slice(prepared.span.start, prepared.span.end), 'result');
    assert.equal(prepared.placeholder, 'result');
  });

  it('refuses keywords, invalid names and clashes with a clear message', async () => {
    const onKeyword = await fixture({ 'pkg/a.wit': `package a:b;\ninterface i { f: fu‸nc(); }` });
    assert.deepEqual(prepareRename(onKeyword.workspace, onKeyword.uri, onKeyword.offset), {
      error: '`func` is a keyword and cannot be renamed.',
    });
    const onBuiltin = await fixture({ 'pkg/a.wit': `package a:b;\ninterface i { f: func(x: u3‸2); }` });
    assert.deepEqual(prepareRename(onBuiltin.workspace, onBuiltin.uri, onBuiltin.offset), {
      error: '`u32` is a built-in type and cannot be renamed.',
    });
    const unresolved = await fixture({ 'pkg/a.wit': `package a:b;\ninterface i { f: func(x: miss‸ing); }` });
    assert.deepEqual(prepareRename(unresolved.workspace, unresolved.uri, unresolved.offset), {
      error: '`missing` does not resolve to a declaration, so there is nothing to rename.',
    });
    const f = await fixture({ 'pkg/a.wit': `package a:b;\ninterface i { type ‸a = u8; type b = u8; }` });
    for (const bad of ['Foo_bar', 'a--b', '1st', 'garçon', 'a-']) {
      const result = renameAt(f.workspace, f.uri, f.offset, bad);
      assert.ok('error' in result && result.error.includes('is not a valid WIT name'), `${bad}: ${JSON.stringify(result)}`);
    }
    const clash = renameAt(f.workspace, f.uri, f.offset, 'b');
    assert.deepEqual(clash, { error: '`b` is already declared in interface `i`.' });
    const throughUse = await fixture({
      'pkg/a.wit': `package a:b;
interface t { type ‸x = u8; }
interface i { use t.{x}; type y = u8; }`,
    });
    assert.deepEqual(renameAt(throughUse.workspace, throughUse.uri, throughUse.offset, 'y'), {
      error: '`y` is already declared in interface `i`.',
    });
  });

  it('spells names: `%` only where needed, upper-case words allowed', () => {
    assert.deepEqual(spelling('%stream'), { name: 'stream', text: '%stream' });
    assert.deepEqual(spelling('stream'), { name: 'stream', text: '%stream' });
    assert.deepEqual(spelling('%plain'), { name: 'plain', text: 'plain' });
    assert.deepEqual(spelling('HTTP-error2'), { name: 'HTTP-error2', text: 'HTTP-error2' });
    assert.ok('error' in spelling(''));
  });
});
