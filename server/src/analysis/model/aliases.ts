import type { Declaration } from './types';

/** Longer chains than any real package has: the bound only stops a cycle the checks reported. */
const MAX_ALIAS_DEPTH = 64;

/**
 * What `declaration` finally stands for: through `use` names (`use x.{a as b}`, `use a:b/c
 * as d;`) and an include's `a as b`, to the original. Every feature that follows aliases
 * (hover, semantic tokens, the rules' type resolver, definition, references) asks here.
 */
export function followAlias(declaration: Declaration): Declaration {
  let current = declaration;
  for (let depth = 0; current.aliasOf && depth < MAX_ALIAS_DEPTH; depth++) current = current.aliasOf;
  return current;
}
