import * as fs from 'node:fs';
import { isServerCommand, runCommandLine } from './cli/command-line';
import { describeError } from './describe-error';
import { loadWitParser } from './parser';

async function main(argv: string[]): Promise<number | undefined> {
  const wasmDir = __dirname;
  if (isServerCommand(argv)) {
    // Loaded only to serve: `check` and `fmt` never evaluate the protocol libraries.
    const { serve } = await import('./serve.js');
    await serve(argv, () => loadWitParser(wasmDir));
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

declare const __VERSION__: string | undefined;

main(process.argv.slice(2)).then(
  (code) => {
    // Exit explicitly once the output is flushed: no timer or handle left behind by a
    // library may keep a finished command running.
    if (code !== undefined) process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(`wit-ls: ${describeError(error)}\n`, () => process.exit(2));
  },
);
