import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createWorkspace } from '../../server/src/analysis/model';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { witParser } from '../helpers/parser';

/** A fixed-seed generator, so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/**
 * Broken WIT is what an editor holds most of the time: cutting, duplicating and truncating
 * real files must never make the model throw or hang, for diagnostics or navigation.
 */
test('the model survives mangled real WIT', { skip: corpusMissing }, async () => {
  const parser = await witParser();
  const next = random(42);
  const sources = witFiles(path.join(CORPUS, 'wasi-p3')).slice(0, 40).map((f) => fs.readFileSync(f, 'utf8'));
  const workspace = createWorkspace(parser, { features: [] });
  let checked = 0;
  for (const [i, source] of sources.entries()) {
    for (let round = 0; round < 6; round++) {
      const a = Math.floor(next() * source.length);
      const b = Math.min(source.length, a + Math.floor(next() * 80));
      const mangled = [
        source.slice(0, a) + source.slice(b), // a cut
        source.slice(0, b) + source.slice(a), // a duplicated span
        source.slice(0, a), // typing at the end
      ][round % 3];
      const uri = `file:///mangled/p${i % 4}/f${i}.wit`;
      workspace.setText(uri, mangled);
      workspace.diagnostics(uri);
      for (let k = 0; k < 5; k++) {
        const offset = Math.floor(next() * (mangled.length + 1));
        const target = workspace.resolveAt(uri, offset);
        if (target) workspace.referencesTo(target);
        workspace.scopeAt(uri, offset);
      }
      checked++;
    }
  }
  assert.equal(checked, sources.length * 6);
});
