import { parentPort, workerData } from 'node:worker_threads';
import { WitDocument } from '../../analysis/document';
import { loadWitParser } from '../../parser';
import { analyseLargeDocument, largeNavigation } from './analyse';
import type { LargeAnalysisReply, LargeAnalysisRequest } from './protocol';

/**
 * The worker thread's entry (bundled as dist/large-document-worker.js): it loads its own
 * web-tree-sitter, analyses the one document it was started with and answers, diagnostics
 * first (what the user waits for), then the outline and folding. The main thread
 * terminates it after the last answer, freeing the wasm heap.
 */
async function run(request: LargeAnalysisRequest): Promise<void> {
  const reply = (message: LargeAnalysisReply): void => parentPort?.postMessage(message);
  try {
    const document = WitDocument.create(await loadWitParser(request.wasmDir), request.uri, request.text);
    const analysis = analyseLargeDocument(document, request);
    // A document that moves to the main thread gets its outline there, from its own tree.
    const final = analysis.fitForMainThread;
    reply({ kind: 'diagnostics', analysis: { ...analysis, lineStarts: document.lines.starts }, final });
    if (!final) reply({ kind: 'navigation', navigation: largeNavigation(document) });
  } catch (error) {
    reply({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

void run(workerData as LargeAnalysisRequest);
