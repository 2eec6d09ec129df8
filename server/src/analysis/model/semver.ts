/** Semantic versions as wit-parser (the `semver` crate) reads them. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: string[];
}

/**
 * The part of a version token wit-parser hands to the `semver` crate. Its parser eats a `-`
 * or `+` and then the identifiers after it, but the version's span ends at the last
 * identifier: `1.0.0-` and `1.0.0-+` read as `1.0.0`, `1.0.0-a+` as `1.0.0-a`, while in
 * `1.0.0--` the second `-` is an identifier and stays.
 */
export function versionSpanText(text: string): string {
  const match = /^([0-9]+\.[0-9]+\.[0-9]+)(?:-([^+]*))?(?:\+(.*))?$/s.exec(text);
  if (!match) return text;
  const [, core, pre, build] = match;
  return core + (pre ? `-${pre}` : '') + (build ? `+${build}` : '');
}

/** The `semver` crate's complaint about a version token, or null when it is a valid version. */
export function versionError(token: string): string | null {
  const text = versionSpanText(token);
  const match = /^([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([^+]*))?(?:\+(.*))?$/s.exec(text);
  if (!match) return `invalid semver \`${text}\``;
  const parts: [string, string][] = [
    [match[1], 'major'],
    [match[2], 'minor'],
    [match[3], 'patch'],
  ];
  for (const [digits, which] of parts) {
    if (digits.length > 1 && digits.startsWith('0')) return `invalid leading zero in ${which} version number`;
  }
  for (const identifier of match[4] !== undefined ? match[4].split('.') : []) {
    if (identifier === '') return 'empty identifier segment in pre-release identifier';
    const bad = /[^0-9A-Za-z-]/.exec(identifier);
    if (bad) return `unexpected character '${bad[0]}' after pre-release identifier`;
    if (/^[0-9]+$/.test(identifier) && identifier.length > 1 && identifier.startsWith('0')) {
      return 'invalid leading zero in pre-release identifier';
    }
  }
  for (const identifier of match[5] !== undefined ? match[5].split('.') : []) {
    if (identifier === '') return 'empty identifier segment in build metadata';
    const bad = /[^0-9A-Za-z-]/.exec(identifier);
    if (bad) return `unexpected character '${bad[0]}' after build metadata`;
  }
  return null;
}

export function parseVersion(token: string): Version | null {
  if (versionError(token) !== null) return null;
  const text = versionSpanText(token);
  const [core, pre] = text.split('+')[0].split(/-(.*)/s);
  const [major, minor, patch] = core.split('.').map(Number);
  return { major, minor, patch, pre: pre ? pre.split('.') : [] };
}

/** Semver precedence: negative when a < b. */
export function compareVersions(a: Version, b: Version): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === y) continue;
    const xNumeric = /^[0-9]+$/.test(x);
    const yNumeric = /^[0-9]+$/.test(y);
    if (xNumeric && yNumeric) return Number(x) - Number(y);
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.pre.length - b.pre.length;
}
