import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestType } from 'vscode-languageserver';
import { componentWitOf, componentWitView } from '../../components/component-wit';
import type { ServerContext } from '../context';

export interface ComponentWitParams {
  /** The `.wasm` file (a `file:` URI). */
  uri: string;
}

export interface ComponentWitResult {
  /** The WIT document to show: wasm-tools' print of the component, or a comment saying why there is none. */
  text: string;
  /** Set when the file is not a component: what it is instead. */
  message?: string;
}

/** `wit/componentWit`: the WIT of a component binary, for a read-only `wit-component:` view. */
export const ComponentWitRequest = new RequestType<ComponentWitParams, ComponentWitResult, void>('wit/componentWit');

const SERVER_FAILED: ComponentWitResult = {
  text: '// The server failed to decode this file; see its log (WIT: Show Output).\n',
  message: 'The server failed to decode this file; see its log (WIT: Show Output).',
};

export function registerComponentWit(context: ServerContext): void {
  context.connection.onRequest(
    ComponentWitRequest,
    context.guard('componentWit', Promise.resolve(SERVER_FAILED), async ({ uri }: ComponentWitParams): Promise<ComponentWitResult> => {
      let file: string;
      try {
        file = fileURLToPath(uri);
      } catch {
        const message = `${uri} is not a local file`;
        return { text: `// ${message}\n`, message };
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        const message = `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
        return { text: `// ${message}\n`, message };
      }
      const result = await componentWitOf(bytes);
      const text = componentWitView(path.basename(file), result);
      return result.kind === 'component' ? { text } : { text, message: result.message };
    }),
  );
}
