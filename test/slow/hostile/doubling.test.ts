/**
 * Doubling tests: each stage runs on an input and on one twice its size, and the work
 * counted (operation-counter.ts, not the clock) must not quadruple. Inputs are the issue's
 * worst cases: everything on one line, thousands of diagnostics in one place.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../../server/src/analysis/analyze';
import type { WitDocument } from '../../../server/src/analysis/document';
import { capDiagnostics } from '../../../server/src/analysis/limits';
import { createWorkspace } from '../../../server/src/analysis/model';
import { documentSymbols, type DocumentSymbol } from '../../../server/src/analysis/navigation/document-symbols';
import { foldingRanges } from '../../../server/src/analysis/navigation/folding';
import { selectionRanges } from '../../../server/src/analysis/navigation/selection-ranges';
import { semanticTokens } from '../../../server/src/analysis/navigation/semantic-tokens';
import { allDiagnostics } from '../../../server/src/analysis/analyze';
import { fileTypeResolver } from '../../../server/src/analysis/types';
import { runCheck } from '../../../server/src/cli/check';
import { Converter } from '../../../server/src/lsp/convert';
import type { WitParser } from '../../../server/src/parser';
import { documentOf, witParser } from '../../helpers/parser';
import { assertDoublingIsLinear } from './operation-counter';
import { oneLinePackage, sameNameParameters } from '../../../bench/hostile-inputs';

describe('hostile inputs: work grows linearly with the input', () => {
  let parser: WitParser;
  let dir: string;
  const documents: WitDocument[] = [];
  before(async () => {
    parser = await witParser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-doubling-'));
  });
  after(() => {
    for (const d of documents) d.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The parsed one-line package of `blocks` interfaces, parsed once per size. */
  const oneLine = new Map<number, WitDocument>();
  async function prepareOneLine(...sizes: number[]): Promise<void> {
    for (const size of sizes) {
      const document = await documentOf(oneLinePackage(size));
      documents.push(document);
      oneLine.set(size, document);
    }
  }

  it('CLI text output: thousands of diagnostics on one line (was 9.3 s at 20,000, quadratic)', () => {
    for (const n of [2_000, 4_000]) fs.writeFileSync(path.join(dir, `params-${n}.wit`), sameNameParameters(n, false));
    assertDoublingIsLinear('check --format text', 2_000, (n) => {
      const lines: string[] = [];
      runCheck(parser, { paths: [path.join(dir, `params-${n}.wit`)], format: 'text', fix: false, denyWarnings: false }, {
        out: (line) => lines.push(line),
        err: () => {},
      });
    });
  });

  it('published diagnostics of a file with thousands of them: capped, and the cap is linear', () => {
    const texts = new Map([2_000, 4_000].map((n) => [n, sameNameParameters(n, false)]));
    assertDoublingIsLinear('semantic diagnostics capped and converted', 2_000, (n) => {
      const workspace = createWorkspace(parser);
      const uri = `file:///doubling/params-${n}/a.wit`;
      workspace.setText(uri, texts.get(n)!);
      const document = workspace.document(uri)!;
      const analysis = analyze(document, { rules: {} }, workspace.typeResolver(uri));
      analysis.semantic = workspace.diagnostics(uri);
      const converter = new Converter(document.lines, 'utf-32');
      for (const d of capDiagnostics(allDiagnostics(analysis))) converter.range(d.span);
    });
  });

  for (const encoding of ['utf-16', 'utf-8', 'utf-32'] as const) {
    it(`navigation features on one long line, positions in ${encoding} (documentSymbol took 23 s on 5 MB)`, async () => {
      await prepareOneLine(300, 600);
      const convertAll = (converter: Converter, symbols: DocumentSymbol[]): void => {
        for (const s of symbols) {
          converter.range(s.span);
          converter.range(s.selectionSpan);
          convertAll(converter, s.children);
        }
      };
      assertDoublingIsLinear('documentSymbol', 300, (n) => {
        const document = oneLine.get(n)!;
        convertAll(new Converter(document.lines, encoding), documentSymbols(document.tree.rootNode));
      });
      assertDoublingIsLinear('foldingRange', 300, (n) => {
        const document = oneLine.get(n)!;
        foldingRanges(document.tree.rootNode, document.lines);
      });
      assertDoublingIsLinear('semanticTokens', 300, (n) => {
        const document = oneLine.get(n)!;
        const converter = new Converter(document.lines, encoding);
        for (const token of semanticTokens(document.tree.rootNode, fileTypeResolver)) converter.range(token.span);
      });
      assertDoublingIsLinear('selectionRange at the end of the line', 300, (n) => {
        const document = oneLine.get(n)!;
        const converter = new Converter(document.lines, encoding);
        for (const span of selectionRanges(document.tree.rootNode, document.text.length - 10)) converter.range(span);
      });
    });
  }

  it('file-local analysis on one long line: syntax errors and rules (was quadratic in the rules\' signatures)', async () => {
    await prepareOneLine(300, 600);
    assertDoublingIsLinear('analyze', 300, (n) => {
      analyze(oneLine.get(n)!);
    });
  });

  it('the model on one long line: semantic errors and a definition', () => {
    const texts = new Map([300, 600].map((n) => [n, oneLinePackage(n)]));
    assertDoublingIsLinear('model diagnostics', 300, (n) => {
      const workspace = createWorkspace(parser);
      const uri = `file:///doubling/one-line-${n}/a.wit`;
      workspace.setText(uri, texts.get(n)!);
      workspace.diagnostics(uri);
      workspace.resolveAt(uri, texts.get(n)!.lastIndexOf('list<r>') + 5);
    });
  });
});
