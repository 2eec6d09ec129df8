/**
 * Reads tree-sitter's corpus test format (`test/corpus/*.txt`) the way `tree-sitter test`
 * (CLI 0.22) does, so the same files run without the CLI:
 *
 *   ==========          a header line of 3+ `=`
 *   name                the test's name, then optional `:attribute` lines
 *   ==========
 *   input               the WIT source, up to the longest line of 3+ `-`
 *   ----------
 *   (expected tree)     an S-expression; `;` lines are comments
 *
 * As the CLI does: the input loses its final newline, the expected tree's whitespace
 * collapses, and field names are compared only when the expected tree has some.
 */

export interface CorpusCase {
  name: string;
  input: string;
  /** The expected tree, whitespace-normalised. */
  expected: string;
  /** Whether `expected` names fields (`name: (identifier)`); if not, fields are ignored. */
  hasFields: boolean;
  /** `:skip`: not run. */
  skip: boolean;
  /** `:error`: the expected tree is not compared; the tree must contain an error. */
  error: boolean;
}

const HEADER = /^={3,}[^\S\r\n]*$/;
const DIVIDER = /^-{3,}[^\S\r\n]*$/;

/** Parses one corpus file. Throws with the line number on a malformed file. */
export function parseCorpus(text: string, fileName = 'corpus'): CorpusCase[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cases: CorpusCase[] = [];
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  while (i < lines.length) {
    if (!HEADER.test(lines[i])) throw new Error(`${fileName}:${i + 1}: expected a header line of '='`);
    const nameLines: string[] = [];
    i++;
    while (i < lines.length && !HEADER.test(lines[i])) nameLines.push(lines[i++]);
    if (i === lines.length) throw new Error(`${fileName}: the header of "${nameLines[0] ?? ''}" is not closed`);
    i++;
    const bodyStart = i;
    while (i < lines.length && !isNextHeader(lines, i)) i++;
    const body = lines.slice(bodyStart, i);
    let divider = -1;
    for (let j = 0; j < body.length; j++) {
      if (DIVIDER.test(body[j]) && (divider < 0 || body[j].trim().length >= body[divider].trim().length)) divider = j;
    }
    const name = nameLines.filter((l) => !l.startsWith(':')).join(' ').trim();
    if (divider < 0) throw new Error(`${fileName}:${bodyStart}: test "${name}" has no '---' divider`);
    const attributes = nameLines.filter((l) => l.startsWith(':')).map((l) => l.trim());
    const expected = normaliseSexp(body.slice(divider + 1).join('\n'));
    cases.push({
      name,
      input: body.slice(0, divider).join('\n'),
      expected,
      hasFields: / \w+: \(/.test(expected),
      skip: attributes.includes(':skip'),
      error: attributes.includes(':error'),
    });
  }
  return cases;
}

/** A header starts a test: `===` line, name line(s), `===` line. */
function isNextHeader(lines: string[], i: number): boolean {
  if (!HEADER.test(lines[i])) return false;
  for (let j = i + 1; j < lines.length && lines[j].trim() !== ''; j++) {
    if (HEADER.test(lines[j])) return j > i + 1;
  }
  return false;
}

/** Drops `;` comment lines and collapses whitespace, as `tree-sitter test` does. */
export function normaliseSexp(sexp: string): string {
  return sexp
    .replace(/^\s*;.*$/gm, '')
    .trim()
    .replace(/\s+/g, ' ')
    .replaceAll(' )', ')');
}

/** Removes `field: ` prefixes, for expected trees that name no fields. */
export function stripFields(sexp: string): string {
  return sexp.replace(/ \w+: \(/g, ' (');
}

/** Indents an S-expression one node per line, two spaces a level, like the CLI's `format_sexp`. */
export function formatSexp(sexp: string, indent = 0): string {
  const tokens = sexp.match(/[\w-]+: |\(|\)|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()]+/g) ?? [];
  let out = '';
  let depth = indent;
  let pendingField = '';
  for (const token of tokens) {
    if (token.endsWith(': ')) {
      pendingField = token;
    } else if (token === '(') {
      out += `${out ? '\n' : ''}${'  '.repeat(depth)}${pendingField}(`;
      pendingField = '';
      depth++;
    } else if (token === ')') {
      out += ')';
      depth--;
    } else {
      out += out.endsWith('(') ? token : ` ${token}`;
    }
  }
  return out;
}
