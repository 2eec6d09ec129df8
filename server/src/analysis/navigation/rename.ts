import type { Declaration, Workspace } from '../model';
import { placeOf } from '../model/layout';
import { KEYWORDS } from '../syntax';
import type { Span, TextEdit } from '../text';
import { declarationKey, nameTargetAt, occurrencesOf } from './occurrences';

/** A kebab-case WIT label: words of lowercase letters and digits, or of uppercase letters and digits. */
const LABEL = /^([a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(-([a-z0-9]+|[A-Z0-9]+))*$/;

/** Why a name cannot be renamed or a new name is refused, in words for the user. */
export interface RenameError {
  error: string;
}

export interface PrepareRename {
  /** The name under the cursor, without a `%`. */
  span: Span;
  placeholder: string;
}

export interface WorkspaceEdit {
  /** Edits per file URI, each list in document order. */
  changes: Map<string, TextEdit[]>;
}

/** Declarations a rename may change: the ones whose names other WIT can spell. */
const RENAMABLE = new Set<Declaration['kind']>([
  'interface', 'world', 'type', 'record', 'variant', 'enum', 'flags', 'resource', 'field', 'case', 'enum-case',
  'flag', 'function', 'method', 'static-method', 'param', 'use', 'import', 'export',
]);

/** Checks that the name at `offset` can be renamed and returns it, or says why not. */
export function prepareRename(workspace: Workspace, uri: string, offset: number): PrepareRename | RenameError {
  const document = workspace.document(uri);
  if (!document) return { error: 'This file is not part of the workspace.' };
  const target = nameTargetAt(workspace, uri, offset);
  if (!target) {
    const leaf = document.tree.rootNode.descendantForIndex(offset);
    const builtin = [leaf, leaf?.parent].find((n) => n?.type === 'primitive_type' || n?.type === 'error_context_type');
    if (builtin) return { error: `\`${builtin.text}\` is a built-in type and cannot be renamed.` };
    if (leaf && !leaf.isNamed && (KEYWORDS.has(leaf.type) || leaf.type === '_')) return { error: `\`${leaf.type}\` is a keyword and cannot be renamed.` };
    const unresolved = workspace.referenceAt(uri, offset);
    if (unresolved) return { error: `\`${unresolved.name}\` does not resolve to a declaration, so there is nothing to rename.` };
    return { error: 'There is no name here that can be renamed.' };
  }
  const refused = refuseTarget(target) ?? refuseDependency(target.name, target.uri);
  if (refused) return refused;
  const span =
    workspace.declarationAt(uri, offset)?.nameSpan ?? workspace.referenceAt(uri, offset)?.span ?? target.nameSpan;
  const nameSpan = identifierSpan(document.text, span, target.name) ?? span;
  return { span: stripEscape(document.text, nameSpan), placeholder: target.name };
}

/**
 * The edits that rename what the name at `offset` stands for to `newName`, in every file
 * that spells it: the declaration, its references, and the names that plain `use`s repeat
 * (a `use t.{a as b}` keeps its alias `b`). A new name that is a keyword is written `%name`.
 */
export function renameAt(workspace: Workspace, uri: string, offset: number, newName: string): WorkspaceEdit | RenameError {
  const prepared = prepareRename(workspace, uri, offset);
  if ('error' in prepared) return prepared;
  const target = nameTargetAt(workspace, uri, offset)!;
  const spelled = spelling(newName);
  if ('error' in spelled) return spelled;
  if (spelled.name === target.name) return { changes: new Map() };
  const { declarations, references } = occurrencesOf(workspace, target, false);
  // The target and every plain `use` of it get the new name, each in its own scope.
  for (const declaration of declarations) {
    const clash = clashingDeclaration(workspace, declaration, spelled.name);
    if (clash) {
      const where = clash.container ? ` in ${clash.container.kind} \`${clash.container.name}\`` : ' here';
      return { error: `\`${spelled.name}\` is already declared${where}.` };
    }
  }

  const spans = [
    ...declarations.map((d) => ({ uri: d.uri, span: d.nameSpan })),
    ...references.map((r) => ({ uri: r.uri, span: r.span })),
  ];
  const changes = new Map<string, TextEdit[]>();
  const seen = new Set<string>();
  for (const { uri: fileUri, span } of spans) {
    const text = workspace.document(fileUri)?.text;
    if (text === undefined) continue;
    const nameSpan = identifierSpan(text, span, target.name);
    if (!nameSpan) continue;
    const key = `${fileUri}#${nameSpan.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const edits = changes.get(fileUri) ?? [];
    edits.push({ span: nameSpan, newText: spelled.text });
    changes.set(fileUri, edits);
  }
  for (const edits of changes.values()) edits.sort((a, b) => a.span.start - b.span.start);
  for (const fileUri of changes.keys()) {
    const refused = refuseDependency(target.name, fileUri);
    if (refused) return refused;
  }
  return { changes };
}

/** Validates a new name the user typed; `%` is optional and added back where needed. */
export function spelling(newName: string): { name: string; text: string } | RenameError {
  const trimmed = newName.trim();
  const name = trimmed.startsWith('%') ? trimmed.slice(1) : trimmed;
  if (name === '') return { error: 'The new name is empty.' };
  if (!LABEL.test(name)) {
    return {
      error:
        `\`${trimmed}\` is not a valid WIT name: use words of lowercase letters and digits (or all uppercase) ` +
        'joined by single hyphens, starting with a letter, such as `error-code`.',
    };
  }
  return { name, text: KEYWORDS.has(name) ? `%${name}` : name };
}

function refuseTarget(target: Declaration): RenameError | null {
  if (target.kind === 'package') {
    return { error: 'A package is renamed by editing its `package` line and the paths that name it; rename does not change packages.' };
  }
  if (target.kind === 'constructor') return { error: '`constructor` is a keyword: a constructor has no name to rename.' };
  if (!RENAMABLE.has(target.kind)) return { error: `A ${target.kind} cannot be renamed.` };
  return null;
}

/**
 * Files in a `deps/` folder are vendored (often through a link to a folder outside the
 * project): rename never edits them, as rust-analyzer never edits a library crate.
 */
function refuseDependency(name: string, uri: string): RenameError | null {
  const where = dependencyPath(uri);
  if (where === null) return null;
  return {
    error: `\`${name}\` would change \`${where}\`, a vendored dependency: rename does not edit files in \`deps/\`. ` +
      'Rename it in the package that owns it, then update the copy in `deps/`.',
  };
}

/** The path from the resolution group's folder (`deps/…`) of a file inside `deps/`, else null. */
export function dependencyPath(uri: string): string | null {
  const { group } = placeOf(uri);
  if (group === uri || !uri.startsWith(`${group}/deps/`)) return null;
  let relative = uri.slice(group.length + 1);
  try {
    relative = decodeURIComponent(relative);
  } catch {
    // a malformed escape: show the URI's spelling
  }
  return relative;
}

/** Another declaration of `name` in `target`'s scope, which the rename would clash with. */
function clashingDeclaration(workspace: Workspace, target: Declaration, name: string): Declaration | undefined {
  const targetKey = declarationKey(target);
  const containerKey = target.container && declarationKey(target.container);
  const group = NAME_GROUPS.find((g) => g.has(target.kind));
  const uris = target.container ? [target.uri] : (workspace.packageAt(target.uri, target.span.start)?.uris ?? [target.uri]);
  for (const uri of uris) {
    for (const d of workspace.declarations(uri)) {
      if (d.name !== name || declarationKey(d) === targetKey) continue;
      if ((d.container && declarationKey(d.container)) !== containerKey) continue;
      if (group ? group.has(d.kind) : d.kind === target.kind) return d;
    }
  }
  return includedClash(workspace, target, name);
}

/**
 * For `b` of `include w with { a as b }`: an item of `w` that the include brings in under
 * the new name already. (Items `w` itself gets through further includes are not seen.)
 */
function includedClash(workspace: Workspace, target: Declaration, name: string): Declaration | undefined {
  const original = target.node.type === 'include_name' ? target.aliasOf : undefined;
  const world = original?.container;
  if (!original || !world) return undefined;
  const worldKey = declarationKey(world);
  return workspace.declarations(world.uri).find((d) =>
    d.name === name && d !== original && d.container && declarationKey(d.container) === worldKey &&
    WORLD_NAMES.has(d.kind));
}

/** What a world names: the kinds its imports and exports declare. */
const WORLD_NAMES: ReadonlySet<Declaration['kind']> = new Set(['function', 'import', 'export', 'interface']);

/** Kinds that share one namespace in a scope; any other kind only clashes with itself. */
const NAME_GROUPS: ReadonlyArray<ReadonlySet<Declaration['kind']>> = [
  new Set(['type', 'record', 'variant', 'enum', 'flags', 'resource', 'use']),
  new Set(['interface', 'world']),
  new Set(['function', 'import', 'export', 'method', 'static-method']),
];

/**
 * The span of the identifier spelling `name` inside `span`: the span itself for a plain
 * name, the last segment of a path like `ns:pkg/name@1.0.0`, a `%name` included.
 */
function identifierSpan(text: string, span: Span, name: string): Span | null {
  const slice = text.slice(span.start, span.end);
  if (slice === name || slice === `%${name}`) return span;
  const pattern = new RegExp(`(?<![\\w%-])%?${escapeRegExp(name)}(?![\\w-])`, 'g');
  let found: Span | null = null;
  for (const match of slice.matchAll(pattern)) {
    const before = slice.slice(0, match.index);
    if (before.includes('@')) break; // inside a version
    found = { start: span.start + match.index, end: span.start + match.index + match[0].length };
  }
  return found;
}

/** The name without its `%`: the editor shows and replaces the name itself. */
function stripEscape(text: string, span: Span): Span {
  return text[span.start] === '%' ? { start: span.start + 1, end: span.end } : span;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
