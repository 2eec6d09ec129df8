import type { WitDiagnostic } from '../diagnostics';
import type { DocumentEdit } from '../document';
import type { Span } from '../text';
import { forgetDocs } from './declare';
import { checkMember, forgetMember, isMemberInterior, isTypedef, memberEdit } from './patch-member';
import { firstReferenceFrom, type FileState, type GroupState, type SourceFile } from './state';
import type { SyntaxNode } from './syntax-copy';

/**
 * Patching a resolved group in place after an edit that no other item can see, instead of
 * declaring and resolving the whole group again (rust-analyzer's firewall: what other items
 * see of an item did not change, so nothing that depends on it is recomputed):
 *
 * - inside one function's signature (its parameters and results), or one type definition's
 *   body that still names the same types: only that member's parameters or fields are
 *   declared again and its types resolved and checked again (patch-member.ts);
 * - inside a comment, or whitespace between tokens: nothing is checked again (docs are
 *   read again on request).
 *
 * Everything else in the file only moves: declarations, references and diagnostics after
 * the edit are shifted, and the declarations of the re-copied item are pointed at its new
 * syntax copy. Any other edit (a name, a type definition that names other types, a `use`,
 * an item added or gone, a syntax error that reshapes the item) returns null, and the caller
 * rebuilds the group.
 */

const BLANK = /^[ \t\r\n]*$/;

/**
 * Patches `group` for an edit of the file `uri`, whose top-level items were `before` and
 * are now `source.root.children` (kept items are the same objects, already moved), and
 * whose root had a syntax error (`hadError`) or not.
 * Returns the files whose answers changed (the edited one, and those whose diagnostics
 * point into it), or null when the edit may change what other items see.
 */
export function patchGroup(
  group: GroupState, uri: string, before: readonly SyntaxNode[], hadError: boolean, source: SourceFile, edit: DocumentEdit,
  observers: readonly GroupState[],
): Set<string> | null {
  const file = group.files.get(uri);
  const after = source.root.children;
  // Whether the file parses decides checks of the whole file (a missing header, versions).
  if (!file || before.length !== after.length || hadError !== source.root.hasError) return null;
  // A loop, not `flatMap`: an array per item was a keystroke's largest garbage in the model.
  const changed: number[] = [];
  for (let i = 0; i < before.length && changed.length < 2; i++) if (before[i] !== after[i]) changed.push(i);
  if (changed.length > 1) return null;
  // Whether a package header has docs is checked across the package's files.
  if (changed.length === 1 && after[changed[0]].type === 'comment' && after.slice(changed[0]).find((i) => i.type !== 'comment')?.type === 'package_decl') return null;
  const oldText = file.source.text;
  // A zero-width diagnostic where text is inserted (a missing header at the file's start)
  // may belong before or after it: only a build knows.
  if (file.diagnostics.some((d) => d.span.start === edit.start && d.span.end === edit.start)) return null;
  const move = mover(edit);
  let plan: Plan | null = { pairs: [], hole: null };
  if (changed.length === 1) plan = planItem(before[changed[0]], after[changed[0]], edit, oldText, source.text, move);
  else if (!blank(edit, oldText, source.text)) plan = null;
  if (!plan) return null;
  const member = plan.hole?.kind === 'member' ? memberEdit(file, plan.hole.old, plan.hole.new, oldText) : null;
  if (plan.hole?.kind === 'member' && !member) return null;

  // From here on the patch cannot fail: everything it needs was found above.
  file.source = source;
  if (member) forgetMember(group, file, member);
  const touched = new Set([uri]);
  shiftFile(file, move);
  for (const other of [group, ...observers]) {
    for (const f of other.files.values()) if (shiftRelated(f.diagnostics, uri, move) && f !== file) touched.add(f.uri);
  }
  rebind(group, file, plan.pairs);
  // A comment or a blank line before an item is (or separates) its docs, read on request.
  if (!member) for (const decl of file.declarations) forgetDocs(decl);
  if (member) {
    checkMember(group, file, member);
    // Rules (the file's own analysis) of other files may read through a type definition.
    if (isTypedef(member)) for (const other of [group, ...observers]) for (const f of other.files.keys()) touched.add(f);
  }
  return touched;
}

// ---- planning: is the re-copied item the old one, but for the edited place? ----------------

interface Hole {
  kind: 'member' | 'comment';
  /** A member's interior (a signature, a type's body) or the comment, before and after the edit. */
  old: SyntaxNode;
  new: SyntaxNode;
}

interface Plan {
  /** Old node -> new node, for every node of the item outside the edited place. */
  pairs: [SyntaxNode, SyntaxNode][];
  hole: Hole | null;
}

type Mover = {
  start(offset: number): number;
  end(offset: number): number;
  move(span: Span): boolean;
  delta: number;
  /** Spans starting before this stay where they are unless they contain the edit. */
  firstMoved: number;
};

/**
 * Where an old offset is after the edit. A start at the edit's end moves (the text before it
 * grew or shrank); an end moves only if it lies beyond the edit's start (an item ending where
 * text was inserted did not grow). Spans that contain the edit grow by the change. `move`
 * moves a span in place (each span object has one holder) and says whether it moved.
 */
function mover(edit: DocumentEdit): Mover {
  const delta = edit.newEnd - edit.oldEnd;
  const start = (offset: number) => (offset >= edit.oldEnd ? offset + delta : offset);
  const end = (offset: number) => (offset > edit.start && offset >= edit.oldEnd ? offset + delta : offset);
  return {
    delta,
    start,
    end,
    firstMoved: edit.start,
    move: (span) => {
      if (delta === 0) return false;
      // Most spans lie wholly after the edit (half a file's, per keystroke): both ends move.
      if (span.start >= edit.oldEnd) {
        span.start += delta;
        span.end += delta;
        return true;
      }
      if (span.end <= edit.start) return false; // before the edit
      const s = start(span.start);
      const e = Math.max(s, end(span.end));
      if (s === span.start && e === span.end) return false;
      span.start = s;
      span.end = e;
      return true;
    },
  };
}

function blank(edit: DocumentEdit, oldText: string, newText: string): boolean {
  return BLANK.test(oldText.slice(edit.start, edit.oldEnd)) && BLANK.test(newText.slice(edit.start, edit.newEnd));
}

function planItem(oldItem: SyntaxNode, newItem: SyntaxNode, edit: DocumentEdit, oldText: string, newText: string, move: Mover): Plan | null {
  // The innermost nodes around the edit, outermost first.
  const around: SyntaxNode[] = [oldItem];
  for (let node = oldItem; ; ) {
    const child = node.children.find((c) => c.startIndex <= edit.start && edit.oldEnd <= c.endIndex);
    if (!child) break;
    around.push(child);
    node = child;
  }
  // A package's name is declared with its whole text, comments and spaces included.
  if (around.some((node) => node.type === 'package_name')) return null;
  let holeAt = -1;
  let kind: Hole['kind'] | null = null;
  for (let i = around.length - 1; i >= 0 && kind === null; i--) {
    const node = around[i];
    const inside = edit.start > node.startIndex && edit.oldEnd <= node.endIndex;
    if (!inside) continue;
    if (node.type === 'comment') [holeAt, kind] = [i, 'comment'];
    else if (isMemberInterior(node)) [holeAt, kind] = [i, 'member'];
  }
  if (kind === null && !blank(edit, oldText, newText)) return null;
  // The edited place itself is not compared: a member's interior, or the comment.
  const edited = kind === null ? null : around[holeAt];
  const containing = new Set(kind === null ? around.filter((n) => n.startIndex < edit.start && edit.oldEnd < n.endIndex) : around.slice(0, holeAt + 1));
  const pairs: [SyntaxNode, SyntaxNode][] = [];
  const pending: [SyntaxNode, SyntaxNode][] = [[oldItem, newItem]];
  while (pending.length > 0) {
    const [o, n] = pending.pop()!;
    // A member the new copy took over from the old one (syntax-copy.ts) is already in place.
    if (o === n) continue;
    const grows = containing.has(o);
    const start = grows ? o.startIndex : move.start(o.startIndex);
    const end = grows ? o.endIndex + move.delta : move.end(o.endIndex);
    if (o.type !== n.type || o.field !== n.field || o.isMissing !== n.isMissing || o.afterUncopied !== n.afterUncopied
      || n.startIndex !== start || n.endIndex !== end) return null;
    pairs.push([o, n]);
    if (o === edited) continue;
    // Around the edited place an error may come or go: the model reads `hasError` only on
    // the file's root (compared by the caller) and on `use` paths, which are not around it.
    if ((o.hasError !== n.hasError && !grows) || o.children.length !== n.children.length) return null;
    for (let i = 0; i < o.children.length; i++) pending.push([o.children[i], n.children[i]]);
  }
  if (kind === null || !edited) return { pairs, hole: null };
  return { pairs, hole: { kind, old: edited, new: pairs.find(([o]) => o === edited)![1] } };
}

// ---- applying -------------------------------------------------------------------------------

function shiftFile(file: FileState, move: Mover): void {
  if (move.delta === 0) return;
  // References are sorted: those before the edit stay (none contains it: it lies inside the
  // re-checked signature, a comment or whitespace).
  const { declarations, references, diagnostics } = file;
  const before = move.firstMoved;
  for (let i = 0; i < declarations.length; i++) {
    const decl = declarations[i];
    // Most declarations lie wholly before or after the edit: the cheap test first.
    if (decl.span.end <= before) continue;
    move.move(decl.nameSpan);
    move.move(decl.span);
  }
  for (let i = firstReferenceFrom(references, move.firstMoved); i < references.length; i++) move.move(references[i].span);
  for (const diagnostic of diagnostics) move.move(diagnostic.span);
  for (const block of file.blocks) if (block.span) move.move(block.span);
}

/** Moves the related places in `uri` of diagnostics; whether one moved. */
function shiftRelated(diagnostics: readonly WitDiagnostic[], uri: string, move: Mover): boolean {
  let moved = false;
  for (const diagnostic of diagnostics) {
    for (const related of diagnostic.related ?? []) if (related.uri === uri && move.move(related.span)) moved = true;
  }
  return moved;
}

/**
 * Points the declarations, scopes and memos of the re-copied item from its old copy to its
 * new one. Each declaration of the item is found by its name node, so the work follows the
 * item's size, not the file's.
 */
function rebind(group: GroupState, file: FileState, pairs: readonly [SyntaxNode, SyntaxNode][]): void {
  if (pairs.length === 0) return;
  const renewed = new Map(pairs);
  for (const [old, node] of pairs) {
    const decl = file.byNameNode.get(old);
    if (decl) {
      file.byNameNode.delete(old);
      file.byNameNode.set(node, decl);
      decl.node = renewed.get(decl.node) ?? decl.node;
      forgetDocs(decl);
      const scope = group.scopes.get(decl);
      if (scope) scope.body = renewed.get(scope.body) ?? scope.body;
    }
    // A node made anew over its old children (the path above a member copied again,
    // syntax-copy-members.ts) keeps its name node: its declaration and scope move to it here.
    const name = old.childForFieldName('name');
    const owner = name && !renewed.has(name) ? file.byNameNode.get(name) : undefined;
    if (owner && owner.node === old) {
      owner.node = node;
      forgetDocs(owner);
      const scope = group.scopes.get(owner);
      if (scope) scope.body = renewed.get(scope.body) ?? scope.body;
    }
    rekey(group.typeMemo, old, node);
    rekey(group.pathMemo, old, node);
  }
}

function rekey<V>(map: Map<SyntaxNode, V>, old: SyntaxNode, node: SyntaxNode): void {
  if (!map.has(old)) return;
  map.set(node, map.get(old)!);
  map.delete(old);
}
