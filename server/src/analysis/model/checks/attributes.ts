import { fieldNode, nameText, spanOf } from '../../syntax';
import { hasAttributes } from '../extract';
import { compareVersions, parseVersion } from '../semver';
import { reportError, type FileState, type GroupState, type PackageState } from '../state';
import type { SyntaxNode } from '../syntax-copy';
import type { Declaration } from '../types';

/** Attributes and feature gates: wit-parser's `stability()` rules, and which code is active. */

const IGNORES_EXTERNAL_ID = new Set(['interface_item', 'world_item', 'include_item']);

const LABEL: Record<string, string> = {
  since_attribute: '@since', unstable_attribute: '@unstable', deprecated_attribute: '@deprecated', external_id_attribute: '@external-id',
};

/**
 * Whether the code around `node` is active: no enclosing item sits behind a disabled
 * feature. wit-parser checks gated items like any other, then drops them, so only active
 * code naming a gated item is an error. Worked out from the tree, since a name may be
 * resolved first on behalf of another group.
 */
export function activeAt(group: GroupState, node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (!gateActive(group, n)) return false;
  return true;
}

/** False when the item carries `@unstable(feature = f)` with `f` not enabled. */
export function gateActive(group: GroupState, item: SyntaxNode): boolean {
  if (!hasAttributes(item)) return true;
  for (const attribute of item.childrenForFieldName('attribute')) {
    if (attribute?.type !== 'unstable_attribute') continue;
    const feature = fieldNode(attribute, 'feature');
    if (feature && !group.features.has(nameText(feature))) return false;
  }
  return true;
}

/** Attribute rules of wit-parser's `stability()`, and `@since` against the package version. */
export function checkAttributes(file: FileState, item: SyntaxNode, decl: Declaration, pkg: PackageState | null): void {
  if (!hasAttributes(item)) return;
  const seen = new Map<string, SyntaxNode>();
  for (const attribute of item.childrenForFieldName('attribute')) {
    if (!attribute) continue;
    const name = LABEL[attribute.type];
    if (!name) continue;
    // wit-parser ignores @external-id on interfaces, worlds and includes, twice or not.
    const ignored = attribute.type === 'external_id_attribute' && IGNORES_EXTERNAL_ID.has(item.type);
    if (seen.has(attribute.type) && !ignored) {
      reportError(file, attribute.startIndex, attribute.endIndex, 'feature-gate', `cannot specify ${name} twice`);
      continue;
    }
    if ((attribute.type === 'since_attribute' && seen.has('unstable_attribute')) ||
        (attribute.type === 'unstable_attribute' && seen.has('since_attribute'))) {
      reportError(file, attribute.startIndex, attribute.endIndex, 'feature-gate', 'cannot specify both @since and @unstable');
    }
    seen.set(attribute.type, attribute);
  }
  const deprecated = seen.get('deprecated_attribute');
  if (deprecated && !seen.has('since_attribute') && !seen.has('unstable_attribute')) {
    reportError(file, deprecated.startIndex, deprecated.endIndex, 'feature-gate',
      'cannot specify both @deprecated without @since or @unstable');
  }
  const since = seen.get('since_attribute');
  const sinceVersion = since && fieldNode(since, 'version');
  if (!sinceVersion || !pkg || !pkg.namespace || !decl.active) return;
  const at = spanOf(fieldNode(item, 'name') ?? fieldNode(item, 'path') ?? item);
  if (!pkg.version) {
    reportError(file, at.start, at.end, 'feature-gate',
      `package [${pkg.namespace}] contains a feature gate with a version specifier, so it must have a version`);
    return;
  }
  const gate = parseVersion(sinceVersion.text);
  const current = parseVersion(pkg.version);
  if (gate && current && compareVersions(gate, current) > 0) {
    reportError(file, at.start, at.end, 'feature-gate',
      `feature gate cannot reference unreleased version ${sinceVersion.text} of package [${pkg.key}] (current version ${pkg.version})`);
  }
}
