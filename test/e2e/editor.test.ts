// The packaged extension in a real VS Code (code-server) driven by Chromium: first the
// extension-host suite (test/e2e/extension-host/suite.ts), then the UI as a person uses it,
// with a screenshot of each step: on our fixture, then on a real WASI release candidate from
// ../shared/wit-corpus when it is there. `npm run test:e2e` provides the tools and the .vsix.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { e2eSession, uiPage, VIEWPORT } from './harness/session';
import { boxOf, normalise, poll, pressUntilShown, remote, settled, shown, workbenchUrl } from './harness/ui';
import { bundleExtensionTests } from './harness/extension-tests';
import { CORPUS, corpusMissing } from '../helpers/corpus';

const FIXTURE = path.join(__dirname, 'fixtures/before-fix/sockets.wit');
/** A WASI 0.3 release candidate from before WebAssembly/WASI#870 and #869, as published. */
const WASI_RELEASE = path.join(CORPUS, 'wasi-p3/WASI@v0.3.0-rc-2026-01-06');
const WASI_TYPES = 'proposals/filesystem/wit-0.3.0-draft/types.wit';

const e2e = e2eSession('editor', (work) => {
  mkdirSync(workspaceIn(work));
  mkdirSync(suiteWorkspaceIn(work));
  copyFileSync(FIXTURE, path.join(workspaceIn(work), 'sockets.wit'));
});
/** The UI test's folder; the extension-host suite gets its own, so neither sees the other's files. */
function workspaceIn(work: string): string {
  return path.join(work, 'workspace');
}
function suiteWorkspaceIn(work: string): string {
  return path.join(work, 'suite-workspace');
}

test('the extension-host suite passes in the installed extension', { timeout: 180_000 }, async () => {
  const testsPath = bundleExtensionTests(path.join(e2e.work, 'extension-tests'));
  const page = await e2e.browser.newPage();
  const output: string[] = [];
  let exited!: (code: number) => void;
  const exitCode = new Promise<number>((resolve) => (exited = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    output.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  });
  await page.goto(
    workbenchUrl(e2e.server, suiteWorkspaceIn(e2e.work), [
      // The installed extension's own folder: the suite tests exactly what the .vsix holds.
      ['extensionDevelopmentPath', remote(e2e.server, e2e.server.extensionPath)],
      ['extensionTestsPath', remote(e2e.server, testsPath)],
    ]),
  );
  const limitMs = 150_000;
  const code = await Promise.race([exitCode, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), limitMs).unref())]);
  await page.close();
  const log = output.join('\n');
  if (code === 'timeout') {
    assert.fail(`the extension-host suite did not finish within ${limitMs / 1000} s.\nIts output:\n${log}\ncode-server:\n${e2e.server.output().slice(-4000)}`);
  }
  assert.equal(code, 0, `the extension-host suite failed. The workbench's log:\n${log}`);
  // The suite's own lines; the rest of the workbench's log matters only on failure.
  console.log(output.filter((line) => /^(✔|✖|extension host:)/.test(line)).join('\n'));
});

test('a person sees the squiggle, reads the hover, applies the quick fix and opens Problems', { timeout: 180_000 }, async () => {
  const { page, step, open, shot } = await uiPage(e2e);
  const editor = page.locator('.monaco-editor').first();
  const warning = editor.locator('.squiggly-warning').first();
  const sendLine = 'send: func(data: stream<u8>) -> future<result<_, error-code>>;';

  try {
    await step('open sockets.wit and see the warning squiggle', 90_000, async () => {
      await open(workspaceIn(e2e.work), 'sockets.wit');
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

    await step('open the quick fix menu with Ctrl+.', 40_000, async () => {
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await page.keyboard.press('Escape');
      const box = await boxOf(warning, 'the warning squiggle');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      // Leave the squiggle, so its hover does not come back over the menu.
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => page.keyboard.press('Escape'));
      const menu = page.locator('.action-widget', { hasText: 'Return a future instead of being async' });
      await pressUntilShown(page, 'Control+Period', menu, 'the quick fix menu', async () => {
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      }, { attempts: 3 });
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

test('a real WASI 0.3 release candidate: Problems lists the async stream findings of the whole release and no error', { skip: corpusMissing, timeout: 120_000 }, async () => {
  // A copy outside the repository, so that the workbench cannot write into ../shared. The
  // whole release, as wit-parser would need it: filesystem/types.wit uses wasi:clocks from a
  // sibling folder, and opening filesystem/ alone reports that package as not found.
  const release = path.join(e2e.work, path.basename(WASI_RELEASE));
  cpSync(WASI_RELEASE, release, { recursive: true });
  const { page, step, open, shot } = await uiPage(e2e);
  const editor = page.locator('.monaco-editor').first();
  const problems = page.locator('.markers-panel');

  try {
    await step('open filesystem/types.wit of the release and the Problems panel', 90_000, async () => {
      await open(release, WASI_TYPES);
      await shown(editor.locator('.view-lines', { hasText: 'package wasi:filesystem' }), 'types.wit in an editor', 60_000);
      await page.keyboard.press('Control+Shift+KeyM');
      await shown(problems.locator('.monaco-list-row', { hasText: 'append-via-stream' }), 'append-via-stream in the Problems panel', 30_000);
      // Every file of the release is checked, open or not (wit.diagnostics.scope `workspace`);
      // semantic errors follow once the server has read it: wait until the list stays put.
      const listed = await settled('the rows of the Problems panel', 20_000, () =>
        problems
          .locator('.monaco-list-row')
          .evaluateAll((found) => found.map((row) => row.getAttribute('aria-label') ?? '').join('\n'))
          .catch(() => ''),
      );
      const rows = listed.split('\n');
      // What WebAssembly/WASI#870 changed, and nothing else: the methods `write-via-stream`,
      // `append-via-stream` (filesystem) and `send` (sockets) are warnings; cli's free
      // `write-via-stream` functions are informations. VS Code leaves hints out of Problems.
      const found = rows.filter((label) => /^(Error|Warning|Info)/.test(label)).map((label) => label.replace(/^(\w+): `([\w-]+)`.*(line \d+).*/, '$1 $2 $3'));
      assert.deepEqual(
        found.sort(),
        ['Info write-via-stream line 48', 'Info write-via-stream line 64', 'Warning append-via-stream line 346', 'Warning send line 312', 'Warning write-via-stream line 330'],
        `the Problems panel lists other problems:\n${rows.join('\n')}`,
      );
    });

    await step('go to write-via-stream from Problems and see both squiggles', 20_000, async () => {
      // A double click opens the problem with the focus in the editor.
      await problems.locator('.monaco-list-row', { hasText: /`write-via-stream`.*keeps `this` borrowed/ }).first().dblclick();
      await shown(page.locator('.statusbar-item', { hasText: 'Ln 330, Col' }), 'the cursor on write-via-stream', 10_000);
      await shown(page.locator('.monaco-editor.focused'), 'the focus in the editor', 5_000);
      // Scroll by lines, not the cursor, until append-via-stream, 16 lines below, is on
      // screen too, then a little further so that it is not on the bottom edge.
      const squiggles = editor.locator('.squiggly-warning');
      for (let presses = 0; (await squiggles.count()) < 2 && presses < 16; presses++) {
        await page.keyboard.press('Control+ArrowDown');
        await page.waitForTimeout(50);
      }
      for (let i = 0; i < 4; i++) await page.keyboard.press('Control+ArrowDown');
      await poll('the squiggles of write-via-stream and append-via-stream', 5_000, async () => (await squiggles.count()) === 2);
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await shot('problems-panel-wasi.png');
    });

    await step('go to read-directory and see its hint and the outline', 20_000, async () => {
      await page.keyboard.press('Control+KeyJ'); // close the panel: room for the editor
      await page.locator('.pane-header', { hasText: path.basename(WASI_RELEASE) }).click(); // fold the file tree
      const outlineHeader = page.locator('.pane-header', { hasText: 'Outline' });
      await outlineHeader.click();
      // A row's label is the symbol's name and its kind: "descriptor-type (enumeration)".
      const outlineRow = (name: string) => page.locator(`.outline-pane .monaco-list-row[aria-label^="${name} ("]`);
      await shown(outlineRow('descriptor-type'), 'the outline of types.wit', 10_000);
      // Folded, and following the cursor (off by default), the outline shows the way to the
      // cursor's symbol and little else.
      await outlineHeader.getByRole('button', { name: 'Collapse All' }).click();
      await outlineRow('descriptor-type').waitFor({ state: 'detached', timeout: 5_000 });
      // The view's menu may not open on a click that lands while the outline re-renders.
      const followCursor = page.locator('.monaco-menu .action-item', { hasText: 'Follow Cursor' });
      await poll("the outline's Follow Cursor menu item", 10_000, async () => {
        if (!(await followCursor.isVisible())) await outlineHeader.getByRole('button', { name: 'More Actions...' }).click();
        return followCursor.waitFor({ timeout: 1_000 }).then(() => true, () => false);
      });
      await followCursor.click();
      await editor.locator('.view-lines').click();
      await page.keyboard.press('Control+KeyG');
      await page.keyboard.type('425:30');
      await page.keyboard.press('Enter');
      await shown(editor.locator('.view-lines', { hasText: 'read-directory: async func()' }), 'read-directory in the editor', 10_000);
      // The file's only hint; VS Code draws it as dots under the first characters.
      await shown(editor.locator('.squiggly-hint').first(), "the hint dots of read-directory's redundant async", 10_000);
      // The outline follows the cursor into descriptor.
      await shown(outlineRow('read-directory').and(page.locator('.selected')), 'read-directory selected in the outline', 10_000);
      await shown(page.locator('.breadcrumbs-control', { hasText: 'read-directory' }), 'read-directory in the breadcrumbs', 10_000);
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await shot('outline-wasi.png');
    });
  } finally {
    await page.close();
  }
});

