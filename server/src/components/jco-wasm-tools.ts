/**
 * wasm-tools compiled to a component (decoding, printing, embedding), through jco. The
 * build bundles this file on its own as dist/jco/wasm-tools.mjs (see scripts/build.mjs);
 * `jco.ts` imports it on first use.
 */
export function wasmTools() {
  return import('@bytecodealliance/jco-transpile/wasm-tools');
}
