/** Names that are not WIT names, and names with a piece missing around them. */
import type { Node } from 'web-tree-sitter';
import type { WitDiagnostic } from '../diagnostics';
import { legacyHint } from '../legacy-syntax';
import { spanOf } from '../syntax';
import type { TreePath } from '../tree-path';
import { DECLARING, MEMBER_SCOPES, startsType } from './expectations';
import { syntaxError, truncate } from './report';

/**
 * Why a word is not a WIT name (the scanner's `invalid_identifier`), in wit-parser's terms,
 * with the kebab-case spelling when there is an obvious one: `fooBar`, `a_b` -> `foo-bar`, `a-b`.
 */
export function invalidNameMessage(word: string): string {
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

/** Keywords of the type definitions, which belong in an interface or a world. */
const TYPE_DEFINING = new Set(['type', 'record', 'variant', 'enum', 'flags', 'resource']);

/**
 * A name with a piece missing around it: `now func()` (no `:`), `: u8` (no name),
 * `the-type = u32` (no `type`), `tcp;` in a world (no `import`); or a type definition or a
 * member at the top level, where wit-parser expects a world, an interface or a `use` (what
 * follows in the skipped text, `x: u32` in a record, would otherwise be read as a broken
 * function).
 */
export function misplacedName(path: TreePath, units: Node[], i: number): WitDiagnostic | null {
  const unit = units[i];
  const previous = units[i - 1];
  const next = units[i + 1] ?? (i === units.length - 1 ? path.nextLeaf() : null);
  const topLevel = path.parentType === 'source_file' || path.parentType === 'nested_package';
  const startsItem = topLevel && (!previous || previous.type.endsWith('_attribute'));
  if (startsItem && TYPE_DEFINING.has(unit.type)) {
    return syntaxError(spanOf(unit), `expected \`world\`, \`interface\` or \`use\`, found keyword \`${unit.type}\``);
  }
  // A member at the top level (`f: func();`, `x: async`), or a last stray word: what follows
  // is no news.
  if (startsItem && unit.type === 'identifier' && (!next || next.type === ':')) {
    return syntaxError(spanOf(unit), `expected \`world\`, \`interface\` or \`use\`, found name \`${unit.text}\``);
  }
  if (unit.type === ':' && previous?.type !== 'identifier') {
    return syntaxError(spanOf(unit), 'expected a name before `:`');
  }
  if (unit.type !== 'identifier' || !next) return null;
  const startsMember =
    !previous || ['(', ',', '{', ';', '}'].includes(previous.type) || previous.type.endsWith('_attribute');
  if (!startsMember) return null;
  if (next.type === '=' && !(previous && DECLARING.has(previous.type)) && MEMBER_SCOPES.has(path.parentType ?? '')) {
    return syntaxError(spanOf(unit), `expected \`type\` before \`${unit.text} =\``);
  }
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

