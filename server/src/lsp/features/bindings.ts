import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestType, type Position } from 'vscode-languageserver';
import { placeOf } from '../../analysis/model/layout';
import { worldAt } from '../../analysis/navigation/world-at';
import { typescriptBindings, type TypeScriptBindings } from '../../components/bindings';
import type { ServerContext } from '../context';

export interface BindingsParams {
  /** A `.wit` file on disk. */
  uri: string;
  /** The world is the one at this position (else the file's only world) ... */
  position?: Position;
  /** ... unless named here (`ns:pkg/world@version`), as when a view refreshes. */
  world?: string;
}

export type BindingsResult = TypeScriptBindings | { message: string };

/** `wit/typescriptBindings`: jco's guest and host TypeScript declarations for a world. */
export const BindingsRequest = new RequestType<BindingsParams, BindingsResult, void>('wit/typescriptBindings');

const SERVER_FAILED: BindingsResult = { message: 'The server failed to generate bindings; see its log (WIT: Show Output).' };

export function registerBindings(context: ServerContext): void {
  context.connection.onRequest(
    BindingsRequest,
    context.guard('typescriptBindings', Promise.resolve(SERVER_FAILED), async (params: BindingsParams): Promise<BindingsResult> => {
      if (!params.uri.startsWith('file:')) return { message: 'Bindings are generated from WIT saved on disk: save the file first.' };
      let world = params.world;
      if (!world) {
        const converter = context.converter(params.uri);
        if (!converter || !context.workspace || !params.position) return { message: 'Open the WIT file of the world first.' };
        const choice = worldAt(context.workspace, params.uri, converter.lines.offset(params.position, converter.encoding));
        if (typeof choice === 'string') return { message: choice };
        world = choice.qualified;
      }
      // wit-parser reads the package folder with its deps/, as `jco types` would; a folder
      // of unrelated one-file packages does not parse as one, so then the file alone.
      const file = fileURLToPath(params.uri);
      const folder = fileURLToPath(placeOf(params.uri).group);
      try {
        return await typescriptBindings(folder, world);
      } catch (error) {
        if (folder === path.dirname(file)) {
          try {
            return await typescriptBindings(file, world);
          } catch {
            // the folder's error says more
          }
        }
        return { message: `jco cannot generate bindings for ${world}: ${(error as Error).message}` };
      }
    }),
  );
}
