// `npm run test:e2e`: the packaged extension in a real VS Code. Installs the tools once
// (scripts/e2e-tools.mjs), packages the .vsix, then runs test/e2e/*.test.ts against it.
// `npm run screenshots` (--screenshots) also writes the UI test's pictures to images/.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureE2eTools } from './e2e-tools.mjs';
import { packageExtension } from './package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const screenshots = process.argv.includes('--screenshots') ? join(root, 'images/screenshots') : undefined;
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

const started = Date.now();
const tools = ensureE2eTools();
const outDir = join(root, '.e2e');
mkdirSync(outDir, { recursive: true });
const vsix = packageExtension(join(outDir, 'wit-ls.vsix')).path;

const tests = readdirSync(join(root, 'test/e2e'))
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => join('test/e2e', name));
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...tests],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      WIT_LS_VSIX: vsix,
      WIT_LS_E2E_NODE: tools.node,
      WIT_LS_E2E_CODE_SERVER: tools.codeServer,
      WIT_LS_E2E_CHROMIUM: tools.chromium,
      ...(screenshots ? { WIT_LS_SCREENSHOTS_DIR: screenshots } : {}),
    },
  },
);
// The test files stop code-server and the browser on these signals; pass them on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
const limit = setTimeout(() => {
  console.error(`e2e: no result after ${RUN_TIMEOUT_MS / 60000} min; stopping the tests`);
  child.kill('SIGTERM');
}, RUN_TIMEOUT_MS);

child.on('exit', (code, signal) => {
  clearTimeout(limit);
  if (code === 0 && screenshots) optimise(screenshots);
  console.log(`e2e: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(code ?? (signal ? 1 : 0));
});

/** Lossless PNG recompression for the README pictures, when optipng is there. */
function optimise(folder) {
  const files = readdirSync(folder).filter((name) => name.endsWith('.png')).map((name) => join(folder, name));
  const result = spawnSync('optipng', ['-quiet', '-o2', ...files], { stdio: 'inherit' });
  if (result.error) console.warn(`e2e: optipng not found (apt-get install optipng): screenshots left unoptimised`);
  else console.log(`e2e: screenshots in ${folder}`);
}
