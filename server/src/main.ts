import * as fs from 'node:fs';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runCheck, type CheckOptions } from './cli/check';
import { FMT_USAGE, parseFmtOptions, runFmt } from './cli/fmt';
import { startServer } from './lsp/server';
import { answerNotInitialized, guardedConnectionOptions, watchFraming } from './lsp/protocol-guard'; // hostile-input
import { loadWitParser } from './parser';

const USAGE = `wit-ls: the WIT language server and checker

Usage:
  wit-ls --stdio | --node-ipc | --socket=PORT | --pipe=NAME   run the language server
  wit-ls check [options] PATH...   check .wit files, and folders recursively
  wit-ls fmt [--check] PATH... | -   format .wit files (see wit-ls fmt --help)
  wit-ls --version | --help

Check options:
  --format text|json   output format (default text); json is an array of
                       {file, range, severity, code, message} (0-based, severity 1-4)
  --fix                apply every quick fix in place
  --deny-warnings      exit non-zero on warnings as well as errors
  --features A,B       enable these @unstable features (as wasm-tools --features)
  --                   every later argument is a path

Exit status of check: 0 clean, 1 errors (or warnings with --deny-warnings), 2 bad usage
or unreadable paths.
`;

/** The transports `createConnection` reads from the command line. */
const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

async function main(argv: string[]): Promise<number | undefined> {
  const wasmDir = __dirname;
  if (argv[0] === 'check') {
    const options = parseCheckOptions(argv.slice(1));
    if (typeof options === 'string') {
      process.stderr.write(`wit-ls check: ${options}\n\n${USAGE}`);
      return 2;
    }
    const parser = await loadWitParser(wasmDir);
    return runCheck(parser, options, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  }
  if (argv[0] === 'fmt') {
    const options = parseFmtOptions(argv.slice(1));
    if (options === 'help') {
      process.stdout.write(FMT_USAGE);
      return 0;
    }
    if (typeof options === 'string') {
      process.stderr.write(`wit-ls fmt: ${options}\n\n${FMT_USAGE}`);
      return 2;
    }
    return runFmt(await loadWitParser(wasmDir), options, {
      out: (text) => process.stdout.write(text),
      err: (line) => process.stderr.write(`${line}\n`),
      readStdin: () => fs.readFileSync(0, 'utf8'),
    });
  }
  if (argv.some((a) => TRANSPORT_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)))) {
    const connection = createConnection(ProposedFeatures.all, guardedConnectionOptions()); // hostile-input
    answerNotInitialized(connection); // hostile-input
    // A stray exception in a callback must not end the editor's session: log it, keep serving.
    process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${describe(error)}`));
    process.on('unhandledRejection', (error) => connection.console.error(`unhandled rejection: ${describe(error)}`));
    startServer(connection, await loadWitParser(wasmDir));
    // hostile-input: a broken frame cannot be resynchronised; exiting lets the client restart
    // the server. Watched after `listen`, so that the connection's reader sees every chunk too.
    if (argv.includes('--stdio')) watchFraming(process.stdin, (why) => process.stderr.write(`wit-ls: unreadable message stream (${why}); exiting\n`, () => process.exit(1)));
    return undefined; // keeps running until the client exits it
  }
  if (argv[0] === '--version') {
    process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
    return 0;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stderr.write(`wit-ls: unknown command ${JSON.stringify(argv[0])}\n\n${USAGE}`);
  return 2;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

declare const __VERSION__: string | undefined;

function parseCheckOptions(args: string[]): CheckOptions | string {
  const options: CheckOptions = { paths: [], format: 'text', fix: false, denyWarnings: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      options.paths.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--fix') options.fix = true;
    else if (arg === '--deny-warnings') options.denyWarnings = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++i];
      if (value === undefined) return '--format needs a value: text or json';
      if (value !== 'text' && value !== 'json') return `unknown format ${JSON.stringify(value)}: use text or json`;
      options.format = value;
    } else if (arg === '--features' || arg.startsWith('--features=')) {
      const value = arg.includes('=') ? arg.slice('--features='.length) : args[++i];
      if (value === undefined) return '--features needs a comma-separated list of feature names';
      options.features = value.split(',').map((f) => f.trim()).filter((f) => f !== '');
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) return 'no path given';
  return options;
}

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
