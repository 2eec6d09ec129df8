// Bundles the extension client, the server/CLI and the server's worker thread for oversized
// documents with esbuild, and copies the two wasm files the server loads beside the server
// bundle. jco (component decoding, bindings) is
// bundled apart as ESM in dist/jco/, loaded by the server on first use only. Type checking
// is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
    define: { ...common.define, __JCO_DIR__: JSON.stringify('jco') },
  }),
  // The worker thread that parses and analyses documents above wit.analysis.maxFileSize
  // (server/src/lsp/large-documents/); the server starts it from beside wit-ls.js.
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'server/src/lsp/large-documents/worker.ts')],
    outfile: join(dist, 'large-document-worker.js'),
  }),
  buildJco(),
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'client/src/extension.ts')],
    outfile: join(dist, 'client.js'),
    external: ['vscode'],
  }),
]);

/**
 * jco's wasm-tools and its type generator as two ESM bundles (server/src/components/jco-*.ts),
 * so that decoding a component never compiles the bindings generator, and the reverse.
 * jco finds its wasm (and preview2-shim its I/O worker) beside itself through
 * `import.meta.url`, so those files are copied into the same folder.
 */
async function buildJco() {
  const jcoDir = join(dist, 'jco');
  rmSync(jcoDir, { recursive: true, force: true });
  mkdirSync(jcoDir, { recursive: true });
  // Neither package exports its package.json: find their folders from an exported module.
  const transpile = join(dirname(require.resolve('@bytecodealliance/jco-transpile/wasm-tools')), '..');
  const shim = join(dirname(require.resolve('@bytecodealliance/preview2-shim/filesystem')), '../..');
  // The package index also loads the transpiler, binaryen and a native minifier: take typegen alone.
  const typegenOnly = {
    name: 'jco-typegen-only',
    setup(build) {
      build.onResolve({ filter: /^@bytecodealliance\/jco-transpile$/ }, () => ({ path: join(transpile, 'dist/typegen.js') }));
    },
  };
  await esbuild.build({
    ...common,
    alias: {},
    format: 'esm',
    sourcemap: false,
    entryPoints: {
      'wasm-tools': join(root, 'server/src/components/jco-wasm-tools.ts'),
      typegen: join(root, 'server/src/components/jco-typegen.ts'),
    },
    outdir: jcoDir,
    outExtension: { '.js': '.mjs' },
    plugins: [typegenOnly],
  });
  for (const name of ['wasm-tools', 'js-component-bindgen-component']) {
    for (const part of ['core', 'core2']) copyFileSync(join(transpile, 'vendor', `${name}.${part}.wasm`), join(jcoDir, `${name}.${part}.wasm`));
  }
  copyFileSync(join(shim, 'dist/io/worker-thread.bundle.js'), join(jcoDir, 'worker-thread.bundle.js'));
}

copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
copyFileSync(join(root, 'grammars/tree-sitter-wit/tree-sitter-wit.wasm'), join(dist, 'tree-sitter-wit.wasm'));
