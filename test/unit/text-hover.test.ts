import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keywordHoverInText } from '../../server/src/analysis/text-hover';

/** The hover at the `‸` in `marked`, with the text it covers. */
function hoverAt(marked: string): { covers: string; markdown: string } | null {
  const offset = marked.indexOf('‸');
  const text = marked.replace('‸', '');
  const hover = keywordHoverInText(text, offset);
  return hover && { covers: text.slice(hover.span.start, hover.span.end), markdown: hover.markdown };
}

describe('keyword hovers from the text alone', () => {
  it('explains keywords, built-in types and attributes', () => {
    assert.equal(hoverAt('pack‸age a:b;')?.covers, 'package');
    assert.match(hoverAt('pack‸age a:b;')!.markdown, /^`package`: Declares/);
    assert.equal(hoverAt('f: func(s: str‸eam<u8>);')?.covers, 'stream');
    assert.equal(hoverAt('x: error-con‸text,')?.covers, 'error-context');
    assert.equal(hoverAt('@si‸nce(version = 1.0.0)')?.covers, '@since');
  });

  it('not names, escaped keywords, attribute names without `@`, or comments', () => {
    assert.equal(hoverAt('record my-str‸eam {}'), null);
    assert.equal(hoverAt('record %str‸eam {}'), null);
    assert.equal(hoverAt('since: fu‸nc();')?.covers, 'func');
    assert.equal(hoverAt('si‸nce: func();'), null);
    assert.equal(hoverAt('// a str‸eam of bytes'), null);
    assert.equal(hoverAt(' * a str‸eam of bytes'), null);
    assert.equal(hoverAt('f: func(); ‸ '), null);
  });
});
