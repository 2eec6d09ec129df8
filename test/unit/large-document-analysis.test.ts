import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keptInWorkerNotice, MAIN_THREAD_MAX_NODES } from '../../server/src/analysis/limits';
import { analyseLargeDocument, largeNavigation, MAX_FOLDING_RANGES, MAX_OUTLINE_SYMBOLS } from '../../server/src/lsp/large-documents/analyse';
import { sameNameParameters } from '../../bench/hostile-inputs';
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

  it('keeps a first analysis in the worker for more than 1,000 syntax errors or too many nodes, and says which', () => {
    assert.equal(keptInWorkerNotice(1_000, MAIN_THREAD_MAX_NODES), undefined);
    assert.equal(keptInWorkerNotice(1_001, 10)?.code, 'too-many-syntax-errors');
    const notice = keptInWorkerNotice(0, MAIN_THREAD_MAX_NODES + 1);
    assert.equal(notice?.code, 'too-many-syntax-nodes');
    assert.match(notice?.message ?? '', /150,001 syntax nodes/);
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
