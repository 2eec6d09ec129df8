import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './parser';

/** `../shared/wit-corpus`, beside the repository; absent on a user's fresh clone. */
export const CORPUS = path.resolve(ROOT, '../shared/wit-corpus');

/** Why corpus tests skip, or false when the corpus is there. */
export const corpusMissing: string | false = fs.existsSync(CORPUS)
  ? false
  : `skipped: ${CORPUS} is absent (it sits beside the repository in CI)`;

/** Every `.wit` file under `dir`, sorted. */
export function witFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.wit')) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}
