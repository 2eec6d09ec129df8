import { jcoErrorText, wasmTools } from './jco';

/** The URI scheme of a component's WIT as the editor shows it: `wit-component:/path/x.wasm.wit`. */
export const COMPONENT_WIT_SCHEME = 'wit-component';

export function isComponentView(uri: string): boolean {
  return uri.startsWith(`${COMPONENT_WIT_SCHEME}:`);
}

export type ComponentWit =
  /** `wit` is what wasm-tools prints (`wasm-tools component wit`), unchanged. */
  | { kind: 'component'; wit: string; producers: string[] }
  /** Not a component, or not readable: `message` says what it is instead, for people. */
  | { kind: 'core-module' | 'not-wasm' | 'corrupt'; message: string };

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * The WIT of a component binary, decoded and printed by wasm-tools (through jco): its
 * world, with every import and export. Core modules and damaged files get a message.
 */
export async function componentWitOf(bytes: Uint8Array): Promise<ComponentWit> {
  if (bytes.length < 8 || WASM_MAGIC.some((b, i) => bytes[i] !== b)) {
    return {
      kind: 'not-wasm',
      message: 'This file is not WebAssembly: it does not start with the `\\0asm` magic number.',
    };
  }
  const tools = await wasmTools();
  let metadata: Awaited<ReturnType<typeof tools.metadataShow>>;
  try {
    metadata = await tools.metadataShow(bytes);
  } catch (error) {
    return { kind: 'corrupt', message: `wasm-tools cannot read this file: ${oneLine(jcoErrorText(error))}` };
  }
  if (metadata[0]?.metaType.tag !== 'component') {
    return {
      kind: 'core-module',
      message:
        'This is a core WebAssembly module, not a component: it has no WIT world. ' +
        'Build a component from it (`wasm-tools component new`, or your toolchain) to see its interface.',
    };
  }
  try {
    return { kind: 'component', wit: await tools.componentWit(bytes), producers: producersOf(metadata[0].producers) };
  } catch (error) {
    return { kind: 'corrupt', message: `wasm-tools cannot decode this component: ${oneLine(jcoErrorText(error))}` };
  }
}

/** The document a `wit-component:` view shows: a header comment, then wasm-tools' WIT, or the message. */
export function componentWitView(fileName: string, result: ComponentWit): string {
  if (result.kind !== 'component') return `// ${fileName}\n${result.message.replace(/^/gm, '// ')}\n`;
  const made = result.producers.length > 0 ? ` (${result.producers.join(', ')})` : '';
  return `// WIT of ${fileName}${made}, printed by wasm-tools\n${result.wit}`;
}

/** `processed-by wit-component 0.259.0` and the like, from the producers section. */
function producersOf(fields: [string, [string, string][]][]): string[] {
  return fields.flatMap(([field, values]) => values.map(([name, version]) => `${field} ${name}${version ? ` ${version}` : ''}`));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ': ');
}
