import { describe, it } from 'node:test';
import { witParser } from '../helpers/parser';
import { seedOf } from '../helpers/mutations';
import { compareIncremental, equivalencePackages } from './equivalence';

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
});
