import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runCheck, type CheckOptions } from './cli/check';
import { startServer } from './lsp/server';
import { loadWitParser } from './parser';

const USAGE = `wit-ls: the WIT language server and checker

Usage:
  wit-ls --stdio | --node-ipc | --socket=PORT   run the language server
  wit-ls check [options] PATH...                 check .wit files and folders

Check options:
  --format text|json   output format (default text)
  --fix                apply every quick fix in place
  --deny-warnings      exit non-zero on warnings as well as errors
`;

const SERVER_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

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
  if (argv.some((a) => SERVER_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)))) {
    const connection = createConnection(ProposedFeatures.all);
    startServer(connection, await loadWitParser(wasmDir));
    return undefined; // keeps running until the client exits it
  }
  if (argv[0] === '--version') {
    process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
    return 0;
  }
  process.stdout.write(USAGE);
  return argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' ? 0 : 2;
}

declare const __VERSION__: string | undefined;

function parseCheckOptions(args: string[]): CheckOptions | string {
  const options: CheckOptions = { paths: [], format: 'text', fix: false, denyWarnings: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--fix') options.fix = true;
    else if (arg === '--deny-warnings') options.denyWarnings = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++i];
      if (value !== 'text' && value !== 'json') return `unknown format ${JSON.stringify(value ?? '')}`;
      options.format = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) return 'no path given';
  return options;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`wit-ls: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
