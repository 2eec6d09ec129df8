import type { Span } from '../../server/src/analysis/text';

/**
 * Inline position markers for tests: `«` and `»` around each expected range and `‸` at
 * the cursor. Returns the plain text, the ranges in order, and the cursor offset.
 */
export function marked(source: string): { text: string; ranges: Span[]; cursor: number } {
  let text = '';
  const ranges: Span[] = [];
  const open: number[] = [];
  let cursor = -1;
  for (const ch of source) {
    if (ch === '«') open.push(text.length);
    else if (ch === '»') {
      const start = open.pop();
      if (start === undefined) throw new Error('» without «');
      ranges.push({ start, end: text.length });
    } else if (ch === '‸') cursor = text.length;
    else text += ch;
  }
  if (open.length) throw new Error('« without »');
  ranges.sort((a, b) => a.start - b.start);
  return { text, ranges, cursor };
}
