import { PerformanceObserver } from 'node:perf_hooks';
import * as v8 from 'node:v8';

/**
 * The most young-generation memory the server keeps: two 8 MB semi-spaces.
 *
 * Opening many documents at once (a workspace restored with the corpus open) makes V8 grow
 * the young generation to its default maximum, 32 MB, which it then keeps for the life of
 * the process although it is empty between requests: a fifth of the server's memory. A
 * 16 MB young generation costs a keystroke on a 10,000-line file no measurable CPU (bench
 * setup, server CPU from /proc over 200 keystrokes); 8 MB cost it 15-20% more, as more
 * short-lived objects reach the old generation.
 */
export const YOUNG_GENERATION_CAP = 16 * 1024 * 1024;

/**
 * Stops the young generation's growth once it reaches `capBytes`. The size can only be set
 * on Node's command line, which belongs to the editor that starts the server; the growth
 * factor, though, is read at each growth, so the size is checked after garbage collections
 * and at the cap growth is turned off. The observer hears of collections between tasks, so
 * a long task may take it one doubling past the cap (with the corpus open it stays at 16 MB).
 */
export function capYoungGeneration(capBytes: number = YOUNG_GENERATION_CAP): void {
  const observer = new PerformanceObserver(() => {
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    if (!young || young.space_size < capBytes) return;
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}
