import type { Node, Tree } from 'web-tree-sitter';
import { TYPEDEF_TYPES, fieldNode, nameText } from './syntax';
import type { TypeResolver } from './types';
import { partitionPoint } from './partition-point';

/**
 * Resolution within one file's tree, for where no workspace model sees the file: a document
 * above `wit.analysis.maxFileSize`, a test of one module. It knows the typedefs of the
 * enclosing interface or world and names brought in by `use local-interface.{...}` from an
 * interface of the same package block; the model (`Workspace.typeResolver`) answers
 * everything else and falls back to this one itself.
 */
export const fileTypeResolver: TypeResolver = {
  resolveType(reference) {
    const identifier = reference.type === 'named_type' ? fieldNode(reference, 'name') : reference;
    return identifier ? lookupInScope(identifier.tree, scopeAt(identifier), nameText(identifier), 0) : null;
  },
  typedefOf(identifier) {
    return this.resolveType(identifier);
  },
  resolveName(identifier) {
    const parent = identifier.parent;
    if (!parent) return null;
    if (DECLARATION_TYPES.has(parent.type) && fieldNode(parent, 'name')?.id === identifier.id) return parent;
    if (parent.type === 'named_type' || parent.type === 'borrow_type' || parent.type === 'own_type' || parent.type === 'use_name') {
      return this.resolveType(identifier);
    }
    if (parent.type === 'use_path' && !fieldNode(parent, 'namespace') && fieldNode(parent, 'name')?.id === identifier.id) {
      return blockAt(identifier.tree, identifier.startIndex).items.get(nameText(identifier)) ?? null;
    }
    return null;
  },
};

/** Items whose name is a declaration a hover can describe. */
const DECLARATION_TYPES = new Set<string>([
  ...TYPEDEF_TYPES,
  'interface_item',
  'world_item',
  'func_item',
  'method_item',
  'record_field',
  'variant_case',
  'enum_case',
  'flag',
  'param',
]);

/** A scope's typedefs by name and its `use` items, built on first lookup. */
interface ScopeIndex {
  typedefs: Map<string, Node>;
  uses: Node[];
}

/** An interface or world body, with the inline interfaces (`import x: interface {..}`) a world holds. */
interface Scope {
  body: Node;
  start: number;
  end: number;
  inline: Scope[];
  index?: ScopeIndex;
}

/** A package block (the file, or a nested `package a:b {..}`): its interfaces, and its interfaces and worlds, by name. */
interface Block {
  start: number;
  end: number;
  interfaces: Map<string, Node>;
  items: Map<string, Node>;
}

/**
 * Per tree: where each scope and package block lies. Scopes are found by position, not by
 * walking up from the name: each step to a `parent` costs web-tree-sitter a search from
 * the root, which made colouring a large file quadratic.
 */
interface FileScopes {
  scopes: Scope[];
  blocks: Block[];
  root: Block;
}

const scopesPerTree = new WeakMap<Tree, FileScopes>();

function fileScopes(tree: Tree): FileScopes {
  let found = scopesPerTree.get(tree);
  if (found) return found;
  const rootNode = tree.rootNode;
  found = { scopes: [], blocks: [], root: { start: rootNode.startIndex, end: rootNode.endIndex, interfaces: new Map(), items: new Map() } };
  const addItems = (items: (Node | null)[], block: Block): void => {
    for (const item of items) {
      if (item?.type === 'nested_package') {
        const nested: Block = { start: item.startIndex, end: item.endIndex, interfaces: new Map(), items: new Map() };
        found!.blocks.push(nested);
        addItems(item.namedChildren, nested);
        continue;
      }
      if (item?.type !== 'interface_item' && item?.type !== 'world_item') continue;
      const name = fieldNode(item, 'name');
      const key = name && nameText(name);
      if (key && !block.items.has(key)) block.items.set(key, item);
      if (key && item.type === 'interface_item' && !block.interfaces.has(key)) block.interfaces.set(key, item);
      const body = fieldNode(item, 'body');
      if (!body) continue;
      const scope: Scope = { body, start: body.startIndex, end: body.endIndex, inline: [] };
      if (item.type === 'world_item') {
        for (const member of body.namedChildren) {
          const inline = member && (member.type === 'import_item' || member.type === 'export_item') ? fieldNode(member, 'body') : null;
          if (inline) scope.inline.push({ body: inline, start: inline.startIndex, end: inline.endIndex, inline: [] });
        }
      }
      found!.scopes.push(scope);
    }
  };
  addItems(rootNode.namedChildren, found.root);
  scopesPerTree.set(tree, found);
  return found;
}

/** The last of `spans` (sorted by start) that holds `offset`, if any. */
function containing<T extends { start: number; end: number }>(spans: readonly T[], offset: number): T | undefined {
  const candidate = spans[partitionPoint(spans.length, (i) => spans[i].start <= offset) - 1];
  return candidate && offset < candidate.end ? candidate : undefined;
}

/** The innermost interface or world body holding `identifier`. */
function scopeAt(identifier: Node): Scope | undefined {
  const offset = identifier.startIndex;
  const outer = containing(fileScopes(identifier.tree).scopes, offset);
  return (outer && containing(outer.inline, offset)) ?? outer;
}

function blockAt(tree: Tree, offset: number): Block {
  const scopes = fileScopes(tree);
  return containing(scopes.blocks, offset) ?? scopes.root;
}

function indexOf(scope: Scope): ScopeIndex {
  if (scope.index) return scope.index;
  const index: ScopeIndex = { typedefs: new Map(), uses: [] };
  for (const member of scope.body.namedChildren) {
    if (!member) continue;
    if ((TYPEDEF_TYPES as readonly string[]).includes(member.type)) {
      const memberName = fieldNode(member, 'name');
      const key = memberName && nameText(memberName);
      if (key && !index.typedefs.has(key)) index.typedefs.set(key, member);
    } else if (member.type === 'use_item') {
      index.uses.push(member);
    }
  }
  return (scope.index = index);
}

function lookupInScope(tree: Tree, scope: Scope | undefined, name: string, depth: number): Node | null {
  if (!scope || depth > 16) return null; // `use` chains in a file are short; this stops cycles
  const index = indexOf(scope);
  const typedef = index.typedefs.get(name);
  if (typedef) return typedef;
  for (const use of index.uses) {
    const found = lookupThroughUse(tree, use, name, depth);
    if (found) return found;
  }
  return null;
}

function lookupThroughUse(tree: Tree, use: Node, name: string, depth: number): Node | null {
  const path = fieldNode(use, 'path');
  const names = fieldNode(use, 'names');
  if (!path || !names || fieldNode(path, 'namespace')) return null; // foreign: not in this file
  const interfaceName = fieldNode(path, 'name');
  if (!interfaceName) return null;
  for (const useName of names.namedChildren) {
    if (!useName || useName.type !== 'use_name') continue;
    const original = fieldNode(useName, 'name');
    const local = fieldNode(useName, 'alias') ?? original;
    if (!original || !local || nameText(local) !== name) continue;
    const target = blockAt(tree, use.startIndex).interfaces.get(nameText(interfaceName));
    const body = target && fieldNode(target, 'body');
    const scope = body ? containing(fileScopes(tree).scopes, body.startIndex) : undefined;
    return lookupInScope(tree, scope, nameText(original), depth + 1);
  }
  return null;
}
