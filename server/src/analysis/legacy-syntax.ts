/**
 * WIT before 1.0 (2022-2023) wrote some things differently. Files of that age still turn
 * up (old tutorials, old bindings' tests), and their syntax errors are the parser's
 * ordinary ones, so this says what the old word meant and what replaces it today.
 */
const HINTS: Record<string, string> = {
  method: 'pre-1.0 WIT wrote `method`; a resource method is now `name: func(...)`',
  default: 'pre-1.0 WIT wrote `default world`; write `world` (a package may hold several)',
  self: 'pre-1.0 WIT wrote `self.`; name a local interface alone, as in `use types.{a}`',
  pkg: 'pre-1.0 WIT wrote `pkg.`; name another package\'s interface as `namespace:package/interface`',
  super: 'pre-1.0 WIT wrote `super.`; name another package\'s interface as `namespace:package/interface`',
  expected: 'pre-1.0 `expected<T, E>` is now `result<T, E>`',
  union: 'pre-1.0 `union` is gone; use a `variant` with one case per type',
  handle: 'pre-1.0 `handle r` is now `own<r>`, or `borrow<r>` for a parameter',
  static: '`static` goes after the name: `name: static func(...)`',
};

/** Why `word` fails in today's WIT, if it is pre-1.0 syntax. */
export function legacyHint(word: string | undefined): string | undefined {
  return word !== undefined && Object.prototype.hasOwnProperty.call(HINTS, word) ? HINTS[word] : undefined;
}

/** `*` meant "every name" in early drafts; WIT has never had a wildcard since. */
export const WILDCARD_HINT = 'WIT has no wildcard: list the names, as in `use types.{a, b}`';
