import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { analyze } from '../../server/src/analysis/analyze';
import { hoverAt } from '../../server/src/analysis/hover';
import { fileTypeResolver } from '../../server/src/analysis/types';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { documentOf } from '../helpers/parser';
import { seededRandom } from '../helpers/random';

function tokensOf(root: Node): Node[] {
  const tokens: Node[] = [];
  const pending = [root];
  while (pending.length) {
    const node = pending.pop()!;
    if (node.childCount === 0) {
      if (node.type !== 'comment') tokens.push(node);
    } else for (const child of node.children) if (child) pending.push(child);
  }
  return tokens;
}

describe('one broken token in real WIT', { skip: corpusMissing }, () => {
  it('gives one clear error, on one line, and never makes analysis or hover throw', async () => {
    const files = witFiles(CORPUS).filter((f) => !f.includes(`${path.sep}parse-fail${path.sep}`));
    const next = seededRandom(869);
    const SAMPLES = 200;
    let broken = 0;
    let exactlyOne = 0;
    let generic = 0;
    for (let sample = 0; sample < SAMPLES; sample++) {
      const text = fs.readFileSync(files[Math.floor(next() * files.length)], 'utf8');
      const tokens = tokensOf((await documentOf(text)).tree.rootNode);
      const token = tokens[Math.floor(next() * tokens.length)];
      const mutated = text.slice(0, token.startIndex) + text.slice(token.endIndex);
      const document = await documentOf(mutated);
      const analysis = analyze(document);
      const label = `without ${JSON.stringify(token.text)} at ${token.startIndex}`;
      for (const error of analysis.syntax) {
        assert.ok(error.span.start <= error.span.end && error.span.end <= mutated.length, label);
        assert.ok(!mutated.slice(error.span.start, error.span.end).includes('\n'), `one line: ${label}`);
      }
      for (let offset = token.startIndex - 20; offset < token.startIndex + 20; offset += 4) {
        hoverAt(document, Math.max(0, offset), analysis.rules, fileTypeResolver);
      }
      if (analysis.syntax.length === 0) continue; // the deletion left valid WIT
      broken++;
      if (analysis.syntax.length === 1) exactlyOne++;
      if (analysis.syntax.some((e) => /^unexpected (name )?`/.test(e.message))) generic++;
      assert.ok(analysis.syntax.length <= 3, `few reports: ${label}: ${analysis.syntax.map((e) => e.message)}`);
    }
    console.log(`# ${broken} broken samples: ${exactlyOne} with exactly one error, ${generic} with a bare "unexpected X"`);
    assert.ok(exactlyOne >= broken * 0.95, 'nearly always one error per broken place');
    assert.ok(generic <= broken * 0.2, 'mostly a specific message');
  });
});
