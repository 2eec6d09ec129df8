import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex } from '../../server/src/analysis/text';
import { applyTextChanges } from '../../server/src/lsp/text-changes';

/** The changes applied one by one, each located in the text the previous ones made. */
function oneByOne(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  for (const change of changes) {
    if (!('range' in change)) {
      text = change.text;
      continue;
    }
    const lines = new LineIndex(text);
    const a = lines.offset(change.range.start);
    const b = lines.offset(change.range.end);
    text = text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
  }
  return text;
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('applyTextChanges', () => {
  it('equals applying each change to the text the previous ones made, in any order', () => {
    const next = random(7);
    for (let round = 0; round < 2_000; round++) {
      let text = Array.from({ length: 1 + Math.floor(next() * 6) }, () => 'ab\ncd\r\n'.slice(0, Math.floor(next() * 8))).join('\n');
      const changes: TextDocumentContentChangeEvent[] = [];
      let simulated = text;
      const backwards = next() < 0.5;
      let limit = { line: 1_000, character: 0 };
      for (let k = 0; k < 1 + Math.floor(next() * 5); k++) {
        if (next() < 0.05) {
          changes.push({ text: 'x\ny' });
          simulated = 'x\ny';
          continue;
        }
        const lines = new LineIndex(simulated);
        const position = () => {
          const line = Math.floor(next() * lines.lineCount);
          return { line, character: Math.floor(next() * (lines.lineEnd(line) - lines.lineStart(line) + 1)) };
        };
        let [start, end] = [position(), position()].sort((p, q) => p.line - q.line || p.character - q.character);
        if (backwards && (end.line > limit.line || (end.line === limit.line && end.character > limit.character))) [start, end] = [limit, limit];
        const change = { range: { start, end }, text: ['', 'z', '\n', 'q\r\n'][Math.floor(next() * 4)] };
        changes.push(change);
        simulated = oneByOne(simulated, [change]);
        limit = start;
      }
      assert.equal(applyTextChanges(text, changes, 'utf-16'), oneByOne(text, changes), JSON.stringify({ text, changes }));
      text = simulated;
    }
  });

  it('a multi-cursor edit, last cursor first, of a large text', () => {
    const text = 'abc\n'.repeat(50_000);
    const changes = Array.from({ length: 5_000 }, (_, i) => ({ range: { start: { line: 49_990 - i * 10, character: 1 }, end: { line: 49_990 - i * 10, character: 2 } }, text: 'X' }));
    const result = applyTextChanges(text, changes, 'utf-16');
    assert.equal(result.split('\n')[49_990], 'aXc');
    assert.equal(result.split('aXc').length - 1, 5_000);
  });
});
