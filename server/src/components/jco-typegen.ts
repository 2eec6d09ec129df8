/**
 * jco's TypeScript type generator, reading WIT folders from disk. The build bundles this
 * file on its own as dist/jco/typegen.mjs, with `@bytecodealliance/jco-transpile` mapped to
 * its typegen module: the package index would also load the transpiler, binaryen and a
 * native minifier. `jco.ts` imports it on first use.
 */
export async function typeGenerator() {
  const [types, filesystem] = await Promise.all([
    import('@bytecodealliance/jco-transpile'),
    import('@bytecodealliance/preview2-shim/filesystem'),
  ]);
  // The generator reads the WIT through WASI: let it see the file system, as `jco types` does.
  (filesystem._setPreopens as (preopens: Record<string, string>) => void)({ '/': '/' });
  return { generateGuestTypes: types.generateGuestTypes, generateHostTypes: types.generateHostTypes };
}
