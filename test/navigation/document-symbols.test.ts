import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentSymbols, type DocumentSymbol } from '../../server/src/analysis/navigation/document-symbols';
import { marked } from '../helpers/markers';
import { documentOf } from '../helpers/parser';

/** The outline as `category name (detail)` lines, indented by depth. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.category} ${s.name}${s.detail ? ` (${s.detail})` : ''}${s.deprecated ? ' deprecated' : ''}`,
    ...outline(s.children, depth + 1),
  ]);
}

describe('document symbols', () => {
  it('nests package > interfaces and worlds > types > fields and methods, with signatures', async () => {
    const document = await documentOf(`package wasi:io@0.3.0;
interface streams {
  use types.{error-code};
  type bytes = list<u8>;
  record point { x: u32, y: option<u32> }
  variant shape { circle(f64), none }
  enum mode { read, write }
  flags perms { exec }
  resource output {
    constructor(size: u32) -> result<output, error-code>;
    @since(version = 0.3.0)
    @deprecated(version = 0.3.0)
    write: async func(
      data: stream<u8>,   // the bytes
    ) -> result<_, error-code>;
    open: static func() -> output;
  }
  flush: func();
}
world proxy {
  import streams;
  import wasi:clocks/monotonic-clock@0.3.0;
  export handle: async func(r: u32) -> u32;
  import host: interface { log: func(msg: string); }
}`);
    assert.deepEqual(outline(documentSymbols(document.tree.rootNode)), [
      'package wasi:io@0.3.0',
      '  interface streams',
      '    type-alias bytes (list<u8>)',
      '    record point',
      '      field x (u32)',
      '      field y (option<u32>)',
      '    variant shape',
      '      case circle (f64)',
      '      case none',
      '    enum mode',
      '      case read',
      '      case write',
      '    flags perms',
      '      flag exec',
      '    resource output',
      '      constructor constructor (constructor(size: u32) -> result<output, error-code>)',
      '      method write (async func(data: stream<u8>) -> result<_, error-code>) deprecated',
      '      static-function open (static func() -> output)',
      '    function flush (func())',
      '  world proxy',
      '    import streams (import)',
      '    import wasi:clocks/monotonic-clock@0.3.0 (import)',
      '    export handle (export async func(r: u32) -> u32)',
      '    import host (import interface)',
      '      function log (func(msg: string))',
    ]);
  });

  it('puts the selection on the name and the range over the whole item, attributes included', async () => {
    const { text, ranges } = marked(`package a:b;
interface i {
  «@since(version = 1.0.0)
  «f»: func();»
}`);
    const [pkg] = documentSymbols((await documentOf(text)).tree.rootNode);
    const f = pkg.children[0].children[0];
    assert.deepEqual(f.span, ranges[0]);
    assert.deepEqual(f.selectionSpan, ranges[1]);
    assert.ok(pkg.span.start === 0 && pkg.span.end === text.length, 'the package spans the file');
  });

  it('lists nested packages, and top-level items when the file has no package line', async () => {
    const document = await documentOf(`interface top { }
package a:inner { world w { } }`);
    assert.deepEqual(outline(documentSymbols(document.tree.rootNode)), ['interface top', 'package a:inner', '  world w']);
  });

  it('skips items whose name is still missing while typing', async () => {
    const document = await documentOf(`package a:b;
interface i {
  record { x: u32 }
  f: func();
}`);
    const names = outline(documentSymbols(document.tree.rootNode));
    assert.ok(names.includes('    function f (func())'), names.join('\n'));
    assert.ok(names.every((n) => !n.endsWith(' ')), 'no symbol without a name');
  });
});
