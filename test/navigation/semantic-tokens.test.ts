import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { semanticTokens } from '../../server/src/analysis/navigation/semantic-tokens';
import { fileTypeResolver } from '../../server/src/analysis/types';
import { documentOf } from '../helpers/parser';
import type { WitDocument } from '../../server/src/analysis/document';
import { fixture, type Fixture } from './workspace-fixture';

/** Tokens as `text:type[modifiers]`. */
async function tokens(text: string): Promise<string[]> {
  const document = await documentOf(text);
  return semanticTokens(document.tree.rootNode, fileTypeResolver).map(
    (t) => `${text.slice(t.span.start, t.span.end)}:${t.type}${t.modifiers.length ? `[${t.modifiers.join(',')}]` : ''}`,
  );
}

describe('semantic tokens', () => {
  it('colours declarations by kind, and references by what they resolve to', async () => {
    assert.deepEqual(
      await tokens(`package wasi:io;
interface types {
  record point { x: u32 }
  enum mode { read }
  resource file;
  type alias = point;
  f: func(p: point, m: mode, h: borrow<file>) -> alias;
}`),
      [
        'wasi:namespace', 'io:namespace',
        'types:interface[declaration]',
        'point:struct[declaration]', 'x:property[declaration]', 'u32:type[defaultLibrary]',
        'mode:enum[declaration]', 'read:enumMember[declaration]',
        'file:class[declaration]',
        'alias:type[declaration]', 'point:struct',
        'f:function[declaration]',
        'p:parameter[declaration]', 'point:struct',
        'm:parameter[declaration]', 'mode:enum',
        'h:parameter[declaration]', 'borrow:type[defaultLibrary]', 'file:class',
        'alias:type',
      ],
    );
  });

  it('marks async, static and deprecated functions, attributes as decorators', async () => {
    assert.deepEqual(
      await tokens(`package a:b@1.0.0;
interface i {
  resource r {
    @since(version = 1.0.0)
    @deprecated(version = 1.0.0)
    write: async func();
    make: static func();
  }
}`),
      [
        'a:namespace', 'b:namespace',
        'i:interface[declaration]',
        'r:class[declaration]',
        '@since:decorator', '@deprecated:decorator',
        'write:method[declaration,async,deprecated]',
        'make:method[declaration,static]',
      ],
    );
  });

  it('colours paths, worlds, `use`d names and world imports', async () => {
    assert.deepEqual(
      await tokens(`package a:b;
interface t { variant v { c } }
interface i { use t.{v as w}; }
world base {}
world w {
  include base;
  import wasi:io/streams@0.2.0;
  export run: async func();
}`),
      [
        'a:namespace', 'b:namespace',
        't:interface[declaration]', 'v:enum[declaration]', 'c:enumMember[declaration]',
        'i:interface[declaration]', 't:interface', 'v:enum', 'w:enum[declaration]',
        'base:world[declaration]',
        'w:world[declaration]',
        'base:world',
        'wasi:namespace', 'io:namespace', 'streams:interface',
        'run:function[declaration,async]',
      ],
    );
  });
});

describe('semantic tokens after leading blank lines', () => {
  it('keeps spans exact when the tree starts after whitespace', async () => {
    assert.deepEqual(
      await tokens('\n\n  package a:b@1.0.0;\n@since(version = 1.0.0)\n@deprecated(version = 1.0.0)\ninterface i {}'),
      ['a:namespace', 'b:namespace', '@since:decorator', '@deprecated:decorator', 'i:interface[declaration,deprecated]'],
    );
  });
});

describe('semantic tokens with the workspace model', () => {
  it('colours names `use`d from another file by what they are, deprecation included', async () => {
    const f = await fixture({
      'pkg/types.wit': `package a:b@1.0.0;
interface types {
  @since(version = 1.0.0)
  @deprecated(version = 1.0.0)
  flags perms { read }
  resource file;
}`,
      'pkg/api.wit': `package a:b@1.0.0;
interface api {
  use types.{perms, file as handle};
  f: func(p: perms, h: borrow<handle>);
}`,
    });
    const uri = 'file:///ws/pkg/api.wit';
    const found = namedTokens(f, uri, f.workspace.document(uri)!, ['perms', 'file', 'handle']);
    assert.deepEqual(found, [
      'perms:enum[deprecated]',
      'file:class[]',
      'handle:class[declaration]',
      'perms:enum[deprecated]',
      'handle:class[]',
    ]);
  });

  it('colours a name through a chain of `use`s across files, and one `use`d from a package in deps/', async () => {
    const f = await fixture({
      'pkg/types.wit': 'package a:b;\ninterface types { variant shape { dot } }',
      'pkg/middle.wit': 'package a:b;\ninterface middle { use types.{shape}; }',
      'pkg/api.wit': `package a:b;
interface api {
  use middle.{shape as form};
  use wasi:io/streams@0.2.0.{output-stream as out};
  f: func(s: form, o: borrow<out>);
}`,
      'pkg/deps/io/streams.wit': 'package wasi:io@0.2.0;\ninterface streams { resource output-stream; }',
    });
    const uri = 'file:///ws/pkg/api.wit';
    assert.deepEqual(namedTokens(f, uri, f.workspace.document(uri)!, ['shape', 'form', 'output-stream', 'out']), [
      'shape:enum[]',
      'form:enum[declaration]',
      'output-stream:class[]',
      'out:class[declaration]',
      'form:enum[]',
      'out:class[]',
    ]);
  });

  it('colours from the file alone a tree the model does not hold (an oversized document)', async () => {
    const f = await fixture({
      'pkg/types.wit': 'package a:b;\ninterface types { flags perms { read } }',
      'pkg/api.wit': 'package a:b;\ninterface api {\n  use types.{perms};\n  record mine { x: u8 }\n  f: func(p: perms, m: mine);\n}',
    });
    const uri = 'file:///ws/pkg/api.wit';
    const alone = await documentOf(f.texts.get(uri)!);
    assert.deepEqual(namedTokens(f, uri, alone, ['perms', 'mine']), [
      'perms:type[]',
      'mine:struct[declaration]',
      'perms:type[]',
      'mine:struct[]',
    ]);
  });
});

/** The tokens of `names` in `document` (a version of `uri`), coloured through the model's resolver for `uri`. */
function namedTokens(f: Fixture, uri: string, document: WitDocument, names: string[]): string[] {
  const text = document.text;
  return semanticTokens(document.tree.rootNode, f.workspace.typeResolver(uri))
    .filter((t) => names.includes(text.slice(t.span.start, t.span.end)))
    .map((t) => `${text.slice(t.span.start, t.span.end)}:${t.type}[${t.modifiers.join(',')}]`);
}
