// `npm run test:e2e`: the packaged extension in a real VS Code. Installs the tools once
// (scripts/e2e-tools.mjs), packages the .vsix, then runs test/e2e/*.test.ts against it.
// `npm run screenshots` (--screenshots) also writes the UI test's pictures to images/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureE2eTools } from './e2e-tools.mjs';
import { packageExtension } from './package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const screenshots = process.argv.includes('--screenshots') ? join(root, 'images') : undefined;
const RUN_TIMEOUT_MS = 10 * 60 * 1000;
/**
 * What the UI tests in test/e2e/editor.test.ts save, in the order they take them. The two
 * WASI pictures need ../shared/wit-corpus, and their test skips where it is absent.
 */
const SCREENSHOTS = [
  'warning-squiggle.png',
  'hover-explanation.png',
  'quick-fix-menu.png',
  'quick-fix-applied.png',
  'problems-panel.png',
  'problems-panel-wasi.png',
  'outline-wasi.png',
  'problems-workspace.png',
  // test/e2e/components.test.ts; component-wit.png needs ../shared/wit-corpus too.
  'component-wit.png',
  'bindings-preview.png',
  'snippet-completion.png',
  'snippet-inserted.png',
];

const started = Date.now();
const tools = ensureE2eTools();
const outDir = join(root, '.e2e');
mkdirSync(outDir, { recursive: true });
// The screenshots of failed steps (test/e2e/harness/ui.ts) belong to this run only.
rmSync(join(outDir, 'failures'), { recursive: true, force: true });
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

/**
 * The README pictures: a 256-colour palette (pngquant) suits a UI screenshot and cuts it
 * to a third; optipng then recompresses losslessly. Other PNGs in the folder are left alone.
 */
function optimise(folder) {
  // Only this run's pictures: quantising one already quantised would lose more colours.
  const files = SCREENSHOTS.map((name) => join(folder, name)).filter((file) => existsSync(file) && statSync(file).mtimeMs >= started);
  const missed = SCREENSHOTS.filter((name) => !files.includes(join(folder, name)));
  if (missed.length > 0) console.warn(`e2e: not taken in this run, left as they were: ${missed.join(', ')}`);
  if (files.length === 0) return;
  const quantised = spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--quality', '70-95', '--ext', '.png', ...files], { stdio: 'inherit' });
  const recompressed = spawnSync('optipng', ['-quiet', '-o2', ...files], { stdio: 'inherit' });
  if (quantised.error || recompressed.error) {
    console.warn('e2e: pngquant or optipng is missing (apt-get install pngquant optipng): screenshots are not optimised');
  }
  for (const file of files) console.log(`  ${relative(root, file)}  ${(statSync(file).size / 1024).toFixed(0)} KB`);
}
