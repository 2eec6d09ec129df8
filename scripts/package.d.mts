// Types for scripts/package.mjs, which tests import.
export interface PackageFile {
  /** Path in the repository. */
  source: string;
  /** Path inside the .vsix. */
  entry: string;
  /** False for files another part of the project provides; packaged whenever they exist. */
  required: boolean;
}
export interface ZipEntry {
  name: string;
  size: number;
}
export const PACKAGE_FILES: readonly PackageFile[];
export function zipEntries(zip: Buffer): ZipEntry[];
export function packageProblems(names: readonly string[], repositoryRoot?: string): string[];
export function packageExtension(out?: string): { path: string; entries: ZipEntry[] };
