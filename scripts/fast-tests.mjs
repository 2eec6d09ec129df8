// `npm run test:unit` runs this one file under `node --test`: it imports every fast test
// file (scripts/test-files.mjs) into a single process. One process per file spent most of
// the tier's CPU time starting Node, tsx and the wasm parser over again (82 s of CPU against
// 34 s). The tests share no global state (none changes the environment, and the one that
// changes the working folder restores it). A handle left open still fails the run: the
// process never exits and the runner's --test-timeout ends it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, testFiles } from './test-files.mjs';

for (const file of testFiles('fast')) await import(pathToFileURL(join(ROOT, file)).href);
