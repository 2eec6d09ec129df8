import type { AnalysisSettings } from '../../analysis/analyze';
import { LineIndex } from '../../analysis/text';
import type { LargeAnalysis, LargeAnalysisRequest } from './protocol';
import type { CancelJob, LargeAnalysisQueue } from './queue';

/**
 * An open document above `wit.analysis.maxFileSize`, as the main thread holds it: its text
 * and line index only, never a tree (a 10 MB tree costs hundreds of MB of wasm heap that
 * never shrinks). Its analysis is made in a worker (queue.ts) and arrives later; until it
 * does, the document has none, and nothing waits for it.
 */
export class LargeDocument {
  private linesCache: LineIndex | undefined;
  /** The analysis of the current text, made with the settings serialised in `settingsKey`. */
  private result: { settingsKey: string; analysis: LargeAnalysis } | undefined;
  private job: { settingsKey: string; cancel: CancelJob } | undefined;

  constructor(
    readonly uri: string,
    private textValue: string,
    /** Why it is analysed in a worker (protocol.ts). */
    readonly purpose: LargeAnalysisRequest['purpose'],
    private readonly queue: LargeAnalysisQueue,
    /** Called when an analysis of the current text arrives. */
    private readonly onAnalysed: (uri: string) => void,
  ) {}

  get text(): string {
    return this.textValue;
  }

  get lines(): LineIndex {
    return (this.linesCache ??= new LineIndex(this.textValue));
  }

  /** A newer version: the running analysis of the old text is stale, so it is cancelled. */
  setText(text: string): void {
    this.cancel();
    this.textValue = text;
    this.linesCache = undefined;
    this.result = undefined;
  }

  /**
   * The analysis of the current text with `settings`, if it has arrived; otherwise it is
   * started (once) and `onAnalysed` will say when it is here.
   */
  analysis(settings: AnalysisSettings): LargeAnalysis | undefined {
    const settingsKey = JSON.stringify(settings);
    if (this.result?.settingsKey === settingsKey) return this.result.analysis;
    if (this.job?.settingsKey !== settingsKey) {
      this.cancel();
      // The job object exists before it starts: a worker that fails to start answers at once.
      const job: { settingsKey: string; cancel: CancelJob } = { settingsKey, cancel: () => {} };
      this.job = job;
      job.cancel = this.queue.analyse({ uri: this.uri, text: this.textValue, settings, purpose: this.purpose }, (analysis) => {
        if (this.job !== job) return;
        this.job = undefined;
        this.result = { settingsKey, analysis };
        this.onAnalysed(this.uri);
      });
    }
    return this.result?.settingsKey === settingsKey ? this.result.analysis : undefined;
  }

  /** The latest analysis of the current text, whatever settings it was made with (outline, folding, hovers). */
  get latest(): LargeAnalysis | undefined {
    return this.result?.analysis;
  }

  /** Closing the document cancels its analysis. */
  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    this.job?.cancel();
    this.job = undefined;
  }
}
