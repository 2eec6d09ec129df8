/** The name of the empty world added so wit-parser has a world to embed. */
const CHECK_WORLD = 'wit-ls-reference-check';

/**
 * Runs the reference parser, wasm-tools' wit-parser (through jco), on one WIT source
 * (a single package; nested packages allowed). Returns null when it accepts the source,
 * else its error message. A test oracle only, never our parser.
 */
export async function referenceError(witSource: string, features: string[] = []): Promise<string | null> {
  // jco is ESM-only; these tests are CommonJS.
  const { componentEmbed } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  try {
    await componentEmbed({
      witSource: `${witSource}\nworld ${CHECK_WORLD} {}\n`,
      world: CHECK_WORLD,
      dummy: true,
      features: { tag: 'list', val: features },
    });
    return null;
  } catch (error) {
    return String((error as { message?: string })?.message ?? error);
  }
}
