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
import { collectWitFiles, packageLayout, readRegularFile, reason, type ReadFile } from './files'; // hostile-input: safe reading
import { FixScope, writeFix } from './write'; // hostile-input: safe --fix writes
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
  // As wasm-tools reads a path (wit-parser's `push_path`): a folder named here is one
  // package, whatever its files name; a file named here is a package on its own, without
  // its siblings. See layout.ts for folders found by walking.
  const packageFolders: string[] = [];
  const alone = new Set<string>();
  for (const p of options.paths) {
    const kind = pathKind(p);
    if (kind === 'folder') packageFolders.push(pathToFileURL(path.resolve(p)).href.replace(/\/$/, ''));
    else if (kind === 'file') alone.add(path.resolve(p));
    const [filesBefore, troublesBefore] = [files.length, troubles];
    collectWitFiles(p, files, (where, why) => report(`cannot read ${where}: ${why}`));
    if (files.length === filesBefore && troubles === troublesBefore) report(`no .wit file in ${p}`);
  }
  const workspace = createWorkspace(parser, { features: options.features ?? [], packageFolders, keepDiskTrees: true });
  const read = readOnce();
  const loadContext = contextLoader(workspace, read);
  const json: JsonDiagnostic[] = [];
  let failing = false;
  const counts = { error: 0, warning: 0, note: 0, fixes: 0, fixedFiles: 0 };
  // Everything is loaded before anything is analysed: a package may come from a file later in the list.
  const readable: { file: string; uri: string; text: string; bytes: Buffer }[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(path.resolve(file))) continue; // named twice, e.g. as a file and inside a folder
    seen.add(path.resolve(file));
    try {
      const uri = pathToFileURL(path.resolve(file)).href;
      const { text, bytes } = read(uri);
      loadContext(uri, alone.has(path.resolve(file)));
      workspace.setText(uri, text);
      readable.push({ file, uri, text, bytes });
    } catch (error) {
      report(`cannot read ${file}: ${reason(error)}`);
    }
  }
  if (options.fix) {
    // Every fix is computed before any is given to the model: a fixed file would make its
    // whole package re-resolve before the next file's fixes, once per file.
    const fixed: { uri: string; text: string }[] = [];
    const scope = new FixScope(options.paths);
    for (const { file, uri, text, bytes } of readable) {
      const analysis = analyzeIn(workspace, uri);
      const edits = fixAllEdits(analysis);
      if (edits.length === 0) continue;
      const fixedText = applyEdits(text, edits);
      try {
        writeFix(file, bytes, fixedText, scope);
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
 * reported; these are context. A file checked `alone` gets no siblings, only the `deps/`
 * beside it: wit-parser reads a single file as its own package.
 */
function contextLoader(workspace: Workspace, read: (uri: string) => ReadFile): (uri: string, alone: boolean) => void {
  const loaded = new Set<string>();
  return (uri, alone) => {
    const group = placeOf(uri).group;
    if (loaded.has(group) || !group.startsWith('file:')) return;
    loaded.add(group);
    const folder = fileURLToPath(group);
    const { wit, encoded } = packageLayout(folder);
    // A file checked alone gets its deps/ but not its siblings.
    const depsOnly = alone && placeOf(uri).unit === group;
    const deps = path.join(folder, 'deps') + path.sep;
    for (const file of wit) {
      if (depsOnly && !file.startsWith(deps)) continue;
      try {
        workspace.setText(pathToFileURL(file).href, read(pathToFileURL(file).href).text);
      } catch {
        // unreadable context is missing context: only names from it stay unresolved
      }
    }
    for (const file of encoded) workspace.setEncodedDependency(pathToFileURL(file).href, true);
  };
}

/**
 * Reads each file (by URI) at most once: a checked file is also its package's context, and
 * was read a second time as such. A failed read is not kept,
 * so the checked file's own read reports it.
 */
function readOnce(): (uri: string) => ReadFile {
  const texts = new Map<string, ReadFile>();
  return (uri) => {
    let file = texts.get(uri);
    if (!file) texts.set(uri, (file = readRegularFile(fileURLToPath(uri))));
    return file;
  };
}

function pathKind(p: string): 'file' | 'folder' | null {
  try {
    return fs.statSync(p).isDirectory() ? 'folder' : 'file';
  } catch {
    return null; // reported when its files are collected
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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
