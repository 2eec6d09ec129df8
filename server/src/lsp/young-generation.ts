import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * The most young-generation memory the server keeps: two 8 MB semi-spaces.
 *
 * Opening many documents at once (a workspace restored with the corpus open) makes V8 grow
 * the young generation to its default maximum, 32 MB. A 16 MB young generation costs a
 * keystroke on a 10,000-line file no measurable CPU (bench setup, server CPU from /proc over
 * 200 keystrokes); 8 MB cost it 15-20% more, as more short-lived objects reach the old
 * generation.
 */
export const YOUNG_GENERATION_CAP = 16 * 1024 * 1024;

/**
 * How long the server must make no young collection before it gives the young generation
 * back: V8 shrinks it in a collection only when the allocation rate of the last 5 seconds
 * was low, so a shorter wait would find the burst still inside that window.
 */
export const QUIET_MS = 5000;

/** V8's default `--semi-space-growth-factor`: the young generation doubles when it grows. */
const DEFAULT_GROWTH_FACTOR = 2;

/**
 * Keeps V8's young generation at most `capBytes`, and gives it back once the server is quiet.
 *
 * V8 never shrinks the young generation of an idle process by itself: it decides to shrink
 * in a collection, and an idle process makes none, so the 16 MB a burst of opens grew stay
 * committed although they are empty. So each collection restarts a wait of `QUIET_MS`; when
 * no collection came in it, one young collection (a few milliseconds: what is left in the
 * young generation is little) lets V8 see the low rate and shrink it to 1 MB. The next burst
 * grows it again.
 *
 * The size can only be set on Node's command line, which belongs to the editor that starts
 * the server; the growth factor, though, is read at each growth, so the size is checked
 * after collections and growth is turned off at the cap (on again below it). The observer
 * hears of collections between tasks, so a long task may take it one doubling past the cap
 * (with the corpus open it stays at 16 MB).
 */
export function manageYoungGeneration(capBytes: number = YOUNG_GENERATION_CAP): void {
  let growing = true;
  let wait: NodeJS.Timeout | undefined;
  // V8 judges the rate since the collection before, which may still hold the tail of the
  // burst; if it did, the second try finds an interval of nothing but quiet.
  const collectWhenQuiet = (triesLeft: number): void => {
    if (youngGeneration().space_size <= SHRUNK_BYTES) return;
    collectYoungGeneration();
    if (triesLeft > 1) wait = setTimeout(collectWhenQuiet, QUIET_MS, triesLeft - 1).unref();
  };
  const observer = new PerformanceObserver((list) => {
    const young = youngGeneration();
    if (growing !== young.space_size < capBytes) {
      growing = young.space_size < capBytes;
      v8.setFlagsFromString(`--semi-space-growth-factor=${growing ? DEFAULT_GROWTH_FACTOR : 1}`);
    }
    // Our own collections (the only forced ones) leave the wait alone.
    if (list.getEntries().every(forced)) return;
    clearTimeout(wait);
    // Unreferenced: never what keeps the process alive.
    if (young.space_size > SHRUNK_BYTES) wait = setTimeout(collectWhenQuiet, QUIET_MS, 2).unref();
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** What V8 shrinks an empty young generation to (two 512 KB semi-spaces), and a little more. */
const SHRUNK_BYTES = 2 * 1024 * 1024;

function youngGeneration(): v8.HeapSpaceInfo {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!;
}

function forced(entry: PerformanceEntry): boolean {
  const flags = (entry as PerformanceEntry & { detail?: { flags?: number } }).detail?.flags ?? 0;
  return (flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0;
}

/**
 * One young collection. Node offers no collection to a process not started with `--expose-gc`;
 * V8 gives the `gc` function to contexts made while the flag is on, so a throwaway context
 * lends it and the flag is turned off again.
 */
function collectYoungGeneration(): void {
  v8.setFlagsFromString('--expose-gc');
  let gc: unknown;
  try {
    gc = vm.runInNewContext('gc');
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  if (typeof gc === 'function') gc({ type: 'minor' });
}
