/**
 * The one binary search of the analysis: over indices `0..length`, where `isBefore` holds
 * for a leading run and fails for the rest, the length of that run. Spans, line starts and
 * regions are kept sorted so that each lookup is this.
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isBefore(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * `partitionPoint` for `values[i] <= value` over sorted `values`: how many are at most
 * `value`. No predicate closure: `LineIndex` asks this for every position it converts, and
 * those closures were 76 KB of a 10,000-line file's keystroke garbage (its 370 diagnostics).
 */
export function countAtMost(values: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
