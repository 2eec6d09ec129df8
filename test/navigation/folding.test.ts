import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldingRanges } from '../../server/src/analysis/navigation/folding';
import { documentOf } from '../helpers/parser';

async function folds(text: string) {
  const document = await documentOf(text);
  return foldingRanges(document.tree.rootNode, document.lines);
}

describe('folding ranges', () => {
  it('folds bodies up to the line before their closing brace', async () => {
    assert.deepEqual(
      await folds(`package a:b;
interface i {
  record r {
    x: u32,
  }
  f: func(
    a: u32,
  );
}
world w { import i; }`),
      [
        { startLine: 1, endLine: 7 },
        { startLine: 2, endLine: 3 },
        { startLine: 5, endLine: 6 },
      ],
    );
  });

  it('folds runs of line comments and multi-line block comments, not single lines', async () => {
    assert.deepEqual(
      await folds(`// one
// two
// three
package a:b;
/* a
   block */
interface i {} // alone`),
      [
        { startLine: 0, endLine: 2, kind: 'comment' },
        { startLine: 4, endLine: 5, kind: 'comment' },
      ],
    );
  });

  it('folds a run of `use` items as imports', async () => {
    assert.deepEqual(
      await folds(`package a:b;
use x:y/z as z;
use x:y/w as w;
interface i {
  use t.{a};
  use t.{b};
  use t.{c};
  type d = u8;
  use t.{e};
}
interface t { type a = u8; type b = u8; type c = u8; type e = u8; }`),
      [
        { startLine: 1, endLine: 2, kind: 'imports' },
        { startLine: 3, endLine: 8 },
        { startLine: 4, endLine: 6, kind: 'imports' },
      ],
    );
  });

  it('keeps runs apart when the tree starts after whitespace', async () => {
    assert.deepEqual(await folds('\n\n   package a:b;\ninterface i {\n  use t.{a};\n  use t.{b};\n}\ninterface t { type a = u8; type b = u8; }'), [
      { startLine: 3, endLine: 5 },
      { startLine: 4, endLine: 5, kind: 'imports' },
    ]);
  });

  it('folds a body cut short by a syntax error to its end', async () => {
    const ranges = await folds(`package a:b;
interface i {
  f: func();
  g: func();`);
    assert.deepEqual(ranges, [{ startLine: 1, endLine: 3 }]);
  });
});
