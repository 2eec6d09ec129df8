// Problems for the whole workspace, in a real VS Code (code-server) driven by Chromium: the
// extension starts on a folder holding WIT without any file being opened, and the Problems
// panel follows an edit into files that were never opened. `npm run test:e2e` provides the
// tools and the .vsix; `npm run screenshots` keeps the picture for the README.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { e2eSession, uiPage, VIEWPORT } from './harness/session';
import { shown } from './harness/ui';

/** A package of three files; only types.wit is ever opened. */
const FILES: Record<string, string> = {
  'wit/types.wit': 'package demo:store;\n\ninterface types {\n  record item {\n    id: u64,\n    name: string,\n  }\n}\n',
  'wit/api.wit': 'interface api {\n  use types.{item};\n\n  get: func(id: u64) -> option<item>;\n  put: func(value: item);\n}\n',
  'wit/blobs.wit':
    'interface blobs {\n  resource blob {\n    write: async func(data: stream<u8>);\n  }\n}\n\nworld store {\n  export api;\n  export blobs;\n}\n',
};

const e2e = e2eSession('problems', (work) => {
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(work, 'workspace', file)), { recursive: true });
    writeFileSync(path.join(work, 'workspace', file), text);
  }
});

test('Problems lists the errors of files never opened, and follows an edit into them', { timeout: 180_000 }, async () => {
  const workspace = path.join(e2e.work, 'workspace');
  const { page, step, open, shot } = await uiPage(e2e);
  const problems = page.locator('.markers-panel');
  const row = (text: string): Locator => problems.locator('.monaco-list-row', { hasText: text });
  const editor = page.locator('.monaco-editor').first();

  try {
    await step('open the folder, no file, and see the warning of blobs.wit in Problems', 90_000, async () => {
      await open(workspace);
      await shown(page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'wit' }), 'the file tree', 60_000);
      await page.keyboard.press('Control+Shift+KeyM');
      // The extension starts on a folder that holds WIT (workspaceContains), with no editor open.
      await shown(row('`write` is async'), 'the async-stream-param warning of blobs.wit in Problems', 60_000);
      assert.equal(await editor.count(), 0, 'no editor should be open');
    });

    await step('open types.wit and rename the record that api.wit uses', 60_000, async () => {
      await page.keyboard.press('Control+KeyP');
      await page.keyboard.type('types.wit');
      await shown(page.locator('.quick-input-list .monaco-list-row', { hasText: 'types.wit' }), 'types.wit in Quick Open', 10_000);
      await page.keyboard.press('Enter');
      await shown(editor.locator('.view-lines', { hasText: 'record item' }), 'types.wit in an editor', 20_000);
      await page.keyboard.press('Control+KeyG');
      await page.keyboard.type('4:10');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+KeyD'); // selects the word at the cursor: `item`
      await page.keyboard.type('entry');
      await shown(row('name `item` does not exist'), 'the error of api.wit, never opened, in Problems', 15_000);
      const files = await problems.locator('.monaco-list-row[aria-label*="problem"]').evaluateAll((found) => found.map((r) => r.getAttribute('aria-label') ?? ''));
      assert.ok(files.some((label) => label.includes('api.wit')), `Problems does not list api.wit:\n${files.join('\n')}`);
      assert.equal(await page.locator('.tabs-container .tab', { hasText: 'api.wit' }).count(), 0, 'api.wit should not be open');
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await shot('problems-workspace.png');
    });

    await step('undo the rename and see the error of api.wit go', 30_000, async () => {
      await editor.locator('.view-lines').click();
      await page.keyboard.press('Control+KeyZ');
      await shown(editor.locator('.view-lines', { hasText: 'record item' }), 'the rename undone', 10_000);
      await row('name `item` does not exist').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => assert.fail('the error of api.wit stayed after the fix'));
      await shown(row('`write` is async'), 'the warning of blobs.wit, still listed', 5_000);
    });
  } finally {
    await page.close();
  }
});

