import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/analysis/analyze';
import { fixAllEdits } from '../../server/src/analysis/code-actions';
import type { WitDocument } from '../../server/src/analysis/document';
import type { RuleDiagnostic } from '../../server/src/analysis/rules/rule';
import { ancestorOfType } from '../../server/src/analysis/syntax';
import { applyEdits, type Span } from '../../server/src/analysis/text';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { ROOT, documentOf } from '../helpers/parser';
import { referenceError } from '../helpers/reference';
import { Random, applyMutation, randomMutation, seedOf } from '../helpers/mutations';

const BASE_SEED = 871;
const VARIANTS_PER_FILE = 3;
/** The items a function signature can be: the only text a fix may touch. */
const SIGNATURE_TYPES = ['func_item', 'method_item', 'import_item', 'export_item'];

/** The documents behind analyses still in use; their trees are freed once a check ends. */
const live: WitDocument[] = [];

async function analysisOf(text: string): Promise<Analysis> {
  const document = await documentOf(text);
  live.push(document);
  return analyze(document);
}

function freeDocuments(): void {
  for (const document of live.splice(0)) document.dispose();
}

function signatureOf(document: WitDocument, diagnostic: RuleDiagnostic): Span {
  const item = ancestorOfType(document.tree.rootNode.descendantForIndex(diagnostic.span.start), SIGNATURE_TYPES);
  assert.ok(item, `${diagnostic.code} at ${diagnostic.span.start} is not inside a function signature`);
  return { start: item.startIndex, end: item.endIndex };
}

/** Syntax errors of `after` that start inside `region` (offsets in `after`). */
function errorsWithin(analysis: Analysis, region: Span): number {
  return analysis.syntax.filter((d) => region.start <= d.span.start && d.span.start <= region.end).length;
}

/**
 * Every fix offered for `text`, applied alone: it edits only the flagged signature, adds
 * no syntax error, and the rule no longer fires there. Then all fixes at once: no new
 * syntax errors and nothing left to fix. Returns the text with every fix applied.
 */
async function checkFixes(name: string, text: string): Promise<string | null> {
  try {
    return await checkEachFix(name, text);
  } finally {
    freeDocuments();
  }
}

async function checkEachFix(name: string, text: string): Promise<string | null> {
  const before = await analysisOf(text);
  const document = live[live.length - 1];
  const fixable = before.rules.filter((d) => d.fix);
  if (fixable.length === 0) return null;
  for (const diagnostic of fixable) {
    const signature = signatureOf(document, diagnostic);
    const where = `${diagnostic.code} fix at ${diagnostic.span.start} in ${name}`;
    for (const edit of diagnostic.fix!.edits) {
      assert.ok(signature.start <= edit.span.start && edit.span.end <= signature.end, `${where}: edit ${JSON.stringify(edit)} leaves the signature ${JSON.stringify(signature)}`);
    }
    const fixed = applyEdits(text, diagnostic.fix!.edits);
    assert.equal(fixed.slice(0, signature.start), text.slice(0, signature.start), `${where}: text before the signature changed`);
    assert.equal(fixed.slice(fixed.length - (text.length - signature.end)), text.slice(signature.end), `${where}: text after the signature changed`);
    const after = await analysisOf(fixed);
    const newSignature = { start: signature.start, end: signature.end + fixed.length - text.length };
    assert.ok(after.syntax.length <= before.syntax.length, `${where}: ${after.syntax.length - before.syntax.length} new syntax error(s): ${JSON.stringify(after.syntax[0])}`);
    assert.ok(
      errorsWithin(after, newSignature) <= errorsWithin(before, signature),
      `${where}: the fixed signature does not parse: ${fixed.slice(newSignature.start, newSignature.end)}`,
    );
    assert.ok(
      !after.rules.some((d) => d.code === diagnostic.code && d.span.start === diagnostic.span.start),
      `${where}: the rule still fires after its fix`,
    );
  }
  const fixedAll = applyEdits(text, fixAllEdits(before));
  const after = await analysisOf(fixedAll);
  assert.ok(after.syntax.length <= before.syntax.length, `fix-all in ${name} added syntax errors: ${JSON.stringify(after.syntax[0])}`);
  const fixedCodes = new Set(fixable.map((d) => d.code));
  const left = after.rules.filter((d) => d.fix && fixedCodes.has(d.code));
  assert.equal(left.length, 0, `fix-all in ${name} left fixes behind: ${left.map((d) => d.message).join('; ')}`);
  return fixedAll;
}

function inputs(): { name: string; file: string }[] {
  if (!corpusMissing) return witFiles(CORPUS).map((file) => ({ name: path.relative(CORPUS, file), file }));
  return witFiles(path.join(ROOT, 'examples')).map((file) => ({ name: path.relative(ROOT, file), file }));
}

describe('quick-fix safety', () => {
  it('every fix on every corpus file stays in its signature, parses, and settles the rule', async (t) => {
    if (corpusMissing) t.diagnostic(`${corpusMissing}; checking examples/ instead`);
    let files = 0;
    for (const { name, file } of inputs()) if (await checkFixes(name, fs.readFileSync(file, 'utf8'))) files++;
    assert.ok(files > 0, 'no input had anything to fix');
    t.diagnostic(`${files} files with fixes`);
  });

  it('every fix on mutated corpus files stays in its signature and adds no syntax error', async (t) => {
    let variants = 0;
    for (const { name, file } of inputs()) {
      const text = fs.readFileSync(file, 'utf8');
      if (!text.includes('async')) continue;
      const seed = seedOf(name, BASE_SEED);
      const random = new Random(seed);
      for (let i = 0; i < VARIANTS_PER_FILE; i++) {
        const mutation = randomMutation(text, random);
        const label = `${name} mutated by ${JSON.stringify(mutation)} (seed ${seed}, variant ${i})`;
        if (await checkFixes(label, applyMutation(text, mutation))) variants++;
      }
    }
    t.diagnostic(`${variants} mutated variants with fixes`);
  });

  it('the reference parser accepts every fixed file whose original it accepts', async (t) => {
    let compared = 0;
    for (const { name, file } of inputs()) {
      const text = fs.readFileSync(file, 'utf8');
      const fixed = await checkFixes(name, text);
      // Only single-file packages without foreign deps can be checked on their own.
      if (fixed === null || (await referenceError(text, ['active'])) !== null) continue;
      assert.equal(await referenceError(fixed, ['active']), null, `wit-parser rejects ${name} after fix-all`);
      compared++;
    }
    t.diagnostic(`${compared} fixed files checked by wit-parser`);
  });
});
