import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { hoverAt } from '../../server/src/analysis/hover';
import { fileTypeResolver } from '../../server/src/analysis/types';
import { marked } from '../helpers/markers';
import { documentOf } from '../helpers/parser';

/** The hover at `‸`, and the `«range»` it should cover (if marked). */
async function hover(source: string) {
  const { text, ranges, cursor } = marked(source);
  assert.ok(cursor >= 0, 'the test marks the cursor with ‸');
  const document = await documentOf(text);
  const analysis = analyze(document);
  return { result: hoverAt(document, cursor, analysis.rules, fileTypeResolver), range: ranges[0] };
}

const FLAGGED = `package a:b;
interface i {
  resource output-stream {
    NAME: ASYNC func(data: stream<u8>) -> result<_, string>;
  }
}`;

describe('hover', () => {
  for (const [where, source] of [
    ['the name', FLAGGED.replace('NAME', '«se‸nd').replace('ASYNC', 'async»')],
    ['`async`', FLAGGED.replace('NAME', '«send').replace('ASYNC', 'as‸ync»')],
  ]) {
    it(`explains async-stream-param on ${where} of a flagged method`, async () => {
      const { result, range } = await hover(source);
      assert.ok(result);
      assert.deepEqual(result.span, range);
      const md = result.markdown;
      assert.match(md, /`this`, a `borrow<output-stream>`/);
      assert.match(md, /until the whole stream has been consumed/);
      assert.match(md, /middleware/);
      assert.match(md, /self-referential/);
      assert.ok(md.includes('```wit\nsend: async func(data: stream<u8>) -> result<_, string>;\n```'));
      assert.ok(md.includes('```wit\nsend: func(data: stream<u8>) -> future<result<_, string>>;\n```'));
      assert.ok(md.includes('https://github.com/WebAssembly/WASI/pull/870'));
    });
  }

  it('explains redundant-async on a function that returns a stream', async () => {
    const { result } = await hover(`package a:b;
interface i { list-all: as‸ync func() -> tuple<stream<string>, future>; }`);
    assert.ok(result);
    assert.match(result.markdown, /`async` is redundant on `list-all`/);
    assert.ok(result.markdown.includes('```wit\nlist-all: func() -> tuple<stream<string>, future>;\n```'));
    assert.ok(result.markdown.includes('WebAssembly/WASI/pull/869'));
  });

  it('explains `async` where no rule fires, and other keywords', async () => {
    const cases: [string, RegExp][] = [
      ['f: as‸ync func();', /^`async`: .*borrowed/],
      ['f: fu‸nc();', /^`func`: A function type/],
      ['f: func(s: str‸eam<u8>);', /^`stream`: .*sequence/],
      ['f: func() -> fut‸ure<u32>;', /^`future`: .*single value/],
      ['f: func(r: bor‸row<r>);', /^`borrow`: .*duration of a call/],
      ['f: func(r: o‸wn<r>);', /^`own`: /],
      ['f: func() -> res‸ult<u32, string>;', /^`result`: /],
      ['f: func() -> opt‸ion<u32>;', /^`option`: /],
      ['f: func() -> li‸st<u32>;', /^`list`: /],
      ['f: func() -> tu‸ple<u32, u8>;', /^`tuple`: /],
      ['f: func() -> u‸32;', /^`u32`: Unsigned 32-bit/],
      ['f: func() -> error-con‸text;', /^`error-context`: /],
      ['res‸ource r2;', /^`resource`: /],
    ];
    for (const [member, expected] of cases) {
      const { result } = await hover(`package a:b;\ninterface i {\n  resource r;\n  ${member}\n}`);
      assert.ok(result, member);
      assert.match(result.markdown, expected, member);
    }
  });

  it('explains attributes over the whole attribute', async () => {
    const { result, range } = await hover(`package a:b@1.0.0;
interface i {
  «@si‸nce(version = 1.0.0)»
  f: func();
}`);
    assert.ok(result);
    assert.deepEqual(result.span, range);
    assert.match(result.markdown, /^`@since\(version = X\)`/);
    for (const attribute of ['@unst‸able(feature = x)', '@depre‸cated(version = 1.0.0)', '@external-‸id("x")']) {
      const { result: other } = await hover(`package a:b@1.0.0;\ninterface i {\n  @since(version = 1.0.0)\n  ${attribute}\n  f: func();\n}`);
      assert.ok(other, attribute);
      assert.match(other.markdown, new RegExp(`^\`${attribute.replace('‸', '').replace(/\(.*/, '')}\\(`), attribute);
    }
  });

  it('shows a referenced type with its fields and the comments above it', async () => {
    const { result, range } = await hover(`package a:b;
interface i {
  // Where a request goes.
  /// Also part of the docs.
  record target {
    host: string,
    port: u16,
  }
  send: func(to: «tar‸get»);
}`);
    assert.ok(result);
    assert.deepEqual(result.span, range);
    assert.equal(
      result.markdown,
      '```wit\nrecord target {\n  host: string,\n  port: u16,\n}\n```\n\n---\n\nWhere a request goes.\nAlso part of the docs.',
    );
  });

  it('shows a declaration when hovering its own name, and follows `use` in the file', async () => {
    const own = await hover('package a:b;\ninterface i {\n  /** The answer. */\n  type «ans‸wer» = u32;\n}');
    assert.equal(own.result?.markdown, '```wit\ntype answer = u32;\n```\n\n---\n\nThe answer.');
    const used = await hover(`package a:b;
interface types { enum color { red, green } }
interface i {
  use types.{color as «hu‸e»};
}`);
    assert.ok(used.result);
    assert.match(used.result.markdown, /^```wit\nenum color \{ red, green \}\n```$/);
  });

  it('shows a local interface or world named by a `use`, `import` or `include` path', async () => {
    const source = `package a:b;
/// Shared types.
interface types { type t = u32; }
world base {}
world w {
  use TYPES.{t};
  import TYPES;
  include BASE;
  import wasi:io/types;
}`;
    for (const [cursor, expected] of [
      [source.replace('use TYPES', 'use «ty‸pes»'), '```wit\ninterface types { type t = u32; }\n```\n\n---\n\nShared types.'],
      [source.replace('import TYPES', 'import «type‸s»'), '```wit\ninterface types { type t = u32; }\n```\n\n---\n\nShared types.'],
      [source.replace('include BASE', 'include «ba‸se»'), '```wit\nworld base {}\n```'],
    ]) {
      const { result, range } = await hover(cursor.replace(/TYPES/g, 'types').replace('BASE', 'base'));
      assert.deepEqual(result, { span: range, markdown: expected });
    }
    const foreign = await hover(source.replace(/TYPES/g, 'types').replace('BASE', 'base').replace('io/types', 'io/ty‸pes'));
    assert.equal(foreign.result, null, 'another package: the workspace model answers that');
  });

  it('is empty on comments, whitespace, punctuation and unknown names', async () => {
    for (const source of [
      'package a:b;\n// a com‸ment\ninterface i {}',
      'package a:b;\n‸\ninterface i {}',
      'package a:b;\ninterface i {‸}',
      'package a:b;\ninterface i { f: func(x: unkn‸own); }',
    ]) {
      assert.equal((await hover(source)).result, null, source);
    }
  });

  it('never throws on half-typed text', async () => {
    const full = FLAGGED.replace('NAME', 'send').replace('ASYNC', 'async');
    for (let end = 0; end <= full.length; end += 3) {
      const text = full.slice(0, end);
      const document = await documentOf(text);
      const analysis = analyze(document);
      for (let offset = 0; offset <= text.length; offset += 2) {
        hoverAt(document, offset, analysis.rules, fileTypeResolver);
      }
    }
  });
});
