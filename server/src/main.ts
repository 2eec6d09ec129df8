import * as fs from 'node:fs';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isServerCommand, runCommandLine } from './cli/command-line';
import { startServer } from './lsp/server';
import { answerNotInitialized, guardedConnectionOptions, watchFraming } from './lsp/protocol-guard'; // hostile-input
import { loadWitParser } from './parser';
import { capYoungGeneration } from './lsp/young-generation';

async function main(argv: string[]): Promise<number | undefined> {
  const wasmDir = __dirname;
  if (isServerCommand(argv)) {
    const connection = createConnection(ProposedFeatures.all, guardedConnectionOptions()); // hostile-input
    answerNotInitialized(connection); // hostile-input
    // A stray exception in a callback must not end the editor's session: log it, keep serving.
    process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${describe(error)}`));
    process.on('unhandledRejection', (error) => connection.console.error(`unhandled rejection: ${describe(error)}`));
    capYoungGeneration(); // a long-lived process: memory it grows once it keeps
    startServer(connection, await loadWitParser(wasmDir));
    // hostile-input: a broken frame cannot be resynchronised; exiting lets the client restart
    // the server. Watched after `listen`, so that the connection's reader sees every chunk too.
    if (argv.includes('--stdio')) watchFraming(process.stdin, (why) => process.stderr.write(`wit-ls: unreadable message stream (${why}); exiting\n`, () => process.exit(1)));
    return undefined; // keeps running until the client exits it
  }
  return runCommandLine(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    parser: () => loadWitParser(wasmDir),
    version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev',
    readStdin: () => fs.readFileSync(0, 'utf8'),
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

declare const __VERSION__: string | undefined;

main(process.argv.slice(2)).then(
  (code) => {
    // Exit explicitly once the output is flushed: vscode-languageserver, loaded with the
    // bundle, keeps a timer alive when `--clientProcessId` is on the command line.
    if (code !== undefined) process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(`wit-ls: ${describe(error)}\n`, () => process.exit(2));
  },
);
