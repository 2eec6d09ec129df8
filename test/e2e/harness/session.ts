// One e2e file's VS Code: a temporary folder, the packaged extension installed in code-server,
// and Chromium, started before the file's tests and stopped after them (or on a signal).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startCodeServer, type CodeServer } from './code-server';

const ROOT = path.resolve(__dirname, '../../..');
/** Where the UI tests save the pictures the README shows (`npm run screenshots` moves them). */
export const SCREENSHOTS = path.resolve(process.env.WIT_LS_SCREENSHOTS_DIR ?? path.join(ROOT, '.e2e/screenshots'));
export const VIEWPORT = { width: 1200, height: 840 };
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

export interface E2eSession {
  /** The file's temporary folder: the workspace folders, the profile and the .vsix live here. */
  readonly work: string;
  readonly server: CodeServer;
  readonly browser: Browser;
}

/**
 * Registers the hooks that start the session before the file's tests and stop it after them.
 * `prepare` fills the temporary folder (workspaces, fixtures) before code-server starts.
 * `npm run test:e2e` passes the tools and the .vsix; run alone, a file finds or builds them.
 */
export function e2eSession(name: string, prepare: (work: string) => void | Promise<void>): E2eSession {
  let work = '';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close().catch(() => {});
    browser = undefined;
    await server?.stop();
    server = undefined;
    if (work) rmSync(work, { recursive: true, force: true });
  };
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.once(signal, () => void stop().finally(() => process.exit(128 + number)));
  }
  before(
    async () => {
      const tools = process.env.WIT_LS_E2E_NODE
        ? { node: process.env.WIT_LS_E2E_NODE, codeServer: process.env.WIT_LS_E2E_CODE_SERVER!, chromium: process.env.WIT_LS_E2E_CHROMIUM! }
        : (await import('../../../scripts/e2e-tools.mjs')).ensureE2eTools();
      work = mkdtempSync(path.join(tmpdir(), `wit-ls-e2e-${name}-`));
      let vsix = process.env.WIT_LS_VSIX;
      if (!vsix) {
        const { packageExtension } = await import('../../../scripts/package.mjs');
        vsix = packageExtension(path.join(work, 'wit-ls.vsix')).path;
      }
      await prepare(work);
      server = await startCodeServer({ node: tools.node, entry: tools.codeServer, profile: path.join(work, 'profile'), vsix });
      browser = await chromium.launch({ executablePath: tools.chromium, args: BROWSER_ARGS, timeout: 30_000 });
    },
    { timeout: 180_000 },
  );
  after(stop, { timeout: 30_000 });
  return {
    get work() {
      return work;
    },
    get server() {
      if (!server) throw new Error('code-server is not running (did the session fail to start?)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not running (did the session fail to start?)');
      return browser;
    },
  };
}
