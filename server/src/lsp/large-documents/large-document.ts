import type { AnalysisSettings } from '../../analysis/analyze';
import { LineIndex } from '../../analysis/text';
import type { LargeAnalysis, LargeAnalysisRequest, LargeNavigation } from './protocol';
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
  /** Requests waiting for the outline and folding of the current text. */
  private navigationWaiters: ((navigation: LargeNavigation | undefined) => void)[] = [];

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
    this.answerNavigationWaiters(undefined);
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
        // The job is of the current text (a newer one cancels it): its line index is this text's.
        if (analysis.lineStarts) this.linesCache ??= new LineIndex(this.textValue, analysis.lineStarts);
        const diagnosticsChanged = this.result?.analysis.diagnostics !== analysis.diagnostics;
        this.result = { settingsKey, analysis };
        if (diagnosticsChanged) this.onAnalysed(this.uri); // not again for the outline that follows
        if (analysis.navigation) this.answerNavigationWaiters(analysis.navigation);
      });
    }
    return this.result?.settingsKey === settingsKey ? this.result.analysis : undefined;
  }

  /** The latest analysis of the current text, whatever settings it was made with (hovers). */
  get latest(): LargeAnalysis | undefined {
    return this.result?.analysis;
  }

  /**
   * The outline and folding of the current text, when the worker sends them (after the
   * diagnostics); undefined if the text changes or the document closes first, or if it
   * moves to the main thread (then its tree answers).
   */
  navigation(settings: AnalysisSettings): Promise<LargeNavigation | undefined> {
    const ready = this.result?.analysis.navigation;
    if (ready) return Promise.resolve(ready);
    if (this.purpose === 'first' && this.result?.analysis.fitForMainThread) return Promise.resolve(undefined);
    this.analysis(settings); // starts the work if nothing asked for it yet
    return new Promise((resolve) => this.navigationWaiters.push(resolve));
  }

  /** Closing the document cancels its analysis. */
  dispose(): void {
    this.cancel();
    this.answerNavigationWaiters(undefined);
  }

  private answerNavigationWaiters(navigation: LargeNavigation | undefined): void {
    for (const resolve of this.navigationWaiters.splice(0)) resolve(navigation);
  }

  private cancel(): void {
    this.job?.cancel();
    this.job = undefined;
  }
}
