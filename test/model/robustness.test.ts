import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { WitDiagnostic } from '../../server/src/analysis/diagnostics';
import { createWorkspace } from '../../server/src/analysis/model';
import type { Span } from '../../server/src/analysis/text';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { witParser } from '../helpers/parser';

/** A fixed-seed generator, so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** A diagnostic as the editor would see it, for comparing two models. */
function shown(d: WitDiagnostic): string {
  return `${d.span.start}-${d.span.end} ${d.severity} ${d.code}: ${d.message}`;
}

/**
 * Broken WIT is what an editor holds most of the time: cutting, duplicating and truncating
 * real files must never make the model throw or hang, for diagnostics or navigation; what
 * it answers must point into the texts it holds; and a model fed edit after edit must say
 * what a model built from the final texts says.
 */
test('the model survives mangled real WIT', { skip: corpusMissing }, async (t) => {
  const parser = await witParser();
  const next = random(42);
  const sources = witFiles(path.join(CORPUS, 'wasi-p3')).slice(0, 40).map((f) => fs.readFileSync(f, 'utf8'));
  const workspace = createWorkspace(parser, { features: [] });
  const texts = new Map<string, string>();
  const inside = (uri: string, span: Span, what: string) => {
    const text = texts.get(uri);
    assert.ok(text !== undefined, `${what} points into ${uri}, which the model was never given`);
    assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: span ${span.start}-${span.end} outside ${uri}`);
  };
  let resolved = 0;
  let compared = 0;
  for (const [i, source] of sources.entries()) {
    const uri = `file:///mangled/p${i % 4}/f${i}.wit`;
    for (let round = 0; round < 6; round++) {
      const a = Math.floor(next() * source.length);
      const b = Math.min(source.length, a + Math.floor(next() * 80));
      const mangled = [
        source.slice(0, a) + source.slice(b), // a cut
        source.slice(0, b) + source.slice(a), // a duplicated span
        source.slice(0, a), // typing at the end
      ][round % 3];
      texts.set(uri, mangled);
      workspace.setText(uri, mangled);
      for (const d of workspace.diagnostics(uri)) {
        inside(uri, d.span, `${d.code} diagnostic`);
        assert.ok(d.message.length > 0, 'a diagnostic without a message');
      }
      for (let k = 0; k < 5; k++) {
        const offset = Math.floor(next() * (mangled.length + 1));
        const target = workspace.resolveAt(uri, offset);
        if (target) {
          resolved++;
          inside(target.uri, target.nameSpan, `the declaration of ${target.name}`);
          for (const reference of workspace.referencesTo(target)) inside(reference.uri, reference.span, `a reference to ${target.name}`);
        }
        workspace.scopeAt(uri, offset);
      }
    }
    // Every tenth file: a model built from scratch on the same texts reports the same.
    if (i % 10 !== 9 && i !== sources.length - 1) continue;
    const fresh = createWorkspace(parser, { features: [] });
    for (const [u, text] of texts) fresh.setText(u, text);
    for (const [u] of texts) {
      assert.deepEqual(workspace.diagnostics(u).map(shown), fresh.diagnostics(u).map(shown), `${u}, after mangling f${i}`);
      compared++;
    }
  }
  assert.ok(resolved > 0, 'no name resolved at any probe: the probes test nothing');
  t.diagnostic(`${sources.length * 6} mangled texts, ${resolved} names resolved, ${compared} file states compared with a fresh model`);
});
