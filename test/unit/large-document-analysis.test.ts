import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analysedFirstInWorker, keptInWorkerNotice, MAIN_THREAD_FIRST_TOKENS, MAIN_THREAD_MAX_NODES, tokenCount } from '../../server/src/analysis/limits';
import { leavesOf } from '../../server/src/analysis/tree-path';
import { analyseLargeDocument, largeNavigation, MAX_FOLDING_RANGES, MAX_OUTLINE_SYMBOLS } from '../../server/src/lsp/large-documents/analyse';
import { longVersion, sameNameParameters } from '../../bench/hostile-inputs';
import { documentOf } from '../helpers/parser';

describe('the worker\'s analysis of a large document', () => {
  it('caps the outline in document order and the folding at what VS Code shows', async () => {
    const records = Array.from({ length: 6_000 }, (_, i) => `  record r${i} {\n    a: u8,\n  }\n`).join('');
    const document = await documentOf(`package a:b;\ninterface i {\n${records}}\n`);
    try {
      const { symbols, folding } = largeNavigation(document);
      const count = (list: typeof symbols): number => list.reduce((n, s) => n + 1 + count(s.children), 0);
      assert.equal(count(symbols), MAX_OUTLINE_SYMBOLS);
      const records = symbols[0].children[0].children;
      assert.deepEqual(records.slice(0, 2).map((r) => [r.name, r.children.map((c) => c.name)]), [['r0', ['a']], ['r1', ['a']]]);
      assert.equal(records.at(-1)!.name, `r${(MAX_OUTLINE_SYMBOLS - 2) / 2 - 1}`, 'the first records, each with its field');
      assert.equal(folding.length, MAX_FOLDING_RANGES);
    } finally {
      document.dispose();
    }
  });

  it('an error-dense first analysis is not fit for the main thread and says why; a clean one is', async () => {
    const broken = await documentOf(`package a:b;\ninterface i {\n${'  f: func(x: ) -> ;\n'.repeat(1_500)}}\n`);
    const clean = await documentOf('package a:b;\ninterface i {\n  f: func(x: u8);\n}\n');
    try {
      const dense = analyseLargeDocument(broken, { uri: broken.uri, text: broken.text, settings: { rules: {} }, purpose: 'first' });
      assert.equal(dense.fitForMainThread, false);
      assert.equal(dense.diagnostics[0].code, 'too-many-syntax-errors');
      assert.match(dense.diagnostics[0].message, /1,500 syntax errors/);
      assert.equal(dense.diagnostics.length, 1_000, '998 errors, the notice and the count of the rest');
      assert.equal(dense.diagnostics.at(-1)!.code, 'too-many-diagnostics');
      const fit = analyseLargeDocument(clean, { uri: clean.uri, text: clean.text, settings: { rules: {} }, purpose: 'first' });
      assert.deepEqual(fit, { diagnostics: [], explanations: [], fitForMainThread: true });
    } finally {
      broken.dispose();
      clean.dispose();
    }
  });

  it('keeps a first analysis in the worker for more than 1,000 syntax errors, too many nodes or too many inside errors, and says which', () => {
    assert.equal(keptInWorkerNotice(1_000, MAIN_THREAD_MAX_NODES, MAIN_THREAD_FIRST_TOKENS), undefined);
    assert.equal(keptInWorkerNotice(1_001, 10, 0)?.code, 'too-many-syntax-errors');
    const notice = keptInWorkerNotice(0, MAIN_THREAD_MAX_NODES + 1, 0);
    assert.equal(notice?.code, 'too-many-syntax-nodes');
    assert.match(notice?.message ?? '', /150,001 syntax nodes/);
    const skipped = keptInWorkerNotice(1, 10_000, MAIN_THREAD_FIRST_TOKENS + 1);
    assert.equal(skipped?.code, 'too-many-skipped-tokens');
    assert.match(skipped?.message ?? '', /6,001 syntax nodes inside syntax errors/);
  });

  it('a small document whose one syntax error skips thousands of tokens stays in the worker; a valid one of as many tokens does not', async () => {
    const broken = await documentOf(longVersion(20_000)); // 40 KB, one error over 13,000 tokens
    const valid = await documentOf(`package a:b;\ninterface i {\n${'  f: func(x: u8);\n'.repeat(1_000)}}\n`);
    try {
      const dense = analyseLargeDocument(broken, { uri: broken.uri, text: broken.text, settings: { rules: {} }, purpose: 'first' });
      assert.equal(dense.fitForMainThread, false);
      assert.deepEqual(dense.diagnostics.map((d) => d.code), ['too-many-skipped-tokens', 'syntax-error']);
      const fit = analyseLargeDocument(valid, { uri: valid.uri, text: valid.text, settings: { rules: {} }, purpose: 'first' });
      assert.ok(valid.tree.rootNode.descendantCount > MAIN_THREAD_FIRST_TOKENS);
      assert.equal(fit.fitForMainThread, true);
    } finally {
      broken.dispose();
      valid.dispose();
    }
  });

  it('a valid document with too many nodes stays in the worker, with its own findings and the notice', async () => {
    // About six nodes a parameter: 30,000 of them are above MAIN_THREAD_MAX_NODES.
    const document = await documentOf(sameNameParameters(30_000, false));
    try {
      const analysis = analyseLargeDocument(document, { uri: document.uri, text: document.text, settings: { rules: {} }, purpose: 'first' });
      assert.ok(document.tree.rootNode.descendantCount > MAIN_THREAD_MAX_NODES);
      assert.equal(analysis.fitForMainThread, false);
      assert.deepEqual(analysis.diagnostics.map((d) => d.code).filter((c) => c === 'too-many-syntax-nodes'), ['too-many-syntax-nodes']);
    } finally {
      document.dispose();
    }
  });
});

describe('which small documents get their first analysis in the worker', () => {
  const settings = { rules: {} };
  const punctuation = (n: number) => Array.from({ length: n }, (_, i) => '.,:;{}()<>=-@/*+'[(i * 7) % 16]).join(' ');
  const samples: Record<string, string> = {
    'a long version': longVersion(2_000),
    'punctuation': `package a:b;\n${punctuation(2_000)}\n`,
    'a dotted path': `package a:b;\n${'a.'.repeat(2_000)}a\n`,
    'numbers': `package a:b;\n${'1 '.repeat(2_000)}\n`,
    'valid WIT': `/// A doc. /* not nested here */\npackage a:b@1.2.3-rc.1+b.2;\n/* a /* nested */ comment */\ninterface i {\n  %type: func(s: string) -> result<list<u8>, %stream>;\n  @since(version = 0.2.0)\n  g: func() -> "x";\n}\n`,
    'an unclosed comment': 'package a:b;\n/* interface i {}\n',
    'an unclosed string': 'package a:b;\n@external-id("x\ninterface i {}\n',
  };

  it('counts at least as many tokens as tree-sitter reads, comments aside', async () => {
    for (const [name, text] of Object.entries(samples)) {
      const document = await documentOf(text);
      try {
        const leaves = leavesOf(document.tree.rootNode).length;
        assert.ok(tokenCount(text, Infinity) >= leaves, `${name}: ${tokenCount(text, Infinity)} tokens counted, tree-sitter read ${leaves}`);
      } finally {
        document.dispose();
      }
    }
  });

  it('stops counting at the limit', () => {
    assert.equal(tokenCount('a '.repeat(1_000_000), 10), 10);
  });

  it('sends a dense small document to the worker first, and a hand-written one of half the size not', () => {
    for (const text of [longVersion(20_000), `package a:b;\n${punctuation(13_000)}\n`, `package a:b;\n${'a.'.repeat(20_000)}a\n`]) {
      assert.ok(Buffer.byteLength(text) < 64 * 1024);
      assert.equal(analysedFirstInWorker(text, settings), true);
    }
    const documented = `package a:b;\ninterface i {\n${'  /// Says what `f` does, at length, as WASI does.\n  f: func(x: u8) -> u32;\n'.repeat(150)}}\n`;
    assert.ok(Buffer.byteLength(documented) > 10 * 1024);
    assert.equal(analysedFirstInWorker(documented, settings), false);
  });
});
