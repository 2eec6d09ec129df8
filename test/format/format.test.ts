// The formatter on inline sources: the canonical layout, comments, refusals, options, ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatEdits, formatText, type FormatOptions } from '../../server/src/analysis/format';
import { applyEdits } from '../../server/src/analysis/text';
import { witParser } from '../helpers/parser';

async function fmt(source: string, options?: FormatOptions): Promise<string> {
  const parser = await witParser();
  const tree = parser.parse(source);
  try {
    const result = formatText(source, tree, options);
    if ('refused' in result) throw new Error(`refused: ${result.refused}`);
    return result.text;
  } finally {
    tree.delete();
  }
}

/** Asserts that `input` formats to `expected`, and that `expected` is a fixed point. */
async function formatsTo(input: string, expected: string, options?: FormatOptions): Promise<void> {
  assert.equal(await fmt(input, options), expected);
  assert.equal(await fmt(expected, options), expected, 'the result formats to itself');
}

describe('formatter: the canonical layout', () => {
  it('indents by two spaces, one member per line, blank lines between interface members', async () => {
    await formatsTo(
      'package  a:b@1.0.0 ;\ninterface  api{\ntype t=u32;f:func(a:u32,b:list<u8>)->result<_,t>;\n    record r{x:u32,y:option<t>}\n}',
      'package a:b@1.0.0;\n\ninterface api {\n  type t = u32;\n\n  f: func(a: u32, b: list<u8>) -> result<_, t>;\n\n  record r {\n    x: u32,\n    y: option<t>\n  }\n}\n',
    );
  });

  it('spaces types, paths, attributes and use lists as the printer does', async () => {
    await formatsTo(
      [
        'package wasi : io @ 0.2.0;',
        'use wasi:clocks / types @ 0.2.0 as t ;',
        '@since( version=0.2.0 )@unstable( feature = x ) interface s {',
        'use types . { a , b as c } ;',
        'resource r { constructor ( x : tuple < u8 , u32 > ) ; m : static async func ( ) -> future < stream < u8 > > ; }',
        'g: func(x: borrow< r >, y: own <r>, z: map<string, list<u8, 4>>, e: error-context);',
        '}',
        'world w { include wasi:cli/imports@0.2.0 with {a as b, c as d} import x: func(); export %interface: interface {} import wasi:io/streams@0.2.0; }',
      ].join('\n'),
      [
        'package wasi:io@0.2.0;',
        '',
        'use wasi:clocks/types@0.2.0 as t;',
        '@since(version = 0.2.0)',
        '@unstable(feature = x)',
        'interface s {',
        '  use types.{a, b as c};',
        '',
        '  resource r {',
        '    constructor(x: tuple<u8, u32>);',
        '    m: static async func() -> future<stream<u8>>;',
        '  }',
        '',
        '  g: func(x: borrow<r>, y: own<r>, z: map<string, list<u8, 4>>, e: error-context);',
        '}',
        '',
        'world w {',
        '  include wasi:cli/imports@0.2.0 with { a as b, c as d }',
        '  import x: func();',
        '  export %interface: interface {',
        '  }',
        '  import wasi:io/streams@0.2.0;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('puts an attribute written with explicit names (`@%since(%version = ...)`) on its own line too', async () => {
    await formatsTo(
      'package a:b@1.0.0;\ninterface i {\n  @%since( %version=1.0.0 ) f: func();\n  @%unstable(%feature = x) g: func();\n}\n',
      'package a:b@1.0.0;\n\ninterface i {\n  @%since(%version = 1.0.0)\n  f: func();\n\n  @%unstable(%feature = x)\n  g: func();\n}\n',
    );
  });

  it('breaks records, variants, enums and flags one case per line, never adding a comma', async () => {
    await formatsTo(
      'package a:b;\ninterface i {\n  variant v { a(u32), b, }\n  enum e { x, y }\n  flags f { p }\n  record empty {}\n}\n',
      'package a:b;\n\ninterface i {\n  variant v {\n    a(u32),\n    b,\n  }\n\n  enum e {\n    x,\n    y\n  }\n\n  flags f {\n    p\n  }\n\n  record empty {\n  }\n}\n',
    );
  });

  it('joins a function signature onto one line, as the printer writes it', async () => {
    await formatsTo(
      'package a:b;\ninterface i {\n  f: func(\n    a: u32,\n    b: u32,\n  ) -> u32;\n}\n',
      'package a:b;\n\ninterface i {\n  f: func(a: u32, b: u32,) -> u32;\n}\n',
    );
  });

  it("keeps the author's blank lines where the printer has no opinion, at most one", async () => {
    await formatsTo(
      'package a:b;\n\n\n\nworld w {\n\n  import a: func();\n  import b: func();\n\n\n\n  export c: func();\n\n}\nworld v {}\n\n\n\nworld u {}\n',
      'package a:b;\n\nworld w {\n  import a: func();\n  import b: func();\n\n  export c: func();\n}\nworld v {\n}\n\nworld u {\n}\n',
    );
  });

  it('writes the uses of an interface together, the way the printer does, unless the author separated them', async () => {
    await formatsTo(
      'package a:b;\ninterface i {\n  use x.{a};\n  use y.{b};\n\n\n  use z.{c};\n  type t = a;\n  type u = b;\n}\n',
      'package a:b;\n\ninterface i {\n  use x.{a};\n  use y.{b};\n\n  use z.{c};\n\n  type t = a;\n\n  type u = b;\n}\n',
    );
  });

  it('indents nested packages', async () => {
    await formatsTo(
      'package a:b {\ninterface i { type t = u8; }\nworld w { import i; }\n}\npackage c:d {\n}\n',
      'package a:b {\n  interface i {\n    type t = u8;\n  }\n\n  world w {\n    import i;\n  }\n}\npackage c:d {\n}\n',
    );
  });

  it('ends the file with one line break, keeping at most one blank line as the printer leaves after an interface', async () => {
    await formatsTo('package a:b;', 'package a:b;\n');
    await formatsTo('package a:b;\ninterface i {}\n\n\n\n', 'package a:b;\n\ninterface i {\n}\n\n');
    await formatsTo('', '');
    await formatsTo(' \n\n \t', '');
  });

  it('keeps %-escaped names and versions with pre-release and build parts as they are', async () => {
    await formatsTo(
      'package foo:%flags@1.2.3-rc.1+build.5;\ninterface %interface { type %type = u32; }\n',
      'package foo:%flags@1.2.3-rc.1+build.5;\n\ninterface %interface {\n  type %type = u32;\n}\n',
    );
  });
});

describe('formatter: comments', () => {
  it('keeps doc and line comments on their lines, reindented, and trailing comments where they trail', async () => {
    await formatsTo(
      [
        '// header',
        '',
        '',
        '/// the package',
        'package a:b; // trailing',
        '/// the interface',
        'interface i { // opens',
        '        /// a type',
        '   type t = u32;   // after t   ',
        '   // detached',
        '',
        '   f: func();',
        '      // last words',
        '',
        '}',
        '// the end',
      ].join('\n'),
      [
        '// header',
        '',
        '/// the package',
        'package a:b; // trailing',
        '',
        '/// the interface',
        'interface i { // opens',
        '  /// a type',
        '  type t = u32; // after t',
        '',
        '  // detached',
        '',
        '  f: func();',
        '  // last words',
        '}',
        '// the end',
        '',
      ].join('\n'),
    );
  });

  it('keeps block comments, nested ones included, with their text untouched', async () => {
    await formatsTo(
      'package a:b;\ninterface i {\n/* a\n   multi-line /* nested */ block */\n  f: func(/* none */) -> /* the result */ u32;\n  /* leading */ g: func();\n}\n',
      'package a:b;\n\ninterface i {\n  /* a\n   multi-line /* nested */ block */\n  f: func(/* none */) -> /* the result */ u32;\n\n  /* leading */ g: func();\n}\n',
    );
  });

  it('breaks a line after a line comment inside a signature, continuing one level deeper', async () => {
    await formatsTo(
      'package a:b;\ninterface i {\n  f: func(a: u32, // first\n  b: u32) -> u32;\n  record r { a: u32 // no comma\n  }\n}\n',
      'package a:b;\n\ninterface i {\n  f: func(a: u32, // first\n    b: u32) -> u32;\n\n  record r {\n    a: u32 // no comma\n  }\n}\n',
    );
  });

  it('puts comments before a closing brace inside the block', async () => {
    await formatsTo(
      'package a:b;\ninterface i {\n// only a comment\n}\nworld w {\n  import f: func();\n\n\n// after\n\n}\n',
      'package a:b;\n\ninterface i {\n  // only a comment\n}\n\nworld w {\n  import f: func();\n\n  // after\n}\n',
    );
  });

  it('keeps an attribute right above its item, comments in between included', async () => {
    await formatsTo(
      'package a:b;\ninterface i {\n  @since(version = 0.2.0)\n\n  // why\n\n  f: func();\n}\n',
      'package a:b;\n\ninterface i {\n  @since(version = 0.2.0)\n  // why\n  f: func();\n}\n',
    );
  });

  it('keeps a byte order mark', async () => {
    await formatsTo('\ufeff\n\npackage a:b;', '\ufeffpackage a:b;\n');
  });

  it('keeps CRLF line endings', async () => {
    await formatsTo(
      'package a:b;\r\ninterface i {\r\n// c\r\n    type t = u32;\r\n}\r\n',
      'package a:b;\r\n\r\ninterface i {\r\n  // c\r\n  type t = u32;\r\n}\r\n',
    );
  });
});

describe('formatter: refusals, options and ranges', () => {
  it('refuses a text with a syntax error, saying where, and returns no edits', async () => {
    const parser = await witParser();
    const source = 'package a:b;\ninterface i {\n  f: func(;\n}\n';
    const result = formatEdits(source, parser.parse(source));
    assert.ok('refused' in result);
    assert.match(result.refused, /syntax error at line 3, column \d+/);
  });

  it('indents with one tab per level when asked for tabs', async () => {
    await formatsTo(
      'package a:b;\ninterface i {\n  record r {\n    a: u32,\n  }\n}\n',
      'package a:b;\n\ninterface i {\n\trecord r {\n\t\ta: u32,\n\t}\n}\n',
      { indent: '\t' },
    );
  });

  it('changes only what a range touches, and the result agrees with a full format there', async () => {
    const parser = await witParser();
    const source = 'package a:b;\ninterface i {\n    type a=u32;\n    type b=u32;\n    type c=u32;\n}\n';
    const start = source.indexOf('type b');
    const range = { start, end: source.indexOf('\n', start) };
    const result = formatEdits(source, parser.parse(source), undefined, range);
    assert.ok('edits' in result);
    for (const edit of result.edits) assert.ok(edit.span.end >= range.start && edit.span.start <= range.end, JSON.stringify(edit));
    const text = applyEdits(source, result.edits);
    assert.equal(text, 'package a:b;\ninterface i {\n    type a=u32;\n\n  type b = u32;\n    type c=u32;\n}\n');
  });

  it('formats a range at the very start or end of the file', async () => {
    const parser = await witParser();
    const source = '\n\npackage a:b;interface i {type t = u8;}';
    for (const range of [{ start: 0, end: 3 }, { start: source.length - 1, end: source.length }]) {
      const result = formatEdits(source, parser.parse(source), undefined, range);
      assert.ok('edits' in result && result.edits.length > 0, JSON.stringify(range));
    }
    const trailing = 'package a:b;\n\ninterface i {\n}\n\n\n\n';
    const after = formatEdits(trailing, parser.parse(trailing), undefined, { start: trailing.length - 2, end: trailing.length });
    assert.ok('edits' in after);
    assert.equal(applyEdits(trailing, after.edits), 'package a:b;\n\ninterface i {\n}\n\n', 'a range after the last token');
    const whole = formatEdits(source, parser.parse(source), undefined, { start: 0, end: source.length });
    assert.ok('edits' in whole);
    assert.equal(applyEdits(source, whole.edits), await fmt(source));
  });
});
