// Runs the grammar's corpus tests (grammars/tree-sitter-wit/test/corpus/*.txt) through our
// wasm build with web-tree-sitter, so fresh clones and CI check them without the tree-sitter
// CLI; and, where the CLI is installed, runs `tree-sitter test` on them as well.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, witParser } from '../helpers/parser';
import { formatSexp, parseCorpus, stripFields } from './tree-sitter-corpus';

const GRAMMAR_DIR = path.join(ROOT, 'grammars/tree-sitter-wit');
const CORPUS_DIR = path.join(GRAMMAR_DIR, 'test/corpus');
const TREE_SITTER_CLI = process.env.TREE_SITTER ?? path.resolve(ROOT, '../shared/tools/tree-sitter');

const corpusFiles = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort();

describe('grammar corpus through the wasm parser', () => {
  it('has corpus files', () => {
    assert.ok(corpusFiles.length > 0, `no .txt files in ${CORPUS_DIR}`);
  });

  for (const file of corpusFiles) {
    const cases = parseCorpus(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8'), file);
    describe(file, () => {
      for (const testCase of cases) {
        it(testCase.name, { skip: testCase.skip && 'marked :skip' }, async () => {
          const tree = (await witParser()).parse(testCase.input);
          try {
            if (testCase.error) {
              assert.ok(tree.rootNode.hasError, `expected an ERROR or MISSING node, got\n${formatSexp(tree.rootNode.toString())}`);
              return;
            }
            const full = tree.rootNode.toString();
            const actual = testCase.hasFields ? full : stripFields(full);
            assert.equal(formatSexp(actual), formatSexp(testCase.expected));
          } finally {
            tree.delete();
          }
        });
      }
    });
  }
});

describe('grammar corpus through the tree-sitter CLI', () => {
  const missing = fs.existsSync(TREE_SITTER_CLI)
    ? false
    : `skipped: no tree-sitter CLI at ${TREE_SITTER_CLI} (set TREE_SITTER to run it)`;

  it('tree-sitter test passes', { skip: missing }, () => {
    try {
      // The CLI caches the compiled grammar by its name (wit.so) in ~/.cache/tree-sitter: another
      // checkout on the machine would otherwise test its grammar in place of this one.
      const libdir = path.join(ROOT, 'node_modules', '.cache', 'tree-sitter-lib');
      const env = { ...process.env, TREE_SITTER_LIBDIR: libdir };
      execFileSync(TREE_SITTER_CLI, ['test'], { cwd: GRAMMAR_DIR, encoding: 'utf8', stdio: 'pipe', env });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      assert.fail(`tree-sitter test failed:\n${stdout}\n${stderr}`);
    }
  });
});
