// One e2e file's VS Code: a temporary folder, the packaged extension installed in code-server,
// and Chromium, started before the file's tests and stopped after them (or on a signal).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './code-server';
import { remote, stepsOn, workbenchUrl } from './ui';

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

/**
 * A new workbench tab at the screenshot size, with named steps whose failures show the end of
 * code-server's output; `open` loads `folder` (with `file` in an editor), `shot` saves a
 * picture for the README.
 */
export async function uiPage(session: E2eSession): Promise<{
  page: Page;
  step: ReturnType<typeof stepsOn>;
  open: (folder: string, file?: string) => Promise<unknown>;
  shot: (name: string) => Promise<unknown>;
}> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const page = await session.browser.newPage({ viewport: VIEWPORT });
  const step = stepsOn(page, () => session.server.output());
  const open = (folder: string, file?: string) =>
    page.goto(workbenchUrl(session.server, folder, file ? [['openFile', remote(session.server, path.join(folder, file))]] : []));
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, name) });
  return { page, step, open, shot };
}
