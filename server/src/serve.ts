import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';
import { answerNotInitialized, guardedConnectionOptions, watchFraming } from './lsp/protocol-guard'; // hostile-input
import { manageYoungGeneration } from './lsp/young-generation';
import { describeError } from './describe-error';
import type { WitParser } from './parser';

/**
 * Serves the language server over the transport named in `argv`. Its own module, which
 * main.ts imports only to serve: the protocol libraries (vscode-languageserver and the Node
 * built-ins it loads) cost every `check` and `fmt` run tens of milliseconds to evaluate.
 */
export async function serve(argv: string[], loadParser: () => Promise<WitParser>): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, guardedConnectionOptions()); // hostile-input
  answerNotInitialized(connection); // hostile-input
  // A stray exception in a callback must not end the editor's session: log it, keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${describeError(error)}`));
  process.on('unhandledRejection', (error) => connection.console.error(`unhandled rejection: ${describeError(error)}`));
  manageYoungGeneration(); // a long-lived process: memory it grows once it keeps
  startServer(connection, await loadParser());
  // hostile-input: a broken frame cannot be resynchronised; exiting lets the client restart
  // the server. Watched after `listen`, so that the connection's reader sees every chunk too.
  if (argv.includes('--stdio')) watchFraming(process.stdin, (why) => process.stderr.write(`wit-ls: unreadable message stream (${why}); exiting\n`, () => process.exit(1)));
}
