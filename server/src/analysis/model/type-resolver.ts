import type { Node, Tree } from 'web-tree-sitter';
import { fileTypeResolver } from '../file-resolver';
import type { TypeResolver } from '../types';
import { followAlias } from './aliases';
import { TYPE_KINDS, type Declaration, type Reference } from './types';

/** One resolved file's names, by where each starts in the text. */
export interface NamesByStart {
  referenceAt(start: number): Reference | undefined;
  /** Declared names (packages left out: their name spans several identifiers). */
  declarationAt(start: number): Declaration | undefined;
}

/**
 * The one path from a name in a tree to what it stands for: the model's resolution of the
 * file that tree belongs to, aliases followed by `followAlias`. A tree the model does not
 * hold (a document above `wit.analysis.maxFileSize`) is answered by the file alone.
 *
 * `findNames` finds the model's file for a tree (null: not the model's); `syntaxOf` finds a
 * declaration's item again in its file's current tree.
 */
export function modelTypeResolver(findNames: (tree: Tree) => NamesByStart | null, syntaxOf: (declaration: Declaration) => Node | null): TypeResolver {
  // A tree the model does not hold is looked for through every file: once per resolver (one
  // request or one analysis), not once per name, as colouring an oversized document asks
  // for every name.
  const notHeld = new WeakSet<Tree>();
  const namesOf = (tree: Tree): NamesByStart | null => {
    if (notHeld.has(tree)) return null;
    const names = findNames(tree);
    if (!names) notHeld.add(tree);
    return names;
  };
  return {
    resolveType(reference) {
      const identifier = reference.type === 'named_type' ? reference.childForFieldName('name') : reference;
      if (!identifier) return null;
      const names = namesOf(identifier.tree);
      if (!names) return fileTypeResolver.resolveType(reference);
      const found = names.referenceAt(identifier.startIndex);
      const target = found?.kind === 'type' && found.target ? followAlias(found.target) : null;
      return target && TYPE_KINDS.includes(target.kind) ? syntaxOf(target) : null;
    },
    typedefOf(identifier) {
      const names = namesOf(identifier.tree);
      if (!names) return fileTypeResolver.typedefOf(identifier);
      // A local name of `use x.{a as b}` is a declaration; a type name (and `a`) a reference.
      const found = names.referenceAt(identifier.startIndex)?.target ?? names.declarationAt(identifier.startIndex);
      const target = found && followAlias(found);
      return target && TYPE_KINDS.includes(target.kind) ? target.node : null;
    },
    resolveName(identifier) {
      const names = namesOf(identifier.tree);
      if (!names) return fileTypeResolver.resolveName(identifier);
      const reference = names.referenceAt(identifier.startIndex);
      const declaration = reference ? null : names.declarationAt(identifier.startIndex);
      // Syntax the model declares nothing for (an item it skips) is still read from the file.
      if (!reference && !declaration) return fileTypeResolver.resolveName(identifier);
      const found = reference ? reference.target : declaration;
      const target = found && followAlias(found);
      return target && target.kind !== 'package' ? syntaxOf(target) : null;
    },
  };
}
