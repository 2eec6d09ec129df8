import { parentPort, workerData } from 'node:worker_threads';
import { loadWitParser } from '../../parser';
import { analyseLargeDocument } from './analyse';
import type { LargeAnalysisReply, LargeAnalysisRequest } from './protocol';

/**
 * The worker thread's entry (bundled as dist/large-document-worker.js): it loads its own
 * web-tree-sitter, analyses the one document it was started with, answers and ends. The
 * main thread terminates it as soon as the answer arrives, freeing the wasm heap.
 */
async function run(request: LargeAnalysisRequest): Promise<LargeAnalysisReply> {
  try {
    const parser = await loadWitParser(request.wasmDir);
    return { ok: true, analysis: analyseLargeDocument(parser, request) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

void run(workerData as LargeAnalysisRequest).then((reply) => parentPort?.postMessage(reply));
