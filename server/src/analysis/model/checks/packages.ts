import { spanOf } from '../../syntax';
import { versionNodes } from '../extract';
import { versionError } from '../semver';
import { reportError, type FileState, type GroupState, type PackageState } from '../state';
import type { SyntaxNode } from '../syntax-copy';
import type { Declaration } from '../types';

/** Packages: headers that disagree or are missing, a package defined twice, versions. */

/** A file's header names another package than the first header of its folder. */
export function checkHeaderMatches(file: FileState, decl: Declaration, key: string, firstKey: string | null, first: { uri: string; header: SyntaxNode }): void {
  if (key === firstKey) return;
  reportError(file, decl.nameSpan.start, decl.nameSpan.end, 'package-mismatch',
    `package identifier \`${key}\` does not match previous package name of \`${firstKey}\``,
    [{ uri: first.uri, span: spanOf(first.header), message: `\`${firstKey}\` is named here` }]);
}

/** No file of the package has a `package` header: reported at the file's first item. */
export function reportMissingHeader(file: FileState, root: SyntaxNode): void {
  const firstItem = root.namedChildren.find((c) => c.type !== 'comment');
  const at = firstItem ? firstItem.startIndex : 0;
  reportError(file, at, at, 'missing-package', 'no `package` header was found in any WIT file for this package');
}

/** wit-parser accepts doc comments on one `package` header of a package only. */
export function checkHeaderDocs(group: GroupState, headerDocs: Declaration[]): void {
  for (const extra of headerDocs.slice(1)) {
    const comment = extra.node.previousSibling ?? extra.node;
    reportError(group.files.get(extra.uri)!, comment.startIndex, comment.endIndex, 'duplicate-name', "found doc comments on multiple 'package' items",
      [{ uri: headerDocs[0].uri, span: headerDocs[0].nameSpan, message: 'the first documented `package` item' }]);
  }
}

/** Records `pkg` under its key, or reports that another location already defines that key. */
export function registerPackage(group: GroupState, file: FileState, decl: Declaration, pkg: PackageState): void {
  if (!pkg.key) return;
  const byKey = group.standalonePackages.get(file.uri) ?? group.packagesByKey;
  const previous = byKey.get(pkg.key);
  if (previous && previous !== pkg) {
    const first = previous.model.declarations[0];
    reportError(file, decl.nameSpan.start, decl.nameSpan.end, 'duplicate-package',
      `package \`${pkg.key}\` is defined in two different locations`,
      first ? [{ uri: first.uri, span: first.nameSpan, message: 'first defined here' }] : undefined);
  } else byKey.set(pkg.key, pkg);
}

/** Every version in the package's root files (headers, paths, gates) must be valid semver. */
export function checkVersions(group: GroupState, pkg: PackageState): void {
  for (const uri of pkg.model.uris) {
    const file = group.files.get(uri)!;
    if (pkg !== file.blocks[0].block.pkg) continue;
    for (const version of versionNodes(file.source)) {
      const problem = versionError(version.text);
      if (problem) reportError(file, version.startIndex, version.endIndex, 'invalid-version', problem);
    }
  }
}
