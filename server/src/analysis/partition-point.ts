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
