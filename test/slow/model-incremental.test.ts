import { describe, it } from 'node:test';
import { witParser } from '../helpers/parser';
import assert from 'node:assert/strict';
import { equivalencePackages, compareIncremental, patchableMutation, type EditCounts } from '../model/equivalence';
import { seedOf } from '../helpers/mutations';

/** Different from the fast tier's (test/model/incremental.test.ts), so the two explore different sequences. */
const BASE_SEED = 1010;
const EDITS_PER_FILE = 12;
/** Files edited per package, spread over it (every file of a WASI release would take long). */
const FILES_PER_PACKAGE = 8;

describe('the incremental model, at length', () => {
  it(`answers after each of ${EDITS_PER_FILE} edits to ${FILES_PER_PACKAGE} files of each package as a fresh model`, { timeout: 1_800_000 }, async (t) => {
    const parser = await witParser();
    let edits = 0;
    for (const { name, files } of equivalencePackages()) {
      const step = Math.max(1, Math.floor(files.length / FILES_PER_PACKAGE));
      for (const file of files.filter((_, i) => i % step === 0).slice(0, FILES_PER_PACKAGE)) {
        edits += compareIncremental(parser, files, file, seedOf(file.slice(file.indexOf(name)), BASE_SEED), EDITS_PER_FILE, 2);
      }
    }
    t.diagnostic(`${edits} edits compared`);
  });

  it(`patches ${EDITS_PER_FILE * 2} edits inside signatures, type bodies, comments and whitespace per file in place, as a fresh model answers`, { timeout: 1_800_000 }, async (t) => {
    const parser = await witParser();
    const counts: EditCounts = { compared: 0, patched: 0 };
    for (const { name, files } of equivalencePackages()) {
      const step = Math.max(1, Math.floor(files.length / FILES_PER_PACKAGE));
      for (const file of files.filter((_, i) => i % step === 0).slice(0, FILES_PER_PACKAGE)) {
        compareIncremental(parser, files, file, seedOf(file.slice(file.indexOf(name)), BASE_SEED + 1), EDITS_PER_FILE * 2, 2, patchableMutation, counts);
      }
    }
    t.diagnostic(`${counts.compared} edits compared, ${counts.patched} patched in place`);
    assert.ok(counts.patched >= counts.compared / 3, `only ${counts.patched} of ${counts.compared} edits were patched in place`);
  });
});
