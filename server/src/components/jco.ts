import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

type WasmTools = Awaited<ReturnType<typeof import('./jco-wasm-tools')['wasmTools']>>;
type TypeGenerator = Awaited<ReturnType<typeof import('./jco-typegen')['typeGenerator']>>;

/** Set by the build: the folder of jco's ESM bundles, relative to the server bundle. */
declare const __JCO_DIR__: string | undefined;

/**
 * jco's modules are loaded on the first call and kept: starting the server and its
 * diagnostics never pay for them (wasm-tools alone is 2.4 MB of wasm to compile), and
 * decoding a component never compiles the bindings generator.
 */
export const wasmTools = lazily(() => load<{ wasmTools(): Promise<WasmTools> }>('wasm-tools.mjs', 'jco-wasm-tools.ts').then((m) => m.wasmTools()));
export const typeGenerator = lazily(() =>
  load<{ typeGenerator(): Promise<TypeGenerator> }>('typegen.mjs', 'jco-typegen.ts').then((m) => m.typeGenerator()),
);

/** The bundle in a build; the TypeScript source when run from source (tests, tsx). */
function load<T>(bundled: string, source: string): Promise<T> {
  const file = typeof __JCO_DIR__ === 'string' ? path.join(__dirname, __JCO_DIR__, bundled) : path.join(__dirname, source);
  // Not a literal import: the server's own bundle must not take jco in.
  return import(pathToFileURL(file).href) as Promise<T>;
}

function lazily<T>(start: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= start().catch((error: unknown) => {
      loading = undefined; // a later request tries again
      throw error;
    }));
}

/**
 * The message of a jco failure: jco rejects with an Error, a string, or a `ComponentError`
 * whose `payload` holds wasm-tools' message (an anyhow chain: a context line, then
 * `Caused by:` and numbered causes, the most specific last).
 */
export function jcoErrorText(error: unknown): string {
  const payload = (error as { payload?: unknown })?.payload;
  return (typeof payload === 'string' ? payload : error instanceof Error ? error.message : String(error)).trim();
}
