import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');

/** The .vsix `npm run test:e2e` made (WIT_LS_VSIX), else one packaged here. */
let entries: { name: string; size: number }[];
let vsixBytes: number;
let packaging: typeof import('../../scripts/package.mjs', { with: { 'resolution-mode': 'import' } });
let scratch: string | undefined;

before(async () => {
  // scripts/package.mjs is an ES module; this test file is CommonJS.
  packaging = await import('../../scripts/package.mjs');
  let vsix = process.env.WIT_LS_VSIX;
  if (!vsix) {
    scratch = mkdtempSync(path.join(tmpdir(), 'wit-ls-vsix-'));
    vsix = path.join(scratch, 'wit-ls.vsix');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/package.mjs'), '--out', vsix], { stdio: 'ignore' });
  }
  const zip = readFileSync(vsix);
  entries = packaging.zipEntries(zip);
  vsixBytes = zip.length;
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('the .vsix holds exactly the bundles, wasm, language files, docs and icon', () => {
  const expected = [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/dist/client.js',
    'extension/dist/wit-ls.js',
    'extension/dist/large-document-worker.js',
    'extension/dist/web-tree-sitter.wasm',
    'extension/dist/tree-sitter-wit.wasm',
    'extension/dist/jco/wasm-tools.mjs',
    'extension/dist/jco/wasm-tools.core.wasm',
    'extension/dist/jco/wasm-tools.core2.wasm',
    'extension/dist/jco/typegen.mjs',
    'extension/dist/jco/js-component-bindgen-component.core.wasm',
    'extension/dist/jco/js-component-bindgen-component.core2.wasm',
    'extension/dist/jco/worker-thread.bundle.js',
    'extension/images/icon.png',
    'extension/LICENSE.txt',
    'extension/readme.md',
  ];
  // Files other engineers provide: packaged as soon as they exist.
  const optional: Record<string, string> = {
    'CHANGELOG.md': 'extension/changelog.md',
    'syntaxes/wit.tmLanguage.json': 'extension/syntaxes/wit.tmLanguage.json',
    'syntaxes/wit-doc-markdown.tmLanguage.json': 'extension/syntaxes/wit-doc-markdown.tmLanguage.json',
    'language-configuration.json': 'extension/language-configuration.json',
  };
  for (const [source, entry] of Object.entries(optional)) {
    if (existsSync(path.join(ROOT, source))) expected.push(entry);
  }
  assert.deepEqual(entries.map((e) => e.name).sort(), expected.sort());
  for (const entry of entries) assert.ok(entry.size > 0, `${entry.name} is empty`);
});

test('the allow-list check names stray and missing files', () => {
  const names = entries.map((e) => e.name);
  assert.deepEqual(packaging.packageProblems(names), []);
  const broken = [...names.filter((n) => n !== 'extension/dist/wit-ls.js'), 'extension/dist/wit-ls.js.map'];
  assert.deepEqual(packaging.packageProblems(broken), [
    'not on the allow-list: extension/dist/wit-ls.js.map',
    'missing: extension/dist/wit-ls.js',
  ]);
});

test('the .vsix stays under 8 MB, jco and its wasm included', () => {
  assert.ok(vsixBytes < 8 * 1024 * 1024, `the .vsix is ${(vsixBytes / 1024 / 1024).toFixed(2)} MB`);
});
