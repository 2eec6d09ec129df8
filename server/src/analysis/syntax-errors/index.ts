/** Syntax errors of a document: one per broken place, in words a person understands. */
import type { Node } from 'web-tree-sitter';
import type { WitDocument } from '../document';
import type { WitDiagnostic } from '../diagnostics';
import { KEYWORDS, spanOf } from '../syntax';
import type { LineIndex, Span } from '../text';
import { TreePath, leafAt, leavesOf } from '../tree-path';
import { WILDCARD_HINT, legacyHint } from '../legacy-syntax';
import { DECLARING, MEMBER_SCOPES, TYPE_KEYWORDS, TYPE_NODES, expectationAfter, isTypeKeyword, startsType, type Seen } from './expectations';
import { invalidNameMessage, misplacedName } from './names';
import { expected, firstLine, oneLine, sameRow, syntaxError, truncate } from './report';
import { partitionPoint } from '../partition-point';

export { SYNTAX_ERROR_CODE } from './report';

/** Top-level declarations with a body: a mistake inside one is its own. */
const DECLARATIONS = new Set(['interface_item', 'world_item', 'nested_package']);

/** Items whose name is followed by a `{ ... }` body. */
const BODIED = new Set(['interface_item', 'world_item', 'record_item', 'variant_item', 'enum_item', 'flags_item', 'resource_item']);

/** Containers of comma-separated elements, with the element type and the closing token. */
const LISTS: Record<string, { element: string; close: string }> = {
  param_list: { element: 'param', close: ')' },
  record_body: { element: 'record_field', close: '}' },
  variant_body: { element: 'variant_case', close: '}' },
  enum_body: { element: 'enum_case', close: '}' },
  flags_body: { element: 'flag', close: '}' },
  use_names: { element: 'use_name', close: '}' },
  include_names: { element: 'include_name', close: '}' },
};

/** What a missing token completes, by the node it is missing from. */
const CONTEXT: Record<string, string> = {
  package_decl: 'after the package declaration',
  toplevel_use: 'after the `use` declaration',
  use_item: 'after the `use` declaration',
  func_item: 'after the function signature',
  method_item: 'after the function signature',
  constructor_item: 'after the constructor',
  import_item: 'after the import',
  export_item: 'after the export',
  include_item: 'after the include',
  type_alias: 'after the type alias',
  resource_item: 'after the resource',
  interface_body: 'to close the interface',
  world_body: 'to close the world',
  resource_body: 'to close the resource',
  record_body: 'to close the record',
  variant_body: 'to close the variant',
  enum_body: 'to close the enum',
  flags_body: 'to close the flags',
  use_names: 'to close the list of names',
  include_names: 'to close the list of names',
  nested_package: 'to close the package',
  param_list: 'to close the parameter list',
  variant_case: 'after the case\'s payload type',
  list_type: 'to close `list<`',
  option_type: 'to close `option<`',
  result_type: 'to close `result<`',
  tuple_type: 'to close `tuple<`',
  map_type: 'in `map<K, V>`',
  future_type: 'to close `future<`',
  stream_type: 'to close `stream<`',
  borrow_type: 'to close `borrow<`',
  own_type: 'to close `own<`',
};

/**
 * One diagnostic per broken place: each outermost ERROR node (tokens the parser had to
 * skip) and each MISSING node (a token it had to invent), in words a person understands,
 * on the offending token or at the point where a token is missing.
 *
 * Tree-sitter's recovery often reports one mistake several times: on the same line, or
 * as a trail of skipped tokens up to the next item it can parse (a lost `{` leaves every
 * member and the closing `}` unparsed). So a report on the line of the previous one is
 * dropped, and so is an ERROR that follows an earlier report in the same top-level item,
 * or among skipped top-level text, with no clean top-level item in between. Invented
 * tokens (a missing `;`) are exact and always kept.
 */
export function syntaxErrors(document: WitDocument): WitDiagnostic[] {
  const root = document.tree.rootNode;
  if (!root.hasError) return [];
  const found: Found[] = [];
  // In document order: the walk visits them so.
  const cleanItems: Span[] = [];
  // An explicit stack, not recursion: broken text can nest thousands deep. Each path keeps
  // its parent and siblings, which tree-sitter would otherwise search for from the root.
  const pending: TreePath[] = [new TreePath(root)];
  while (pending.length > 0) {
    const path = pending.pop()!;
    const node = path.node;
    if (!node.hasError) {
      if (path.isTopLevel && node.isNamed && path.type !== 'comment') cleanItems.push(spanOf(node));
      continue;
    }
    if (node.isError) {
      const leaves = leavesOf(node);
      const closes = leaves.filter((leaf) => leaf.type === '}').length - leaves.filter((leaf) => leaf.type === '{').length;
      found.push({ diagnostic: errorDiagnostic(document, path, leaves), skipped: true, item: path.item, closes });
      continue; // one report for everything inside this ERROR
    }
    if (node.isMissing) {
      found.push({ diagnostic: missingDiagnostic(path), skipped: false, item: path.item, closes: node.type === '}' ? -1 : 0 });
      continue;
    }
    for (let i = path.children.length - 1; i >= 0; i--) pending.push(path.child(i));
  }
  const lines = document.lines;
  const kept: Found[] = [];
  // `}` skipped inside ERRORs of the current top-level item, not yet owed back.
  let skippedCloses = 0;
  let item: number | undefined;
  for (const current of found.sort((a, b) => a.diagnostic.span.start - b.diagnostic.span.start)) {
    const previous = kept[kept.length - 1];
    if (current.item.id !== item) skippedCloses = 0;
    item = current.item.id;
    if (current.closes < 0 && skippedCloses > 0) {
      skippedCloses--; // the `}` the parser invents is the one it skipped in an earlier error
      continue;
    }
    if (current.closes > 0) skippedCloses += current.closes;
    if (previous && isCascade(previous, current, cleanItems, lines)) continue;
    kept.push(current);
  }
  return kept.map((k) => k.diagnostic);
}

/**
 * How many nodes the outermost ERROR nodes hold (the tokens the parser skipped and what it
 * built of them): what reading a file's syntax errors costs (limits.ts). Enters only
 * broken subtrees; each ERROR's count is one read, kept by tree-sitter.
 */
export function nodesInErrors(root: Node): number {
  let count = 0;
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!node.hasError) continue;
    if (node.isError) {
      count += node.descendantCount;
      continue;
    }
    for (const child of node.children) if (child) pending.push(child);
  }
  return count;
}

interface Found {
  diagnostic: WitDiagnostic;
  /** From tokens the parser skipped (an ERROR), not from a token it invented. */
  skipped: boolean;
  /** The top-level item (interface, world, ...) or top-level ERROR holding it. */
  item: Node;
  /**
   * For an ERROR, how many more `}` than `{` the parser skipped in it; for an invented
   * `}`, -1. A skipped `}` closed nothing, so the parser later misses one.
   */
  closes: number;
}

/** Whether `current` most likely repeats the mistake `previous` reports. */
function isCascade(previous: Found, current: Found, cleanItems: Span[], lines: LineIndex): boolean {
  const [a, b] = [previous.diagnostic.span, current.diagnostic.span];
  if (lines.lineOf(a.start) === lines.lineOf(b.start)) return true;
  if (!current.skipped) return false;
  // A mistake inside another interface or world is its own (a bare top-level `use` may be
  // the parser's reading of a broken interface's members, so it does not count).
  if (DECLARATIONS.has(current.item.type) && current.item.id !== previous.item.id) return false;
  // Is there a clean item between the two? The items are disjoint and in order, so the
  // first one that starts after `a` is the one that can end before `b`.
  const next = firstAtOrAfter(cleanItems, a.end);
  return !(next < cleanItems.length && cleanItems[next].end <= b.start);
}

/** The index of the first span starting at or after `offset` in spans sorted by start. */
function firstAtOrAfter(spans: Span[], offset: number): number {
  return partitionPoint(spans.length, (i) => spans[i].start < offset);
}


function missingDiagnostic(path: TreePath): WitDiagnostic {
  const node = path.node;
  // A missing token has no width: it sits right after the token before it.
  const at = { start: node.startIndex, end: node.startIndex };
  const parent = path.parent?.node;
  if (TYPE_KEYWORDS.has(node.type) || parent?.type === 'primitive_type') {
    const before = path.previousLeaf()?.node;
    return syntaxError(at, `expected a type${before ? ` after \`${before.text}\`` : ''}`);
  }
  const expected = node.type === 'identifier' ? 'a name' : `\`${node.type}\``;
  const context = parent ? CONTEXT[parent.type] : undefined;
  return syntaxError(at, `expected ${expected}${context ? ` ${context}` : ''}`);
}

function errorDiagnostic(document: WitDocument, path: TreePath, leaves: Node[]): WitDiagnostic {
  const error = path.node;
  const text = document.text;

  const comment = leaves.find((leaf) => text.startsWith('/*', leaf.startIndex) || text.startsWith('/*', leaf.startIndex - 1));
  if (comment) {
    const start = text.startsWith('/*', comment.startIndex) ? comment.startIndex : comment.startIndex - 1;
    return syntaxError({ start, end: start + 2 }, 'unterminated block comment');
  }

  const invalidName = leaves.find((leaf) => leaf.type === 'invalid_identifier');
  if (invalidName) return syntaxError(firstLine(document, spanOf(invalidName)), invalidNameMessage(invalidName.text));

  // A character no token starts with: tree-sitter wraps it in an ERROR leaf. (Recovery also
  // leaves one inside a word it re-reads, `from` after `use {}`: a letter is no stray.)
  // (`type` is read in JavaScript; `isError` would cross into wasm for every skipped token.)
  const stray = leaves.find((leaf) => leaf.type === 'ERROR' && !/[a-z0-9%]/i.test(text[leaf.startIndex] ?? ''));
  if (stray) {
    const ch = String.fromCodePoint(text.codePointAt(stray.startIndex) ?? 0xfffd);
    return syntaxError(
      { start: stray.startIndex, end: stray.startIndex + ch.length },
      `unexpected character \`${ch}\`${ch === '*' ? `: ${WILDCARD_HINT}` : ''}`,
    );
  }

  // A keyword where a name belongs: `type option = u32;`, `record r { option: u32 }`.
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    if (!KEYWORDS.has(leaf.text)) continue;
    const before = i === 0 ? path.previousLeaf() : null;
    const previous = leaves[i - 1] ?? before?.node;
    const next = leaves[i + 1] ?? path.nextLeaf();
    const handle =
      previous?.text === '<' ? leaves[i - 2] ?? (i === 1 ? path.previousLeaf() : before?.previousLeaf())?.node : null;
    if (handle && (handle.text === 'borrow' || handle.text === 'own')) {
      return syntaxError(
        spanOf(leaf),
        `expected a resource name in \`${handle.text}<...>\`, found keyword \`${leaf.text}\``,
      );
    }
    if ((leaf.text === 'import' || leaf.text === 'export') && next?.text === ':') {
      return syntaxError({ start: leaf.endIndex, end: leaf.endIndex }, `expected a name after \`${leaf.text}\``);
    }
    if ((previous && DECLARING.has(previous.text)) || next?.text === ':') {
      return syntaxError(
        spanOf(leaf),
        `expected a name, found keyword \`${leaf.text}\` (write \`%${leaf.text}\` to use a keyword as a name)`,
      );
    }
  }

  const units = path.children.filter((c) => c.type !== 'comment');
  const first = units[0];
  if (!first) return syntaxError(firstLine(document, spanOf(error)), 'unexpected text');
  const parent = path.parent;

  if (first.type === 'func' && parent && MEMBER_SCOPES.has(parent.node.type)) {
    return syntaxError(spanOf(first), 'unexpected `func`: declare a function as `name: func(...)`');
  }

  // Pre-1.0 `static name: func()`: wit-parser stops at `static`, where a member's name belongs.
  if (first.type === 'static' && units.length === 1 && path.parentType === 'resource_body') {
    return syntaxError(spanOf(first), `expected \`constructor\` or a name, found keyword \`static\`: ${legacyHint('static')}`);
  }

  const sequel = afterCompleteItem(document, path, units);
  if (sequel) return sequel;

  // Between a declaration's name and its body: `interface i` whose `{` is missing, the
  // parser having taken a later `{` for the body.
  const owner = parent?.node;
  const ownerName = owner && BODIED.has(owner.type) && path.previousSibling ? parent.field('name') : null;
  if (owner && ownerName && path.previousSibling?.id === ownerName.id) {
    const keyword = owner.type.replace(/_item$/, '');
    return expected(document, ownerName, first, `\`{\` after \`${keyword} ${ownerName.text}\``);
  }

  const listed = listError(document, path, units);
  if (listed) return listed;

  const cutPath = units.find((u) => u.type === 'use_path');
  const slash = cutPath?.children.find((c) => c?.type === '/');
  const pathName = cutPath?.childForFieldName('name');
  if (cutPath && slash && pathName && !sameRow(slash, pathName)) {
    // `use wasi:io/` followed by more code on the next line: the parser took that line's
    // first name for the interface name.
    const path = oneLine(document.text.slice(cutPath.startIndex, slash.endIndex));
    return syntaxError({ start: slash.endIndex, end: slash.endIndex }, `expected an interface name after \`${path}\``);
  }

  if (first.type === '<' && !isTypeKeyword(path.previousLeaf()?.node ?? null)) {
    return syntaxError(spanOf(first), 'expected a type such as `list` or `result` before `<`');
  }
  if (first.type === ',' && units.length === 1 && ['result_type', 'map_type'].includes(path.parentType ?? '')) {
    return syntaxError(spanOf(first), 'expected a type after `,`');
  }

  const afterSignature = path.previousSibling;
  if (
    afterSignature?.type === 'func_type' &&
    !afterSignature.childForFieldName('result') &&
    (startsType(first) || (first.type === 'identifier' && sameRow(afterSignature, first)))
  ) {
    return expected(document, afterSignature, first, '`->` before the result type');
  }

  const seen: Seen = { use: false, openParen: -1 };
  for (let i = 0; i < units.length; i++) {
    const misplaced = misplacedName(path, units, i);
    if (misplaced) return misplaced;
    const expectation = expectationAfter(document, path, units, i, seen);
    if (units[i].type === 'use') seen.use = true;
    if (units[i].type === '(') seen.openParen = i;
    if (!expectation) continue;
    const next = units[i + 1] ?? path.nextLeaf();
    if (next && expectation.accepts(next)) continue;
    return expected(document, units[i], next, expectation.what, expectation.hint?.(next), expectation.from);
  }

  const token = leafAt(first);
  const what = token.type === 'identifier' ? `name \`${token.text}\`` : `\`${truncate(token.text)}\``;
  return syntaxError(firstLine(document, spanOf(token)), `unexpected ${what}`);
}

/**
 * Text after something complete: a `use` path (`use self.types.{a}`: the parser took
 * `self` for the path), the type of an alias (`type t = handle r;`), the path of an
 * import or export (`import i: self.x;`), or `->` (`-> (u32, string)`). The error is at
 * the first token that cannot continue it, with the pre-1.0 meaning of the word before.
 */
function afterCompleteItem(document: WitDocument, path: TreePath, units: Node[]): WitDiagnostic | null {
  const before = path.previousSibling;
  const scope = path.parentType;
  const first = units[0];
  if (scope === 'use_item' && first.type === 'use_path' && units[1]?.type === '.') {
    const found = units[2] ?? path.nextLeaf();
    if (found && found.type !== '{') {
      return expected(document, units[1], found, `\`{\` after \`${first.text}.\``, legacyHint(first.text));
    }
  }
  if (scope === 'type_alias' && TYPE_NODES.has(first.type) && units[1] && units[1].type !== ';') {
    // `type t = union { ... }`: a complete type, then more.
    return expected(document, first, units[1], '`;` after the type alias', legacyHint(first.text));
  }
  if (first.type === ';' && units.length === 1 && before?.type.endsWith('_item') && before.text.endsWith('}')) {
    return syntaxError(spanOf(first), 'unexpected `;`: a body in `{ ... }` is not followed by `;`');
  }
  if (!before) return null;
  if (before.type === '->' && (first.type === '(' || first.type === 'param_list')) {
    return expected(
      document,
      before,
      first,
      'a type after `->`',
      'a function has at most one result: return a `tuple<...>` or a record instead of `(...)`',
    );
  }
  if (scope === 'package_decl' && before.type === 'package_name' && first.type !== ';' && first.type !== '@') {
    const versioned = before.childForFieldName('version') !== null && first.type === '.';
    const hint = versioned ? 'a version is `major.minor.patch`, with optional `-pre` and `+build` parts' : undefined;
    return expected(document, before, first, '`;` after the package declaration', hint);
  }
  const complete =
    (scope === 'type_alias' && TYPE_NODES.has(before.type)) ||
    ((scope === 'import_item' || scope === 'export_item') && before.type === 'use_path');
  if (!complete || first.type === ';' || (first.type === '<' && before.type !== 'named_type')) return null;
  const word = before.type === 'named_type' || before.type === 'use_path' ? before.text : undefined;
  return expected(document, before, first, `\`;\` ${CONTEXT[scope!]}`, legacyHint(word));
}


/**
 * An ERROR inside a comma-separated list: usually a missing `,` between two elements
 * (`func(a: u32 b: u32)`, `enum e { a, b c }`).
 */
function listError(document: WitDocument, path: TreePath, units: Node[]): WitDiagnostic | null {
  const list = path.parentType ? LISTS[path.parentType] : undefined;
  if (!list) return null;
  const last = units[units.length - 1];
  if (units.length === 1 && last.type === list.element && !last.hasError) {
    return syntaxError(
      { start: last.endIndex, end: last.endIndex },
      `expected \`,\` or \`${list.close}\` after \`${oneLine(last.text)}\``,
    );
  }
  const before = path.previousSibling;
  if (before && before.type === list.element && units[0].type !== ',') {
    return expected(document, before, units[0], `\`,\` or \`${list.close}\` after \`${oneLine(before.text)}\``);
  }
  return null;
}

