import type { Node } from 'web-tree-sitter';
import type { WitDocument } from '../document';
import { fieldNode, nameText, spanOf } from '../syntax';
import { TYPEDEF_KIND } from './extract';
import { lookupPathQuietly, resolveUse } from './resolve';
import { ownerOf, type FileState, type GroupState } from './state';
import { copyNode } from './syntax-copy';
import type { Declaration, DeclarationKind } from './types';

/**
 * The types usable at `offset` inside an interface or world that does not parse yet (an
 * unclosed `f: func(x: borrow<` while typing): the parser then leaves the header and the
 * items it could read as loose children of an ERROR node. The header is the last
 * `interface NAME {` or `world NAME {` among them before `offset` whose brace is still
 * open; its types and `use`d names are those items. Built fresh, without recording
 * references or errors: what is being typed is reported by the syntax errors. Reads the
 * document's live tree (the anonymous tokens of an ERROR node are not in the model's copy);
 * the declarations it returns hold copies.
 */
export function typesWhileTyping(group: GroupState, file: FileState, document: WitDocument, offset: number): Declaration[] {
  const root = document.tree.rootNode;
  const container = root.namedChildren.find((c) => c?.type === 'nested_package' && c.startIndex < offset && offset <= c.endIndex) ?? root;
  const error = container.children.filter((c): c is Node => !!c && c.startIndex < offset).pop();
  if (error?.type !== 'ERROR') return [];
  const children = error.children.filter((c): c is Node => !!c);
  let header = -1;
  let depth = 0;
  for (let i = 0; i < children.length && children[i].startIndex < offset; i++) {
    const child = children[i];
    if ((child.type === 'interface' || child.type === 'world') && !child.isNamed &&
        children[i + 1]?.type === 'identifier' && children[i + 2]?.type === '{') {
      header = i;
      depth = 0;
    } else if (child.type === '{') depth++;
    else if (child.type === '}' && --depth === 0) header = -1;
  }
  if (header < 0) return [];
  const nameNode = children[header + 1];
  const owner: Declaration = {
    kind: children[header].type === 'interface' ? 'interface' : 'world',
    name: nameText(nameNode), uri: file.uri, nameSpan: spanOf(nameNode), span: spanOf(error), node: copyNode(error, file.source), active: true,
  };
  const block = group.blockAt(file, offset);
  const found: Declaration[] = [];
  const provisional = (kind: DeclarationKind, name: Node, item: Node): Declaration => ({
    kind, name: nameText(name), uri: file.uri, nameSpan: spanOf(name), span: spanOf(item), node: copyNode(item, file.source), container: owner, active: true,
  });
  for (const child of children.slice(header + 3)) {
    if ((child.type === 'interface' || child.type === 'world') && !child.isNamed) break;
    const name = fieldNode(child, 'name');
    if (child.type in TYPEDEF_KIND && name) found.push(provisional(TYPEDEF_KIND[child.type], name, child));
    if (child.type !== 'use_item') continue;
    const path = fieldNode(child, 'path');
    const iface = path && lookupPathQuietly(group, copyNode(path, file.source), file, block);
    for (const useName of fieldNode(child, 'names')?.namedChildren ?? []) {
      const original = useName?.type === 'use_name' ? fieldNode(useName, 'name') : null;
      const local = useName && (fieldNode(useName, 'alias') ?? original);
      if (!useName || !original || !local) continue;
      const decl = provisional('use', local, useName);
      const entry = iface && ownerOf(iface)?.scopeOf(iface)?.names.get(nameText(original));
      const target = entry?.kind === 'use' ? resolveUse(entry) : entry;
      if (target) decl.aliasOf = target;
      found.push(decl);
    }
  }
  return found;
}
