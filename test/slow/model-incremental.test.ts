import { describe, it } from 'node:test';
import { witParser } from '../helpers/parser';
import { equivalencePackages, compareIncremental } from '../model/equivalence';
import { seedOf } from '../robustness/mutations';

/** Different from the fast tier's (test/model/incremental.test.ts), so the two explore different sequences. */
const BASE_SEED = 1010;
const EDITS_PER_FILE = 40;

describe('the incremental model, at length', () => {
  it(`answers after each of ${EDITS_PER_FILE} edits to every file of each package as a fresh model`, { timeout: 1_800_000 }, async (t) => {
    const parser = await witParser();
    let edits = 0;
    for (const { name, files } of equivalencePackages()) {
      for (const file of files) edits += compareIncremental(parser, files, file, seedOf(file.slice(file.indexOf(name)), BASE_SEED), EDITS_PER_FILE);
    }
    t.diagnostic(`${edits} edits compared`);
  });
});
