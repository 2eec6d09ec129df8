import { jcoErrorText, typeGenerator } from './jco';
import { withLinksResolved } from './links-resolved';

export interface BindingsFile {
  /** As jco names it: `proxy.d.ts` for the world, `interfaces/wasi-io-streams.d.ts`, ... */
  path: string;
  text: string;
}

export interface TypeScriptBindings {
  /** The world they are for, as `ns:pkg/world@version`. */
  world: string;
  /** What a component written in JavaScript implements and imports (`jco componentize`). */
  guest: BindingsFile[];
  /** What a JavaScript host sees of the component (`jco transpile`). */
  host: BindingsFile[];
}

/**
 * The TypeScript declarations jco generates for `world`, read by wit-parser from `witPath`
 * (a package folder with its `deps/`, or one file). Rejects with wit-parser's message
 * when the WIT on disk does not resolve.
 */
export async function typescriptBindings(witPath: string, world: string): Promise<TypeScriptBindings> {
  // jco names the world's file after the world; by default it would keep `@version`.
  const name = world.slice(world.indexOf('/') + 1).replace(/@.*$/, '');
  const generator = await typeGenerator();
  const options = { worldName: world, name };
  try {
    return await withLinksResolved(witPath, async (readable) => {
      const guest = await generator.generateGuestTypes(readable, options);
      const host = await generator.generateHostTypes(readable, options);
      return { world, guest: filesOf(guest), host: filesOf(host) };
    });
  } catch (error) {
    throw new Error(mostSpecificCause(jcoErrorText(error)));
  }
}

function filesOf(files: Record<string, Uint8Array | string>): BindingsFile[] {
  const decoder = new TextDecoder();
  return Object.entries(files)
    .map(([path, content]) => ({ path, text: typeof content === 'string' ? content : decoder.decode(content) }))
    .sort((a, b) => Number(a.path.includes('/')) - Number(b.path.includes('/')) || a.path.localeCompare(b.path));
}

/** `reading WIT dir at [..]` ... `1: name \`x\` does not exist`: the last cause says what is wrong. */
function mostSpecificCause(text: string): string {
  const causes = [...text.matchAll(/^\s*\d+: (.*)$/gm)].map((m) => m[1]);
  return causes.at(-1) ?? text.replace(/\s*\n\s*/g, ': ');
}
