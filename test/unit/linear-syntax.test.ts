import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Language, Parser } from 'web-tree-sitter';
import { nodesInErrors, syntaxErrors } from '../../server/src/analysis/syntax-errors';
import { documentOf, ROOT, witParser } from '../helpers/parser';
import { treeWork } from '../helpers/tree-work';

/**
 * Hostile input must not make parsing or the syntax-error analysis quadratic: for each
 * input, doubling its size may double the work, not quadruple it. Work is counted, never
 * timed: tree-sitter's debug log (one line per character a lexer reads, the external
 * scanner's included, and per parser action) for the parse, and calls into the tree,
 * weighted by what tree-sitter scans to answer them, for the analysis.
 */
const HOSTILE: Record<string, (n: number) => string> = {
  'unclosed block comments': (n) => `package a:b;\n${'/*\n'.repeat(n)}`,
  'a version with many parts': (n) => `package a:b@1.1.1${'.1'.repeat(n)};\n`,
  'broken functions, one per line': (n) => `package a:b;\ninterface i {\n${'  f: func(x: ) -> ;\n'.repeat(n)}}\n`,
  'broken functions on one line': (n) => `package a:b; interface i { ${'f: func(x: ) -> ; '.repeat(n)}}`,
  'valid functions on one line': (n) => `package a:b; interface i { ${'f: func(x: u32) -> u32; '.repeat(n)}}`,
  'a long word with capitals': (n) => `package a:b;\ninterface i { type ${'aA'.repeat(n)} = u32; }`,
  'a long kebab word ending badly': (n) => `package a:b;\ninterface i { type ${'a-'.repeat(n)}B = u32; }`,
  'stray characters': (n) => `package a:b;\ninterface i {\n${'  $ f: func();\n'.repeat(n)}}\n`,
  'unclosed strings': (n) => `package a:b;\n${'@external-id("x\n'.repeat(n)}interface i {}\n`,
  'a path of many slashes': (n) => `package a:b;\nworld w { import a${'/a'.repeat(n)}; }`,
  'many closing parentheses': (n) => `package a:b;\ninterface i { f: func()${')'.repeat(n)}; }`,
  'items between broken ones': (n) => `package a:b;\n${'interface i { f: func(; }\nworld w {}\n'.repeat(n)}`,
  'unclosed braces': (n) => `package a:b;\n${'interface i {\n'.repeat(n)}`,
};

/** Work at size n and 2n: a linear stage gives a ratio near 2, a quadratic one near 4. */
function assertLinear(name: string, work: (n: number) => number, n: number): void {
  const small = work(n);
  const large = work(2 * n);
  assert.ok(large <= 2.6 * small, `${name}: work ${small} at n=${n}, ${large} at n=${2 * n}`);
}

async function parserWithLog(): Promise<{ parser: Parser; logged: () => number }> {
  await witParser(); // initialises web-tree-sitter
  const parser = new Parser();
  parser.setLanguage(await Language.load(path.join(ROOT, 'dist/tree-sitter-wit.wasm')));
  let lines = 0;
  parser.setLogger(() => {
    lines++;
  });
  return {
    parser,
    logged: () => {
      const count = lines;
      lines = 0;
      return count;
    },
  };
}

describe('linear syntax stages on hostile input', () => {
  it('parsing, the external scanner included, reads each character a bounded number of times', async () => {
    const { parser, logged } = await parserWithLog();
    for (const [name, generate] of Object.entries(HOSTILE)) {
      assertLinear(
        name,
        (n) => {
          parser.parse(generate(n))?.delete();
          return logged();
        },
        300,
      );
    }
    parser.delete();
  });

  it('an unclosed `/*` is read once, not once per position the parser retries', async () => {
    const { parser, logged } = await parserWithLog();
    const text = HOSTILE['unclosed block comments'](2000);
    parser.parse(text)?.delete();
    assert.ok(logged() < 2 * text.length, 'about one log line per character');
    parser.delete();
  });

  it('the syntax-error analysis does work in proportion to the tree', async () => {
    const documents = new Map<string, Awaited<ReturnType<typeof documentOf>>>();
    for (const [name, generate] of Object.entries(HOSTILE)) {
      for (const n of [500, 1000]) documents.set(`${name} ${n}`, await documentOf(generate(n)));
      assertLinear(name, (n) => treeWork(() => syntaxErrors(documents.get(`${name} ${n}`)!)).work, 500);
    }
    for (const document of documents.values()) document.dispose();
  });

  it('counting the nodes inside syntax errors (which documents stay in the worker) reads each broken node once', async () => {
    for (const [name, generate] of Object.entries(HOSTILE)) {
      const documents = new Map([500, 1000].map((n) => [n, documentOf(generate(n))]));
      const work = new Map<number, number>();
      for (const [n, pending] of documents) {
        const document = await pending;
        work.set(n, treeWork(() => nodesInErrors(document.tree.rootNode)).work);
        document.dispose();
      }
      assertLinear(name, (n) => work.get(n)!, 500);
    }
  });
});
