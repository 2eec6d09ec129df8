import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { descendantsOfType, fieldNode } from '../../server/src/analysis/syntax';
import { fileTypeResolver, findAsyncValue } from '../../server/src/analysis/types';
import { marked } from '../helpers/markers';
import { documentOf } from '../helpers/parser';

/** The `named_type` at `‸` and the typedef it should resolve to, named at `«»`. */
async function resolveAt(source: string): Promise<{ target: Node | null; expected: number | null }> {
  const { text, ranges, cursor } = marked(source);
  const document = await documentOf(text);
  const named = descendantsOfType(document.tree.rootNode, 'named_type').find(
    (n) => n.startIndex <= cursor && cursor <= n.endIndex,
  );
  assert.ok(named, 'a named type at ‸');
  const target = fileTypeResolver.resolveType(named);
  return { target: target && fieldNode(target, 'name'), expected: ranges[0]?.start ?? null };
}

async function firstParamType(text: string): Promise<Node> {
  const document = await documentOf(text);
  const param = descendantsOfType(document.tree.rootNode, 'param')[0];
  return fieldNode(param, 'type')!;
}

describe('fileTypeResolver', () => {
  it('resolves in the enclosing interface and world', async () => {
    for (const source of [
      'package a:b;\ninterface i { type «t» = u32; f: func(x: ‸t); }',
      'package a:b;\ninterface i { f: func(x: ‸t); record «t» { a: u8 } }',
      'package a:b;\nworld w { type «t» = u32; import f: func(x: ‸t); }',
      'package a:b;\nworld w { import x: interface { enum «t» { a } f: func(x: ‸t); } }',
      'package a:b;\ninterface i { resource «r»; f: func(x: ‸r); }',
    ]) {
      const { target, expected } = await resolveAt(source);
      assert.equal(target?.startIndex, expected, source);
    }
  });

  it('follows `use` of interfaces in the same file, renames and chains included', async () => {
    for (const source of [
      'package a:b;\ninterface t { type «bytes» = list<u8>; }\ninterface i { use t.{bytes}; f: func(x: ‸bytes); }',
      'package a:b;\ninterface t { type «bytes» = list<u8>; }\ninterface i { use t.{bytes as b}; f: func(x: ‸b); }',
      'package a:b;\ninterface c { variant «v» { a } }\ninterface t { use c.{v}; }\ninterface i { use t.{v as w}; f: func(x: ‸w); }',
      'package a:b;\nworld w { use t.{bytes}; import f: func(x: ‸bytes); }\ninterface t { type «bytes» = u8; }',
      'package x:y {\n  interface t { flags «f» { a } }\n  interface i { use t.{f}; g: func(x: ‸f); }\n}',
    ]) {
      const { target, expected } = await resolveAt(source);
      assert.equal(target?.startIndex, expected, source);
    }
  });

  it('returns null for foreign, unknown and renamed-away names', async () => {
    for (const source of [
      'package a:b;\ninterface i { use wasi:io/streams.{input-stream}; f: func(x: ‸input-stream); }',
      'package a:b;\ninterface i { f: func(x: ‸missing); }',
      'package a:b;\ninterface t { type bytes = u8; }\ninterface i { use t.{bytes as b}; f: func(x: ‸bytes); }',
      'package a:b;\ninterface i { use nowhere.{x}; f: func(y: ‸x); }',
    ]) {
      const { target } = await resolveAt(source);
      assert.equal(target, null, source);
    }
  });

  it('stops on `use` cycles', async () => {
    const { target } = await resolveAt('package a:b;\ninterface p { use q.{t}; }\ninterface q { use p.{t}; f: func(x: ‸t); }');
    assert.equal(target, null);
  });
});

describe('findAsyncValue', () => {
  it('finds the first stream or future, through containers and typedefs', async () => {
    const cases: [string, string | null][] = [
      ['package a:b;\ninterface i { f: func(x: stream<u8>); }', 'stream'],
      ['package a:b;\ninterface i { f: func(x: result<future<u8>, stream>); }', 'future'],
      ['package a:b;\ninterface i { f: func(x: list<tuple<u8, option<stream>>>); }', 'stream'],
      ['package a:b;\ninterface i { type s = stream; record r { a: u8, b: s } f: func(x: r); }', 'stream'],
      ['package a:b;\ninterface i { variant v { a, b(future) } f: func(x: v); }', 'future'],
      ['package a:b;\ninterface i { resource r; enum e { a } f: func(x: r, y: e); }', null],
      ['package a:b;\ninterface i { f: func(x: list<string>); }', null],
    ];
    for (const [source, kind] of cases) {
      const found = findAsyncValue(await firstParamType(source), fileTypeResolver);
      assert.equal(found?.kind ?? null, kind, source);
    }
  });

  it('looks only for the kinds asked for', async () => {
    const type = await firstParamType('package a:b;\ninterface i { f: func(x: tuple<future, stream<u8>>); }');
    assert.equal(findAsyncValue(type, fileTypeResolver, ['stream'])?.node.text, 'stream<u8>');
    assert.equal(findAsyncValue(type, fileTypeResolver, ['future'])?.node.text, 'future');
  });

  it('terminates on recursive typedefs (which wit-parser rejects)', async () => {
    const type = await firstParamType(
      'package a:b;\ninterface i { f: func(x: a); type a = b; record b { x: list<a> } }',
    );
    assert.equal(findAsyncValue(type, fileTypeResolver), null);
  });
});
