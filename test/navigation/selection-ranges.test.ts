import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectionRanges } from '../../server/src/analysis/navigation/selection-ranges';
import { marked } from '../helpers/markers';
import { documentOf } from '../helpers/parser';

async function steps(source: string): Promise<string[]> {
  const { text, cursor } = marked(source);
  const document = await documentOf(text);
  return selectionRanges(document.tree.rootNode, cursor).map((s) => text.slice(s.start, s.end));
}

describe('selection ranges', () => {
  it('grows from a name to its type, param list, function, item with docs, body, interface, file', async () => {
    const source = `package a:b;
interface i {
  type t = u8;
  /// Sends.
  send: func(da‸ta: list<u8>);
}`;
    assert.deepEqual(await steps(source), [
      'data',
      'data: list<u8>',
      '(data: list<u8>)',
      'func(data: list<u8>)',
      'send: func(data: list<u8>);',
      '/// Sends.\n  send: func(data: list<u8>);',
      'type t = u8;\n  /// Sends.\n  send: func(data: list<u8>);',
      '{\n  type t = u8;\n  /// Sends.\n  send: func(data: list<u8>);\n}',
      'interface i {\n  type t = u8;\n  /// Sends.\n  send: func(data: list<u8>);\n}',
      marked(source).text,
    ]);
  });

  it('takes the word that ends at the cursor', async () => {
    const result = await steps(`package a:b;
interface i { record r { count‸: u32 } }`);
    assert.equal(result[0], 'count');
    assert.equal(result[1], 'count: u32');
  });

  it('gives nested spans, each containing the previous one', async () => {
    const { text } = marked(`package a:b;
world w { import x: func(a: tuple<u8, u16>) -> result<u8, string>; }`);
    const document = await documentOf(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const spans = selectionRanges(document.tree.rootNode, offset);
      for (let i = 1; i < spans.length; i++) {
        assert.ok(spans[i].start <= spans[i - 1].start && spans[i - 1].end <= spans[i].end, `at ${offset}`);
        assert.ok(spans[i].end - spans[i].start > spans[i - 1].end - spans[i - 1].start, `at ${offset}`);
      }
    }
  });
});
