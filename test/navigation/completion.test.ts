import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionsAt } from '../../server/src/analysis/navigation/completion';
import { fixture } from './workspace-fixture';

/** Labels offered at the cursor of a one-file package (plus any extra files). */
async function labels(source: string, extra: Record<string, string> = {}): Promise<string[]> {
  const f = await fixture({ 'pkg/a.wit': source, ...extra });
  return completionsAt(f.workspace, f.uri, f.offset)?.entries.map((e) => e.label) ?? [];
}

describe('completion', () => {
  describe('keywords valid where the cursor is', () => {
    it('at the start of a file, then at the top level', async () => {
      assert.deepEqual(await labels('‸'), ['package', 'interface', 'world', 'use']);
      assert.deepEqual(await labels('package a:b;\n‸'), ['interface', 'world', 'use', 'package']);
    });

    it('in an interface, a world and a resource, also while the rest does not parse', async () => {
      assert.deepEqual(await labels('package a:b;\ninterface i {\n  ‸\n}'), ['use', 'type', 'record', 'variant', 'enum', 'flags', 'resource']);
      assert.deepEqual(await labels('package a:b;\nworld w {\n  imp‸'), [
        'import', 'export', 'use', 'include', 'type', 'record', 'variant', 'enum', 'flags', 'resource',
      ]);
      assert.deepEqual(await labels('package a:b;\ninterface i { resource r { ‸ } }'), ['constructor']);
      assert.deepEqual(await labels('package a:b;\ninterface i { record r { ‸ } }'), []);
    });

    it('after an attribute, and attributes after `@`', async () => {
      assert.deepEqual(await labels('package a:b;\ninterface i { @since(version = 1.0.0) ‸ }'), [
        'use', 'type', 'record', 'variant', 'enum', 'flags', 'resource',
      ]);
      assert.deepEqual(await labels('package a:b;\ninterface i { @‸ }'), ['since', 'unstable', 'deprecated', 'external-id']);
    });

    it("the package's version in `@since(version = `", async () => {
      assert.deepEqual(await labels('package a:b@0.3.0;\ninterface i { @since(version = ‸) f: func(); }'), ['0.3.0']);
      assert.deepEqual(await labels('package a:b;\ninterface i { @deprecated(version = ‸) f: func(); }'), []);
      const f = await fixture({ 'pkg/a.wit': 'package a:b@0.3.0;\ninterface i { @since(version = 0.3‸) f: func(); }' });
      const result = completionsAt(f.workspace, f.uri, f.offset)!;
      assert.equal(f.texts.get(f.uri)!.slice(result.span.start, result.span.end), '0.3');
    });

    it('the function type after `name:`', async () => {
      assert.deepEqual(await labels('package a:b;\ninterface i { f: ‸ }'), ['async', 'func']);
      assert.deepEqual(await labels('package a:b;\ninterface i { resource r { f: ‸ } }'), ['static', 'async', 'func']);
      assert.deepEqual(await labels('package a:b;\ninterface i { resource r { f: static ‸ } }'), ['async', 'func']);
      assert.deepEqual(await labels('package a:b;\ninterface i { f: async ‸ }'), ['func']);
      assert.deepEqual(await labels('package a:b;\nworld w { export run: async ‸ }'), ['func']);
    });

    it('after many complete items, and after a broken one', async () => {
      const items = Array.from({ length: 50 }, (_, i) => `interface i${i} { f: func(); }`).join('\n');
      assert.deepEqual(await labels(`package a:b;\n${items}\nworld w {\n  ‸\n}`), [
        'import', 'export', 'use', 'include', 'type', 'record', 'variant', 'enum', 'flags', 'resource',
      ]);
      assert.deepEqual(await labels(`package a:b;\n${items}\ninterface broken {\n  f: func(\n}\nworld w {\n  ‸\n}`), [
        'import', 'export', 'use', 'include', 'type', 'record', 'variant', 'enum', 'flags', 'resource',
      ]);
    });

    it('nothing inside comments and strings', async () => {
      assert.deepEqual(await labels('package a:b;\n// interface ‸'), []);
      assert.deepEqual(await labels('package a:b;\n/* ‸ */'), []);
      assert.deepEqual(await labels('package a:b;\ninterface i { @external-id("‸") f: func(); }'), []);
    });
  });

  describe('types in scope', () => {
    it('offers local and `use`d types and the built-ins in a type position, with docs', async () => {
      const f = await fixture({
        'pkg/a.wit': `package a:b;
interface t {
  /// A point.
  record point { x: u32 }
}
interface i {
  use t.{point as p};
  resource handle;
  f: func(x: ‸
}`,
      });
      const result = completionsAt(f.workspace, f.uri, f.offset)!;
      const byLabel = new Map(result.entries.map((e) => [e.label, e]));
      for (const label of ['p', 'handle', 'u32', 'string', 'list', 'stream', 'error-context']) assert.ok(byLabel.has(label), label);
      assert.ok(!byLabel.has('point'), 'the original name is not in scope, only its alias');
      assert.equal(byLabel.get('p')!.category, 'record');
      assert.equal(byLabel.get('p')!.documentation, 'A point.');
      assert.equal(byLabel.get('handle')!.category, 'resource');
      assert.match(byLabel.get('stream')!.documentation!, /readable end/);
    });

    it('escapes a type named like a keyword', async () => {
      const f = await fixture({ 'pkg/a.wit': 'package a:b;\ninterface i { record %stream { x: u8 } f: func(x: ‸); }' });
      const entry = completionsAt(f.workspace, f.uri, f.offset)!.entries.find((e) => e.category === 'record');
      assert.deepEqual([entry?.label, entry?.insertText], ['stream', '%stream']);
    });

    it('offers only resources inside `borrow<`', async () => {
      const found = await labels(`package a:b;
interface i { record r { x: u8 } resource res; f: func(x: borrow<‸>); }`);
      assert.deepEqual(found, ['res']);
    });
  });

  describe('types in scope while the enclosing item does not parse', () => {
    it('offers the resources of an unclosed interface inside `borrow<`, `use`d ones from other packages too', async () => {
      const found = await labels(
        `package a:b;
interface other { resource handle; type id = u32; }
interface i {
  resource res;
  record point { x: u8 }
  use other.{handle, id};
  use wasi:io/streams@0.2.0.{input-stream as input};
  f: func(x: borrow<‸`,
        { 'pkg/deps/io/streams.wit': 'package wasi:io@0.2.0;\ninterface streams { resource input-stream; }' },
      );
      assert.deepEqual(found, ['res', 'handle', 'input']);
    });

    it("offers an unclosed world's types, not those of an interface closed before it", async () => {
      const found = await labels(`package a:b;
interface done { type gone = u8; }
world w {
  type size = u64;
  import f: func(x: ‸`);
      assert.ok(found.includes('size'), found.join(', '));
      assert.ok(!found.includes('gone'), found.join(', '));
    });
  });

  describe('paths', () => {
    it('offers local interfaces and dependency interfaces after `use`', async () => {
      const found = await labels(
        `package a:b;
interface types { type x = u8; }
interface api { use ‸ }`,
        { 'pkg/deps/io/streams.wit': 'package wasi:io@0.2.0;\ninterface streams { resource input-stream; }\nworld w {}' },
      );
      assert.ok(found.includes('types'), found.join(', '));
      assert.ok(found.includes('wasi:io/streams@0.2.0'), found.join(', '));
      assert.ok(!found.includes('wasi:io/w@0.2.0'), 'worlds are not used');
    });

    it('replaces the whole partly typed path', async () => {
      const f = await fixture({
        'pkg/a.wit': 'package a:b;\nworld w { import wasi:io/st‸ }',
        'pkg/deps/io/streams.wit': 'package wasi:io@0.2.0;\ninterface streams {}',
      });
      const result = completionsAt(f.workspace, f.uri, f.offset)!;
      assert.equal(f.texts.get(f.uri)!.slice(result.span.start, result.span.end), 'wasi:io/st');
      assert.ok(result.entries.some((e) => e.label === 'wasi:io/streams@0.2.0'));
    });

    it('offers the names an interface declares after `use x.{`, minus those listed', async () => {
      const found = await labels(`package a:b;
interface types { type a = u8; record b { x: u8 } f: func(); }
interface api { use types.{a, ‸ }`);
      assert.deepEqual(found, ['b']);
    });

    it('offers the plain-named imports and exports of the world after `include w with {`', async () => {
      const found = await labels(`package a:b;
interface i {}
world base { import log: func(); export run: func(); import i; import host: interface {} }
world w { include base with { log as print, ‸ } }`);
      assert.deepEqual(found, ['run', 'host']);
    });

    it('resolves an included world by its versioned path', async () => {
      const found = await labels(`package a:b;
world w { include c:d/base@1.0.0 with { ‸ } }`, {
        'pkg/deps/d/base.wit': 'package c:d@1.0.0;\nworld base { import log: func(); }',
      });
      assert.deepEqual(found, ['log']);
    });

    it('offers worlds after `include`', async () => {
      const found = await labels(`package a:b;
interface i {}
world base {}
world w { include ‸ }`);
      assert.deepEqual(found, ['base', 'w']);
    });
  });
});
