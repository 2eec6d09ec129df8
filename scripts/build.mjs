// Bundles the extension client and the server/CLI with esbuild, and copies the two wasm
// files the server loads beside the server bundle. Type checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const production = process.argv.includes('--production');
// --outdir lets `npm run package` build into its own staging folder, away from the dist/
// that tests and other builds use at the same time.
const outdirIndex = process.argv.indexOf('--outdir');
const dist = outdirIndex > 0 ? resolve(process.argv[outdirIndex + 1] ?? 'dist') : join(root, 'dist');
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
  // web-tree-sitter is ESM-first; its CommonJS build is the one that works in a CJS bundle.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter').replace(/\.js$/, '.cjs') },
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'server/src/main.ts')],
    outfile: join(dist, 'wit-ls.js'),
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'client/src/extension.ts')],
    outfile: join(dist, 'client.js'),
    external: ['vscode'],
  }),
]);

copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
copyFileSync(join(root, 'grammars/tree-sitter-wit/tree-sitter-wit.wasm'), join(dist, 'tree-sitter-wit.wasm'));
