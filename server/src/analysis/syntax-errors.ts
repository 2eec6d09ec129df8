import type { Node } from 'web-tree-sitter';
import type { WitDocument } from './document';
import { Severity, ruleDocumentation, type WitDiagnostic } from './diagnostics';
import { KEYWORDS, printable, spanOf } from './syntax';
import type { LineIndex, Span } from './text';
import { TreePath, leafAt, leavesOf } from './tree-path';
import { WILDCARD_HINT, legacyHint } from './legacy-syntax';

export const SYNTAX_ERROR_CODE = 'syntax-error';

/** Keywords after which a name is expected. */
const DECLARING = new Set(['type', 'record', 'variant', 'enum', 'flags', 'resource', 'interface', 'world']);

/** Keywords that start a type: a type may begin with any of these tokens. */
const TYPE_KEYWORDS = new Set([
  'bool', 'char', 'string', 'f32', 'f64', 's8', 's16', 's32', 's64', 'u8', 'u16', 'u32', 'u64',
  'list', 'map', 'option', 'result', 'tuple', 'future', 'stream', 'borrow', 'own', 'error-context',
]);

const TYPE_NODES = new Set([
  'primitive_type', 'error_context_type', 'list_type', 'map_type', 'option_type', 'result_type',
  'tuple_type', 'future_type', 'stream_type', 'borrow_type', 'own_type', 'named_type',
]);

/** Top-level declarations with a body: a mistake inside one is its own. */
const DECLARATIONS = new Set(['interface_item', 'world_item', 'nested_package']);

/** The one field each attribute takes: `@since(version = ...)`, `@external-id("...")`. */
const ATTRIBUTE_FIELDS: Record<string, { token: string; what: string }> = {
  since: { token: 'version', what: '`version`' },
  deprecated: { token: 'version', what: '`version`' },
  unstable: { token: 'feature', what: '`feature`' },
  'external-id': { token: 'string', what: 'a string' },
};

/** Items whose name is followed by a `{ ... }` body. */
const BODIED = new Set(['interface_item', 'world_item', 'record_item', 'variant_item', 'enum_item', 'flags_item', 'resource_item']);

/** Keywords that start a path to an interface or world. */
const PATH_KEYWORDS = new Set(['use', 'import', 'export', 'include']);

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

/** Bodies whose members start with a name and a `:`. */
const MEMBER_SCOPES = new Set(['interface_body', 'world_body', 'resource_body', 'source_file', 'nested_package']);

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
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function syntaxError(span: Span, message: string): WitDiagnostic {
  return {
    span,
    severity: Severity.Error,
    code: SYNTAX_ERROR_CODE,
    message: printable(message),
    documentation: ruleDocumentation(SYNTAX_ERROR_CODE),
  };
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

  // A character no token starts with: tree-sitter wraps it in an ERROR leaf.
  const stray = leaves.find((leaf) => leaf.isError);
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
    return expected(document, units[i], next, expectation.what, expectation.hint?.(next));
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
 * Why a word is not a WIT name (the scanner's `invalid_identifier`), in wit-parser's terms,
 * with the kebab-case spelling when there is an obvious one: `fooBar`, `a_b` -> `foo-bar`, `a-b`.
 */
function invalidNameMessage(word: string): string {
  const name = word.startsWith('%') ? word.slice(1) : word;
  if (name === '') return 'expected a name after `%`';
  const shown = truncate(word);
  const kebab = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase()
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const advice = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(kebab) ? `: write \`${truncate(kebab)}\` (names are kebab-case)` : '';
  const odd = /[^A-Za-z0-9-]/u.exec(name);
  if (odd) {
    const ascii = odd[0] === '_' ? '' : ' (names use ASCII letters, digits and `-`)';
    return `invalid character \`${odd[0]}\` in identifier \`${shown}\`${advice || ascii}`;
  }
  if (name.split('-').some((part) => part === '')) {
    return `invalid identifier \`${shown}\`: identifiers must have characters between \`-\`s`;
  }
  return `invalid identifier \`${shown}\`: each part of a name is all lowercase or all uppercase${advice}`;
}

/**
 * A name with a piece missing around it: `now func()` (no `:`), `: u8` (no name),
 * `the-type = u32` (no `type`), `tcp;` in a world (no `import`).
 */
function misplacedName(path: TreePath, units: Node[], i: number): WitDiagnostic | null {
  const unit = units[i];
  const previous = units[i - 1];
  const next = units[i + 1] ?? (i === units.length - 1 ? path.nextLeaf() : null);
  if (unit.type === ':' && previous?.type !== 'identifier') {
    return syntaxError(spanOf(unit), 'expected a name before `:`');
  }
  if (unit.type !== 'identifier' || !next) return null;
  const startsMember =
    !previous || ['(', ',', '{', ';', '}'].includes(previous.type) || previous.type.endsWith('_attribute');
  if (!startsMember) return null;
  if (next.type === '=' && !(previous && DECLARING.has(previous.type))) {
    return syntaxError(spanOf(unit), `expected \`type\` before \`${unit.text} =\``);
  }
  const topLevel = path.parentType === 'source_file' || path.parentType === 'nested_package';
  if (topLevel && !previous && (next.type === 'world' || next.type === 'interface')) {
    const hint = legacyHint(unit.text);
    return syntaxError(spanOf(unit), `expected \`world\`, \`interface\` or \`use\`, found name \`${unit.text}\`${hint ? `: ${hint}` : ''}`);
  }
  if (next.type === '{' && topLevel) {
    return syntaxError(spanOf(unit), `expected \`interface\` or \`world\` before \`${unit.text}\``);
  }
  if (next.type === ';' && path.parentType === 'world_body') {
    return syntaxError(spanOf(unit), `expected \`import\` or \`export\` before \`${unit.text}\``);
  }
  if (['func', 'async', 'static', 'identifier'].includes(next.type) || startsType(next)) {
    return syntaxError({ start: unit.endIndex, end: unit.endIndex }, `expected \`:\` after \`${unit.text}\``);
  }
  return null;
}

function isTypeKeyword(node: Node | null): boolean {
  return node !== null && TYPE_KEYWORDS.has(node.type);
}

/** Whether `node` is a type or the keyword a type starts with. */
function startsType(node: Node): boolean {
  return TYPE_NODES.has(node.type) || TYPE_KEYWORDS.has(node.type);
}

interface Expectation {
  /** What must follow, in words: "`func` after `async`". */
  what: string;
  accepts(next: Node): boolean;
  /** More advice, given what was found instead. */
  hint?(next: Node | null): string | undefined;
}

/** What the units before `units[i]` held: kept as the loop goes, not searched for again. */
interface Seen {
  use: boolean;
  /** The index of the last `(`, or -1. */
  openParen: number;
}

/** What must follow `units[i]` inside an ERROR, or null when anything may. */
function expectationAfter(
  document: WitDocument,
  path: TreePath,
  units: Node[],
  i: number,
  seen: Seen,
): Expectation | null {
  const unit = units[i];
  const scope = path.parentType;
  const previous = units[i - 1] ?? null;
  const is = (...types: string[]) => (next: Node) => types.includes(next.type);
  switch (unit.type) {
    case 'async':
      return {
        what: '`func` after `async`',
        accepts: is('func'),
        hint: (next) => (next?.type === 'constructor' ? 'a constructor cannot be `async`' : undefined),
      };
    case '@': {
      const afterName = (previous ?? (i === 0 ? path.previousLeaf()?.node : null))?.type === 'identifier';
      return {
        what: afterName ? 'a version after `@`' : 'an attribute name after `@`',
        accepts: is('version', 'since', 'unstable', 'deprecated', 'external-id'),
      };
    }
    case 'since':
    case 'unstable':
    case 'deprecated':
    case 'external-id':
      if (previous?.type !== '@') return null;
      return { what: `\`(\` after \`@${unit.type}\``, accepts: is('(') };
    case 'package_name':
      if (previous?.type !== 'package') return null;
      return {
        what: `\`{\` after \`package ${unit.text}\``,
        accepts: is('{'),
        hint: () => 'only the first `package` of a file ends with `;`; later ones need a `{ ... }` block',
      };
    case 'static':
      return { what: '`func` or `async func` after `static`', accepts: is('func', 'async') };
    case '->':
      return {
        what: 'a type after `->`',
        accepts: (next) => startsType(next) || next.type === 'identifier',
        hint: (next) =>
          next && (next.type === '(' || next.type === 'param_list')
            ? 'a function has at most one result: return a `tuple<...>` or a record instead of `(...)`'
            : undefined,
      };
    case '/':
      return {
        // Only worded when it is reported: the path is read backwards from the `/`.
        get what() {
          return `an interface name after \`${pathBefore(document, units, i)}\``;
        },
        accepts: (next) => next.type === 'identifier' && sameRow(unit, next),
      };
    case ':': {
      if (units[i - 2]?.type === 'package') {
        return { what: `a package name after \`${previous?.text}:\``, accepts: is('identifier') };
      }
      const name = previous;
      if (!name || name.type !== 'identifier' || !scope || !MEMBER_SCOPES.has(scope)) return null;
      const before = units[i - 2];
      // After the `)` of an attribute the parser could not take as one, a member starts too.
      if (before && !['import', 'export', '{', '}', ';', ')'].includes(before.type) && !before.type.endsWith('_attribute')) {
        return null;
      }
      const inWorld = before?.type === 'import' || before?.type === 'export';
      if (inWorld) {
        return {
          what: `\`func\`, \`interface\` or an interface path after \`${name.text}:\``,
          accepts: is('func', 'async', 'interface', 'identifier', 'use_path'),
        };
      }
      const inResource = scope === 'resource_body';
      return {
        what: `\`func\`${inResource ? ' or `static func`' : ''} after \`${name.text}:\``,
        accepts: is('func', 'async', 'static'),
        hint: (next) => (next?.type === 'identifier' ? legacyHint(next.text) : undefined),
      };
    }
    case ',':
      // `list<T, N>` is a fixed-length list: its second argument is a length, not a type.
      if (previous && startsType(previous) && units[i - 2]?.type === '<' && units[i - 3]?.type === 'list') {
        return { what: 'a length after `list<T,` (as in `list<u8, 4>`)', accepts: is('integer') };
      }
      return null;
    case 'func':
      return { what: '`(` after `func`', accepts: is('(', 'param_list') };
    case '.':
      if (!seen.use) return null;
      return { what: '`{` after `.` (as in `use types.{a, b}`)', accepts: is('{', 'use_names') };
    case 'version':
    case 'feature':
      if (previous?.type !== '(') return null;
      return { what: `\`=\` after \`${unit.type}\``, accepts: is('=') };
    case '=':
      if (previous?.type === 'version' && units[i - 2]?.type === '(') {
        return { what: 'a version after `version =`', accepts: is('version') };
      }
      if (previous?.type === 'feature' && units[i - 2]?.type === '(') {
        return { what: 'a feature name after `feature =`', accepts: is('identifier') };
      }
      if (previous?.type !== 'identifier' || units[i - 2]?.type !== 'type') return null;
      return { what: 'a type after `=`', accepts: (next) => startsType(next) || next.type === 'identifier' };
    case 'list':
    case 'option':
    case 'tuple':
    case 'map':
    case 'borrow':
    case 'own':
      return { what: `\`<\` after \`${unit.type}\``, accepts: is('<') };
    case '(': {
      const field = previous && units[i - 2]?.type === '@' ? ATTRIBUTE_FIELDS[previous.type] : undefined;
      if (field) {
        return {
          what: `${field.what} in \`@${previous!.type}(...)\``,
          accepts: is(field.token),
        };
      }
      if (previous?.type !== 'func' && previous?.type !== 'constructor') return null;
      return { what: 'a parameter or `)`', accepts: is('param', ')') };
    }
    case 'param':
      return {
        get what() {
          return `\`,\` or \`)\` after \`${oneLine(unit.text)}\``;
        },
        accepts: is(',', ')'),
      };
    case ')': {
      const open = seen.openParen;
      if (open < 1 || (units[open - 1].type !== 'func' && units[open - 1].type !== 'constructor')) return null;
      return { what: '`;` after the function signature', accepts: is(';', '->') };
    }
    case 'identifier':
      if (scope === 'include_names' && (!previous || previous.type === ',')) {
        return { what: `\`as\` after \`${unit.text}\` (as in \`with { name as new-name }\`)`, accepts: is('as') };
      }
      if (previous?.type === 'package') {
        return { what: `\`:\` after \`${unit.text}\` (a package name is \`namespace:name\`)`, accepts: is(':') };
      }
      if (previous?.type === '<' && (units[i - 2]?.type === 'borrow' || units[i - 2]?.type === 'own')) {
        return { what: `\`>\` to close \`${units[i - 2].type}<\``, accepts: is('>') };
      }
      if (previous && DECLARING.has(previous.type)) {
        const resource = previous.type === 'resource';
        if (previous.type === 'type') return { what: `\`=\` after \`type ${unit.text}\``, accepts: is('=') };
        return {
          what: `${resource ? '`{` or `;`' : '`{`'} after \`${previous.type} ${unit.text}\``,
          accepts: resource ? is('{', ';', 'resource_body') : is('{'),
        };
      }
      return null;
    default:
      if (TYPE_NODES.has(unit.type) && previous?.type === '<' && units[i - 2]) {
        return { what: `\`>\` to close \`${units[i - 2].type}<\``, accepts: is('>', ',') };
      }
      if (DECLARING.has(unit.type)) return { what: `a name after \`${unit.type}\``, accepts: is('identifier') };
      return null;
  }
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

/**
 * "expected X, found Y": on the offending token when it is on the same line as `after`,
 * else at the point right after `after`, where the token is missing.
 */
function expected(
  document: WitDocument,
  after: Node,
  found: Node | null,
  what: string,
  hint?: string,
): WitDiagnostic {
  const token = found && leafAt(found);
  const message = `expected ${what}, found ${token ? describe(token) : 'end of file'}${hint ? `: ${hint}` : ''}`;
  if (token && sameRow(after, token)) {
    return syntaxError(firstLine(document, spanOf(token)), message);
  }
  return syntaxError({ start: after.endIndex, end: after.endIndex }, message);
}

/** The path written before `units[i]` (a `/`), from the keyword that starts it. */
function pathBefore(document: WitDocument, units: Node[], i: number): string {
  let start = i;
  while (start > 0 && !PATH_KEYWORDS.has(units[start - 1].type) && sameRow(units[start - 1], units[i])) start--;
  return oneLine(document.text.slice(units[start].startIndex, units[i].endIndex));
}

function describe(token: Node): string {
  if (token.type === 'identifier') return `name \`${token.text}\``;
  return `\`${truncate(oneLine(token.text))}\``;
}

function sameRow(a: Node, b: Node): boolean {
  return a.endPosition.row === b.startPosition.row;
}

/** `span` cut at the end of its first line: a squiggle never covers several lines. */
function firstLine(document: WitDocument, span: Span): Span {
  const lines = document.lines;
  const lineEnd = lines.lineEnd(lines.lineOf(span.start));
  return { start: span.start, end: Math.max(span.start, Math.min(span.end, lineEnd)) };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
