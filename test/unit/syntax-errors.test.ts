import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkspace } from '../../server/src/analysis/model';
import { syntaxErrors } from '../../server/src/analysis/syntax-errors';
import { marked } from '../helpers/markers';
import { documentOf, witParser } from '../helpers/parser';
import { referenceError } from '../helpers/reference';

/**
 * Asserts that `source` has exactly one syntax error, with `message`, on the `«range»`
 * or at the `‸` point (where a token is missing).
 */
async function assertOneError(source: string, message: string): Promise<void> {
  const { text, ranges, cursor } = marked(source);
  const expected = ranges[0] ?? { start: cursor, end: cursor };
  assert.ok(ranges.length === 1 || cursor >= 0, 'the test marks a range or a point');
  const errors = syntaxErrors(await documentOf(text));
  assert.deepEqual(
    errors.map((e) => ({ span: e.span, message: e.message })),
    [{ span: expected, message }],
  );
  assert.ok(errors.every((e) => e.code === 'syntax-error' && e.severity === 1));
  assert.notEqual(await referenceError(text), null, 'wit-parser rejects it too');
}

/** The token an "expected ..., found X" message names, in one spelling for both parsers. */
function foundToken(message: string): string | null {
  const match =
    /found (?:keyword )?`([^`]+)`/.exec(message.replace(/found name `[^`]+`/, 'found an identifier')) ??
    /found '(.+?)'/.exec(message);
  if (match) return match[1];
  return /found an identifier/.test(message.replace(/found name `[^`]+`/, 'found an identifier')) ? 'identifier' : null;
}

describe('syntax errors', () => {
  it('reports nothing for valid WIT', async () => {
    const doc = await documentOf(`package a:b@1.0.0;
interface i {
  /* a block comment */
  resource r { constructor(); send: async func(data: stream<u8>) -> result; }
  type %option = u32;
}
world w { import i; export run: async func(); }`);
    assert.deepEqual(syntaxErrors(doc), []);
  });

  it('a missing `;` after a function: at the point after the signature', async () => {
    await assertOneError(
      `package a:b;
interface i {
  f: func()‸
  g: func();
}`,
      'expected `;` after the function signature',
    );
  });

  it('a missing `;` after the package declaration, an import and a type alias', async () => {
    await assertOneError('package a:b‸\ninterface i {}', 'expected `;` after the package declaration');
    await assertOneError('package a:b;\nworld w {\n  import foo‸\n}', 'expected `;` after the import');
    await assertOneError(
      'package a:b;\ninterface i {\n  type t = u32‸\n  type u = u32;\n}',
      'expected `;` after the type alias',
    );
  });

  it('an unclosed `{`: where the interface should end', async () => {
    await assertOneError('package a:b;\ninterface i {\n  f: func();‸\n', 'expected `}` to close the interface');
    await assertOneError(
      'package a:b;\ninterface i {\n  f: func();‸\n\ninterface j {}',
      'expected `}` to close the interface',
    );
  });

  it('half-typed `async`: one error, at the missing `func` or the wrong word', async () => {
    await assertOneError('package a:b;\ninterface i {\n  f: async‸\n}', 'expected `func` after `async`, found `}`');
    await assertOneError(
      'package a:b;\ninterface i {\n  f: async «fu»\n}',
      'expected `func` after `async`, found name `fu`',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  f: «asy»\n  g: func();\n}',
      'expected `func` after `f:`, found name `asy`',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  resource r {\n    send: async‸\n  }\n}',
      'expected `func` after `async`, found `}`',
    );
    await assertOneError(
      'package a:b;\nworld w {\n  export run: async‸\n}',
      'expected `func` after `async`, found `}`',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  resource r {\n    make: static‸\n  }\n}',
      'expected `func` or `async func` after `static`, found `}`',
    );
  });

  it('`async` where a member starts: from `async`, where wit-parser stops; after `name:`, at the word that is not `func`', async () => {
    await assertOneError('package a:b;\ninterface i {\n  «async g»: func();\n}', 'expected `func` after `async`, found name `g`');
  });

  it('an async constructor', async () => {
    await assertOneError(
      'package a:b;\ninterface i {\n  resource r {\n    «async constructor»();\n  }\n}',
      'expected `func` after `async`, found `constructor`: a constructor cannot be `async`',
    );
  });

  it('several results `-> (a: u8)`: on the `(`, with the way out', async () => {
    await assertOneError(
      'package a:b;\ninterface i {\n  f: func() -> «(»a: u8, b: u32);\n}',
      'expected a type after `->`, found `(`: a function has at most one result: return a `tuple<...>` or a record instead of `(...)`',
    );
  });

  it('a missing or second result type', async () => {
    await assertOneError('package a:b;\ninterface i {\n  f: func() -> «;»\n}', 'expected a type after `->`, found `;`');
    await assertOneError('package a:b;\ninterface i {\n  f: func() -> u32 «->» u32;\n}', 'unexpected `->`');
    await assertOneError('package a:b;\ninterface i {\n  type t =‸ ;\n}', 'expected a type after `=`');
  });

  it('a keyword used as a name suggests `%name`', async () => {
    await assertOneError(
      'package a:b;\ninterface i {\n  type «option» = u32;\n}',
      'expected a name, found keyword `option` (write `%option` to use a keyword as a name)',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  record r { «stream»: u32 }\n}',
      'expected a name, found keyword `stream` (write `%stream` to use a keyword as a name)',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  f: func(«type»: u32);\n}',
      'expected a name, found keyword `type` (write `%type` to use a keyword as a name)',
    );
  });

  it('a built-in type where a resource name belongs', async () => {
    await assertOneError(
      'package a:b;\ninterface i {\n  type t = borrow<«u32»>;\n}',
      'expected a resource name in `borrow<...>`, found keyword `u32`',
    );
  });

  it('stray characters: the character itself', async () => {
    await assertOneError('package a:b;\ninterface i { «$» }', 'unexpected character `$`');
    await assertOneError('package a:b;\ninterface i {\n  f: func(«$»x: u32);\n}', 'unexpected character `$`');
  });

  it('pre-1.0 `use {..} from ..`: on the `{`, not on a letter the parser re-read', async () => {
    await assertOneError('package a:b;\ninterface i {\n  use «{»a} from foo;\n}', 'expected an interface name after `use`, found `{`');
    const [error] = syntaxErrors(await documentOf('package a:b;\nuse {} from foo;'));
    assert.deepEqual([error.message, error.span], ['unexpected `{`', { start: 17, end: 18 }]);
  });

  it('an unterminated block comment: on its `/*`, not over the rest of the file', async () => {
    await assertOneError('package a:b;\n«/*» never closed\ninterface i {}', 'unterminated block comment');
    await assertOneError(
      'package a:b;\ninterface i {\n  f: func();\n  «/*» open\n}',
      'unterminated block comment',
    );
  });

  it('half-typed `use wasi:io/`: at the point after the `/`', async () => {
    await assertOneError(
      'package a:b;\nuse wasi:io/‸',
      'expected an interface name after `wasi:io/`, found end of file',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  use wasi:io/‸\n  f: func();\n}',
      'expected an interface name after `wasi:io/`',
    );
    await assertOneError(
      'package a:b;\nworld w {\n  import wasi:io/‸\n}',
      'expected an interface name after `wasi:io/`, found `}`',
    );
  });

  it('a missing `,` between elements of a list', async () => {
    await assertOneError(
      'package a:b;\ninterface i {\n  f: func(a: u32‸ b: u32);\n}',
      'expected `,` or `)` after `a: u32`',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  record r {\n    a: u32‸\n    b: u32,\n  }\n}',
      'expected `,` or `}` after `a: u32`',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  enum e { a, b «c» }\n}',
      'expected `,` or `}` after `b`, found name `c`',
    );
  });

  it('unclosed type brackets', async () => {
    await assertOneError(
      'package a:b;\ninterface i {\n  f: func(a: list<u32‸);\n}',
      'expected `>` to close `list<`',
    );
    await assertOneError(
      'interface foo {\n  type x = list<u32‸\n  type y = u32;\n}',
      'expected `>` to close `list<`, found `type`',
    );
    await assertOneError(
      'package a:b;\ninterface i {\n  variant v { a(u32‸, b }\n}',
      "expected `)` after the case's payload type",
    );
  });

  it('a type where the length of a fixed-length list belongs: on that type', async () => {
    await assertOneError(
      'interface foo {\n  type b = list<u32, «u32»>\n\n  type y = u32\n}',
      'expected a length after `list<T,` (as in `list<u8, 4>`), found `u32`',
    );
  });

  it('a declaration without its body or name', async () => {
    await assertOneError('package a:b;\ninterface i «}»', 'expected `{` after `interface i`, found `}`');
    await assertOneError('package a:b;\ninterface i {\n  record‸\n}', 'expected a name after `record`, found `}`');
    await assertOneError(
      'package a:b;\ninterface i {\n  func f();\n}'.replace('func f', '«func» f'),
      'unexpected `func`: declare a function as `name: func(...)`',
    );
  });

  it('attributes without arguments and a second `package ...;`', async () => {
    await assertOneError('package a:b;\n@deprecated‸\ninterface foo {}', 'expected `(` after `@deprecated`, found `interface`');
    await assertOneError(
      'package foo:name;\ninterface i1 {}\npackage bar:name«;»\nworld w1 {}',
      'expected `{` after `package bar:name`, found `;`: only the first `package` of a file ends with `;`; later ones need a `{ ... }` block',
    );
  });

  it('a piece missing around a name', async () => {
    const cases: [string, string][] = [
      ['package a:b;\ninterface i {\n  now‸ func() -> u32;\n}', 'expected `:` after `now`'],
      ['package a:b;\ninterface i {\n  f: func(x‸ u64);\n}', 'expected `:` after `x`'],
      ['package a:b;\ninterface i {\n  f: func(«:» u8);\n}', 'expected a name before `:`'],
      ['package a:b;\ninterface i {\n  record r {\n    «:» s8,\n  }\n}', 'expected a name before `:`'],
      ['package a:b;\ninterface i {\n  «the-type» = u32;\n}', 'expected `type` before `the-type =`'],
      ['package a:b;\nworld w {\n  «tcp»;\n}', 'expected `import` or `export` before `tcp`'],
      ['package a:b;\nworld w {\n  import‸: interface {}\n}', 'expected a name after `import`'],
      ['package a:b;\n«record» point {\n  x: u32,\n}', 'expected `world`, `interface` or `use`, found keyword `record`'],
      ['package a:b;\n«enum» e { a, b }', 'expected `world`, `interface` or `use`, found keyword `enum`'],
      ['package a:b@1.0.0;\n@since(version = 1.0.0)\n«record» r { a: u8 }', 'expected `world`, `interface` or `use`, found keyword `record`'],
      ['package a:b;\n«f»: func();', 'expected `world`, `interface` or `use`, found name `f`'],
      ['package a:b;\n«a»: async', 'expected `world`, `interface` or `use`, found name `a`'],
      ['package a:b;\ninterface i {}\n«abcd»\n', 'expected `world`, `interface` or `use`, found name `abcd`'],
    ];
    for (const [source, message] of cases) await assertOneError(source, message);
  });

  it('a missing `func`, `(`, `->` or `{`', async () => {
    const cases: [string, string][] = [
      [
        'package a:b@1.0.0;\ninterface i {\n  @since(version = 1.0.0)\n  write: «(»data: stream<u8>) -> u32;\n}',
        'expected `func` after `write:`, found `(`',
      ],
      ['package a:b;\ninterface i {\n  flush: func«)» -> u32;\n}', 'expected `(` after `func`, found `)`'],
      ['package a:b;\ninterface i {\n  f: func()  «option»<u32>;\n}', 'expected `->` before the result type, found `option`'],
      [
        'package a:b;\ninterface i {\n  f: func()  «flags»;\n}'.replace('«flags»', '«my-flags»'),
        'expected `->` before the result type, found name `my-flags`',
      ],
      [
        'package a:b;\ninterface i {\n  use types.«error-code»};\n}',
        'expected `{` after `.` (as in `use types.{a, b}`), found name `error-code`',
      ],
    ];
    for (const [source, message] of cases) await assertOneError(source, message);
  });

  it('broken package names, a missing `interface`, stray `<` and `,`', async () => {
    const cases: [string, string][] = [
      ['package foofoo«;»\ninterface i {}', 'expected `:` after `foofoo` (a package name is `namespace:name`), found `;`'],
      ['package wasi:«@»0.3.0;', 'expected a package name after `wasi:`, found `@`'],
      ['package a:a@«;»', 'expected a version after `@`, found `;`'],
      [
        'package a:b@1.1.1«.»1.1;\ninterface i {}',
        'expected `;` after the package declaration, found `.`: a version is `major.minor.patch`, with optional `-pre` and `+build` parts',
      ],
      ['package a:b;\n«foo» {\n}', 'expected `interface` or `world` before `foo`'],
      ['package a:b@1.0.0;\n@since(version = 1.0.0)\n«foo» {\n}', 'expected `interface` or `world` before `foo`'],
      ['package a:b;\ninterface i { f: func() -> «<»_, bar>; }', 'expected a type such as `list` or `result` before `<`'],
      ['package a:b;\ninterface i { f: func() -> result<s32«,» >; }', 'expected a type after `,`'],
    ];
    for (const [source, message] of cases) await assertOneError(source, message);
  });

  it('attribute fields and include renames', async () => {
    const cases: [string, string][] = [
      ['package a:b;\n@deprecated(«since» = 1.2.3)\ninterface foo {}', 'expected `version` in `@deprecated(...)`, found `since`'],
      ['package a:b;\n@unstable(«version» = 1.2.3)\ninterface foo {}', 'expected `feature` in `@unstable(...)`, found `version`'],
      ['package a:b@1.0.0;\ninterface i {\n  @since(version  «1.0.0»)\n  f: func();\n}', 'expected `=` after `version`, found `1.0.0`'],
      ['package a:b@1.0.0;\ninterface i {\n  @since(version = «)»\n  f: func();\n}', 'expected a version after `version =`, found `)`'],
      ['package a:b@1.0.0;\n@since(version = 1.0.0«,» feature = foo)\ninterface i {}', 'unexpected `,`'],
      [
        'package foo:foo;\ninterface foo {}\nworld a { import foo; }\nworld b {\n  include a with { foo«:»foo/foo as foo2 }\n}',
        'expected `as` after `foo` (as in `with { name as new-name }`), found `:`',
      ],
    ];
    for (const [source, message] of cases) await assertOneError(source, message);
  });

  it('an extra `}`', async () => {
    await assertOneError('package a:b;\ninterface i {\n  f: func();\n}\n«}»', 'unexpected `}`');
  });

  it('reports a lost `{` or `,` once, not on every line the parser then skips', async () => {
    await assertOneError(
      'package a:b;\ninterface i‸\n  resource r {\n    constructor();\n  }\n  f: static func();\n}',
      'expected `{` after `interface i`, found `resource`',
    );
    await assertOneError('package a:b;\ninterface i «x» {}', 'expected `{` after `interface i`, found name `x`');
    await assertOneError(
      'package a:b;\ninterface i {\n  record r {\n    a: u32‸\n    b: u32,\n    c: string,\n  }\n  f: func(x: u32);\n}',
      'expected `,` or `}` after `a: u32`',
    );
  });

  it('keeps separate mistakes: each missing `;`, and errors in different items', async () => {
    const { text, ranges } = marked(`package a:b;
interface i {
  f: func()«»
  g: func()«»
  h: func();
}
interface j { k: «asy» }`);
    const errors = syntaxErrors(await documentOf(text));
    assert.deepEqual(errors.map((e) => e.span), ranges);
  });

  it('survives deeply nested broken text with one error', async () => {
    for (const text of [
      `package a:b;\ninterface i { f: func(x: ${'list<'.repeat(3000)}); }`,
      `package a:b;\n${'{'.repeat(10000)}`,
      '<'.repeat(10000),
    ]) {
      const errors = syntaxErrors(await documentOf(text));
      assert.equal(errors.length, 1, text.slice(0, 40));
    }
  });

  it('names the same offending token as wit-parser', async () => {
    const sources = [
      'package a:b;\ninterface i {\n  f: async\n}',
      'package a:b;\ninterface i {\n  f: async fu\n}',
      'package a:b;\ninterface i {\n  f: asy\n  g: func();\n}',
      'package a:b;\ninterface i {\n  f: func() -> (a: u8, b: u32);\n}',
      'package a:b;\ninterface i {\n  f: func() -> ;\n}',
      'package a:b;\ninterface i {\n  type option = u32;\n}',
      'package a:b;\ninterface i {\n  type t = borrow<u32>;\n}',
      'package a:b;\ninterface i {\n  enum e { a, b c }\n}',
      'interface foo {\n  type x = list<u32\n  type y = u32;\n}',
      'package a:b;\ninterface i }',
      'package a:b;\n@deprecated\ninterface foo {}',
      'package foo:name;\ninterface i1 {}\npackage bar:name;\nworld w1 {}',
      'package a:b;\ninterface i {\n  flush: func) -> u32;\n}',
      'package a:b;\ninterface i {\n  f: func()  option<u32>;\n}',
      'package a:b;\ninterface i {\n  use types.error-code};\n}',
      'package foofoo;\ninterface i {}',
      'package a:b;\nrecord point {\n  x: u32,\n}',
      'package a:b;\ninterface i {\n  use {a} from foo;\n}',
      'package a:b;\nf: func();',
    ];
    for (const text of sources) {
      const reference = await referenceError(text);
      const [ours] = syntaxErrors(await documentOf(text));
      assert.ok(reference && ours, text);
      assert.equal(foundToken(ours.message), foundToken(reference), `${ours.message} / ${reference}`);
    }
  });

  it('keeps every span on one line and within the text, whatever the input', async () => {
    const broken = [
      'interface',
      'package',
      'package a:b;\ninterface i {\n  f: func(\n',
      'package a:b;\nworld w { import f: func(a: u32) -> result<u32, string>\n export g: func(); }',
      '}}}}{{{{',
      'package a:b;\ninterface i {\n  resource r {\n    constructor(;\n  }\n}',
      'package a:b;\ninterface i { f: func(a: u32,, b: u32); }',
      '@since(version = 1.0.0)\n',
      'package a:b;\ninterface i {\n  record r {\n    a: u32,\n}\ninterface j {}\n',
    ];
    for (const text of broken) {
      const doc = await documentOf(text);
      const errors = syntaxErrors(doc);
      assert.ok(errors.length >= 1, `an error for ${JSON.stringify(text)}`);
      for (const error of errors) {
        assert.ok(0 <= error.span.start && error.span.start <= error.span.end && error.span.end <= text.length);
        assert.ok(!text.slice(error.span.start, error.span.end).includes('\n'), `one line: ${error.message}`);
        assert.ok(error.message.length > 0);
      }
      const lines = errors.map((e) => doc.lines.lineOf(e.span.start));
      assert.equal(new Set(lines).size, lines.length, 'at most one error per line');
    }
  });

  it('pre-1.0 WIT: the error at the token that cannot continue, saying what the old word is now', async () => {
    const cases: [string, string][] = [
      [
        'package a:b;\ninterface i {\n  resource r {\n    get: «method»(x: u32) -> u32;\n  }\n}',
        'expected `func` or `static func` after `get:`, found name `method`: pre-1.0 WIT wrote `method`; a resource method is now `name: func(...)`',
      ],
      [
        'package a:b;\ninterface i {\n  resource r {\n    «static» make: func() -> r;\n  }\n}',
        'expected `constructor` or a name, found keyword `static`: `static` goes after the name: `name: static func(...)`',
      ],
      [
        'package a:b;\n«default» world w {}',
        'expected `world`, `interface` or `use`, found name `default`: pre-1.0 WIT wrote `default world`; write `world` (a package may hold several)',
      ],
      [
        'package a:b;\ninterface types { type a = u8; }\ninterface i {\n  use self.«types».{a};\n}',
        'expected `{` after `self.`, found name `types`: pre-1.0 WIT wrote `self.`; name a local interface alone, as in `use types.{a}`',
      ],
      [
        'package a:b;\ninterface x {}\nworld w {\n  import i: self«.»x;\n}',
        'expected `;` after the import, found `.`: pre-1.0 WIT wrote `self.`; name a local interface alone, as in `use types.{a}`',
      ],
      [
        'package a:b;\ninterface i {\n  use wasi:io/streams.{«*»};\n}',
        'unexpected character `*`: WIT has no wildcard: list the names, as in `use types.{a, b}`',
      ],
      [
        'package a:b;\ninterface i {\n  type t = expected«<»u32, string>;\n}',
        'expected `;` after the type alias, found `<`: pre-1.0 `expected<T, E>` is now `result<T, E>`',
      ],
      [
        'package a:b;\ninterface i {\n  type t = union «{» u32, string };\n}',
        'expected `;` after the type alias, found `{`: pre-1.0 `union` is gone; use a `variant` with one case per type',
      ],
      [
        'package a:b;\ninterface i {\n  resource r;\n  type t = handle «r»;\n}',
        'expected `;` after the type alias, found name `r`: pre-1.0 `handle r` is now `own<r>`, or `borrow<r>` for a parameter',
      ],
      [
        'package a:b;\ninterface i {\n  f: func() -> «(»u32, string);\n}',
        'expected a type after `->`, found `(`: a function has at most one result: return a `tuple<...>` or a record instead of `(...)`',
      ],
      [
        'package a:b;\nworld w {\n  import i: interface {\n    f: func();\n  }«;»\n}',
        'unexpected `;`: a body in `{ ... }` is not followed by `;`',
      ],
    ];
    for (const [source, message] of cases) await assertOneError(source, message);
  });

  it('a name that is not kebab-case: the whole word, with the kebab spelling', async () => {
    const cases: [string, string][] = [
      ['package a:b;\ninterface i {\n  type «fooBar» = u32;\n}', 'invalid identifier `fooBar`: each part of a name is all lowercase or all uppercase: write `foo-bar` (names are kebab-case)'],
      ['package a:b;\ninterface i {\n  type «a_b» = u32;\n}', 'invalid character `_` in identifier `a_b`: write `a-b` (names are kebab-case)'],
      ['package a:b;\ninterface i {\n  type «a--b» = u32;\n}', 'invalid identifier `a--b`: identifiers must have characters between `-`s'],
      ['package a:b;\ninterface i {\n  type «garçon» = u32;\n}', 'invalid character `ç` in identifier `garçon` (names use ASCII letters, digits and `-`)'],
    ];
    for (const [source, message] of cases) await assertOneError(source, message);
  });

  it('control and invisible characters are escaped in messages', async () => {
    await assertOneError('package a:b;\ninterface i { «\u007f» }', 'unexpected character `\\u{7f}`');
    await assertOneError('package a:b;\ninterface i { «\u202e» }', 'unexpected character `\\u{202e}`');
    const { text } = marked('package a:b;\ninterface i { f: func(\u0001); }');
    for (const error of syntaxErrors(await documentOf(text))) {
      assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u);
    }
  });

  it('a file that does not parse reports its syntax error, not a missing `package` header', async () => {
    const workspace = createWorkspace(await witParser());
    const uri = 'file:///project/no-header.wit';
    workspace.setText(uri, 'interface i {\n  f: func(;\n}\n');
    assert.deepEqual(workspace.diagnostics(uri).map((d) => d.code), []);
    assert.equal(syntaxErrors(workspace.document(uri)!).length, 1);
    workspace.setText(uri, 'interface i {\n  f: func();\n}\n');
    assert.deepEqual(workspace.diagnostics(uri).map((d) => d.code), ['missing-package'], 'once it parses');
  });
});
