// language-configuration.json: what VS Code does with WIT text by itself (comments, brackets,
// words, indentation, doc-comment continuation). VS Code compiles these strings as
// JavaScript regular expressions, so testing them with RegExp is testing what it runs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/parser';

interface OnEnterRule {
  beforeText: string;
  afterText?: string;
  previousLineText?: string;
  action: { indent: string; appendText?: string; removeText?: number };
}

const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'language-configuration.json'), 'utf8')) as {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string }[];
  surroundingPairs: [string, string][];
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  folding: { markers: { start: string; end: string } };
  onEnterRules: OnEnterRule[];
};
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The action VS Code takes on Enter at the end of `line` (the first rule that matches wins). */
function onEnter(line: string, after = '', previousLine = ''): OnEnterRule['action'] | undefined {
  return config.onEnterRules.find(
    (rule) =>
      new RegExp(rule.beforeText).test(line) &&
      (rule.afterText === undefined || new RegExp(rule.afterText).test(after)) &&
      (rule.previousLineText === undefined || new RegExp(rule.previousLineText).test(previousLine)),
  )?.action;
}

describe('language-configuration.json', () => {
  it('is the configuration package.json registers for language `wit`', () => {
    const wit = packageJson.contributes.languages.find((l: { id: string }) => l.id === 'wit');
    assert.equal(wit.configuration, './language-configuration.json');
  });

  it('uses WIT comments: `//` lines and `/* */` blocks', () => {
    assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  });

  it('pairs braces, parentheses and angle brackets, and closes and surrounds them', () => {
    for (const pair of [['{', '}'], ['(', ')'], ['<', '>']]) {
      assert.ok(config.brackets.some((b) => b[0] === pair[0] && b[1] === pair[1]), `bracket ${pair}`);
      assert.ok(config.autoClosingPairs.some((p) => p.open === pair[0] && p.close === pair[1]), `auto-close ${pair}`);
      assert.ok(config.surroundingPairs.some((p) => p[0] === pair[0] && p[1] === pair[1]), `surround ${pair}`);
    }
  });

  it("keeps the `>` of `->` out of bracket matching", () => {
    const grammar = packageJson.contributes.grammars.find((g: { language: string }) => g.language === 'wit');
    assert.ok(grammar.unbalancedBracketScopes?.includes('keyword.operator.arrow.wit'));
    const tmLanguage = fs.readFileSync(path.join(ROOT, 'syntaxes/wit.tmLanguage.json'), 'utf8');
    assert.match(tmLanguage, /"name": "keyword\.operator\.arrow\.wit",\s*"match": "->"/);
  });

  it('takes kebab-case names, %-escaped keywords and versions as whole words', () => {
    const line = 'write-via-stream: func(%async: stream<u8>) -> HTTP-method; // wasi:io@0.3.0-rc-2026-01-06';
    const words = line.match(new RegExp(config.wordPattern, 'g'));
    assert.deepEqual(words, [
      'write-via-stream', 'func', '%async', 'stream', 'u8', 'HTTP-method', 'wasi', 'io', '0.3.0-rc-2026-01-06',
    ]);
  });

  it('indents after an opening brace or parenthesis and outdents at the closing one', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(increase.test('interface types {'));
    assert.ok(increase.test('  resource r { // comment'));
    assert.ok(increase.test('  open: func('));
    assert.ok(!increase.test('  record empty {}'));
    assert.ok(!increase.test('  f: func();'));
    assert.ok(!increase.test('// a comment {'));
    assert.ok(decrease.test('  }'));
    assert.ok(decrease.test('  ) -> u32;'));
    assert.ok(!decrease.test('  f: func();'));
  });

  it('folds `// region` blocks', () => {
    assert.ok(new RegExp(config.folding.markers.start).test('  // region: streams'));
    assert.ok(new RegExp(config.folding.markers.end).test('  // endregion'));
  });

  it('continues `///` and `/** */` doc comments on Enter, but not plain `//` comments', () => {
    assert.equal(onEnter('  /// Writes bytes.')?.appendText, '/// ');
    assert.equal(onEnter('// plain comment'), undefined);
    assert.deepEqual(onEnter('  /**', ' */'), { indent: 'indentOutdent', appendText: ' * ' });
    assert.equal(onEnter('  /** Docs')?.appendText, ' * ');
    assert.equal(onEnter('   * more docs', '', '  /** Docs')?.appendText, '* ');
    assert.equal(onEnter('   */')?.removeText, 1);
  });
});
