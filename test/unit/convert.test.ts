import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Severity, type WitDiagnostic } from '../../server/src/analysis/diagnostics';
import { LineIndex } from '../../server/src/analysis/text';
import { Converter } from '../../server/src/lsp/convert';

/** A diagnostic on `ef`, the third line of `ab\ncd\nef\n`. */
function onThirdLine(): WitDiagnostic {
  return { span: { start: 6, end: 8 }, severity: Severity.Warning, code: 'some-rule', message: 'why', documentation: 'https://example.com/#some-rule' };
}

describe('Converter.diagnostic', () => {
  it('keeps the LSP form of a diagnostic the analysis kept (its span moved in place) while its range, encoding and related places allow', () => {
    const diagnostic = onThirdLine();
    const first = new Converter(new LineIndex('ab\ncd\nef\n'), 'utf-16').diagnostic(diagnostic);
    // A character typed on the first line moves the span but not its line and column.
    diagnostic.span.start += 1;
    diagnostic.span.end += 1;
    const again = new Converter(new LineIndex('xab\ncd\nef\n'), 'utf-16').diagnostic(diagnostic);
    assert.equal(again, first);
    assert.deepEqual(again, {
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } },
      severity: Severity.Warning,
      code: 'some-rule',
      source: 'wit',
      message: 'why',
      codeDescription: { href: 'https://example.com/#some-rule' },
    });

    // Another position encoding: converted again.
    assert.notEqual(new Converter(new LineIndex('xab\ncd\nef\n'), 'utf-8').diagnostic(diagnostic), first);

    // A line break typed before it: a new LSP form on the fourth line; the one published before is left as it was.
    diagnostic.span.start += 1;
    diagnostic.span.end += 1;
    const moved = new Converter(new LineIndex('x\nab\ncd\nef\n'), 'utf-16').diagnostic(diagnostic);
    assert.notEqual(moved, first);
    assert.deepEqual(moved.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } });
    assert.deepEqual(first.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } });

    // Related places lie in other files, whose lines move on their own: converted each time.
    const related: WitDiagnostic = { ...onThirdLine(), related: [{ uri: 'file:///other.wit', span: { start: 0, end: 2 }, message: 'first here' }] };
    const other = new Converter(new LineIndex('ab\n'), 'utf-16');
    const once = new Converter(new LineIndex('ab\ncd\nef\n'), 'utf-16').diagnostic(related, () => other);
    assert.notEqual(new Converter(new LineIndex('ab\ncd\nef\n'), 'utf-16').diagnostic(related, () => other), once);
    assert.deepEqual(once.relatedInformation, [
      { location: { uri: 'file:///other.wit', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } } }, message: 'first here' },
    ]);
  });
});
