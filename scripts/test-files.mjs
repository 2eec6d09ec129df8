// The test tiers, by folder: `npm test` runs every `*.test.ts` under test/ except test/e2e
// (a real VS Code, `npm run test:e2e`) and test/slow (`npm run test:slow`).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OWN_TIERS = ['test/e2e', 'test/slow'];

/** The test files of a tier, relative to the repository, sorted. */
export function testFiles(tier) {
  const all = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
    .map((p) => join('test', p).split('\\').join('/'))
    .filter((p) => p.endsWith('.test.ts'))
    .sort();
  if (tier === 'fast') return all.filter((p) => !OWN_TIERS.some((t) => p.startsWith(`${t}/`)));
  return all.filter((p) => p.startsWith(`test/${tier}/`));
}
