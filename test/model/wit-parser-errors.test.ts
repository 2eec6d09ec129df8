import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fileErrors } from '../../server/src/analysis/analyze';
import { createWorkspace } from '../../server/src/analysis/model';
import { CHECK_WORLD, cleanUp, referenceFolderError } from '../differential/differential';
import { marked } from '../helpers/markers';
import { witParser } from '../helpers/parser';
import { referenceError } from '../helpers/reference';
import { PARSER_ERRORS, type ParserError } from './wit-parser-errors';

after(cleanUp);

/** The row's files with markers taken out, and the marked range (in the file that has it). */
function filesOf(row: ParserError): { files: { relative: string; text: string }[]; marked: { relative: string; start: number; end: number } | null } {
  const entries = typeof row.wit === 'string' ? [['case.wit', row.wit]] : Object.entries(row.wit ?? {});
  let range: { relative: string; start: number; end: number } | null = null;
  const files = entries.map(([relative, source]) => {
    const { text, ranges } = marked(source);
    if (ranges[0]) range = { relative, ...ranges[0] };
    return { relative, text };
  });
  return { files, marked: range };
}

async function oursOn(files: { relative: string; text: string }[]) {
  const workspace = createWorkspace(await witParser(), { features: [], packageFolders: ['file:///case'] });
  for (const file of files) workspace.setText(`file:///case/${file.relative}`, file.text);
  return files.flatMap((file) => {
    const uri = `file:///case/${file.relative}`;
    return [...fileErrors(workspace.document(uri)!), ...workspace.diagnostics(uri)]
      .filter((d) => d.severity === 1)
      .map((d) => ({ relative: file.relative, start: d.span.start, end: d.span.end, message: d.message }));
  });
}

async function referenceOn(files: { relative: string; text: string }[]): Promise<string | null> {
  if (files.length === 1) return referenceError(files[0].text);
  const header = /package\s+([^;{\s]+)\s*;/.exec(files[0].text)?.[1] ?? 'a:b';
  return referenceFolderError([...files, { relative: 'zz-check.wit', text: `package ${header};\nworld ${CHECK_WORLD} {}\n` }]);
}

describe('every error wit-parser can raise (test/model/wit-parser-errors.ts)', () => {
  for (const row of PARSER_ERRORS) {
    it(row.site, async () => {
      assert.ok(row.ours || row.notRaised, 'each row says what wit-ls does: `ours`, or why not');
      if (!row.wit) {
        assert.ok(row.notRaised && row.notRaised.length > 40, 'a site no WIT text reaches holds its reason');
        return;
      }
      const { files, marked: range } = filesOf(row);
      const reference = await referenceOn(files);
      assert.ok(reference !== null, 'wit-parser rejects the row\'s WIT');
      assert.match(reference, row.reference);
      const ours = await oursOn(files);
      if (row.ours) {
        assert.ok(range, 'the row marks where wit-ls reports');
        const at = ours.filter((d) => d.relative === range.relative && d.start === range.start && d.end === range.end);
        assert.ok(at.some((d) => row.ours!.test(d.message)), `expected ${row.ours} at ${range.start}-${range.end}, got ${JSON.stringify(ours)}`);
      } else {
        // Not raised on purpose: wit-ls does not report wit-parser's error here.
        assert.ok(!ours.some((d) => row.reference.test(d.message)), 'the row says wit-ls does not raise it, but it does: move the reason to `ours`');
      }
    });
  }
});
