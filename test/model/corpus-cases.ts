import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileErrors } from '../../server/src/analysis/analyze';
import { createWorkspace, type Workspace } from '../../server/src/analysis/model';
import type { WitDiagnostic } from '../../server/src/analysis/diagnostics';
import { witFiles } from '../helpers/corpus';
import { witParser } from '../helpers/parser';

/** One wit-parser UI test: a `NAME.wit` file or a `NAME/` folder (a package with deps/). */
export interface UiCase {
  name: string;
  /** Paths relative to the case's own folder, with their texts. */
  files: { relative: string; text: string }[];
  /** Encoded packages (`.wat`/`.wasm`) in its deps/, which the model cannot read. */
  encoded: string[];
  /** For parse-fail cases: the file and 1-based line the reference error points to, if any. */
  expected?: { relative: string; line: number } | null;
}

export function uiCases(dir: string): UiCase[] {
  const cases: UiCase[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'parse-fail') {
      const files = witFiles(full).map((f) => ({ relative: path.relative(full, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));
      const encoded = encodedDeps(full).map((f) => path.relative(full, f).split(path.sep).join('/'));
      cases.push({ name: entry.name, files, encoded, expected: expectation(dir, entry.name) });
    } else if (entry.isFile() && entry.name.endsWith('.wit')) {
      cases.push({
        name: entry.name.slice(0, -4),
        files: [{ relative: entry.name, text: fs.readFileSync(full, 'utf8') }],
        encoded: [],
        expected: expectation(dir, entry.name.slice(0, -4)),
      });
    }
  }
  return cases;
}

function encodedDeps(dir: string): string[] {
  const deps = path.join(dir, 'deps');
  if (!fs.existsSync(deps)) return [];
  return fs.readdirSync(deps).filter((f) => /\.(wat|wasm)$/.test(f)).map((f) => path.join(deps, f));
}

function expectation(dir: string, name: string): UiCase['expected'] {
  const resultFile = path.join(dir, `${name}.wit.result`);
  if (!fs.existsSync(resultFile)) return undefined;
  const text = fs.readFileSync(resultFile, 'utf8').replace(/\\/g, '/');
  const match = /(?:-->|\*) tests\/ui\/parse-fail\/([^\s:]+):(\d+):\d+/.exec(text);
  if (!match) return null;
  const relative = match[1].startsWith(`${name}/`) ? match[1].slice(name.length + 1) : match[1];
  return { relative, line: Number(match[2]) };
}

export interface CaseErrors {
  /** Every error, each with the file (relative to the case) and its 1-based line, syntax errors first. */
  errors: { relative: string; line: number; diagnostic: WitDiagnostic }[];
}

/** Loads a case into a fresh workspace as wit-parser's test harness does (feature `active` only). */
export async function errorsOf(testCase: UiCase, features: readonly string[] = ['active']): Promise<CaseErrors> {
  const workspace = createWorkspace(await witParser(), { features });
  const base = `file:///cases/${testCase.name}`;
  const uriOf = (relative: string): string => `${base}/${relative}`;
  for (const file of testCase.files) workspace.setText(uriOf(file.relative), file.text);
  for (const encoded of testCase.encoded) workspace.setEncodedDependency(uriOf(encoded), true);
  const syntax: CaseErrors['errors'] = [];
  const semantic: CaseErrors['errors'] = [];
  for (const file of testCase.files) {
    const uri = uriOf(file.relative);
    const document = workspace.document(uri)!;
    const lineOf = (offset: number): number => document.lines.lineOf(offset) + 1;
    for (const d of fileErrors(document)) syntax.push({ relative: file.relative, line: lineOf(d.span.start), diagnostic: d });
    for (const d of workspace.diagnostics(uri)) semantic.push({ relative: file.relative, line: lineOf(d.span.start), diagnostic: d });
  }
  return { errors: [...syntax, ...semantic] };
}

export type { Workspace };
