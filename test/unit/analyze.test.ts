import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allDiagnostics, analyze } from '../../server/src/analysis/analyze';
import { Severity } from '../../server/src/analysis/diagnostics';
import { KEYWORD_DOCS } from '../../server/src/analysis/keyword-docs';
import { RULES } from '../../server/src/analysis/rules';
import { applyRuleSeverity } from '../../server/src/analysis/rules/rule';
import { KEYWORDS } from '../../server/src/analysis/syntax';
import { documentOf } from '../helpers/parser';

const SOURCE = `package a:b;
interface i {
  resource r { send: async func(data: stream<u8>); }
  get: async func() -> future<u32>;
  broken: func(
}`;

describe('analyze', () => {
  it('gathers syntax errors and rule diagnostics, sorted by position', async () => {
    const analysis = analyze(await documentOf(SOURCE));
    const all = allDiagnostics(analysis);
    assert.deepEqual(all.map((d) => d.code), ['async-stream-param', 'redundant-async', 'syntax-error']);
    assert.deepEqual(all.map((d) => d.severity), [Severity.Warning, Severity.Hint, Severity.Error]);
    assert.ok(all.every((d, i) => i === 0 || all[i - 1].span.start <= d.span.start));
  });

  it('applies rule severities from the settings, `off` removing a rule', async () => {
    const document = await documentOf(SOURCE);
    const analysis = analyze(document, { rules: { 'async-stream-param': 'error', 'redundant-async': 'off' } });
    assert.deepEqual(analysis.rules.map((d) => [d.code, d.severity]), [['async-stream-param', Severity.Error]]);
    assert.equal(analysis.syntax.length, 1, 'settings never hide syntax errors');
  });

  it('maps every setting to a severity', () => {
    assert.equal(applyRuleSeverity(Severity.Warning, undefined), Severity.Warning);
    assert.equal(applyRuleSeverity(Severity.Warning, 'default'), Severity.Warning);
    assert.equal(applyRuleSeverity(Severity.Warning, 'off'), null);
    assert.equal(applyRuleSeverity(Severity.Warning, 'hint'), Severity.Hint);
    assert.equal(applyRuleSeverity(Severity.Hint, 'information'), Severity.Information);
    assert.equal(applyRuleSeverity(Severity.Hint, 'warning'), Severity.Warning);
    assert.equal(applyRuleSeverity(Severity.Hint, 'error'), Severity.Error);
  });

  it('lists each rule once, with a summary', () => {
    const codes = RULES.map((r) => r.code);
    assert.deepEqual(codes, ['async-stream-param', 'redundant-async']);
    assert.ok(RULES.every((r) => r.summary.endsWith('.')));
  });
});

describe('keyword docs', () => {
  it('explain every reserved word, built-in type and attribute', () => {
    const words = [...KEYWORDS, 'since', 'unstable', 'deprecated', 'external-id'];
    for (const word of words) assert.ok(KEYWORD_DOCS[word]?.endsWith('.'), word);
  });
});
