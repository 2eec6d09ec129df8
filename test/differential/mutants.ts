import { Random } from '../helpers/mutations';

/**
 * Seeded mutations of valid WIT, each the kind of change a person makes: a token or a line
 * deleted or duplicated, two tokens swapped, a name renamed, an attribute added, a version
 * or a handle changed, an odd character inserted. Each mutant says what was done, so a
 * disagreement can be read and replayed.
 */
export interface Mutant {
  kind: string;
  text: string;
  /** The changed line before and after, for reports. */
  change: string;
}

interface Token {
  start: number;
  end: number;
  text: string;
}

/** WIT's tokens, roughly as wit-parser's lexer cuts them; comments and whitespace left out. */
function tokens(text: string): Token[] {
  const found: Token[] = [];
  const pattern = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|\s+|%?[A-Za-z_][A-Za-z0-9_-]*|[0-9]+\.[0-9]+\.[0-9]+(?:[-+][0-9A-Za-z.+-]*)?|[0-9]+|->|"[^"\n]*"|./gu;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    if (/^\s/.test(token) || token.startsWith('//') || token.startsWith('/*')) continue;
    found.push({ start: match.index, end: match.index + token.length, text: token });
  }
  return found;
}

const IDENTIFIER = /^%?[a-z][a-z0-9-]*$/i;
const VERSIONS = ['1.0.0', '0.2.0', '0.3.0-rc-2026-01-06', '1.0.0-', '1.0.0+', '1.0.0-rc.01', '01.0.0', '1.0', '2.0.0+build.5', '1.0.0-a_b', '1.0.0--', '1.0.0-x.', '99.0.0'];
const ATTRIBUTES = [
  '@since(version = 0.1.0)', '@since(version = 9.0.0)', '@since(%version = 0.1.0)', '@unstable(feature = fancy)',
  '@unstable(%feature = fancy)', '@deprecated(version = 0.1.0)', '@since(version = 0.1.0) @deprecated(version = 0.1.0)',
  '@since(version = 0.1.0) @unstable(feature = x)', '@since(version = 0.1.0) @since(version = 0.1.0)', '@external-id("x")',
  '@unknown(x = y)',
];
const ODD = ['\u0007', '\u0000', '\u007f', '\u0085', '\u202e', '\u2066', '\u0149', '\u17b4', '\r', '\t', '\u00a0', '\u200b', '\ufeff', 'é', 'ß', '_', 'A', '%', '-', '😀', 'e\u0301'];
const KINDS = [
  'delete a token', 'duplicate a token', 'delete a line', 'duplicate a line', 'swap two tokens', 'rename a name',
  'rename a name to another in the file', 'change the case of a name', 'add an attribute', 'change a version',
  'change a handle', 'insert an odd character', 'insert an odd character in a comment', 'toggle async or static',
] as const;

export function mutate(text: string, random: Random): Mutant {
  const all = tokens(text);
  const names = all.filter((t) => IDENTIFIER.test(t.text));
  const kind = random.pick(KINDS);
  const replace = (start: number, end: number, newText: string): Mutant => {
    const result = text.slice(0, start) + newText + text.slice(end);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', end);
    const before = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const afterEnd = result.indexOf('\n', start + newText.length);
    const after = result.slice(lineStart, afterEnd < 0 ? result.length : afterEnd);
    return { kind, text: result, change: `${JSON.stringify(before.trim())} -> ${JSON.stringify(after.trim())}` };
  };
  const token = random.pick(all);
  switch (kind) {
    case 'delete a token':
      return replace(token.start, token.end, '');
    case 'duplicate a token':
      return replace(token.end, token.end, ` ${token.text}`);
    case 'delete a line':
    case 'duplicate a line': {
      const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
      const lineEnd = text.indexOf('\n', token.start);
      const end = lineEnd < 0 ? text.length : lineEnd + 1;
      const line = text.slice(lineStart, end);
      return kind === 'delete a line' ? replace(lineStart, end, '') : replace(end, end, line.endsWith('\n') ? line : `\n${line}`);
    }
    case 'swap two tokens': {
      const index = all.indexOf(token);
      const next = all[index + 1];
      if (!next) return replace(token.start, token.end, '');
      return replace(token.start, next.end, next.text + text.slice(token.end, next.start) + token.text);
    }
    case 'rename a name': {
      const name = random.pick(names);
      return replace(name.start, name.end, random.pick(['x', 'renamed', 'u32', 'string', 'own', 'self', 'constructor', '%interface', 'a-', 'a--b', '1a', 'new-name']));
    }
    case 'rename a name to another in the file': {
      const name = random.pick(names);
      return replace(name.start, name.end, random.pick(names).text);
    }
    case 'change the case of a name': {
      const name = random.pick(names);
      const at = random.int(0, name.text.length - 1);
      return replace(name.start, name.end, name.text.slice(0, at) + name.text.charAt(at).toUpperCase() + name.text.slice(at + 1));
    }
    case 'add an attribute': {
      const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
      return replace(lineStart + indent.length, lineStart + indent.length, `${random.pick(ATTRIBUTES)} `);
    }
    case 'change a version': {
      const versions = all.filter((t) => /^[0-9]+\.[0-9]+\.[0-9]+/.test(t.text));
      if (versions.length === 0) {
        const header = /package\s+[^;{\s]+/.exec(text);
        return header ? replace(header.index + header[0].length, header.index + header[0].length, `@${random.pick(VERSIONS)}`) : replace(token.start, token.end, '');
      }
      const version = random.pick(versions);
      return replace(version.start, version.end, random.pick(VERSIONS));
    }
    case 'change a handle': {
      const handles = all.filter((t) => t.text === 'borrow' || t.text === 'own');
      if (handles.length > 0) {
        const handle = random.pick(handles);
        return replace(handle.start, handle.end, handle.text === 'borrow' ? 'own' : 'borrow');
      }
      const types = all.filter((t, i) => all[i - 1]?.text === ':' && IDENTIFIER.test(t.text));
      if (types.length === 0) return replace(token.start, token.end, '');
      const type = random.pick(types);
      return replace(type.start, type.end, `${random.pick(['borrow', 'own'])}<${type.text}>`);
    }
    case 'insert an odd character': {
      const at = random.pick([token.start, token.end, random.int(token.start, token.end)]);
      return replace(at, at, random.pick(ODD));
    }
    case 'insert an odd character in a comment': {
      const comments = [...text.matchAll(/\/\/[^\n]*/g)];
      if (comments.length === 0) return replace(text.length, text.length, `// ${random.pick(ODD)}\n`);
      const comment = random.pick(comments);
      const at = comment.index + random.int(2, comment[0].length);
      return replace(at, at, random.pick(ODD));
    }
    case 'toggle async or static': {
      const toggles = all.filter((t) => t.text === 'async' || t.text === 'static' || t.text === 'func');
      if (toggles.length === 0) return replace(token.start, token.end, '');
      const toggle = random.pick(toggles);
      if (toggle.text === 'func') return replace(toggle.start, toggle.start, random.pick(['async ', 'static ', 'static async ']));
      return replace(toggle.start, toggle.end + 1, '');
    }
  }
}
