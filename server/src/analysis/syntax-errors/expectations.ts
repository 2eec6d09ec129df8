/** What the grammar expects after a token inside an ERROR node, in words. */
import type { Node } from 'web-tree-sitter';
import type { WitDocument } from '../document';
import type { TreePath } from '../tree-path';
import { legacyHint } from '../legacy-syntax';
import { oneLine, sameRow } from './report';

/** Keywords after which a name is expected. */
export const DECLARING = new Set(['type', 'record', 'variant', 'enum', 'flags', 'resource', 'interface', 'world']);

/** Keywords that start a type: a type may begin with any of these tokens. */
export const TYPE_KEYWORDS = new Set([
  'bool', 'char', 'string', 'f32', 'f64', 's8', 's16', 's32', 's64', 'u8', 'u16', 'u32', 'u64',
  'list', 'map', 'option', 'result', 'tuple', 'future', 'stream', 'borrow', 'own', 'error-context',
]);

export const TYPE_NODES = new Set([
  'primitive_type', 'error_context_type', 'list_type', 'map_type', 'option_type', 'result_type',
  'tuple_type', 'future_type', 'stream_type', 'borrow_type', 'own_type', 'named_type',
]);

/** The one field each attribute takes: `@since(version = ...)`, `@external-id("...")`. */
const ATTRIBUTE_FIELDS: Record<string, { token: string; what: string }> = {
  since: { token: 'version', what: '`version`' },
  deprecated: { token: 'version', what: '`version`' },
  unstable: { token: 'feature', what: '`feature`' },
  'external-id': { token: 'string', what: 'a string' },
};

/** Keywords that start a path to an interface or world. */
const PATH_KEYWORDS = new Set(['use', 'import', 'export', 'include']);

/** Bodies whose members start with a name and a `:`. */
export const MEMBER_SCOPES = new Set(['interface_body', 'world_body', 'resource_body', 'source_file', 'nested_package']);

export function isTypeKeyword(node: Node | null): boolean {
  return node !== null && TYPE_KEYWORDS.has(node.type);
}

/** Whether `node` is a type or the keyword a type starts with. */
export function startsType(node: Node): boolean {
  return TYPE_NODES.has(node.type) || TYPE_KEYWORDS.has(node.type);
}

interface Expectation {
  /** What must follow, in words: "`func` after `async`". */
  what: string;
  accepts(next: Node): boolean;
  /** More advice, given what was found instead. */
  hint?(next: Node | null): string | undefined;
  /** Report from this token to the one found, where wit-parser stops at the token itself. */
  from?: Node;
}

/** What the units before `units[i]` held: kept as the loop goes, not searched for again. */
export interface Seen {
  use: boolean;
  /** The index of the last `(`, or -1. */
  openParen: number;
}

/** What must follow `units[i]` inside an ERROR, or null when anything may. */
export function expectationAfter(
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
    case 'async': {
      // After `name:` wit-parser reads `async` and stops at what follows; where a member
      // starts (`async constructor()`), `async` itself is the keyword it cannot take.
      const named = (previous ?? (i === 0 ? path.previousLeaf()?.node : null))?.type === ':';
      return {
        what: '`func` after `async`',
        accepts: is('func'),
        hint: (next) => (next?.type === 'constructor' ? 'a constructor cannot be `async`' : undefined),
        from: named ? undefined : unit,
      };
    }
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
    case 'use':
      return { what: 'an interface name after `use`', accepts: is('identifier', 'use_path') };
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

/** The path written before `units[i]` (a `/`), from the keyword that starts it. */
function pathBefore(document: WitDocument, units: Node[], i: number): string {
  let start = i;
  while (start > 0 && !PATH_KEYWORDS.has(units[start - 1].type) && sameRow(units[start - 1], units[i])) start--;
  return oneLine(document.text.slice(units[start].startIndex, units[i].endIndex));
}

