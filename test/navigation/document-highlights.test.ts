import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentHighlights } from '../../server/src/analysis/navigation/document-highlights';
import { fixture } from './workspace-fixture';

async function highlights(source: string) {
  const f = await fixture({ 'pkg/a.wit': source });
  const text = f.texts.get(f.uri)!;
  return {
    found: documentHighlights(f.workspace, f.uri, f.offset).map((h) => `${text.slice(h.span.start, h.span.end)}@${h.span.start}:${h.kind}`),
    expected: f.ranges.get(f.uri)!.map((r) => `${text.slice(r.start, r.end)}@${r.start}`),
  };
}

describe('document highlights', () => {
  it('marks the declaration as write and every use as read', async () => {
    const { found, expected } = await highlights(`package a:b;
interface i {
  record «po‸int» { x: u32 }
  f: func(p: «point») -> list<«point»>;
  type other = u32;
}`);
    assert.deepEqual(found, expected.map((e, i) => `${e}:${i === 0 ? 'write' : 'read'}`));
  });

  it('treats a renaming `use` as a name of its own', async () => {
    const { found, expected } = await highlights(`package a:b;
interface t { type x = u8; }
interface i {
  use t.{x as «y»};
  f: func(a: «‸y», b: «y»);
}`);
    assert.deepEqual(found, expected.map((e, i) => `${e}:${i === 0 ? 'write' : 'read'}`));
  });

  it('highlights nothing off a name', async () => {
    const { found } = await highlights(`package a:b;\ninterface i { f: fu‸nc(); }`);
    assert.deepEqual(found, []);
  });
});
