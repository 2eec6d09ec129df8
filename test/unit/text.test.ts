import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, applyEdits, type PositionEncoding } from '../../server/src/analysis/text';
import { seededRandom } from '../helpers/random';

/** Everything a line index answers about `text`, to compare two indexes of one text. */
function answers(lines: LineIndex, text: string): string[] {
  const out = [`lines ${lines.lineCount}`];
  for (let line = 0; line < lines.lineCount; line++) out.push(`line ${line}: ${lines.lineStart(line)}-${lines.lineEnd(line)}`);
  for (let offset = 0; offset <= text.length; offset++) {
    const { line, character } = lines.position(offset);
    const { row, column } = lines.treeSitterPoint(offset);
    out.push(`${offset}: ${line}:${character} utf-8 ${lines.position(offset, 'utf-8').character} point ${row}:${column}`);
  }
  return out;
}

/** Tree-sitter's point by its definition: rows end at `\n` only. */
function naivePoint(text: string, offset: number): { row: number; column: number } {
  const before = text.slice(0, offset);
  return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
}

describe('LineIndex', () => {
  it('splits lines at LF, CRLF and a lone CR', () => {
    const text = 'a\nbb\r\nccc\rd';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((l) => lines.lineStart(l)), [0, 2, 6, 10]);
    assert.deepEqual([0, 1, 2, 3].map((l) => lines.lineEnd(l)), [1, 4, 9, 11]);
    assert.deepEqual(lines.position(4), { line: 1, character: 2 }, 'the CR of CRLF ends line 1');
    assert.deepEqual(lines.position(6), { line: 2, character: 0 });
    assert.deepEqual(lines.position(10), { line: 3, character: 0 });
  });

  it('a CR before CRLF, and a CR after an LF, each end a line of their own', () => {
    const lines = new LineIndex('a\r\r\nb\n\rc\r');
    assert.deepEqual(Array.from({ length: lines.lineCount }, (_, l) => lines.lineStart(l)), [0, 2, 4, 6, 7, 9]);
  });

  it('handles an empty text and a trailing line break', () => {
    assert.deepEqual(new LineIndex('').position(0), { line: 0, character: 0 });
    const lines = new LineIndex('x\n');
    assert.equal(lines.lineCount, 2);
    assert.deepEqual(lines.position(2), { line: 1, character: 0 });
    assert.equal(lines.offset({ line: 1, character: 0 }), 2);
  });

  it('counts columns in UTF-16, UTF-8 and UTF-32 units', () => {
    // é: 1 UTF-16 unit, 2 UTF-8 bytes; 🚀: 2 UTF-16 units, 4 UTF-8 bytes, 1 code point.
    const text = 'package a:b;\n/* é🚀 */ f';
    const lines = new LineIndex(text);
    const f = text.indexOf('f', 13);
    const expected: Record<PositionEncoding, number> = { 'utf-16': 10, 'utf-8': 13, 'utf-32': 9 };
    for (const encoding of ['utf-16', 'utf-8', 'utf-32'] as const) {
      const position = lines.position(f, encoding);
      assert.deepEqual(position, { line: 1, character: expected[encoding] }, encoding);
      assert.equal(lines.offset(position, encoding), f, `${encoding} round trip`);
    }
  });

  it('round-trips every character boundary in every encoding', () => {
    const text = 'aé\r\n🚀b\rç😀😀\n\nz';
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const code = text.charCodeAt(offset);
      if (code >= 0xdc00 && code <= 0xdfff) continue; // inside a surrogate pair
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside CRLF
      for (const encoding of ['utf-16', 'utf-8', 'utf-32'] as const) {
        assert.equal(lines.offset(lines.position(offset, encoding), encoding), offset, `${encoding} at ${offset}`);
      }
    }
  });

  it('counts columns on lines longer than a checkpoint block as a plain count does, halves of pairs included', () => {
    const pieces = ['a', 'é', '€', '🎉', '\ud83c', '\udf89x', '\n'];
    let text = '';
    let seed = 7;
    for (let i = 0; i < 6_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += pieces[seed % (i % 1500 < 1400 ? 6 : 7)];
    }
    const lines = new LineIndex(text);
    const naive = (offset: number, encoding: PositionEncoding): number => {
      const start = lines.lineStart(lines.lineOf(offset));
      let n = 0;
      for (let i = start; i < offset; ) {
        const code = text.codePointAt(i)!;
        i += code > 0xffff ? 2 : 1;
        if (i > offset) break;
        n += encoding === 'utf-32' ? 1 : code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      }
      return n;
    };
    for (let offset = 0; offset <= text.length; offset += 7) {
      for (const encoding of ['utf-8', 'utf-32'] as const) {
        assert.equal(lines.position(offset, encoding).character, naive(offset, encoding), `${encoding} at ${offset}`);
      }
    }
  });

  it('rounds a column inside a character down to its start', () => {
    const text = 'x🚀y';
    const lines = new LineIndex(text);
    assert.equal(lines.offset({ line: 0, character: 2 }, 'utf-16'), 1, 'between the surrogates');
    for (const column of [2, 3, 4]) assert.equal(lines.offset({ line: 0, character: column }, 'utf-8'), 1);
    assert.equal(lines.offset({ line: 0, character: 5 }, 'utf-8'), 3);
    assert.deepEqual(lines.position(2, 'utf-8'), { line: 0, character: 1 });
    assert.deepEqual(lines.position(2, 'utf-32'), { line: 0, character: 1 });
  });

  it('clamps positions outside the text', () => {
    const text = 'ab\ncd';
    const lines = new LineIndex(text);
    assert.equal(lines.offset({ line: 0, character: 99 }), 2, 'past the end of a line: its end');
    assert.equal(lines.offset({ line: 0, character: 99 }, 'utf-8'), 2);
    assert.equal(lines.offset({ line: 7, character: 0 }), text.length, 'past the last line: the end');
    assert.equal(lines.offset({ line: -1, character: 3 }), 0);
    assert.equal(lines.offset({ line: 1, character: -4 }), 3);
    assert.deepEqual(lines.position(-5), { line: 0, character: 0 });
    assert.deepEqual(lines.position(99), { line: 1, character: 2 });
    assert.equal(lines.lineOf(99), 1);
    assert.equal(lines.lineStart(42), 3);
  });
});

describe('LineIndex.edited', () => {
  it('answers as a fresh index after many random edits (CRLF, lone CR, surrogates, empty text)', () => {
    const pieces = ['\n', '\r', '\r\n', 'a', 'bc', 'é', '🚀', '\n\r', ''];
    const next = seededRandom(10);
    let compared = 0;
    for (let round = 0; round < 40; round++) {
      let text = '';
      let lines = new LineIndex(text);
      for (let step = 0; step < 60; step++) {
        const start = Math.floor(next() * (text.length + 1));
        // Any cut, even between the halves of a pair: the client's own edits may do that.
        const end = Math.min(text.length, start + Math.floor(next() * 4));
        let insert = '';
        for (let n = Math.floor(next() * 4); n > 0; n--) insert += pieces[Math.floor(next() * pieces.length)];
        const edited = text.slice(0, start) + insert + text.slice(end);
        lines = lines.edited(start, end, start + insert.length, edited);
        text = edited;
        assert.deepEqual(answers(lines, text), answers(new LineIndex(text), text), `round ${round}, step ${step}: ${JSON.stringify(text)}`);
        compared++;
      }
    }
    assert.equal(compared, 2400);
  });

  it("gives tree-sitter's points, whose rows end at a line feed only", () => {
    const text = 'a\rb\r\nc\n\rd🚀\ne';
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(lines.treeSitterPoint(offset), naivePoint(text, offset), `offset ${offset}`);
    assert.deepEqual(new LineIndex('').treeSitterPoint(0), { row: 0, column: 0 });
    assert.deepEqual(new LineIndex('\nx').treeSitterPoint(0), { row: 0, column: 0 });
  });
});

describe('applyEdits', () => {
  it('applies edits given in any order, insertions included', () => {
    const text = 'send: async func() -> result;';
    const edits = [
      { span: { start: 28, end: 28 }, newText: '>' },
      { span: { start: 6, end: 12 }, newText: '' },
      { span: { start: 22, end: 22 }, newText: 'future<' },
    ];
    assert.equal(applyEdits(text, edits), 'send: func() -> future<result>;');
    assert.equal(applyEdits(text, [...edits].reverse()), 'send: func() -> future<result>;');
    assert.equal(applyEdits(text, []), text);
  });
});
