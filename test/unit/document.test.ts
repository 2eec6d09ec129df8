import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { WitDocument } from '../../server/src/analysis/document';
import { witParser } from '../helpers/parser';
import { seededRandom } from '../helpers/random';

const BASE = `package wasi:sockets@0.3.0;

/// Types.
interface types {
  @since(version = 0.3.0)
  resource tcp-socket {
    /* é 🚀 — non-ASCII before code */ send: async func(data: stream<u8>) -> result<_, error-code>;\r
    receive: func() -> tuple<stream<u8>, future<result<_, error-code>>>;
  }
  enum error-code { unknown, access-denied }
  record pair { a: u32, b: option<list<string>> }
}
world w { import types; export run: async func(); }
`;

/** Pieces a user might type, including broken and non-ASCII ones. */
const SNIPPETS = ['async ', 'func', '(', ')', '{', '}', ';', ' -> ', 'stream<u8>', '\n', '\r\n', '// c\n', '/*', '*/', 'é', '🚀', 'x', '%option', ',', '<', '>', 'record r { a: u32 }', ''];

/** Every node as type, offsets and start point: equal trees give equal lists. */
function shape(node: Node): string[] {
  const out: string[] = [];
  const visit = (n: Node): void => {
    const { row, column } = n.startPosition;
    out.push(`${n.type}${n.isMissing ? '!' : ''}@${n.startIndex}-${n.endIndex} ${row}:${column}`);
    for (const child of n.children) if (child) visit(child);
  };
  visit(node);
  return out;
}

describe('WitDocument', () => {
  it('after random edits, the incremental tree equals a fresh parse', async () => {
    const parser = await witParser();
    const next = seededRandom(870);
    const document = WitDocument.create(parser, 'file:///t.wit', BASE);
    for (let step = 0; step < 200; step++) {
      const text = document.text;
      let start = Math.floor(next() * (text.length + 1));
      let end = Math.min(text.length, start + Math.floor(next() * 12));
      // Never split a surrogate pair: editors send whole characters.
      if (/[\udc00-\udfff]/.test(text[start] ?? '')) start--;
      if (/[\udc00-\udfff]/.test(text[end] ?? '')) end++;
      const insert = next() < 0.3 ? '' : SNIPPETS[Math.floor(next() * SNIPPETS.length)];
      document.applyChange({ start, end }, insert);
      assert.equal(document.text, text.slice(0, start) + insert + text.slice(end));
      const fresh = parser.parse(document.text);
      try {
        assert.equal(document.tree.rootNode.toString(), fresh.rootNode.toString(), `step ${step}`);
        assert.deepEqual(shape(document.tree.rootNode), shape(fresh.rootNode), `step ${step}`);
      } finally {
        fresh.delete();
      }
      if (step % 50 === 49) document.setText(BASE); // start over from valid text now and then
    }
    document.dispose();
  });

  it('clamps a change outside the text and keeps the line index current', async () => {
    const document = WitDocument.create(await witParser(), 'file:///t.wit', 'package a:b;');
    document.applyChange({ start: 50, end: 80 }, '\ninterface i {}');
    assert.equal(document.text, 'package a:b;\ninterface i {}');
    assert.equal(document.lines.lineCount, 2);
    document.applyChange({ start: 12, end: 5 }, '');
    assert.equal(document.text, 'package a:b;\ninterface i {}', 'an inverted span deletes nothing');
    document.applyChange({ start: -3, end: 0 }, '// x\n');
    assert.equal(document.text, '// x\npackage a:b;\ninterface i {}');
    assert.equal(document.lines.lineCount, 3);
    assert.equal(document.tree.rootNode.hasError, false);
    document.setText('package a:b');
    assert.equal(document.lines.lineCount, 1);
    assert.equal(document.tree.rootNode.hasError, true);
    document.dispose();
  });
});
