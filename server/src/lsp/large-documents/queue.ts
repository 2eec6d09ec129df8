import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Severity } from '../../analysis/diagnostics';
import { ANALYSIS_FAILED_CODE } from '../../analysis/limits';
import type { LargeAnalysis, LargeAnalysisReply, LargeAnalysisRequest } from './protocol';

/**
 * The JavaScript heap a worker may take. A 10 MB document needs a few hundred MB; past
 * this limit the worker (not the server) dies, and the document says so.
 */
const WORKER_HEAP_MB = 1536;

/** Cancels a job: a queued one never starts, a running one's worker is terminated. */
export type CancelJob = () => void;

interface Job {
  request: Omit<LargeAnalysisRequest, 'wasmDir'>;
  update: (analysis: LargeAnalysis) => void;
  /** What `update` last received. */
  delivered?: LargeAnalysis;
  worker?: Worker;
  finished: boolean;
}

/**
 * Runs analyses of oversized documents in worker threads, one at a time (the machine's
 * cores are shared with the editor, and each job can take hundreds of MB), each in a fresh
 * worker that is terminated afterwards. The main thread only posts the text and receives
 * plain results, so it stays free to answer other documents.
 */
export class LargeAnalysisQueue {
  private readonly waiting: Job[] = [];
  private running: Job | undefined;

  constructor(
    /** The folder of the two wasm files, passed on to each worker. */
    private readonly wasmDir: string,
    /** The JavaScript heap each worker may take, in MB. */
    private readonly workerHeapMb = WORKER_HEAP_MB,
  ) {}

  /**
   * Queues an analysis. Unless the job is cancelled first, `update` receives the diagnostics
   * (or, if the worker failed before them, one diagnostic that says so), then the same
   * analysis again with its `navigation` when that comes.
   */
  analyse(request: Omit<LargeAnalysisRequest, 'wasmDir'>, update: (analysis: LargeAnalysis) => void): CancelJob {
    const job: Job = { request, update, finished: false };
    this.waiting.push(job);
    this.next();
    return () => this.finish(job);
  }

  private next(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.running = job;
    const request: LargeAnalysisRequest = { ...job.request, wasmDir: this.wasmDir };
    let worker: Worker;
    try {
      worker = startWorker(request, this.workerHeapMb);
    } catch (error) {
      this.fail(job, `the worker thread could not start: ${String(error)}`);
      return;
    }
    job.worker = worker;
    worker.stdout.pipe(process.stderr);
    worker.on('message', (reply: LargeAnalysisReply) => this.receive(job, reply));
    worker.on('error', (error: Error & { code?: string }) => {
      this.fail(job, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of memory' : error.message);
    });
    worker.on('exit', (code) => this.fail(job, `the worker thread exited (code ${code}) without an answer`));
  }

  private receive(job: Job, reply: LargeAnalysisReply): void {
    if (job.finished) return;
    if (reply.kind === 'failed') return this.fail(job, reply.error);
    if (reply.kind === 'diagnostics') {
      if (reply.final) this.finish(job);
      this.deliver(job, reply.analysis);
    } else if (job.delivered) {
      this.finish(job);
      this.deliver(job, { ...job.delivered, navigation: reply.navigation });
    }
  }

  private deliver(job: Job, analysis: LargeAnalysis): void {
    job.delivered = analysis;
    job.update(analysis);
  }

  /** A failure before the diagnostics replaces them; after, only the outline is missing (empty). */
  private fail(job: Job, why: string): void {
    if (job.finished) return;
    this.finish(job);
    this.deliver(job, job.delivered ? { ...job.delivered, navigation: { symbols: [], folding: [] } } : failedAnalysis(why));
  }

  /** Ends `job` (answered, failed or cancelled) and starts the next one. */
  private finish(job: Job): void {
    if (job.finished) return;
    job.finished = true;
    const index = this.waiting.indexOf(job);
    if (index >= 0) this.waiting.splice(index, 1);
    void job.worker?.terminate();
    if (this.running === job) {
      this.running = undefined;
      this.next();
    }
  }
}

/**
 * A worker for `request`: the bundle's dist/large-document-worker.js, beside dist/wit-ls.js.
 * Run from source (tests under tsx), it is worker.ts here, loaded through tsx's require hook,
 * which a worker thread does not inherit from `node --import tsx`.
 */
function startWorker(request: LargeAnalysisRequest, heapMb: number): Worker {
  // Its stdout is the server's protocol channel under --stdio: whatever a worker prints goes to stderr.
  const options = { workerData: request, resourceLimits: { maxOldGenerationSizeMb: heapMb }, stdout: true };
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'large-document-worker.js'), options);
  const typescriptHook = createRequire(__filename).resolve('tsx/cjs');
  const entry = path.join(__dirname, 'worker.ts');
  return new Worker(`require(${JSON.stringify(typescriptHook)}); require(${JSON.stringify(entry)});`, { ...options, eval: true });
}

/** What a document whose worker failed shows: one error that says why, instead of nothing. */
function failedAnalysis(why: string): LargeAnalysis {
  const firstLine = why.split('\n')[0];
  return {
    diagnostics: [{
      code: ANALYSIS_FAILED_CODE,
      severity: Severity.Error,
      span: { start: 0, end: 0 },
      message: `wit-ls could not analyse this file: ${firstLine}. Run \`wit-ls check\` on it to see its problems.`,
    }],
    explanations: [],
    fitForMainThread: false,
    navigation: { symbols: [], folding: [] },
  };
}
