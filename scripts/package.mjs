// `npm run package`: production bundles, then a .vsix made by vsce from the allow-list in
// .vscodeignore (PACKAGE_FILES below must agree with it). Prints the package's size and
// files, and fails when the package holds a file outside PACKAGE_FILES or lacks one.
//   node scripts/package.mjs [--out FILE.vsix]
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** vsce's own bookkeeping, present in every package. */
const MANIFEST_FILES = ['[Content_Types].xml', 'extension.vsixmanifest', 'extension/package.json'];

/**
 * Every file the package may hold (vsce stores them under `extension/`, and adds `.txt`
 * to a LICENSE without extension). `required: false` marks files another part of the
 * project provides; they must be packaged when they exist in the repository.
 */
export const PACKAGE_FILES = [
  { source: 'dist/client.js', entry: 'extension/dist/client.js', required: true },
  { source: 'dist/wit-ls.js', entry: 'extension/dist/wit-ls.js', required: true },
  { source: 'dist/large-document-worker.js', entry: 'extension/dist/large-document-worker.js', required: true },
  { source: 'dist/web-tree-sitter.wasm', entry: 'extension/dist/web-tree-sitter.wasm', required: true },
  { source: 'dist/tree-sitter-wit.wasm', entry: 'extension/dist/tree-sitter-wit.wasm', required: true },
  // jco, loaded on first use by the component view and the bindings preview (scripts/build.mjs).
  ...[
    'wasm-tools.mjs',
    'wasm-tools.core.wasm',
    'wasm-tools.core2.wasm',
    'typegen.mjs',
    'js-component-bindgen-component.core.wasm',
    'js-component-bindgen-component.core2.wasm',
    'worker-thread.bundle.js',
  ].map((name) => ({ source: `dist/jco/${name}`, entry: `extension/dist/jco/${name}`, required: true })),
  { source: 'images/icon.png', entry: 'extension/images/icon.png', required: true },
  { source: 'LICENSE', entry: 'extension/LICENSE.txt', required: true },
  { source: 'README.md', entry: 'extension/readme.md', required: true },
  { source: 'CHANGELOG.md', entry: 'extension/changelog.md', required: false },
  { source: 'syntaxes/wit.tmLanguage.json', entry: 'extension/syntaxes/wit.tmLanguage.json', required: false },
  { source: 'syntaxes/wit-doc-markdown.tmLanguage.json', entry: 'extension/syntaxes/wit-doc-markdown.tmLanguage.json', required: false },
  { source: 'language-configuration.json', entry: 'extension/language-configuration.json', required: false },
];

/** Names and uncompressed sizes of a zip's files, read from its central directory. */
export function zipEntries(zip) {
  const endSignature = 0x06054b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== endSignature) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`corrupt zip: bad central directory entry ${i}`);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (!name.endsWith('/')) entries.push({ name, size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** What is wrong with a package's file list against PACKAGE_FILES; empty when nothing is. */
export function packageProblems(names, repositoryRoot = root) {
  const allowed = new Set([...MANIFEST_FILES, ...PACKAGE_FILES.map((f) => f.entry)]);
  const present = new Set(names.map((n) => n.toLowerCase()));
  const problems = names.filter((n) => !allowed.has(n)).map((n) => `not on the allow-list: ${n}`);
  for (const file of [...MANIFEST_FILES.map((entry) => ({ entry, required: true })), ...PACKAGE_FILES]) {
    const expected = file.required || existsSync(join(repositoryRoot, file.source));
    if (expected && !present.has(file.entry.toLowerCase())) problems.push(`missing: ${file.entry}`);
  }
  return problems;
}

/**
 * Builds production bundles and packages them; returns the .vsix path and its entries.
 * Works in a private staging folder holding only the allow-listed files, so a build of
 * dist/ running at the same time (tests, watch) cannot slip into the package.
 */
export function packageExtension(out = join(root, `wit-ls-${readPackageJson().version}.vsix`)) {
  const staging = mkdtempSync(join(tmpdir(), 'wit-ls-package-'));
  try {
    for (const file of ['package.json', '.vscodeignore', ...PACKAGE_FILES.map((f) => f.source)]) {
      if (file.startsWith('dist/') || !existsSync(join(root, file))) continue;
      mkdirSync(dirname(join(staging, file)), { recursive: true });
      copyFileSync(join(root, file), join(staging, file));
    }
    const build = join(root, 'scripts/build.mjs');
    execFileSync(process.execPath, [build, '--production', '--outdir', join(staging, 'dist')], { cwd: root, stdio: 'inherit' });
    const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    // The bundles carry every dependency, so vsce must not add node_modules.
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', resolve(out)], {
      cwd: staging,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { path: resolve(out), entries: zipEntries(readFileSync(out)) };
}

function readPackageJson() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}

function kilobytes(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main() {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? resolve(process.argv[outIndex + 1] ?? '') : undefined;
  if (outIndex > 0 && !process.argv[outIndex + 1]) {
    console.error('usage: node scripts/package.mjs [--out FILE.vsix]');
    process.exit(2);
  }
  const vsix = packageExtension(out);
  console.log(`\n${relative(process.cwd(), vsix.path)}: ${kilobytes(statSync(vsix.path).size)}`);
  for (const { name, size } of vsix.entries) console.log(`  ${name.padEnd(44)} ${kilobytes(size).padStart(10)}`);
  const problems = packageProblems(vsix.entries.map((e) => e.name));
  if (problems.length > 0) {
    console.error(`\nthe package does not match the allow-list in scripts/package.mjs:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
