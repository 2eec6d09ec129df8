import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { WitDocument } from '../../server/src/analysis/document';
import { FileAnalysisCache } from '../../server/src/analysis/file-analysis-cache';
import { regionsOf, updateRegions, type Region } from '../../server/src/analysis/file-regions';
import { fileTypeResolver } from '../../server/src/analysis/types';
import { marked } from '../helpers/markers';
import { witParser } from '../helpers/parser';

// The regions FileAnalysisCache keeps findings in: top-level items, and inside an interface
// or world each member, inside a resource there each method. `«»` marks where each region
// ends (its text runs from the previous mark), `‸` where the tests type.

const SOURCE = `package a:b;«»

interface i {
  type t = u32;«»
  /// Docs go with the member after them.
  resource r {
    constructor();«»
    first: func(a: t‸);«»
    second: func() -> t;«»
  }
  after: func();«»
}«»

world w {
  export run: func();«»
}«»
«»`;

function ends(regions: readonly Region<unknown>[]): number[] {
  return regions.map((r) => r.end);
}

async function opened() {
  const parser = await witParser();
  const { text, ranges, cursor } = marked(SOURCE);
  const document = WitDocument.create(parser, 'file:///r.wit', text);
  return { document, expected: ranges.map((r) => r.end), cursor };
}

describe('file regions', () => {
  it('end at top-level items, at members of interfaces and worlds, and at methods of resources there', async () => {
    const { document, expected } = await opened();
    const regions = regionsOf(document.tree, document.text);
    assert.deepEqual(ends(regions), expected);
    assert.equal(regions[0].start, 0);
    for (let i = 1; i < regions.length; i++) assert.equal(regions[i].start, regions[i - 1].end, 'side by side');
    assert.match(regions[1].signature, /interface_item i\ntype_alias t/);
    document.dispose();
  });

  it('after typing in one method, keep every other region and read only that one again', async () => {
    const { document, expected, cursor } = await opened();
    const regions = regionsOf(document.tree, document.text);
    const revision = document.revision;
    document.applyChange({ start: cursor, end: cursor }, ', b: string');
    const updated = updateRegions(regions, document.editsSince(revision)!, document.tree, document.text, () => {});
    assert.ok(updated);
    assert.equal(updated.namesChanged, false);
    const edited = regions.findIndex((r) => r.start <= cursor && cursor < r.end);
    assert.deepEqual(ends(updated.regions), expected.map((end) => (end > cursor ? end + ', b: string'.length : end)));
    updated.regions.forEach((region, i) => (i === edited ? assert.notEqual(region, regions[i]) : assert.equal(region, regions[i])));
    document.dispose();
  });

  it('notice a type renamed, which may change what names resolve to, but not a function renamed', async () => {
    const renamed = async (from: string, to: string) => {
      const { document } = await opened();
      const regions = regionsOf(document.tree, document.text);
      const at = document.text.indexOf(from);
      const revision = document.revision;
      document.applyChange({ start: at, end: at + from.length }, to);
      const updated = updateRegions(regions, document.editsSince(revision)!, document.tree, document.text, () => {});
      document.dispose();
      return updated?.namesChanged;
    };
    assert.equal(await renamed('type t', 'type u'), true);
    assert.equal(await renamed('resource r', 'resource s'), true);
    assert.equal(await renamed('second', 'third'), false);
  });

  it('find a type nested too deep in the member where it starts, as a whole-file analysis does', async () => {
    const parser = await witParser();
    const deep = `${'list<'.repeat(100)}u8${'>'.repeat(100)}`;
    const text = `package a:b;\n\ninterface i {\n  type shallow = list<u8>;\n  type deep = ${deep};\n  f: func(a: u32);\n}\n`;
    const document = WitDocument.create(parser, 'file:///deep.wit', text);
    const cache = new FileAnalysisCache();
    const nesting = (syntax: { message: string }[]) => syntax.filter((d) => d.message === 'type nesting too deep');
    assert.equal(nesting(cache.analyze(document, { rules: {} }, fileTypeResolver, fileTypeResolver).syntax).length, 1);
    // Typing in that member finds it again there; the interface's first region knows nothing of it.
    const at = text.indexOf('deep = ') + 'deep ='.length;
    document.applyChange({ start: at, end: at }, ' ');
    const kept = cache.analyze(document, { rules: {} }, fileTypeResolver, fileTypeResolver).syntax;
    assert.deepEqual(kept, analyze(document).syntax);
    assert.equal(nesting(kept).length, 1);
    document.dispose();
  });
});
