import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { syntaxErrors } from '../../server/src/analysis/syntax-errors';
import { CORPUS, corpusMissing } from '../helpers/corpus';
import { documentOf } from '../helpers/parser';

const PARSE_FAIL = path.join(CORPUS, 'wit-parser-ui/parse-fail');

describe("wit-parser's parse failures", { skip: corpusMissing }, () => {
  it('our first syntax error is where wit-parser points, or where the token it wanted is missing', async () => {
    let compared = 0;
    for (const resultFile of fs.readdirSync(PARSE_FAIL).filter((f) => f.endsWith('.wit.result')).sort()) {
      const result = fs.readFileSync(path.join(PARSE_FAIL, resultFile), 'utf8');
      const location = /(?:--> |^)tests\/ui\/parse-fail\/(\S+?\.wit):(\d+):(\d+)/m.exec(result);
      const file = location && path.join(PARSE_FAIL, location[1]);
      if (!location || !file || !fs.existsSync(file)) continue; // errors without a place, or in a folder's deps
      const text = fs.readFileSync(file, 'utf8');
      const document = await documentOf(text);
      const [ours] = syntaxErrors(document);
      if (!ours) continue; // a semantic error: the workspace model's business
      // wit-parser counts columns in characters; ours are UTF-16 offsets.
      const theirs = document.lines.offset({ line: Number(location[2]) - 1, character: Number(location[3]) - 1 }, 'utf-32');
      const sameLine = document.lines.lineOf(ours.span.start) === document.lines.lineOf(theirs);
      const between = text.slice(ours.span.start, theirs);
      const missingBefore = ours.span.start === ours.span.end && /^(\s|\/\/[^\n]*)*$/.test(between);
      assert.ok(sameLine || missingBefore, `${location[1]}: ours "${ours.message}", wit-parser's ${location[2]}:${location[3]}`);
      compared++;
    }
    assert.ok(compared >= 10, `compared ${compared} cases`);
    console.log(`# ${compared} parse-fail syntax cases: our first error where wit-parser points`);
  });
});
