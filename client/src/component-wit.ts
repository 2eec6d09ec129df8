import * as path from 'node:path';
import {
  commands,
  EventEmitter,
  Uri,
  window,
  workspace,
  type CancellationToken,
  type CustomDocument,
  type ExtensionContext,
  type TextDocumentContentProvider,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** `wit-component:/path/app.wasm.wit`: the WIT of `/path/app.wasm`, read-only, served by the language server. */
const SCHEME = 'wit-component';

/**
 * The WIT of `.wasm` components: a read-only `wit-component:` document whose text the
 * server decodes (jco's wasm-tools), opened from the explorer's context menu, the command
 * palette, or by opening the `.wasm` itself. Being a `wit` document, it gets the server's
 * highlighting, hover, outline and navigation.
 */
export function registerComponentViews(context: ExtensionContext, client: LanguageClient): void {
  const changed = new EventEmitter<Uri>();
  const provider: TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri: Uri): Promise<string> {
      await client.start(); // a no-op once running; the view may be restored before activation ends
      const { text } = await client.sendRequest<{ text: string }>('wit/componentWit', { uri: wasmOf(uri).toString() });
      return text;
    },
  };
  const watcher = workspace.createFileSystemWatcher('**/*.wasm');
  const refresh = (wasm: Uri) => {
    const view = viewOf(wasm).toString();
    if (workspace.textDocuments.some((d) => d.uri.toString() === view)) changed.fire(viewOf(wasm));
  };
  context.subscriptions.push(
    changed,
    watcher,
    watcher.onDidChange(refresh),
    watcher.onDidCreate(refresh),
    workspace.registerTextDocumentContentProvider(SCHEME, provider),
    commands.registerCommand('wit.showComponentInterface', async (target?: Uri) => {
      const wasm = target ?? (await pickWasm());
      if (wasm) await window.showTextDocument(viewOf(wasm), { preview: false });
    }),
    window.registerCustomEditorProvider('wit.componentInterface', new RedirectToWitView(), {
      supportsMultipleEditorsPerDocument: true,
    }),
  );
}

/**
 * Opening a `.wasm` file shows its WIT: this custom editor hands over to the `wit-component:`
 * text document at once (a webview could not offer hover or navigation).
 */
class RedirectToWitView {
  openCustomDocument(uri: Uri): CustomDocument {
    return { uri, dispose: () => {} };
  }

  async resolveCustomEditor(document: CustomDocument, panel: WebviewPanel, _token: CancellationToken): Promise<void> {
    panel.webview.html = `<p>Opening the WIT of ${escapeHtml(path.basename(document.uri.fsPath))}…</p>`;
    await window.showTextDocument(viewOf(document.uri), { viewColumn: panel.viewColumn, preview: false });
    panel.dispose();
  }
}

function viewOf(wasm: Uri): Uri {
  return Uri.from({ scheme: SCHEME, path: `${wasm.path}.wit` });
}

function wasmOf(view: Uri): Uri {
  return Uri.file(view.path.replace(/\.wit$/, ''));
}

async function pickWasm(): Promise<Uri | undefined> {
  const active = window.activeTextEditor?.document.uri;
  if (active?.path.endsWith('.wasm')) return active;
  const [picked] = (await window.showOpenDialog({ canSelectMany: false, filters: { 'WebAssembly component': ['wasm'] } })) ?? [];
  return picked;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
