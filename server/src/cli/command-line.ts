import type { WitParser } from '../parser';
import { runCheck, type CheckOptions } from './check';
import { FMT_USAGE, parseFmtOptions, runFmt } from './fmt';
import { printable } from './printable';

export const USAGE = `wit-ls: the WIT language server and checker

Usage:
  wit-ls --stdio | --node-ipc | --socket=PORT | --pipe=NAME   run the language server
  wit-ls check [options] PATH...   check .wit files, and folders recursively
  wit-ls fmt [--check] PATH... | - format .wit files in the canonical style
  wit-ls -h | --help               print this help
  wit-ls -V | --version            print the version

Run \`wit-ls check --help\` or \`wit-ls fmt --help\` for their options.
`;

export const CHECK_USAGE = `wit-ls check: report syntax errors, semantic errors and rule findings in .wit files

Usage:
  wit-ls check [options] PATH...   check .wit files, and folders recursively

Options:
  --format text|json   output format (default text); json is an array of
                       {file, range, severity, code, message} (0-based, severity 1-4)
  --fix                apply every quick fix in place and print each change
  --deny-warnings      exit non-zero on warnings as well as errors
  --features A,B       enable these @unstable features (as wasm-tools --features)
  -h, --help           print this help
  --                   every later argument is a path

Exit status: 0 clean, 1 errors (or warnings with --deny-warnings), 2 bad usage,
unreadable paths or fixes that could not be written.
`;

/** The transports `createConnection` reads from the command line: these start the server. */
const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

export function isServerCommand(argv: string[]): boolean {
  return argv[0] !== 'check' && argv[0] !== 'fmt' && argv.some((a) => TRANSPORT_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)));
}

export interface CommandLineIo {
  /** Writes text as it is (usage, version); `line` adds the line end. */
  out: (text: string) => void;
  err: (text: string) => void;
  /** Loaded only for commands that analyse WIT, so `--help` stays instant. */
  parser: () => Promise<WitParser>;
  version: string;
  /** Standard input, for `fmt -`. */
  readStdin: () => string;
}

/**
 * Every command except serving: `check`, help and version. Returns the exit code; all
 * output goes through `io`, so tests run it in process.
 */
export async function runCommandLine(argv: string[], io: CommandLineIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') {
    const options = parseCheckOptions(rest);
    if (options === 'help') {
      io.out(CHECK_USAGE);
      return 0;
    }
    if (typeof options === 'string') {
      io.err(`wit-ls check: ${options}\n\n${CHECK_USAGE}`);
      return 2;
    }
    return runCheck(await io.parser(), options, { out: (line) => io.out(`${line}\n`), err: (line) => io.err(`${line}\n`) });
  }
  if (command === 'fmt') {
    const options = parseFmtOptions(rest);
    if (options === 'help') {
      io.out(FMT_USAGE);
      return 0;
    }
    if (typeof options === 'string') {
      io.err(`wit-ls fmt: ${options}\n\n${FMT_USAGE}`);
      return 2;
    }
    return runFmt(await io.parser(), options, { out: io.out, err: (line) => io.err(`${line}\n`), readStdin: io.readStdin });
  }
  if (command === '--version' || command === '-V') {
    io.out(`${io.version}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const what = command.startsWith('-') ? 'option' : 'command';
  io.err(`wit-ls: unknown ${what} "${printable(command)}"\n\n${USAGE}`);
  return 2;
}

/** The options of `check`, `'help'` when help is asked for, or what is wrong with them. */
export function parseCheckOptions(args: string[]): CheckOptions | 'help' | string {
  const options: CheckOptions = { paths: [], format: 'text', fix: false, denyWarnings: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      options.paths.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--fix') options.fix = true;
    else if (arg === '--deny-warnings') options.denyWarnings = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++i];
      if (value === undefined) return '--format needs a value: text or json';
      if (value !== 'text' && value !== 'json') return `unknown format "${printable(value)}": use text or json`;
      options.format = value;
    } else if (arg === '--features' || arg.startsWith('--features=')) {
      const value = arg.includes('=') ? arg.slice('--features='.length) : args[++i];
      if (value === undefined) return '--features needs a comma-separated list of feature names';
      options.features = value.split(',').map((f) => f.trim()).filter((f) => f !== '');
    } else if (arg.startsWith('-')) return `unknown option ${printable(arg)}`;
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) return 'no path given';
  return options;
}
