import { describe, it } from 'node:test';
import { witParser } from '../helpers/parser';
import { seedOf } from '../helpers/mutations';
import assert from 'node:assert/strict';
import { compareIncremental, equivalencePackages, patchableMutation, type EditCounts } from './equivalence';

/** Bump to explore new sequences; test/slow/model-incremental.test.ts runs many more. */
const BASE_SEED = 10;

describe('the incremental model', () => {
  it('answers after every edit as a model built from scratch on the final text', async (t) => {
    const parser = await witParser();
    let edits = 0;
    for (const { name, files } of equivalencePackages().slice(0, 2)) {
      // Two files of each package, each edited in its own sequence.
      for (const file of [files[0], files[Math.floor(files.length / 2)]]) {
        edits += compareIncremental(parser, files, file, seedOf(file.slice(file.indexOf(name)), BASE_SEED), 8, 5);
      }
    }
    t.diagnostic(`${edits} edits compared`);
  });

  it('patches edits inside signatures, type bodies, comments and whitespace in place, answering as a fresh model', async (t) => {
    const parser = await witParser();
    const counts: EditCounts = { compared: 0, patched: 0 };
    for (const { name, files } of equivalencePackages().slice(0, 2)) {
      const multiFile = files.filter((f) => files.some((g) => g !== f && g.slice(0, g.lastIndexOf('/')) === f.slice(0, f.lastIndexOf('/'))));
      for (const file of multiFile.slice(0, 2)) {
        compareIncremental(parser, files, file, seedOf(file.slice(file.indexOf(name)), BASE_SEED + 1), 12, 5, patchableMutation, counts);
      }
    }
    t.diagnostic(`${counts.compared} edits compared, ${counts.patched} patched in place`);
    // Most such edits change nothing another item sees; some break the syntax and need a rebuild.
    assert.ok(counts.patched >= counts.compared / 3, `only ${counts.patched} of ${counts.compared} edits were patched in place`);
  });
});
