import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allDiagnostics, analyze, type Analysis } from '../analysis/analyze';
import { fixAllEdits } from '../analysis/code-actions';
import { SEVERITY_NAMES, Severity, type WitDiagnostic } from '../analysis/diagnostics';
import type { WitDocument } from '../analysis/document';
import { createWorkspace, type Workspace } from '../analysis/model';
import { placeOf } from '../analysis/model/layout';
import { applyEdits } from '../analysis/text';
import type { WitParser } from '../parser';
import { printable } from './printable';

export interface CheckOptions {
  paths: string[];
  format: 'text' | 'json';
  fix: boolean;
  denyWarnings: boolean;
  /** Enabled `@unstable(feature = ..)` features, as wasm-tools' `--features`. */
  features?: string[];
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
 * place. Returns the process exit code: 2 when a path cannot be read (or holds no `.wit`
 * file) or a fix cannot be written, else 1 when an error (or with `denyWarnings` a
 * warning) remains, else 0.
 */
export function runCheck(parser: WitParser, options: CheckOptions, output: CheckOutput): number {
  let troubles = 0;
  const report = (message: string): void => {
    output.err(`wit-ls: ${printable(message)}`);
    troubles++;
  };
  const files: string[] = [];
  for (const p of options.paths) {
    const [filesBefore, troublesBefore] = [files.length, troubles];
    collectWitFiles(p, files, (where, error) => report(`cannot read ${where}: ${reason(error)}`));
    if (files.length === filesBefore && troubles === troublesBefore) report(`no .wit file in ${p}`);
  }
  const workspace = createWorkspace(parser, { features: options.features ?? [] });
  const loadContext = contextLoader(workspace);
  const json: JsonDiagnostic[] = [];
  let failing = false;
  const counts = { error: 0, warning: 0, note: 0, fixes: 0, fixedFiles: 0 };
  // Everything is loaded before anything is analysed: a package may come from a file later in the list.
  const readable: { file: string; uri: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(path.resolve(file))) continue; // named twice, e.g. as a file and inside a folder
    seen.add(path.resolve(file));
    try {
      const text = fs.readFileSync(file, 'utf8');
      const uri = pathToFileURL(path.resolve(file)).href;
      loadContext(uri);
      workspace.setText(uri, text);
      readable.push({ file, uri, text });
    } catch (error) {
      report(`cannot read ${file}: ${reason(error)}`);
    }
  }
  if (options.fix) {
    // Every fix is computed before any is given to the model: a fixed file would make its
    // whole package re-resolve before the next file's fixes, once per file.
    const fixed: { uri: string; text: string }[] = [];
    for (const { file, uri, text } of readable) {
      const analysis = analyzeIn(workspace, uri);
      const edits = fixAllEdits(analysis);
      if (edits.length === 0) continue;
      const fixedText = applyEdits(text, edits);
      try {
        writeAtomically(file, fixedText);
        // Fixes that overlap an earlier one are left for the next run: only those taken are told.
        const applied = analysis.rules
          .filter((d) => d.fix && d.fix.edits.every((e) => edits.includes(e)))
          .sort((a, b) => a.span.start - b.span.start);
        const tell = options.format === 'json' ? output.err : output.out; // stdout stays one JSON document
        for (const diagnostic of applied) tell(describeChange(file, workspace.document(uri)!, diagnostic));
        counts.fixes += applied.length;
        counts.fixedFiles++;
        fixed.push({ uri, text: fixedText });
      } catch (error) {
        report(`cannot write the fixes to ${file}: ${reason(error)}`);
      }
    }
    for (const { uri, text } of fixed) workspace.setText(uri, text);
  }
  for (const { file, uri } of readable) {
    const analysis = analyzeIn(workspace, uri);
    const document = workspace.document(uri)!;
    for (const diagnostic of allDiagnostics(analysis)) {
      if (diagnostic.severity === Severity.Error) counts.error++;
      else if (diagnostic.severity === Severity.Warning) counts.warning++;
      else counts.note++;
      if (diagnostic.severity === Severity.Error || (options.denyWarnings && diagnostic.severity === Severity.Warning)) {
        failing = true;
      }
      if (options.format === 'json') json.push(toJson(file, document, diagnostic));
      else output.out(formatText(file, document, diagnostic));
    }
  }
  if (readable.length === 0 && troubles > 0) {
    // The errors above say it all: nothing claims "0 files checked: no problems".
  } else if (options.format === 'json') {
    output.out(JSON.stringify(json, null, 2));
  } else {
    if (options.fix) output.out(`fixed ${plural(counts.fixes, 'problem')} in ${plural(counts.fixedFiles, 'file')}`);
    const found = counts.error + counts.warning + counts.note === 0
      ? 'no problems'
      : `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')}`;
    output.out(`${plural(readable.length, 'file')} checked: ${found}`);
  }
  if (troubles > 0) return 2;
  return failing ? 1 : 0;
}

/** Syntax errors, rule findings (types resolved across files) and semantic errors of `uri`. */
function analyzeIn(workspace: Workspace, uri: string): Analysis {
  const analysis = analyze(workspace.document(uri)!, { rules: {} }, workspace.typeResolver(uri));
  analysis.semantic = workspace.diagnostics(uri);
  return analysis;
}

/**
 * Loads what a file needs to resolve, as wit-parser reads it: the other `.wit` files of its
 * package folder and everything under that folder's `deps/`. Only the named files are
 * reported; these are context.
 */
function contextLoader(workspace: Workspace): (uri: string) => void {
  const loaded = new Set<string>();
  const load = (folder: string, recurse: boolean, inDeps: boolean): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // an unreadable context folder only makes names unresolved; named files report their own errors
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && (recurse || entry.name === 'deps')) load(full, true, inDeps || entry.name === 'deps');
      else if (entry.isFile() && entry.name.endsWith('.wit')) {
        try {
          workspace.setText(pathToFileURL(full).href, fs.readFileSync(full, 'utf8'));
        } catch {
          // as above: unreadable context is missing context
        }
      } else if (entry.isFile() && inDeps && /\.(wasm|wat)$/.test(entry.name) && path.basename(folder) === 'deps') {
        workspace.setEncodedDependency(pathToFileURL(full).href, true);
      }
    }
  };
  return (uri) => {
    const group = placeOf(uri).group;
    if (loaded.has(group) || !group.startsWith('file:')) return;
    loaded.add(group);
    load(fileURLToPath(group), false, false);
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Node's error text without the syscall and path it appends ("ENOENT: no such file or directory"). */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (error as NodeJS.ErrnoException).code ? message.split(',')[0] : message;
}

/**
 * Files named on the command line are checked whatever their extension; folders recurse
 * into `*.wit`. Symbolic links inside folders are not followed, so a link cycle cannot
 * loop. An unreadable entry is reported and skipped; the rest are still checked.
 */
function collectWitFiles(p: string, into: string[], onError: (where: string, error: unknown) => void): void {
  let entries: fs.Dirent[];
  try {
    if (!fs.statSync(p).isDirectory()) {
      into.push(p);
      return;
    }
    entries = fs.readdirSync(p, { withFileTypes: true });
  } catch (error) {
    onError(p, error);
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const child = path.join(p, entry.name);
    if (entry.isDirectory()) collectWitFiles(child, into, onError);
    else if (entry.isFile() && entry.name.endsWith('.wit')) into.push(child);
  }
}

/**
 * Writes beside the file, flushes, then renames over it: a reader (or a crash) sees the
 * old or the new text, never half. A symbolic link is resolved first, so the link stays
 * and its target changes. A temporary name that already exists belongs to someone else:
 * the write fails and it is left alone.
 */
function writeAtomically(file: string, text: string): void {
  const target = fs.realpathSync(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.wit-ls.tmp`);
  const mode = fs.statSync(target).mode;
  const descriptor = fs.openSync(temporary, 'wx', mode);
  try {
    try {
      fs.fchmodSync(descriptor, mode); // the umask may have narrowed it
      fs.writeFileSync(descriptor, text);
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

function formatText(file: string, document: WitDocument, diagnostic: WitDiagnostic): string {
  // Columns in characters (code points), 1-based, as compilers print them.
  const at = document.lines.position(diagnostic.span.start, 'utf-32');
  return `${printable(file)}:${at.line + 1}:${at.character + 1}: ${SEVERITY_NAMES[diagnostic.severity]}[${diagnostic.code}]: ${printable(diagnostic.message)}`;
}

function toJson(file: string, document: WitDocument, diagnostic: WitDiagnostic): JsonDiagnostic {
  return {
    file,
    range: { start: document.lines.position(diagnostic.span.start), end: document.lines.position(diagnostic.span.end) },
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: printable(diagnostic.message),
  };
}

/**
 * `file:line: before -> after` for one applied fix: the declaration from its name to the
 * end of the last edit's line (before its `;`), white space folded to one line.
 */
function describeChange(file: string, document: WitDocument, diagnostic: WitDiagnostic): string {
  const text = document.text;
  const edits = diagnostic.fix!.edits;
  const start = Math.min(diagnostic.span.start, ...edits.map((e) => e.span.start));
  const lastEdit = Math.max(...edits.map((e) => e.span.end));
  const lineEnd = text.slice(lastEdit).search(/\r|\n|$/) + lastEdit;
  const semicolon = text.lastIndexOf(';', lineEnd);
  const end = semicolon >= lastEdit ? semicolon : lineEnd;
  const before = text.slice(start, end);
  const after = applyEdits(before, edits.map((e) => ({ ...e, span: { start: e.span.start - start, end: e.span.end - start } })));
  const oneLine = (s: string) => printable(s.replace(/\s+/g, ' ').trim());
  const line = document.lines.position(diagnostic.span.start).line + 1;
  return `${printable(file)}:${line}: ${oneLine(before)} -> ${oneLine(after)}`;
}
