import { buildSync } from 'esbuild';
import * as path from 'node:path';

/**
 * Bundles the extension-host suite into one CommonJS module the workbench can load as
 * `extensionTestsPath`; the fixtures go in as text, `vscode` stays the host's own.
 */
export function bundleExtensionTests(outDir: string): string {
  const outfile = path.join(outDir, 'index.js');
  buildSync({
    entryPoints: [path.join(__dirname, '../extension-host/suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    loader: { '.wit': 'text' },
    logLevel: 'warning',
  });
  return outfile;
}
