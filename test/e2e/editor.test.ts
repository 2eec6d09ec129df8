// The packaged extension in a real VS Code (code-server) driven by Chromium: first the
// extension-host suite (test/e2e/extension-host/suite.ts), then the UI as a person uses it,
// with a screenshot of each step. `npm run test:e2e` provides the tools and the .vsix.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { startCodeServer, type CodeServer } from './harness/code-server';
import { bundleExtensionTests } from './harness/extension-tests';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixtures/before-fix/sockets.wit');
const SCREENSHOTS = path.resolve(process.env.WIT_LS_SCREENSHOTS_DIR ?? path.join(ROOT, '.e2e/screenshots'));
const FAILURES = path.join(ROOT, '.e2e/failures');
const VIEWPORT = { width: 1200, height: 840 };
const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let work: string;
/** The UI test's folder; the extension-host suite gets its own, so neither sees the other's files. */
let workspace: string;
let suiteWorkspace: string;
let server: CodeServer | undefined;
let browser: Browser | undefined;

async function stopAll(): Promise<void> {
  await browser?.close().catch(() => {});
  browser = undefined;
  await server?.stop();
  server = undefined;
  if (work) rmSync(work, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
  });
}

before(
  async () => {
    // scripts/e2e.mjs passes the tools; run alone, this file installs or finds them itself.
    const tools = process.env.WIT_LS_E2E_NODE
      ? {
          node: process.env.WIT_LS_E2E_NODE,
          codeServer: process.env.WIT_LS_E2E_CODE_SERVER!,
          chromium: process.env.WIT_LS_E2E_CHROMIUM!,
        }
      : (await import('../../scripts/e2e-tools.mjs')).ensureE2eTools();
    work = mkdtempSync(path.join(tmpdir(), 'wit-ls-e2e-'));
    rmSync(FAILURES, { recursive: true, force: true });
    let vsix = process.env.WIT_LS_VSIX;
    if (!vsix) {
      const { packageExtension } = await import('../../scripts/package.mjs');
      vsix = packageExtension(path.join(work, 'wit-ls.vsix')).path;
    }
    workspace = path.join(work, 'workspace');
    suiteWorkspace = path.join(work, 'suite-workspace');
    mkdirSync(workspace);
    mkdirSync(suiteWorkspace);
    copyFileSync(FIXTURE, path.join(workspace, 'sockets.wit'));
    server = await startCodeServer({ node: tools.node, entry: tools.codeServer, profile: path.join(work, 'profile'), vsix });
    browser = await chromium.launch({ executablePath: tools.chromium, args: BROWSER_ARGS, timeout: 30_000 });
  },
  { timeout: 180_000 },
);

after(stopAll, { timeout: 30_000 });

/** A `vscode-remote://` URI of a file on the test server. */
function remote(file: string): string {
  return `vscode-remote://${server!.authority}${file}`;
}

function workbenchUrl(folder: string, payload: [string, string][]): string {
  return `${server!.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

test('the extension-host suite passes in the installed extension', { timeout: 180_000 }, async () => {
  const testsPath = bundleExtensionTests(path.join(work, 'extension-tests'));
  const page = await browser!.newPage();
  const output: string[] = [];
  let exited!: (code: number) => void;
  const exitCode = new Promise<number>((resolve) => (exited = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    output.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  });
  await page.goto(
    workbenchUrl(suiteWorkspace, [
      // The installed extension's own folder: the suite tests exactly what the .vsix holds.
      ['extensionDevelopmentPath', remote(server!.extensionPath)],
      ['extensionTestsPath', remote(testsPath)],
    ]),
  );
  const limitMs = 150_000;
  const code = await Promise.race([exitCode, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), limitMs).unref())]);
  await page.close();
  const log = output.join('\n');
  if (code === 'timeout') {
    assert.fail(`the extension-host suite did not finish within ${limitMs / 1000} s.\nIts output:\n${log}\ncode-server:\n${server!.output().slice(-4000)}`);
  }
  assert.equal(code, 0, `the extension-host suite failed. The workbench's log:\n${log}`);
  // The suite's own lines; the rest of the workbench's log matters only on failure.
  console.log(output.filter((line) => /^(✔|✖|extension host:)/.test(line)).join('\n'));
});

test('a person sees the squiggle, reads the hover, applies the quick fix and opens Problems', { timeout: 180_000 }, async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const page = await browser!.newPage({ viewport: VIEWPORT });
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, name) });
  /** One thing a person does, with a time limit; a failure names the step and keeps a screenshot. */
  const step = async (name: string, limitMs: number, action: () => Promise<void>): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const overtime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not done within ${limitMs / 1000} s`)), limitMs);
    });
    try {
      await Promise.race([action(), overtime]);
    } catch (error) {
      mkdirSync(FAILURES, { recursive: true });
      const picture = path.join(FAILURES, `${name.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: picture }).catch(() => {});
      throw new Error(`UI step "${name}" failed (screenshot ${picture}): ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  };
  const editor = page.locator('.monaco-editor').first();
  const warning = editor.locator('.squiggly-warning').first();
  const sendLine = 'send: func(data: stream<u8>) -> future<result<_, error-code>>;';

  try {
    await step('open sockets.wit and see the warning squiggle', 90_000, async () => {
      await page.goto(workbenchUrl(workspace, [['openFile', remote(path.join(workspace, 'sockets.wit'))]]));
      await shown(editor.locator('.view-lines', { hasText: 'tcp-socket' }), 'sockets.wit in an editor', 60_000);
      // The extension starts with the first .wit file; its diagnostics follow.
      await shown(warning, 'a warning squiggle (.squiggly-warning)', 30_000);
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await shot('warning-squiggle.png');
    });

    await step('hover the warning and read the explanation', 20_000, async () => {
      const box = await boxOf(warning, 'the warning squiggle');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      // The diagnostic's message shows first; the rule's explanation follows from the server.
      await shown(page.locator('.monaco-hover-content', { hasText: 'WebAssembly/WASI#870' }), "the rule's explanation in the hover", 15_000);
      const text = normalise(await page.locator('.monaco-hover').first().innerText());
      assert.ok(text.includes('borrowed'), `the hover does not explain the borrow:\n${text}`);
      assert.ok(text.includes(sendLine), `the hover does not show the fixed signature:\n${text}`);
      await shot('hover-explanation.png');
    });

    await step('open the quick fix menu with Ctrl+.', 20_000, async () => {
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await page.keyboard.press('Escape');
      const box = await boxOf(warning, 'the warning squiggle');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      // Leave the squiggle, so its hover does not come back over the menu.
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => page.keyboard.press('Escape'));
      await page.keyboard.press('Control+Period');
      await shown(page.locator('.action-widget', { hasText: 'Return a future instead of being async' }), 'the quick fix in the Ctrl+. menu', 15_000);
      await shot('quick-fix-menu.png');
    });

    await step('apply the fix and see the line change', 20_000, async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Return a future instead of being async' }).first().click();
      const lines = editor.locator('.view-lines');
      await poll('the fixed line in the editor', 15_000, async () => normalise(await lines.innerText()).includes(sendLine));
      await editor
        .locator('.squiggly-warning')
        .waitFor({ state: 'detached', timeout: 15_000 })
        .catch(() => assert.fail('the warning squiggle stayed after the fix'));
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await shot('quick-fix-applied.png');
    });

    await step('open the Problems panel with Ctrl+Shift+M', 20_000, async () => {
      await page.keyboard.press('Control+Shift+KeyM');
      const panel = page.locator('.markers-panel', { hasText: 'write-via-stream' });
      await shown(panel, 'the Problems panel listing write-via-stream', 15_000);
      const text = normalise(await panel.innerText());
      assert.ok(!text.includes('`send` is async'), `the fixed warning is still listed:\n${text}`);
      // Going to the remaining problem shows it in the editor beside the list.
      await panel.locator('.monaco-list-row', { hasText: 'write-via-stream' }).first().click();
      await shown(editor.locator('.squiggly-info'), 'the information squiggle of write-via-stream', 10_000);
      await shot('problems-panel.png');
    });
  } finally {
    await page.close();
  }
});

/** Waits for an element to be visible; a time-out names what a person would have missed. */
async function shown(locator: Locator, what: string, timeoutMs: number): Promise<void> {
  await locator.waitFor({ timeout: timeoutMs }).catch(() => {
    throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
  });
}

/** Where an element is on the page; Monaco re-renders decorations, so ask until it stays. */
async function boxOf(locator: Locator, what: string): Promise<{ x: number; y: number; width: number; height: number }> {
  let box: Awaited<ReturnType<Locator['boundingBox']>> = null;
  await poll(`${what} to be on screen`, 10_000, async () => {
    box = await locator.boundingBox({ timeout: 1_000 }).catch(() => null);
    return box !== null;
  });
  return box!;
}

async function poll(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Monaco renders spaces as no-break spaces. */
function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}
