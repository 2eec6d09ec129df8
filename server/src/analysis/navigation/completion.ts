import { KEYWORD_DOCS } from '../keyword-docs';
import { TYPE_KINDS, followAlias, type Declaration, type DeclarationKind, type PackageModel, type Scope, type Workspace } from '../model';
import type { Span } from '../text';
import { KEYWORDS } from '../syntax';
import { lex, pathStartOf, restartOffset, statementTokens, tokensSince, withoutAttributes, type BlockKind, type Token } from './completion-lexer';

/** What a completion inserts; the glue maps it to an LSP CompletionItemKind. */
export type CompletionCategory = 'keyword' | 'builtin-type' | 'attribute' | 'package-path' | 'version' | 'snippet' | DeclarationKind;

export interface CompletionEntry {
  label: string;
  category: CompletionCategory;
  /** One line: `record in wasi:io/streams`, `built-in type`. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text to insert when it differs from the label. */
  insertText?: string;
  /** A snippet (`$1` placeholders) for clients that support them; `insertText`/`label` otherwise. */
  snippet?: string;
}

export interface CompletionResult {
  /** The text the entries replace (the partial word or path before the cursor). */
  span: Span;
  entries: CompletionEntry[];
  /** Set where a member (an item, a type, a function) may start: snippets apply there. */
  memberStart?: MemberStart;
}

/** The block a member starts in, and whether it is the very start of the file (no package yet) or follows an attribute. */
export interface MemberStart {
  block: BlockKind;
  atFileStart: boolean;
  afterAttribute: boolean;
}

const PRIMITIVES = ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string', 'error-context'];

/** Built-in generic types with the snippet that fills in their arguments. */
const GENERIC_TYPES: ReadonlyArray<[string, string]> = [
  ['list', 'list<${1}>'],
  ['option', 'option<${1}>'],
  ['result', 'result<${1}, ${2}>'],
  ['tuple', 'tuple<${1}>'],
  ['future', 'future<${1}>'],
  ['stream', 'stream<${1}>'],
  ['borrow', 'borrow<${1}>'],
  ['own', 'own<${1}>'],
  ['map', 'map<${1}, ${2}>'],
];

const ATTRIBUTES: ReadonlyArray<[string, string]> = [
  ['since', 'since(version = ${1:0.1.0})'],
  ['unstable', 'unstable(feature = ${1:name})'],
  ['deprecated', 'deprecated(version = ${1:0.1.0})'],
  ['external-id', 'external-id("${1}")'],
];

const TYPEDEF_KEYWORDS = ['type', 'record', 'variant', 'enum', 'flags', 'resource'];

/** Keywords that may start a member, per enclosing block. */
const MEMBER_KEYWORDS: Readonly<Record<BlockKind, readonly string[]>> = {
  file: ['package', 'interface', 'world', 'use'],
  package: ['interface', 'world', 'use'],
  interface: ['use', ...TYPEDEF_KEYWORDS],
  world: ['import', 'export', 'use', 'include', ...TYPEDEF_KEYWORDS],
  resource: ['constructor'],
  record: [],
  variant: [],
  enum: [],
  flags: [],
  'use-names': [],
  'include-names': [],
  other: [],
};

/** Snippets for whole declarations, offered beside the bare keyword where a member starts. */
const MEMBER_SNIPPETS: Readonly<Record<string, string>> = {
  interface: 'interface ${1:name} {\n\t$0\n}',
  world: 'world ${1:name} {\n\t$0\n}',
  record: 'record ${1:name} {\n\t$0\n}',
  variant: 'variant ${1:name} {\n\t$0\n}',
  enum: 'enum ${1:name} {\n\t$0\n}',
  flags: 'flags ${1:name} {\n\t$0\n}',
  resource: 'resource ${1:name} {\n\t$0\n}',
  constructor: 'constructor(${1});',
};

/**
 * Completions at `offset` of `uri`. The context comes from the tokens before the cursor
 * (which stay meaningful while the code being typed does not parse yet): the enclosing
 * block decides which keywords may start a member; `:`, `->`, `=` and `<` ask for a type
 * (built-ins and the types the model sees in scope); `use`, `import`, `export` and
 * `include` ask for interface or world paths; `use x.{` for the names `x` declares.
 */
export function completionsAt(workspace: Workspace, uri: string, offset: number): CompletionResult | null {
  const document = workspace.document(uri);
  if (!document) return null;
  const text = document.text;
  const from = restartOffset(document.tree.rootNode, offset);
  const lexed = lex(text, from, offset);
  if (!lexed) return null; // inside a comment or a string
  const { tokens, blocks } = lexed;
  const block = blocks[blocks.length - 1];

  // The partial word (or path) being typed is replaced by the completion.
  let wordStart = offset;
  while (wordStart > 0 && /[%\w-]/.test(text[wordStart - 1])) wordStart--;
  const statement = statementTokens(tokens, wordStart);
  const last = statement[statement.length - 1]?.text;
  const wordSpan = { start: wordStart, end: offset };
  const scope = (): Scope => workspace.scopeAt(uri, offset);

  if (last === '@') return { span: wordSpan, entries: attributeEntries() };
  const versionStart = versionStartOf(text, offset);
  const attributeVersion = attributeVersionEntries(workspace, uri, offset, statementTokens(tokens, versionStart));
  if (attributeVersion) return { span: { start: versionStart, end: offset }, entries: attributeVersion };

  const body = withoutAttributes(statement);
  const first = body[0]?.text;
  if (block.kind === 'use-names') {
    const listed = new Set(tokensSince(tokens, block.open).map((t) => t.text.replace(/^%/, '')));
    return { span: wordSpan, entries: useNameEntries(workspace, scope(), block.path, listed) };
  }
  if (block.kind === 'include-names') {
    const listed = new Set(tokensSince(tokens, block.open).map((t) => t.text.replace(/^%/, '')));
    const world = block.pathName === undefined ? null : workspace.referenceAt(uri, block.pathName)?.target;
    return { span: wordSpan, entries: world?.kind === 'world' ? includeNameEntries(workspace, world, listed) : [] };
  }

  // Paths: `use ‸`, `import ‸`, `export x: ‸`, `include ‸`, including a partly typed `ns:pkg/na`.
  const pathStart = pathStartOf(text, wordStart);
  const pathTokens = statementTokens(tokens, pathStart);
  const beforePath = withoutAttributes(pathTokens);
  const pathKeyword = pathContext(beforePath, block.kind);
  if (pathKeyword) {
    const span = { start: pathStart, end: offset };
    const entries = pathEntries(scope(), pathKeyword === 'include' ? 'world' : 'interface', workspace.packageAt(uri, offset));
    if (pathKeyword === 'labelled' && pathStart === wordStart) entries.push(...keywordEntries(['func', 'async', 'interface']));
    return { span, entries };
  }

  if (body.length === 0) {
    const atFileStart = from === 0 && tokens.length === 0;
    const memberStart = { block: block.kind, atFileStart, afterAttribute: statement.length > 0 };
    return { span: wordSpan, entries: memberEntries(block.kind, atFileStart), memberStart };
  }

  // `name: ‸` in an interface or resource, `import name: async ‸` in a world: the function's type.
  const colon = body.findIndex((t) => t.text === ':');
  const isMember = (block.kind === 'interface' || block.kind === 'resource') && colon === 1;
  const isExtern = block.kind === 'world' && (first === 'import' || first === 'export') && colon === 2;
  if ((isMember || isExtern) && body.length - colon <= 3) {
    const afterColon = body.slice(colon + 1).map((t) => t.text);
    const isStatic = afterColon.includes('static');
    const isAsync = afterColon.includes('async');
    if (!afterColon.includes('func')) {
      const words = [
        ...(block.kind === 'resource' && !isStatic && !isAsync ? ['static'] : []),
        ...(isAsync ? [] : ['async']),
        'func',
      ];
      return { span: wordSpan, entries: keywordEntries(words) };
    }
  }

  if (isTypePosition(body, block.kind)) {
    const borrowing = last === '<' && ['borrow', 'own'].includes(body[body.length - 2]?.text ?? '');
    return { span: wordSpan, entries: typeEntries(scope(), borrowing) };
  }
  return null;
}

/** Whether the cursor is where a type goes: after `->`, `=`, `<`, a `,` inside `<..>`, or a field's or param's `:`. */
function isTypePosition(body: readonly Token[], block: BlockKind): boolean {
  const last = body[body.length - 1]?.text;
  if (last === '->' || last === '<') return true;
  if (last === '=' && body[0]?.text === 'type') return true;
  let angles = 0;
  let parens = 0;
  for (const token of body) {
    if (token.text === '<') angles++;
    else if (token.text === '>') angles--;
    else if (token.text === '(') parens++;
    else if (token.text === ')') parens--;
  }
  if (last === ',' && angles > 0) return true;
  if (last === '(' && block === 'variant') return true;
  if (last !== ':') return false;
  // `name: type` inside a param list, or a record field.
  return parens > 0 || block === 'record';
}

function memberEntries(block: BlockKind, atFileStart: boolean): CompletionEntry[] {
  const words = MEMBER_KEYWORDS[block].filter((w) => w !== 'package' || atFileStart);
  // A nested `package a:b { }` may follow anywhere at the top level.
  if (block === 'file' && !atFileStart) words.push('package');
  return keywordEntries(words);
}

function keywordEntries(words: readonly string[]): CompletionEntry[] {
  return words.map((word) => {
    const entry: CompletionEntry = { label: word, category: 'keyword', detail: 'keyword' };
    const docs = KEYWORD_DOCS[word];
    if (docs) entry.documentation = docs;
    const snippet = MEMBER_SNIPPETS[word];
    if (snippet) entry.snippet = snippet;
    return entry;
  });
}

function attributeEntries(): CompletionEntry[] {
  return ATTRIBUTES.map(([label, snippet]) => ({
    label,
    category: 'attribute',
    detail: 'attribute',
    documentation: KEYWORD_DOCS[label],
    insertText: label,
    snippet,
  }));
}

/**
 * In `@since(version = ‸)` or `@deprecated(version = ‸)`: the version of the enclosing
 * package, which an item gated on it most often names. Undefined elsewhere.
 */
function attributeVersionEntries(
  workspace: Workspace,
  uri: string,
  offset: number,
  statement: readonly Token[],
): CompletionEntry[] | undefined {
  const words = statement.slice(-5).map((t) => t.text);
  if (words.length < 5 || words[0] !== '@' || !['since', 'deprecated'].includes(words[1])) return undefined;
  if (words[2] !== '(' || words[3] !== 'version' || words[4] !== '=') return undefined;
  const version = workspace.packageAt(uri, offset)?.name?.split('@')[1];
  return version ? [{ label: version, category: 'version', detail: 'the version of this package' }] : [];
}

/** Where a version being typed (`0.3.0-rc`) starts. */
function versionStartOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && /[\w.+-]/.test(text[start - 1])) start--;
  return start;
}

function typeEntries(scope: Scope, resourcesOnly: boolean): CompletionEntry[] {
  const entries: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const declaration of scope.types) {
    const resolved = followAlias(declaration);
    if (resourcesOnly && resolved.kind !== 'resource') continue;
    if (seen.has(declaration.name)) continue;
    seen.add(declaration.name);
    entries.push(declarationEntry(declaration, resolved));
  }
  if (resourcesOnly) return entries;
  for (const name of PRIMITIVES) {
    entries.push({ label: name, category: 'builtin-type', detail: 'built-in type', documentation: KEYWORD_DOCS[name] });
  }
  for (const [name, snippet] of GENERIC_TYPES) {
    entries.push({ label: name, category: 'builtin-type', detail: 'built-in type', documentation: KEYWORD_DOCS[name], snippet });
  }
  return entries;
}

function declarationEntry(declaration: Declaration, resolved: Declaration = declaration): CompletionEntry {
  const entry: CompletionEntry = {
    label: declaration.name,
    category: resolved.kind === 'use' ? 'type' : resolved.kind,
    detail: resolved.container ? `${resolved.kind} in ${resolved.container.name}` : resolved.kind,
  };
  if (resolved.docs ?? declaration.docs) entry.documentation = resolved.docs ?? declaration.docs;
  if (KEYWORDS.has(declaration.name)) entry.insertText = `%${declaration.name}`;
  return entry;
}

/**
 * Local interfaces (or worlds) by name, and every interface (or world) of the other
 * resolvable packages by full path.
 */
function pathEntries(scope: Scope, kind: 'interface' | 'world', own: PackageModel | undefined): CompletionEntry[] {
  const entries: CompletionEntry[] = [];
  for (const item of scope.items) if (item.kind === kind) entries.push(declarationEntry(item));
  for (const pkg of scope.packages) {
    if (!pkg.name || (own && pkg.location === own.location && pkg.name === own.name)) continue;
    for (const item of pkg.items) {
      if (item.kind !== kind) continue;
      entries.push({
        label: foreignPath(pkg, item),
        category: 'package-path',
        detail: `${kind} in ${pkg.name}`,
        ...(item.docs ? { documentation: item.docs } : {}),
      });
    }
  }
  return entries;
}

/** `ns:pkg/name@1.2.3` from the package's `ns:pkg@1.2.3`. */
function foreignPath(pkg: PackageModel, item: Declaration): string {
  const [base, version] = (pkg.name ?? '').split('@');
  return `${base}/${item.name}${version ? `@${version}` : ''}`;
}

/** The types of the interface `use path.{` names, minus those already listed. */
function useNameEntries(workspace: Workspace, scope: Scope, path: string, listed: ReadonlySet<string>): CompletionEntry[] {
  const target = interfaceByPath(scope, path);
  if (!target) return [];
  const entries: CompletionEntry[] = [];
  for (const declaration of workspace.declarations(target.uri)) {
    const container = declaration.container;
    if (!container || container.uri !== target.uri || container.nameSpan.start !== target.nameSpan.start) continue;
    if (!TYPE_KINDS.includes(declaration.kind) && declaration.kind !== 'use') continue;
    if (listed.has(declaration.name)) continue;
    entries.push(declarationEntry(declaration, followAlias(declaration)));
  }
  return entries;
}

function interfaceByPath(scope: Scope, path: string): Declaration | undefined {
  const match = /^%?([\w-]+):%?([\w-]+)\/%?([\w-]+)(?:@(.+))?$/.exec(path);
  if (!match) {
    const name = path.replace(/^%/, '');
    return scope.items.find((i) => i.kind === 'interface' && i.name === name);
  }
  const [, namespace, packageName, name, version] = match;
  const wanted = `${namespace}:${packageName}${version ? `@${version}` : ''}`;
  const candidates = scope.packages.filter((p) => p.name === wanted || (!version && p.name?.split('@')[0] === wanted));
  for (const pkg of candidates) {
    const found = pkg.items.find((i) => i.kind === 'interface' && i.name === name);
    if (found) return found;
  }
  return undefined;
}

/** The plain-named imports and exports of an included world, which `with { a as b }` may rename. */
function includeNameEntries(workspace: Workspace, world: Declaration, listed: ReadonlySet<string>): CompletionEntry[] {
  const entries: CompletionEntry[] = [];
  for (const declaration of workspace.declarations(world.uri)) {
    const container = declaration.container;
    if (!container || container.nameSpan.start !== world.nameSpan.start || container.uri !== world.uri) continue;
    if (!['function', 'import', 'export', 'interface'].includes(declaration.kind) || listed.has(declaration.name)) continue;
    entries.push(declarationEntry(declaration));
  }
  return entries;
}

type PathContext = 'use' | 'import-export' | 'labelled' | 'include';

/** Which path the tokens before a path ask for, if any. */
function pathContext(before: readonly Token[], block: BlockKind): PathContext | undefined {
  const words = before.map((t) => t.text);
  if (words.length === 1 && words[0] === 'use') return 'use';
  if (block !== 'world') return undefined;
  if (words.length === 1 && (words[0] === 'import' || words[0] === 'export')) return 'import-export';
  if (words.length === 3 && (words[0] === 'import' || words[0] === 'export') && words[2] === ':') return 'labelled';
  if (words.length === 1 && words[0] === 'include') return 'include';
  return undefined;
}
