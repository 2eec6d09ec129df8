import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WitDocument } from '../../server/src/analysis/document';
import { createWorkspace, type Declaration, type Workspace } from '../../server/src/analysis/model';
import type { WitParser } from '../../server/src/parser';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { ROOT } from '../helpers/parser';
import { Random, describeCase, randomMutation, type Mutation } from '../helpers/mutations';

/**
 * The incremental model against one built from scratch: a document of a package is edited
 * in place (its syntax copy and groups follow the edits), and after every batch of edits
 * every file's diagnostics, declarations, references, definitions and the references to
 * the edited file's declarations must equal those of a new workspace given the final texts.
 */

/** Packages to edit in, each a folder read whole (a package plus its deps, or a WASI release). */
export function equivalencePackages(): { name: string; files: string[] }[] {
  if (corpusMissing) return [{ name: 'examples', files: witFiles(path.join(ROOT, 'examples')) }];
  const folder = (relative: string) => ({ name: relative, files: witFiles(path.join(CORPUS, relative)) });
  return [
    folder('wasi-p3/WASI@v0.3.0'),
    folder('wit-component-print/wasi-http'),
    folder('wit-component-print/foreign-use-chain'),
    folder('wasi-proposals/wasi-blobstore@824aa762ed/wit'),
  ].filter((p) => p.files.length > 0);
}

const uriOf = (file: string) => `file://${file}`;

/**
 * A letter typed over another: the text keeps its length, so only the edit itself (not a
 * moved end) tells the model which item changed. Else one of the fuzzers' mutations.
 */
function mutation(text: string, random: Random): Mutation {
  if (random.int(0, 2) > 0) return randomMutation(text, random);
  for (let attempt = 0; attempt < 20; attempt++) {
    const at = random.int(0, Math.max(0, text.length - 1));
    if (/[a-z]/.test(text[at] ?? '')) return { kind: 'overtype', span: { start: at, end: at + 1 }, newText: random.pick(['a', 'e', 'x', 's', 'z']) };
  }
  return randomMutation(text, random);
}

/** Typing in a type's body: most keep the names it refers to, some do not. */
const BODY_TYPING = ['x', 'extra: u32,', 'extra,', 'more(string),', ' ', 'e', 'list<u8>', 'other-type', ','];

/** Typing chosen to stay inside what the model patches in place (patch.ts), but not always able to. */
const SIGNATURE_TYPING = ['x', 'a: u32, ', ', b: string', 'borrow<', 'list<', 'option<u8>', ' ', 'stream<u8>', ' -> u32', 'r', '>', ')'];

/**
 * An edit of the kinds `patch.ts` follows in place: typing or deleting inside a function's
 * parameters and results or a type's body, at the end of or inside a comment, or whitespace
 * between tokens.
 * Some leave a syntax error or a changed name behind, which the model must still rebuild for.
 */
export function patchableMutation(text: string, random: Random): Mutation {
  const occurrences = (needle: string): number[] => {
    const found: number[] = [];
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
    return found;
  };
  const kind = random.int(0, 3);
  const bodies = [...occurrences('record '), ...occurrences('variant '), ...occurrences('enum '), ...occurrences('flags ')];
  if (kind === 3 && bodies.length > 0) {
    // Inside a type's body: a field or case added, or a letter of one typed or deleted.
    const open = text.indexOf('{', random.pick(bodies));
    const close = text.indexOf('}', open);
    if (open !== -1 && close !== -1) {
      const at = random.int(open + 1, close);
      if (random.int(0, 3) === 0 && at < close) return { kind: 'delete in a type', span: { start: at, end: at + 1 }, newText: '' };
      return { kind: 'type in a type', span: { start: at, end: at }, newText: random.pick(BODY_TYPING) };
    }
  }
  const signatures = occurrences('func(');
  if (kind === 0 && signatures.length > 0) {
    const open = random.pick(signatures) + 'func('.length;
    const close = Math.max(open, text.indexOf(';', open));
    const at = random.int(open, close);
    if (random.int(0, 3) === 0 && at < close) return { kind: 'delete in a signature', span: { start: at, end: Math.min(close, at + random.int(1, 3)) }, newText: '' };
    return { kind: 'type in a signature', span: { start: at, end: at }, newText: random.pick(SIGNATURE_TYPING) };
  }
  const comments = occurrences('//');
  if (kind === 1 && comments.length > 0) {
    const start = random.pick(comments) + 2;
    const lineEnd = text.indexOf('\n', start);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const at = random.int(start, end);
    if (random.int(0, 2) === 0 && at < end) return { kind: 'delete in a comment', span: { start: at, end: at + 1 }, newText: '' };
    return { kind: 'type in a comment', span: { start: at, end: at }, newText: random.pick(['a', ' word', '`x`', '/']) };
  }
  const spaces = occurrences(' ');
  const at = spaces.length > 0 ? random.pick(spaces) : 0;
  if (random.int(0, 2) === 0 && text[at] === ' ') return { kind: 'delete a space', span: { start: at, end: at + 1 }, newText: '' };
  return { kind: 'insert whitespace', span: { start: at, end: at }, newText: random.pick([' ', '\n', '\n\n', '  ']) };
}

/** How many edits `compareIncremental` compared, and after how many no group was rebuilt. */
export interface EditCounts {
  compared: number;
  patched: number;
}

function key(declaration: Declaration | null | undefined): string {
  return declaration ? `${declaration.uri}@${declaration.nameSpan.start}:${declaration.kind}:${declaration.name}` : 'null';
}

/**
 * Everything the model answers about the workspace's files, as comparable text; for every
 * `stride`-th name, what it resolves to, and the references to every `stride`-th
 * declaration of the edited file (each such query scans a file: all of them would be slow).
 */
function answers(workspace: Workspace, edited: string, stride: number): string[] {
  const lines: string[] = [];
  for (const uri of workspace.uris()) {
    for (const d of workspace.diagnostics(uri)) lines.push(`diagnostic ${uri} ${JSON.stringify(d)}`);
    for (const [i, d] of workspace.declarations(uri).entries()) {
      lines.push(`declaration ${key(d)} ${d.span.start}-${d.span.end} active=${d.active} in=${key(d.container)} alias=${key(d.aliasOf)} docs=${JSON.stringify(d.docs)}`);
      if (i % stride === 0) lines.push(`  resolves to ${key(workspace.resolveAt(uri, d.nameSpan.start))}`);
    }
    for (const [i, r] of workspace.references(uri).entries()) {
      lines.push(`reference ${uri} ${r.kind} ${r.name} ${r.span.start}-${r.span.end} -> ${key(r.target)}`);
      if (i % stride === 0) lines.push(`  resolves to ${key(workspace.resolveAt(uri, r.span.start))}`);
    }
  }
  for (const [i, d] of workspace.declarations(edited).entries()) {
    if (i % stride !== 0) continue;
    const found = workspace.referencesTo(d).map((r) => `${r.uri}@${r.span.start}`).sort();
    lines.push(`references to ${key(d)}: ${found.join(' ')}`);
  }
  return lines;
}

/**
 * Edits `editedFile` of `files` with `edits` random mutations in batches of one to three,
 * comparing after each batch. Returns how many edits were compared; `counts` also hears how
 * many of them left every group built (the model patched them in place).
 */
export function compareIncremental(
  parser: WitParser, files: string[], editedFile: string, seed: number, edits: number, stride = 1,
  mutate: (text: string, random: Random) => Mutation = mutation, counts?: EditCounts,
): number {
  const random = new Random(seed);
  const texts = new Map(files.map((f) => [uriOf(f), fs.readFileSync(f, 'utf8')]));
  const edited = uriOf(editedFile);
  const incremental = createWorkspace(parser);
  for (const [uri, text] of texts) incremental.setText(uri, text);
  const document = WitDocument.create(parser, edited, texts.get(edited)!);
  incremental.setDocument(document);
  answers(incremental, edited, stride); // build every group before the edits, as a running server has
  const applied: Mutation[] = [];
  let compared = 0;
  try {
    while (compared < edits) {
      const batch = Math.min(edits - compared, random.int(1, 3));
      // A file beside the edited one: a rebuilt group declares it anew, a patched one keeps it.
      const neighbour = incremental.uris().find((uri) => uri !== edited && path.dirname(uri) === path.dirname(edited)) ?? edited;
      for (let i = 0; i < batch; i++) {
        const edit = mutate(document.text, random);
        applied.push(edit);
        const declared = incremental.declarations(neighbour)[0];
        document.applyChange(edit.span, edit.newText);
        incremental.setDocument(document);
        if (counts) {
          counts.compared++;
          if (incremental.declarations(neighbour)[0] === declared) counts.patched++;
        }
      }
      compared += batch;
      const fresh = createWorkspace(parser);
      for (const [uri, text] of texts) if (uri !== edited) fresh.setText(uri, text);
      const freshDocument = WitDocument.create(parser, edited, document.text);
      fresh.setDocument(freshDocument);
      try {
        const expected = answers(fresh, edited, stride);
        const actual = answers(incremental, edited, stride);
        const at = expected.findIndex((line, i) => line !== actual[i]);
        if (at !== -1 || expected.length !== actual.length) {
          const where = describeCase(path.relative(CORPUS, editedFile), seed, applied);
          assert.fail(`the incremental model differs from a fresh one after ${compared} edits: ${where}\n` +
            `  fresh:       ${expected[at] ?? '(nothing)'}\n  incremental: ${actual[at] ?? '(nothing)'}`);
        }
      } finally {
        freshDocument.dispose();
      }
    }
  } finally {
    document.dispose();
  }
  return compared;
}
