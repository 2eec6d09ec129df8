/** Semantic versions as wit-parser (the `semver` crate) reads them. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: string[];
}

/** The `semver` crate's complaint about `text`, or null when it is a valid version. */
export function versionError(text: string): string | null {
  const match = /^([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([0-9A-Za-z.-]*))?(?:\+([0-9A-Za-z.-]*))?$/.exec(text);
  if (!match) return `invalid semver \`${text}\``;
  const parts: [string, string][] = [
    [match[1], 'major'],
    [match[2], 'minor'],
    [match[3], 'patch'],
  ];
  for (const [digits, which] of parts) {
    if (digits.length > 1 && digits.startsWith('0')) return `invalid leading zero in ${which} version number`;
  }
  for (const identifier of match[4] ? match[4].split('.') : []) {
    if (identifier === '') return 'empty identifier segment in pre-release identifier';
    if (/^[0-9]+$/.test(identifier) && identifier.length > 1 && identifier.startsWith('0')) {
      return 'invalid leading zero in pre-release identifier';
    }
  }
  for (const identifier of match[5] ? match[5].split('.') : []) {
    if (identifier === '') return 'empty identifier segment in build metadata';
  }
  return null;
}

export function parseVersion(text: string): Version | null {
  if (versionError(text) !== null) return null;
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
