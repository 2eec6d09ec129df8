import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allDiagnostics, analyze } from '../analysis/analyze';
import { fixAllEdits } from '../analysis/code-actions';
import { SEVERITY_NAMES, Severity, type WitDiagnostic } from '../analysis/diagnostics';
import { WitDocument } from '../analysis/document';
import { applyEdits } from '../analysis/text';
import type { WitParser } from '../parser';

export interface CheckOptions {
  paths: string[];
  format: 'text' | 'json';
  fix: boolean;
  denyWarnings: boolean;
}

export interface CheckOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** One diagnostic in `--format json`: LSP conventions (0-based, UTF-16, severity 1..4). */
interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Severity;
  code: string;
  message: string;
}

/**
 * `wit-ls check`: diagnoses every `.wit` file under `paths`, optionally fixing them in
 * place. Returns the process exit code: 1 when an error (or with `denyWarnings` a
 * warning) remains, 2 when a path cannot be read, else 0.
 */
export function runCheck(parser: WitParser, options: CheckOptions, output: CheckOutput): number {
  const files: string[] = [];
  let unreadable = false;
  for (const p of options.paths) {
    try {
      collectWitFiles(p, files);
    } catch (error) {
      output.err(`wit-ls: cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      unreadable = true;
    }
  }
  const json: JsonDiagnostic[] = [];
  let failing = false;
  const counts = { error: 0, warning: 0, other: 0, fixed: 0 };
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      output.err(`wit-ls: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      unreadable = true;
      continue;
    }
    let document = WitDocument.create(parser, pathToFileURL(file).href, text);
    if (options.fix) {
      const analysis = analyze(document);
      const edits = fixAllEdits(analysis);
      if (edits.length > 0) {
        const fixed = applyEdits(text, edits);
        writeAtomically(file, fixed);
        counts.fixed += analysis.rules.filter((d) => d.fix).length;
        document.dispose();
        document = WitDocument.create(parser, pathToFileURL(file).href, fixed);
      }
    }
    for (const diagnostic of allDiagnostics(analyze(document))) {
      if (diagnostic.severity === Severity.Error) counts.error++;
      else if (diagnostic.severity === Severity.Warning) counts.warning++;
      else counts.other++;
      if (diagnostic.severity === Severity.Error || (options.denyWarnings && diagnostic.severity === Severity.Warning)) {
        failing = true;
      }
      if (options.format === 'json') json.push(toJson(file, document, diagnostic));
      else output.out(formatText(file, document, diagnostic));
    }
    document.dispose();
  }
  if (options.format === 'json') {
    output.out(JSON.stringify(json, null, 2));
  } else {
    const summary = `${files.length} file${files.length === 1 ? '' : 's'} checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.other} note(s)`;
    output.out(counts.error + counts.warning + counts.other === 0 ? `${summary.split(':')[0]}: no errors` : summary);
    if (options.fix) output.out(`${counts.fixed} fix(es) applied`);
  }
  if (unreadable) return 2;
  return failing ? 1 : 0;
}

/** Files named on the command line are checked whatever their extension; folders recurse into `*.wit`. */
function collectWitFiles(p: string, into: string[]): void {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) {
    into.push(p);
    return;
  }
  for (const entry of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(p, entry.name);
    if (entry.isDirectory()) collectWitFiles(child, into);
    else if (entry.isFile() && entry.name.endsWith('.wit')) into.push(child);
  }
}

/** Writes beside the file, then renames over it: a reader sees the old or the new text, never half. */
function writeAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.wit-ls.tmp`);
  try {
    fs.writeFileSync(temporary, text, { mode: fs.statSync(file).mode });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

function formatText(file: string, document: WitDocument, diagnostic: WitDiagnostic): string {
  // Columns in characters (code points), 1-based, as compilers print them.
  const at = document.lines.position(diagnostic.span.start, 'utf-32');
  return `${file}:${at.line + 1}:${at.character + 1}: ${SEVERITY_NAMES[diagnostic.severity]}[${diagnostic.code}]: ${diagnostic.message}`;
}

function toJson(file: string, document: WitDocument, diagnostic: WitDiagnostic): JsonDiagnostic {
  return {
    file,
    range: { start: document.lines.position(diagnostic.span.start), end: document.lines.position(diagnostic.span.end) },
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
}
