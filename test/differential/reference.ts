import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/parser';

/**
 * wit-parser (through jco) for many inputs in a row. Some inputs make wit-parser panic
 * (`cannot specify @unstable twice` in wit-parser 0.259 unwraps an error); a panic traps the
 * component instance and every later call fails with "cannot enter component instance".
 * So after a trap the module is loaded again, as a fresh instance, and the panic is
 * reported as the verdict for that input ("wit-parser panicked: ...").
 */
const VENDOR = pathToFileURL(path.join(ROOT, 'node_modules/@bytecodealliance/jco-transpile/vendor/wasm-tools.js')).href;

interface Tools {
  componentEmbed(options: Record<string, unknown>): unknown;
}

let tools: Promise<Tools> | null = null;
let generation = 0;

function load(): Promise<Tools> {
  tools ??= import(`${VENDOR}?instance=${generation}`).then(async (module: { $init: Promise<void>; tools: Tools }) => {
    await module.$init;
    return module.tools;
  });
  return tools;
}

/** Null when wit-parser accepts, else its message (or its panic). */
export async function embedError(options: Record<string, unknown>): Promise<string | null> {
  const { componentEmbed } = await load();
  try {
    componentEmbed(options);
    return null;
  } catch (error) {
    const message = String((error as { message?: string })?.message ?? error);
    if ((error as Error)?.name === 'RuntimeError' || /cannot enter component instance|unreachable/.test(message)) {
      tools = null;
      generation++;
      return `wit-parser panicked: ${message}`;
    }
    return message;
  }
}
