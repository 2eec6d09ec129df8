import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalysisSettings } from '../../server/src/analysis/analyze';
import { DocumentStore } from '../../server/src/lsp/documents';
import type { WitParser } from '../../server/src/parser';
import { LineIndex } from '../../server/src/analysis/text';
import { witParser } from '../helpers/parser';
import { brokenLines, longVersion, validOfSize } from '../../bench/hostile-inputs';
import type { LargeAnalysis } from '../../server/src/lsp/large-documents/protocol';
import { LargeAnalysisQueue } from '../../server/src/lsp/large-documents/queue';

/** A limit of 200 bytes makes these small texts "oversized": they take the worker's path. */
const SETTINGS: AnalysisSettings = { rules: {}, maxFileSize: 200 };
const FLAGGED = 'package a:b;\ninterface i {\n  resource r {\n    write: async func(s: stream<u8>);\n  }\n  f: func(\n}\n';
const LARGE = `${FLAGGED}${'// padding to pass the limit\n'.repeat(8)}`;
const URI = 'file:///w/large.wit';

/** A store whose oversized documents' analyses are awaited one by one, in order of arrival. */
function storeWith(parser: WitParser, settings: () => AnalysisSettings = () => SETTINGS) {
  const store = new DocumentStore(parser, () => 'utf-16', settings);
  const arrivals: string[] = [];
  let wake: (() => void) | undefined;
  store.onLargeDocumentAnalysed((uri) => {
    arrivals.push(uri);
    wake?.();
  });
  const nextArrival = async (): Promise<string> => {
    while (arrivals.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return arrivals.shift()!;
  };
  return { store, nextArrival, arrivals };
}

describe('DocumentStore: documents above wit.analysis.maxFileSize', () => {
  it('keeps no tree, and gets diagnostics, outline, folding and rule hovers from a worker', async () => {
    const { store, nextArrival } = storeWith(await witParser());
    store.openDocument(URI, LARGE, 1);
    assert.equal(store.get(URI), undefined, 'no tree on the main thread');
    assert.ok(store.isOpen(URI));
    assert.equal(store.analysis(URI), undefined, 'the analysis is not made on the main thread');
    assert.equal(await nextArrival(), URI);
    const analysis = store.analysis(URI)!;
    assert.deepEqual(analysis.syntax.map((d) => d.code), ['file-too-large', 'async-stream-param', 'syntax-error']);
    const large = store.largeAnalysis(URI)!;
    assert.equal(large.explanations.length, 1);
    assert.match(large.explanations[0].markdown, /stream/);
    const navigation = (await store.largeNavigation(URI))!;
    assert.deepEqual(navigation.symbols.map((s) => s.name), ['a:b']);
    assert.deepEqual(navigation.symbols[0].children.map((s) => s.name), ['i']);
    assert.ok(navigation.folding.length > 0);
    store.closeDocument(URI);
    assert.equal(store.isOpen(URI), false);
  });

  it('takes the line index of the worker\'s parse, the same as a scan of the text (CRLF and lone CR included)', async () => {
    const { store, nextArrival } = storeWith(await witParser());
    const text = LARGE.replace('interface i {\n', 'interface i {\r\n').replace('  f: func(\n', '  f: func(\r');
    store.openDocument(URI, text, 1);
    store.analysis(URI);
    await nextArrival();
    const lines = store.lines(URI)!;
    const fresh = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(lines.position(offset), fresh.position(offset), `offset ${offset}`);
    assert.equal(lines.starts.lines, store.largeAnalysis(URI)!.lineStarts!.lines, 'the worker\'s, not scanned on the main thread');
    store.closeDocument(URI);
  });

  it('a newer version cancels the stale analysis: only the latest text is reported', async () => {
    const { store, nextArrival, arrivals } = storeWith(await witParser());
    store.openDocument(URI, LARGE, 1);
    store.analysis(URI); // starts the first job
    store.changeDocument(URI, [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 17 } }, text: '' }], 2);
    store.analysis(URI);
    await nextArrival();
    assert.deepEqual(store.analysis(URI)!.syntax.map((d) => d.code), ['file-too-large', 'syntax-error'], 'the `async` removed');
    assert.deepEqual(arrivals, []);
    store.closeDocument(URI);
  });

  it('moves between the worker and the main thread as edits cross the limit', async () => {
    const { store, nextArrival } = storeWith(await witParser());
    store.openDocument(URI, FLAGGED, 1);
    assert.ok(store.get(URI), 'a small document has its tree');
    store.changeDocument(URI, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '// padding\n'.repeat(20) }], 2);
    assert.equal(store.get(URI), undefined, 'the paste made it oversized');
    store.analysis(URI);
    await nextArrival();
    assert.equal(store.version(URI), 2);
    store.changeDocument(URI, [{ text: FLAGGED }], 3);
    assert.ok(store.get(URI), 'small again: parsed on the main thread');
    assert.ok(store.analysis(URI)!.rules.length > 0);
    store.closeDocument(URI);
  });

  it('closing the document cancels its analysis', async () => {
    const { store, arrivals } = storeWith(await witParser());
    store.openDocument(URI, LARGE, 1);
    store.analysis(URI);
    store.closeDocument(URI);
    // A second document's analysis runs after the first job in the queue: once it arrives,
    // the cancelled one would have too.
    const { store: other, nextArrival } = storeWith(await witParser());
    other.openDocument('file:///w/other.wit', LARGE, 1);
    other.analysis('file:///w/other.wit');
    await nextArrival();
    assert.deepEqual(arrivals, []);
    other.closeDocument('file:///w/other.wit');
  });

  it('below the limit, a large error-dense document stays in the worker, file-local, and says why', async () => {
    const { store, nextArrival } = storeWith(await witParser(), () => ({ rules: {} }));
    store.openDocument(URI, brokenLines(20_000), 1); // 400 KB, 20,000 syntax errors
    assert.equal(store.get(URI), undefined, 'not parsed on the main thread');
    store.analysis(URI);
    await nextArrival();
    const codes = store.analysis(URI)!.syntax.map((d) => d.code);
    assert.equal(codes[0], 'too-many-syntax-errors');
    assert.equal(codes.at(-1), 'too-many-diagnostics');
    assert.ok(codes.length <= 1_000);
    assert.equal(store.get(URI), undefined, 'still file-local');
    // Commenting every line out makes it fit for the main thread (20,000 comment nodes, no
    // error): analysed in the worker, then moved. (20,000 functions `f: func(x: u8);` would
    // be 180,000 nodes, kept in the worker for that: limits.ts MAIN_THREAD_MAX_NODES.)
    store.changeDocument(URI, [{ text: brokenLines(20_000).replaceAll('f: func(x: ) -> ;', '// f: func(x: ) -> ;') }], 2);
    store.analysis(URI);
    await nextArrival();
    assert.ok(store.get(URI), 'parsed on the main thread once fit');
    assert.equal(store.version(URI), 2);
    store.closeDocument(URI);
  });

  it('a small document dense with skipped tokens is parsed in the worker, stays there, and moves once an edit fixes it', async () => {
    const { store, nextArrival } = storeWith(await witParser(), () => ({ rules: {} }));
    const text = longVersion(20_000); // 40 KB, one syntax error over 13,000 tokens
    store.openDocument(URI, text, 1);
    assert.equal(store.get(URI), undefined, 'not parsed on the main thread');
    store.analysis(URI);
    await nextArrival();
    assert.deepEqual(store.analysis(URI)!.syntax.map((d) => d.code), ['too-many-skipped-tokens', 'syntax-error']);
    assert.equal(store.get(URI), undefined, 'still file-local');
    store.changeDocument(URI, [{ text: 'package a:b@1.1.1;\ninterface i {}\n' }], 2);
    assert.ok(store.get(URI), 'few tokens: parsed on the main thread at once');
    assert.deepEqual(store.analysis(URI)!.syntax, []);
    store.closeDocument(URI);
  });

  it('a paste of many tokens into a small open document is parsed in the worker first, as an open of that text would be', async () => {
    const { store, nextArrival } = storeWith(await witParser(), () => ({ rules: {} }));
    store.openDocument(URI, 'package a:b;\n', 1);
    assert.ok(store.get(URI), 'a small document is parsed on the main thread');
    store.changeDocument(URI, [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, text: '@1' + '.1'.repeat(20_000) }], 2);
    assert.equal(store.get(URI), undefined, 'not parsed on the main thread');
    store.analysis(URI);
    await nextArrival();
    assert.deepEqual(store.analysis(URI)!.syntax.map((d) => d.code), ['too-many-skipped-tokens', 'syntax-error']);
    assert.equal(store.version(URI), 2);
    // Typing a character keeps it there; undoing the paste brings it back at once.
    store.changeDocument(URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }], 3);
    assert.equal(store.get(URI), undefined);
    store.changeDocument(URI, [{ text: 'package a:b;\n' }], 4);
    assert.ok(store.get(URI), 'few tokens: parsed on the main thread at once');
    assert.deepEqual(store.analysis(URI)!.syntax, []);
    store.closeDocument(URI);
  });

  it('a worker that fails gives the document one error that says so', async () => {
    const parser = await witParser();
    const { store, nextArrival } = storeWith({ parse: parser.parse, wasmDir: '/nonexistent-wasm-folder' });
    store.openDocument(URI, LARGE, 1);
    store.analysis(URI);
    await nextArrival();
    const [diagnostic, ...rest] = store.analysis(URI)!.syntax;
    assert.equal(diagnostic.code, 'analysis-failed');
    assert.match(diagnostic.message, /could not analyse this file/);
    assert.deepEqual(rest, []);
    store.closeDocument(URI);
  });
});

describe('LargeAnalysisQueue', () => {
  it('a worker that runs out of memory becomes one error on its document; the process and later workers live on', async () => {
    const parser = await witParser();
    const queue = new LargeAnalysisQueue(parser.wasmDir, 8); // far too small a heap for 2 MB of WIT
    const request = { uri: URI, text: validOfSize(2 * 1024 * 1024), settings: { rules: {} }, purpose: 'oversized' as const };
    const starved = await new Promise<LargeAnalysis>((resolve) => queue.analyse(request, resolve));
    assert.equal(starved.diagnostics.length, 1);
    assert.equal(starved.diagnostics[0].code, 'analysis-failed');
    assert.match(starved.diagnostics[0].message, /ran out of memory/);
    const healthy = new LargeAnalysisQueue(parser.wasmDir);
    const small = { ...request, text: LARGE };
    const analysed = await new Promise<LargeAnalysis>((resolve) => healthy.analyse(small, resolve));
    assert.equal(analysed.diagnostics[0].code, 'file-too-large');
  });
});
