import * as path from 'node:path';
import { formatText } from '../analysis/format';
import type { WitParser } from '../parser';
import { collectWitFiles, readRegularFile, reason } from './files';
import { FixScope, writeFix } from './write';
import { printable } from './printable';

export const FMT_USAGE = `Usage:
  wit-ls fmt PATH...           format .wit files in place (folders recursively)
  wit-ls fmt --check PATH...   change nothing; list the files that are not formatted
  wit-ls fmt -                 format standard input to standard output

The style is the canonical one of wasm-tools' WIT printer (two-space indentation);
only whitespace changes, comments stay. A file with syntax errors is left as it is.

Exit status: 0 done (with --check: every file is formatted), 1 a file has syntax errors
(with --check: or is not formatted), 2 bad usage or unreadable paths.
`;

export interface FmtOptions {
  paths: string[];
  check: boolean;
}

export interface FmtIo {
  /** Standard output, written as is. */
  out: (text: string) => void;
  /** One line of standard error. */
  err: (line: string) => void;
  readStdin: () => string;
}

/** Parses `wit-ls fmt`'s arguments; a string is a usage error, `help` asks for the usage. */
export function parseFmtOptions(args: string[]): FmtOptions | 'help' | string {
  const options: FmtOptions = { paths: [], check: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      options.paths.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--check') options.check = true;
    else if (arg !== '-' && arg.startsWith('-')) return `unknown option ${printable(arg)}`;
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) return 'no path given (use - for standard input)';
  if (options.paths.includes('-') && options.paths.length > 1) return '- (standard input) cannot be mixed with paths';
  return options;
}

/** `wit-ls fmt`: returns the exit code. */
export function runFmt(parser: WitParser, options: FmtOptions, io: FmtIo): number {
  if (options.paths[0] === '-') return formatStdin(parser, options, io);
  let unreadable = false;
  let broken = 0;
  const files: string[] = [];
  for (const p of options.paths) {
    const before = files.length;
    let failed = false;
    collectWitFiles(p, files, (where, why) => {
      io.err(`wit-ls: cannot read ${printable(where)}: ${why}`);
      failed = unreadable = true;
    });
    if (files.length === before && !failed) {
      io.err(`wit-ls: no .wit file in ${printable(p)}`);
      unreadable = true;
    }
  }
  const changed: string[] = [];
  const scope = new FixScope(options.paths);
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(path.resolve(file))) continue;
    seen.add(path.resolve(file));
    let text: string;
    let bytes: Buffer;
    try {
      ({ text, bytes } = readRegularFile(file));
    } catch (error) {
      io.err(`wit-ls: cannot read ${printable(file)}: ${reason(error)}`);
      unreadable = true;
      continue;
    }
    const result = format(parser, text);
    if ('refused' in result) {
      io.err(`wit-ls: not formatting ${printable(file)}: ${result.refused}`);
      broken++;
      continue;
    }
    if (result.text === text) continue;
    if (!options.check) {
      try {
        writeFix(file, bytes, result.text, scope);
      } catch (error) {
        io.err(`wit-ls: cannot write ${printable(file)}: ${reason(error)}`);
        unreadable = true;
        continue;
      }
    }
    changed.push(file);
  }
  const checked = seen.size;
  if (options.check && checked > 0) {
    for (const file of changed) io.out(`${printable(file)}\n`);
    io.err(
      changed.length === 0
        ? `${count(checked)} formatted${broken ? `, ${broken} with syntax errors` : ''}`
        : `${changed.length} of ${count(checked)} not formatted${broken ? `, ${broken} with syntax errors` : ''}; run \`wit-ls fmt\` on ${changed.length === 1 ? 'it' : 'them'}`,
    );
  } else if (checked > 0) {
    io.err(`${count(checked)}: ${changed.length} reformatted${broken ? `, ${broken} left alone (syntax errors)` : ''}`);
  }
  if (unreadable) return 2;
  return broken > 0 || (options.check && changed.length > 0) ? 1 : 0;
}

function formatStdin(parser: WitParser, options: FmtOptions, io: FmtIo): number {
  let text: string;
  try {
    text = io.readStdin();
  } catch (error) {
    io.err(`wit-ls: cannot read standard input: ${reason(error)}`);
    return 2;
  }
  const result = format(parser, text);
  if ('refused' in result) {
    io.err(`wit-ls: not formatting standard input: ${result.refused}`);
    return 1;
  }
  if (options.check) {
    if (result.text === text) return 0;
    io.out('-\n');
    return 1;
  }
  io.out(result.text);
  return 0;
}

function format(parser: WitParser, text: string): { text: string } | { refused: string } {
  const tree = parser.parse(text);
  try {
    return formatText(text, tree);
  } finally {
    tree.delete();
  }
}

function count(files: number): string {
  return `${files} file${files === 1 ? '' : 's'}`;
}
