/**
 * The canonical WIT layout, as wasm-tools' WitPrinter (wit-component's `printing.rs`) writes
 * it, stated as rules about the whitespace between two adjacent tokens. Only whitespace is
 * ever decided here: tokens are never added, dropped or reordered.
 */

/**
 * How many blank lines a line break carries: `none`; `one`, where the printer always writes
 * one; `keep`, the author's choice but at most one, where the printer has no opinion (as
 * rustfmt does).
 */
export type Blank = 'none' | 'one' | 'keep';

/**
 * What separates a token from the one before it. `Flat`: the same line, with or without a
 * space. `Line`: a line break; `first` governs the first break of the gap, `last` the break
 * just before the token (they differ only when comments sit in between).
 */
export type Separator = { kind: 'flat' } | { kind: 'line'; first: Blank; last: Blank };

export const FLAT: Separator = { kind: 'flat' };
const line = (first: Blank, last: Blank): Separator => ({ kind: 'line', first, last });
/** After `{`: no blank line, but the author may detach a comment from the first member. */
const AFTER_OPEN = line('none', 'keep');
/** Before `}`: never a blank line. */
const BEFORE_CLOSE = line('keep', 'none');
const EMPTY_BLOCK = line('none', 'none');
const REQUIRED = line('one', 'keep');
const KEEP = line('keep', 'keep');
/** Attributes stand on their own lines, right above their item. */
export const AFTER_ATTRIBUTE = line('none', 'none');

/** Nodes whose `{ ... }` holds one member per line, indented one level. */
export const BLOCKS: ReadonlySet<string> = new Set([
  'nested_package',
  'interface_body',
  'world_body',
  'resource_body',
  'record_body',
  'variant_body',
  'enum_body',
  'flags_body',
]);

/** Bodies whose members are separated by commas, each member on its own line. */
const LISTS: ReadonlySet<string> = new Set(['record_body', 'variant_body', 'enum_body', 'flags_body']);

/**
 * The separator before `child`, whose previous sibling (comments skipped) is `previous`;
 * both are children of a `parent` node, and `braced` when `previous` is its `{` or comes
 * after it. Only the top of the token's subtree decides.
 */
export function separatorOf(parent: string, previous: string, child: string, braced: boolean): Separator {
  if (previous.endsWith('_attribute')) return AFTER_ATTRIBUTE;
  if (braced && BLOCKS.has(parent)) {
    if (previous === '{') return child === '}' ? EMPTY_BLOCK : AFTER_OPEN;
    if (child === '}') return BEFORE_CLOSE;
    if (LISTS.has(parent)) return previous === ',' ? KEEP : FLAT;
    if (parent === 'interface_body') {
      // The printer separates every member of an interface by a blank line, except that
      // it writes the `use` statements of an interface together.
      return previous === 'use_item' && child === 'use_item' ? KEEP : REQUIRED;
    }
    if (parent === 'nested_package') return topLevel(previous);
    // Worlds and resources: the printer groups imports, exports and methods without
    // blank lines but keeps them between groups; the author's groups stay.
    if (parent === 'world_body' || parent === 'resource_body') return KEEP;
  }
  if (parent === 'source_file') return topLevel(previous);
  return FLAT;
}

/** After `package ...;` and after each interface the printer leaves one blank line. */
function topLevel(previous: string): Separator {
  return previous === 'package_decl' || previous === 'interface_item' ? REQUIRED : KEEP;
}

/** Tokens that never follow a space. */
const NO_SPACE_BEFORE: ReadonlySet<string> = new Set([',', ';', ')', '>', '.', ':', '(', '<', '@', '/']);
/** Tokens that never precede a space. */
const NO_SPACE_AFTER: ReadonlySet<string> = new Set(['(', '<', '.', '@', '/']);

export interface TokenShape {
  /** The token's text for punctuation (`->` included); `word` for names, keywords, versions, numbers, strings. */
  type: string;
  /** A `:` inside a package name or path (`wasi:io`), rather than before a type. */
  joinsName?: boolean;
  /** A brace of a use list (`.{a, b}`), written without inner spaces. */
  tight?: boolean;
}

/** Whether two tokens on one line take a space between them. */
export function spaceBetween(a: TokenShape, b: TokenShape): boolean {
  if (NO_SPACE_BEFORE.has(b.type) || NO_SPACE_AFTER.has(a.type)) return false;
  if (a.type === ':') return !a.joinsName;
  if (a.type === '{') return b.type !== '}' && !a.tight;
  if (b.type === '}') return !b.tight;
  return true;
}
