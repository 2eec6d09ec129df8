import * as path from 'node:path';
import { commands, window, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the bundled WIT language server for `wit` documents. */
export async function activate(context: ExtensionContext): Promise<void> {
  const server = context.asAbsolutePath(path.join('dist', 'wit-ls.js'));
  const serverOptions: ServerOptions = {
    run: { module: server, transport: TransportKind.ipc },
    debug: { module: server, transport: TransportKind.ipc, options: { execArgv: ['--inspect=6009'] } },
  };
  const outputChannel = window.createOutputChannel('WIT Language Server', { log: true });
  client = new LanguageClient('wit', 'WIT Language Server', serverOptions, {
    documentSelector: [{ language: 'wit' }],
    outputChannel,
  });
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand('wit.restartServer', () => client?.restart()),
    commands.registerCommand('wit.showOutput', () => outputChannel.show()),
    commands.registerCommand('wit.fixAllInFile', () => {
      const editor = window.activeTextEditor;
      if (editor?.document.languageId !== 'wit') return;
      return client?.sendRequest('workspace/executeCommand', {
        command: 'wit.fixAll',
        arguments: [editor.document.uri.toString()],
      });
    }),
  );
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
