import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/analysis/analyze';
import { fixAllEdits } from '../../server/src/analysis/code-actions';
import { SEVERITY_NAMES } from '../../server/src/analysis/diagnostics';
import { hoverAt } from '../../server/src/analysis/hover';
import { applyEdits } from '../../server/src/analysis/text';
import { fileTypeResolver } from '../../server/src/analysis/types';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { documentOf } from '../helpers/parser';
import { referenceError } from '../helpers/reference';

const P3 = path.join(CORPUS, 'wasi-p3');
const BEFORE = path.join(P3, 'pr870-before/WASI@3e1dae13fc');
const AFTER_870 = path.join(P3, 'pr870-after/WASI@12011406eb');
const AFTER_869 = path.join(P3, 'pr869-after/WASI@228ed78090');
/** The three files WebAssembly/WASI#870 changed, relative to each snapshot. */
const PR870_FILES = [
  'proposals/cli/wit-0.3.0-draft/stdio.wit',
  'proposals/filesystem/wit-0.3.0-draft/types.wit',
  'proposals/sockets/wit-0.3.0-draft/types.wit',
];

async function analyzeFile(file: string): Promise<{ text: string; analysis: Analysis }> {
  const text = fs.readFileSync(file, 'utf8');
  return { text, analysis: analyze(await documentOf(text, `file://${file}`)) };
}

/** Every rule diagnostic under `dir`, as "file: code severity `name`" lines, sorted. */
async function ruleFindings(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of witFiles(dir)) {
    const { text, analysis } = await analyzeFile(file);
    for (const d of analysis.rules) {
      const name = text.slice(d.span.start, d.span.end).split(':')[0];
      found.push(`${path.relative(dir, file)}: ${d.code} ${SEVERITY_NAMES[d.severity]} \`${name}\``);
    }
  }
  return found.sort();
}

/** Each function declaration of a file (name to `;`), whitespace collapsed. */
function functionDeclarations(text: string): string[] {
  return [...text.matchAll(/^\s*([a-z][\w-]*:\s*(?:static\s+)?(?:async\s+)?func\b[^;]*;)/gm)].map((m) =>
    m[1].replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/,? \)/g, ')'),
  );
}

function changedDeclarations(before: string, after: string): string[] {
  const old = new Set(functionDeclarations(before));
  return functionDeclarations(after).filter((d) => !old.has(d));
}

describe('the async rules on real WASI 0.3', { skip: corpusMissing }, () => {
  it('v0.3.0-rc-2026-01-06: the five functions of #870 and read-directory of #869', async () => {
    assert.deepEqual(await ruleFindings(path.join(P3, 'WASI@v0.3.0-rc-2026-01-06')), [
      'proposals/cli/wit-0.3.0-draft/stdio.wit: async-stream-param information `write-via-stream`',
      'proposals/cli/wit-0.3.0-draft/stdio.wit: async-stream-param information `write-via-stream`',
      'proposals/filesystem/wit-0.3.0-draft/types.wit: async-stream-param warning `append-via-stream`',
      'proposals/filesystem/wit-0.3.0-draft/types.wit: async-stream-param warning `write-via-stream`',
      'proposals/filesystem/wit-0.3.0-draft/types.wit: redundant-async hint `read-directory`',
      'proposals/sockets/wit-0.3.0-draft/types.wit: async-stream-param warning `send`',
    ]);
  });

  for (const fixed of ['WASI@v0.3.0-rc-2026-02-09', 'WASI@v0.3.0']) {
    it(`${fixed}: nothing to report`, async () => {
      assert.deepEqual(await ruleFindings(path.join(P3, fixed)), []);
    });
  }

  for (const file of PR870_FILES) {
    it(`fixing ${file} gives the signatures of #870`, async () => {
      const { text, analysis } = await analyzeFile(path.join(BEFORE, file));
      const after = fs.readFileSync(path.join(AFTER_870, file), 'utf8');
      const streamFixes = analysis.rules.filter((d) => d.code === 'async-stream-param').flatMap((d) => d.fix!.edits);
      const ours = applyEdits(text, streamFixes);
      assert.ok(changedDeclarations(text, after).length > 0, 'the PR changed signatures here');
      assert.deepEqual(changedDeclarations(text, ours), changedDeclarations(text, after));
      // #870 changed nothing else in these files (no docs either), so the whole text matches.
      assert.equal(ours, after);
    });
  }

  it('the redundant-async fix gives the read-directory of #869, and fix-all both PRs', async () => {
    const file = 'proposals/filesystem/wit-0.3.0-draft/types.wit';
    const { text, analysis } = await analyzeFile(path.join(BEFORE, file));
    const after = fs.readFileSync(path.join(AFTER_869, file), 'utf8');
    const redundant = analysis.rules.filter((d) => d.code === 'redundant-async');
    assert.equal(redundant.length, 1);
    const ours = applyEdits(text, redundant[0].fix!.edits);
    assert.deepEqual(changedDeclarations(text, ours), [
      'read-directory: func() -> tuple<stream<directory-entry>, future<result<_, error-code>>>;',
    ]);
    assert.ok(functionDeclarations(after).includes(changedDeclarations(text, ours)[0]));
    assert.equal(applyEdits(text, fixAllEdits(analysis)), after);
  });
});

describe('every corpus file', { skip: corpusMissing }, () => {
  it('valid files have no syntax error; no file makes the rules, fixes or hovers throw', async () => {
    let files = 0;
    let ruleDiagnostics = 0;
    for (const file of witFiles(CORPUS)) {
      const text = fs.readFileSync(file, 'utf8');
      const document = await documentOf(text, `file://${file}`);
      const analysis = analyze(document);
      if (!file.includes(`${path.sep}parse-fail${path.sep}`)) {
        assert.deepEqual(analysis.syntax.map((d) => d.message), [], path.relative(CORPUS, file));
      }
      for (const d of analysis.rules) {
        assert.ok(d.explain().length > 0);
        assert.ok(hoverAt(document, d.span.start, analysis.rules, fileTypeResolver));
      }
      const fixed = applyEdits(text, fixAllEdits(analysis));
      if (fixed !== text) assert.deepEqual(analyze(await documentOf(fixed)).rules, [], `fixed once: ${file}`);
      ruleDiagnostics += analysis.rules.length;
      files++;
    }
    assert.ok(files > 300, `the corpus has its files (${files})`);
    console.log(`# ${files} corpus files, ${ruleDiagnostics} rule diagnostics`);
  });

  it('fix-all keeps every corpus file that wit-parser accepts on its own acceptable', async () => {
    let checked = 0;
    for (const file of witFiles(CORPUS)) {
      if (file.includes(`${path.sep}parse-fail${path.sep}`)) continue;
      const { text, analysis } = await analyzeFile(file);
      const edits = fixAllEdits(analysis);
      // Files that need their deps/ folder cannot be checked one by one.
      if (edits.length === 0 || (await referenceError(text, ['active'])) !== null) continue;
      assert.equal(await referenceError(applyEdits(text, edits), ['active']), null, path.relative(CORPUS, file));
      checked++;
    }
    assert.ok(checked > 0);
    console.log(`# ${checked} fixed corpus files accepted by wit-parser`);
  });
});
