// The component view, the bindings preview and the snippets in a real VS Code (code-server)
// driven by Chromium, as a person uses them, with a screenshot of each for the README. The
// component is built here from corpus WIT (jco's componentEmbed and componentNew).
// `npm run test:e2e` provides the tools and the .vsix; alone, this file finds them itself.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { e2eSession, uiPage, VIEWPORT } from './harness/session';
import { boxOf, normalise, poll, pressUntilShown, shown } from './harness/ui';
import { buildComponent } from '../helpers/components';
import { CORPUS, corpusMissing } from '../helpers/corpus';

/** wasi:http 0.2.0-rc with its deps/: the proxy world imports from five packages. */
const HTTP = path.join(CORPUS, 'wit-component-print', 'wasi-http');

const SHOP = `package demo:shop@0.2.0;

interface catalog {
  /// An article for sale.
  record item { name: string, price: u32 }

  /// Finds an article by name.
  lookup: func(name: string) -> option<item>;
}

world store {
  export catalog;
}
`;

const workspaceIn = (work: string): string => path.join(work, 'workspace');

const e2e = e2eSession('components', async (work) => {
  const workspace = workspaceIn(work);
  mkdirSync(path.join(workspace, 'shop'), { recursive: true });
  writeFileSync(path.join(workspace, 'shop', 'shop.wit'), SHOP);
  writeFileSync(path.join(workspace, 'files.wit'), 'package demo:files@0.3.0;\n\ninterface files {\n  enum error-code { closed }\n\n  \n}\n');
  if (!corpusMissing) {
    // The component, and (a copy of) the WIT it was built from, so navigation has somewhere to go.
    cpSync(HTTP, path.join(workspace, 'wasi-http'), { recursive: true });
    writeFileSync(path.join(workspace, 'proxy.wasm'), (await buildComponent(HTTP, 'wasi:http/proxy')).component);
  }
});

test('opening a .wasm component shows its WIT, with hover and go to definition into the workspace', { skip: corpusMissing, timeout: 180_000 }, async () => {
  const workspace = workspaceIn(e2e.work);
  const { page, step, open, shot } = await uiPage(e2e);
  const editor = page.locator('.monaco-editor').first();
  try {
    await step('open proxy.wasm and see its world', 90_000, async () => {
      // As a person does: a double click in the Explorer (the editor resolver then picks our
      // custom editor for *.wasm). Only once the extension host knows the extension's
      // contributions: a file opened before that goes to the built-in editor.
      await open(workspace, 'files.wit');
      await shown(editor.locator('.view-lines', { hasText: 'interface files' }), 'files.wit in an editor', 60_000);
      // Coloured by the extension's TextMate grammar: its contributions are in.
      await shown(editor.locator('.view-line span[class^="mtk"]:not(.mtk1)', { hasText: 'interface' }).first(), 'files.wit highlighted', 30_000);
      const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'proxy.wasm' });
      await shown(file, 'proxy.wasm in the Explorer', 60_000);
      await file.dblclick();
      // The custom editor for .wasm hands over to the read-only wit-component: document.
      await shown(editor.locator('.view-lines', { hasText: 'export wasi:http/incoming-handler@0.2.0-rc-2023-12-05;' }), "the component's WIT", 60_000);
      const text = normalise(await editor.locator('.view-lines').innerText());
      for (const line of ['package root:component;', 'world root {', 'import wasi:http/types@0.2.0-rc-2023-12-05;', 'import wasi:io/streams@0.2.0-rc-2023-11-10;']) {
        assert.ok(text.includes(line), `the view lacks ${line}:\n${text}`);
      }
      await shown(page.locator('.tab.active', { hasText: 'proxy.wasm.wit' }), 'the view in the active tab', 10_000);
      // Highlighted by the WIT grammar.
      await shown(editor.locator('.view-line span[class^="mtk"]:not(.mtk1)', { hasText: 'world' }).first(), 'the view highlighted', 10_000);
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await shot('component-wit.png');
    });

    await step('hover an import and read its docs from the workspace', 30_000, async () => {
      const name = editor.locator('.view-line span', { hasText: 'incoming-handler' }).first();
      const box = await boxOf(name, 'incoming-handler in the view');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await shown(page.locator('.monaco-hover-content', { hasText: 'handler of incoming HTTP Requests' }), "the interface's docs in a hover", 20_000);
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await page.keyboard.press('Escape');
    });

    await step('go to the definition of an imported interface', 30_000, async () => {
      const name = editor.locator('.view-line span', { hasText: 'outgoing-handler' }).first();
      const box = await boxOf(name, 'outgoing-handler in the view');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.press('F12');
      await shown(page.locator('.tab.active', { hasText: 'handler.wit' }), 'handler.wit opened at the definition', 20_000);
    });
  } finally {
    await page.close();
  }
});

test('WIT: Show TypeScript Bindings opens the guest and host declarations, updated on save', { timeout: 180_000 }, async () => {
  const workspace = workspaceIn(e2e.work);
  const { page, step, open, shot } = await uiPage(e2e);
  const editors = page.locator('.monaco-editor');
  try {
    await step('open shop.wit and run the command in the world', 90_000, async () => {
      await open(workspace, 'shop/shop.wit');
      const source = editors.first();
      await shown(source.locator('.view-lines', { hasText: 'world store' }), 'shop.wit in an editor', 60_000);
      await source.locator('.view-line', { hasText: 'export catalog;' }).click();
      await runCommand(page, 'WIT: Show TypeScript Bindings');
      await shown(page.locator('.tab', { hasText: 'store.host.d.ts' }), 'the host tab', 60_000);
      await shown(page.locator('.tab.active', { hasText: 'store.guest.d.ts' }), 'the guest tab in front', 60_000);
      const guest = page.locator('.monaco-editor', { hasText: 'Guest bindings of demo:shop/store@0.2.0, generated by jco' });
      await shown(guest.locator('.view-lines', { hasText: 'export function lookup(name: string): Item | undefined;' }), 'lookup in the guest declarations', 30_000);
      await page.keyboard.press('Control+KeyB'); // hide the side bar: room for the WIT and the bindings
      await shot('bindings-preview.png');
      await page.keyboard.press('Control+KeyB');
    });

    await step('rename the function, save, and see the bindings follow', 60_000, async () => {
      const source = page.locator('.monaco-editor', { hasText: 'world store' });
      await source.locator('.view-line', { hasText: 'lookup: func' }).click();
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.type('find: func(name: string) -> option<item>;');
      await page.keyboard.press('Control+KeyS');
      await shown(page.locator('.monaco-editor', { hasText: 'Guest bindings of' }).locator('.view-lines', { hasText: 'export function find(name: string)' }), 'find in the refreshed bindings', 45_000);
    });
  } finally {
    await page.close();
  }
});

test('completion inserts a WASI 0.3 snippet', { timeout: 240_000 }, async () => {
  const workspace = workspaceIn(e2e.work);
  const { page, step, open, shot } = await uiPage(e2e);
  const editor = page.locator('.monaco-editor').first();
  try {
    await step('type write-via in an interface and pick the snippet', 160_000, async () => {
      await open(workspace, 'files.wit');
      await shown(editor.locator('.view-lines', { hasText: 'interface files' }), 'files.wit in an editor', 60_000);
      await editor.locator('.view-line').nth(5).click();
      await page.keyboard.press('End');
      await page.keyboard.type('write-via');
      // The first Ctrl+Space can reach the editor before the language server has started, and
      // then shows only words from the file; a person asks again.
      const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'write-via-stream' });
      await pressUntilShown(page, 'Control+Space', item, 'write-via-stream in the suggestions', async () => {
        await editor.locator('.view-line', { hasText: 'write-via' }).click();
        await page.keyboard.press('End');
      }, { attempts: 5 });
      await shot('snippet-completion.png');
      await item.first().click();
      await poll('the inserted signature', 15_000, async () =>
        normalise(await editor.locator('.view-lines').innerText()).includes('write-via-stream: func(data: stream<u8>) -> future<result<_, error-code>>;'),
      );
      await page.keyboard.press('Escape');
      await shot('snippet-inserted.png');
    });
  } finally {
    await page.close();
  }
});

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await shown(input, 'the command palette', 10_000);
  await input.fill(`>${title}`);
  await shown(page.locator('.quick-input-list .monaco-list-row', { hasText: title }), `${title} in the palette`, 10_000);
  await page.keyboard.press('Enter');
}

