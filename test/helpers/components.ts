import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A real component for `world` of the WIT at `witPath`, built as a toolchain does: wit-parser
 * resolves the WIT, `componentEmbed` makes a core module (a dummy implementation) carrying
 * it, `componentNew` wraps that into a component. Also returns that core module.
 */
export async function buildComponent(witPath: string, world: string): Promise<{ component: Uint8Array; core: Uint8Array }> {
  const { componentEmbed, componentNew } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const { _setPreopens } = await import('@bytecodealliance/preview2-shim/filesystem');
  (_setPreopens as (preopens: Record<string, string>) => void)({ '/': '/' });
  // jco's file system refuses a path through a symbolic link (../shared may be one).
  const core = await componentEmbed({ witPath: fs.realpathSync(witPath), world, dummy: true });
  return { component: await componentNew(core), core };
}

/** wasm-tools' print of a component's WIT, as the oracle the server must agree with. */
export async function referenceWit(component: Uint8Array): Promise<string> {
  const { componentWit } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  return componentWit(component);
}

/** A core module without any WIT: `(module (func (export "f")))`. */
export async function coreModule(): Promise<Uint8Array> {
  const { parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  return parse('(module (func (export "f")))');
}

/** A fresh temporary folder holding `files` (name -> bytes or text); removed by the caller. */
export function tempFolder(files: Record<string, Uint8Array | string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-components-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
  return folder;
}
