import {
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import type { PositionEncoding } from '../analysis/text';
import type { WitParser } from '../parser';
import { ServerContext } from './context';
import { DocumentStore } from './documents';
import { FIX_ALL_COMMAND, FIX_ALL_KIND, registerCodeActions } from './features/code-actions';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { registerSettings } from './features/settings';

/** Wires LSP requests on `connection` to the analysis layer. Holds no analysis itself. */
export function startServer(connection: Connection, parser: WitParser): void {
  const context = new ServerContext(connection);
  context.documents = new DocumentStore(
    parser,
    () => context.encoding,
    () => context.settings,
  );

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    context.encoding = chooseEncoding(params.capabilities.general?.positionEncodings);
    const workspace = params.capabilities.workspace;
    registerSettings(context, !!workspace?.configuration, !!workspace?.didChangeConfiguration?.dynamicRegistration);
    return {
      capabilities: {
        positionEncoding: context.encoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        executeCommandProvider: { commands: [FIX_ALL_COMMAND] },
      },
      serverInfo: { name: 'wit-ls', version: SERVER_VERSION },
    };
  });

  registerDiagnostics(context);
  registerHover(context);
  registerCodeActions(context);
  connection.listen();
}

declare const __VERSION__: string | undefined;
const SERVER_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** UTF-16 unless the client cannot do it; the analysis layer counts in UTF-16 anyway. */
function chooseEncoding(offered: readonly string[] | undefined): PositionEncoding {
  if (!offered || offered.length === 0 || offered.includes('utf-16')) return 'utf-16';
  const supported = offered.find((e): e is PositionEncoding => e === 'utf-8' || e === 'utf-32');
  return supported ?? 'utf-16';
}
