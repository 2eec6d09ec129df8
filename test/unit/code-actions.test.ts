import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/analysis/analyze';
import { fixAllEdits, quickFixes } from '../../server/src/analysis/code-actions';
import { applyEdits, type TextEdit } from '../../server/src/analysis/text';
import { marked } from '../helpers/markers';
import { documentOf } from '../helpers/parser';
import { referenceError } from '../helpers/reference';

async function analysisOf(text: string): Promise<Analysis> {
  return analyze(await documentOf(text));
}

describe('quick fixes', () => {
  it('offers the fix of each diagnostic the range touches, and only those', async () => {
    const { text, ranges } = marked(`package a:b;
interface i {
  resource r {
    «send: as‸ync» func(data: stream<u8>) -> result;
    «read-all: async» func() -> stream<u8>;
    plain: func();
  }
}`);
    const analysis = await analysisOf(text);
    const atSend = quickFixes(analysis, { start: ranges[0].start + 2, end: ranges[0].start + 2 });
    assert.deepEqual(
      atSend.map((f) => [f.diagnostic.code, f.fix.title, f.fix.isPreferred]),
      [['async-stream-param', 'Return a future instead of being async', true]],
    );
    const atList = quickFixes(analysis, ranges[1]);
    assert.deepEqual(atList.map((f) => [f.diagnostic.code, f.fix.title, f.fix.isPreferred]), [
      ['redundant-async', 'Remove redundant `async`', true],
    ]);
    const both = quickFixes(analysis, { start: 0, end: text.length });
    assert.equal(both.length, 2);
    const plain = text.indexOf('plain');
    assert.deepEqual(quickFixes(analysis, { start: plain, end: plain + 5 }), []);
  });

  it('fix-all applies every fix in one edit list that never overlaps', async () => {
    const source = `package a:b;
interface i {
  resource r {
    send: async func(data: stream<u8>) -> result<_, string>;
    read-all: async func() -> tuple<stream<u8>, future<result>>;
    wait: static async func(f: future);
  }
  write: async func(
    data: stream<u8>, // the bytes
  );
}
world w { import run: async func(s: stream<string>) -> u32; }`;
    const analysis = await analysisOf(source);
    const edits = fixAllEdits(analysis);
    assertNoOverlap(edits);
    const fixed = applyEdits(source, edits);
    assert.equal(
      fixed,
      `package a:b;
interface i {
  resource r {
    send: func(data: stream<u8>) -> future<result<_, string>>;
    read-all: func() -> tuple<stream<u8>, future<result>>;
    wait: static func(f: future) -> future;
  }
  write: func(
    data: stream<u8>, // the bytes
  ) -> future;
}
world w { import run: func(s: stream<string>) -> future<u32>; }`,
    );
    assert.equal(await referenceError(fixed), null);
    assert.deepEqual(fixAllEdits(await analysisOf(fixed)), []);
  });

  it('fix-all leaves out a fix that touches text an earlier fix edits', async () => {
    const analysis = await analysisOf('package a:b;\ninterface i { f: async func(s: stream); }');
    const [real] = analysis.rules;
    const edit = (start: number, end: number, newText: string): TextEdit => ({ span: { start, end }, newText });
    const withFix = (...edits: TextEdit[]) => ({ ...real, fix: { title: 't', edits } });
    const edits = fixAllEdits({
      syntax: [],
      rules: [
        withFix(edit(20, 25, 'b')),
        withFix(edit(2, 4, ''), edit(8, 8, 'a')),
        withFix(edit(6, 9, 'overlaps the first')),
        withFix(edit(25, 25, 'insertion where an accepted fix ends')),
        withFix(edit(8, 8, 'insertion at the point of an accepted one')),
        withFix(edit(30, 30, 'c')),
      ],
    });
    assert.deepEqual(edits.map((e) => e.newText), ['', 'a', 'b', 'c']);
  });

  it('fix-all is empty when nothing needs fixing', async () => {
    assert.deepEqual(fixAllEdits(await analysisOf('package a:b;\ninterface i { f: func(s: stream) -> future; }')), []);
  });
});

function assertNoOverlap(edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(sorted[i - 1].span.end <= sorted[i].span.start, 'edits do not overlap');
    assert.ok(sorted[i - 1].span.start !== sorted[i].span.start, 'no two insertions at one point');
  }
}

/**
 * Where a synthetic function is declared: the file around `DECL`, the keyword before the
 * name (after docs and attributes) and the word between `:` and `async`.
 */
const LOCATIONS: { name: string; file: string; keyword: string; prefix: string }[] = [
  { name: 'interface function', file: 'interface i {\n  TYPES\n  DECL\n}', keyword: '', prefix: '' },
  { name: 'resource method', file: 'interface i {\n  TYPES\n  resource r {\n    DECL\n  }\n}', keyword: '', prefix: '' },
  { name: 'static function', file: 'interface i {\n  TYPES\n  resource r {\n    DECL\n  }\n}', keyword: '', prefix: 'static ' },
  { name: 'world import', file: 'world w {\n  TYPES\n  DECL\n}', keyword: 'import ', prefix: '' },
  { name: 'world export', file: 'world w {\n  TYPES\n  DECL\n}', keyword: 'export ', prefix: '' },
  { name: 'inline interface', file: 'world w {\n  import x: interface {\n    TYPES\n    DECL\n  }\n}', keyword: '', prefix: '' },
];

const TYPES =
  'type bytes = stream<u8>; record body { data: stream<u8>, len: u64 } variant event { data(stream<u8>), done }';

const PARAMS = [
  'data: stream<u8>',
  's: stream',
  'f: future<u32>',
  'f: future',
  'x: option<stream<u8>>',
  'b: bytes',
  'b: body',
  'e: event',
  'n: u32, l: list<stream<string>>',
  '',
];

/** Parameters or results that hold a stream or future (directly or through `TYPES`). */
const STREAMY = /stream|future|bytes|body|event/;

const RESULTS = ['', 'u32', 'result<_, string>', 'future<u32>', 'tuple<stream<u8>, future>', 'bytes', 'option<list<u8>>'];

/** Ways of writing one signature: a fix must keep everything but `async` and the result. */
const FORMATS: ((params: string, result: string) => string)[] = [
  (p, r) => `KEYWORDNAME: PREFIXasync func(${p})${r ? ` -> ${r}` : ''};`,
  (p, r) => `KEYWORDNAME:  PREFIXasync   func( ${p} )${r ? `  ->  ${r}` : ''} ;`,
  (p, r) =>
    `/// Docs stay.\n  @since(version = 0.1.0)\n  KEYWORDNAME: PREFIXasync\n      func(\n      ${p}${p ? ',' : ''} // a comment\n    )${r ? ` -> ${r}` : ''};`,
  (p, r) => `KEYWORDNAME: PREFIXasync /* why */ func(${p}) /* r */${r ? ` -> ${r}` : ''};`,
];

describe('fixes keep WIT valid (checked with wit-parser)', () => {
  it('on every synthetic signature, once and idempotently', async () => {
    let fixedCases = 0;
    let index = 0;
    for (const location of LOCATIONS) {
      for (const params of PARAMS) {
        for (const result of RESULTS) {
          const format = FORMATS[index++ % FORMATS.length];
          const decl = format(params, result).replace('KEYWORD', location.keyword).replace('NAME', 'do-it').replace('PREFIX', location.prefix);
          const text = `package a:b@0.1.0;\n${location.file.replace('TYPES', TYPES).replace('DECL', decl)}\n`;
          const label = `${location.name}: ${decl}`;
          assert.equal(await referenceError(text), null, `the original is valid: ${label}`);
          const analysis = await analysisOf(text);
          assert.deepEqual(analysis.syntax, [], label);
          const edits = fixAllEdits(analysis);
          if (edits.length === 0) {
            assert.ok(!STREAMY.test(params + result), `no fix only without streams: ${label}`);
            continue;
          }
          const start = text.indexOf('do-it');
          const end = text.indexOf(';', text.lastIndexOf(')')) + 1;
          assert.ok(edits.every((e) => e.span.start >= start && e.span.end <= end), `edits stay in the signature: ${label}`);
          const fixed = applyEdits(text, edits);
          assert.equal(await referenceError(fixed), null, `the fixed text is valid: ${label}\n${fixed}`);
          assert.equal(fixed.slice(0, start), text.slice(0, start), label);
          assert.equal(fixed.slice(fixed.length - (text.length - end)), text.slice(end), label);
          assert.ok(!/\basync\b/.test(fixed.slice(start)), `async is gone: ${label}`);
          const again = await analysisOf(fixed);
          assert.deepEqual(again.rules, [], `a second run changes nothing: ${label}`);
          fixedCases++;
        }
      }
    }
    const withStreams = PARAMS.flatMap((p) => RESULTS.filter((r) => STREAMY.test(p + r)));
    assert.equal(fixedCases, LOCATIONS.length * withStreams.length, 'every signature with a stream or future got a fix');
    console.log(`# ${fixedCases} fixed signatures validated by wit-parser`);
  });
});
