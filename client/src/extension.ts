import * as path from 'node:path';
import { commands, window, type ExtensionContext } from 'vscode';
import { registerBindingsViews } from './bindings';
import { registerComponentViews } from './component-wit';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/**
 * Starts the bundled WIT language server for `wit` documents (also the `wit-component:` views
 * of `.wasm` files); everything else is the server's.
 */
export async function activate(context: ExtensionContext): Promise<void> {
  const server = context.asAbsolutePath(path.join('dist', 'wit-ls.js'));
  const serverOptions: ServerOptions = {
    run: { module: server, transport: TransportKind.ipc },
    debug: { module: server, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = window.createOutputChannel('WIT Language Server', { log: true });
  // The id `wit` makes the client read `wit.trace.server`.
  const languageClient = new LanguageClient('wit', 'WIT Language Server', serverOptions, {
    documentSelector: [{ language: 'wit' }],
    outputChannel,
  });
  client = languageClient;
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand('wit.restartServer', () => languageClient.restart()),
    commands.registerCommand('wit.showOutput', () => outputChannel.show(true)),
    commands.registerCommand('wit.fixAllInFile', async () => {
      const document = window.activeTextEditor?.document;
      if (document?.languageId !== 'wit') {
        void window.showInformationMessage('Open a WIT file to fix its async stream functions.');
        return;
      }
      await languageClient.sendRequest(ExecuteCommandRequest.type, {
        command: 'wit.fixAll',
        arguments: [document.uri.toString()],
      });
    }),
  );
  registerComponentViews(context, languageClient);
  registerBindingsViews(context, languageClient);
  await languageClient.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
