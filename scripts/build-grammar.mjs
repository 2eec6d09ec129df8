// Regenerates the committed grammar artefacts: src/parser.c (and grammar.json,
// node-types.json) with the tree-sitter CLI, then tree-sitter-wit.wasm with clang.
//
//   node scripts/build-grammar.mjs           regenerate in place
//   node scripts/build-grammar.mjs --check   regenerate in a temporary copy and fail if
//                                            any committed artefact differs (CI)
//
// The CLI is $TREE_SITTER or ../shared/tools/tree-sitter (npm's tree-sitter-cli cannot
// install here); clang-14, lld-14 and wasi-libc come from Debian.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const grammarDir = join(root, 'grammars/tree-sitter-wit');
const ARTEFACTS = ['src/parser.c', 'src/grammar.json', 'src/node-types.json', 'src/tree_sitter/parser.h', 'tree-sitter-wit.wasm'];

function treeSitterCli() {
  const cli = process.env.TREE_SITTER ?? resolve(root, '../shared/tools/tree-sitter');
  if (!existsSync(cli)) {
    throw new Error(`no tree-sitter CLI at ${cli}: set TREE_SITTER to a tree-sitter 0.22 CLI`);
  }
  return cli;
}

function build(dir) {
  execFileSync(treeSitterCli(), ['generate'], { cwd: dir, stdio: 'inherit' });
  execFileSync('clang-14', [
    '--target=wasm32-unknown-emscripten', '-fPIC', '-O2', '-nostdlib',
    '-isystem', '/usr/include/wasm32-wasi', '-D__wasi__',
    '-fuse-ld=/usr/bin/wasm-ld-14', '-Wl,--shared', '-Wl,--experimental-pic', '-Wl,--no-entry',
    '-Wl,--export=tree_sitter_wit', '-Wl,--allow-undefined',
    '-I', 'src', 'src/parser.c', 'src/scanner.c', '-o', 'tree-sitter-wit.wasm',
  ], { cwd: dir, stdio: 'inherit', env: { ...process.env, PATH: pathWithoutNodeModules() } });
}

// clang runs any `wasm-opt` it finds on PATH after linking for wasm, and `npm run` puts
// node_modules/.bin (binaryen's wasm-opt, via jco) first: the output would then depend on
// how the script was started. Leave it out so every build is the same.
function pathWithoutNodeModules() {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.split(/[\\/]/).includes('node_modules'))
    .join(delimiter);
}

if (process.argv.includes('--check')) {
  const cli = process.env.TREE_SITTER ?? resolve(root, '../shared/tools/tree-sitter');
  if (!existsSync(cli)) {
    console.log(`skipped: no tree-sitter CLI at ${cli}, so the grammar artefacts cannot be regenerated here`);
    process.exit(0);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'tree-sitter-wit-'));
  try {
    cpSync(grammarDir, scratch, { recursive: true, filter: (p) => !p.includes('node_modules') });
    build(scratch);
    const stale = ARTEFACTS.filter((f) => !readFileSync(join(scratch, f)).equals(readFileSync(join(grammarDir, f))));
    if (stale.length > 0) {
      console.error(`grammar artefacts are stale: ${stale.join(', ')}\nrun \`npm run build:grammar\` and commit the result`);
      process.exit(1);
    }
    console.log('grammar artefacts are fresh');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
} else {
  build(grammarDir);
  console.log(`built ${join(grammarDir, 'tree-sitter-wit.wasm')}`);
}
