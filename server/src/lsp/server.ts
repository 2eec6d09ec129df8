import {
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import type { PositionEncoding } from '../analysis/text';
import type { WitParser } from '../parser';
import { ServerContext } from './context';
import { registerWorkspace } from './workspace';
import { DocumentStore } from './documents';
import { FIX_ALL_COMMAND, FIX_ALL_KIND, registerCodeActions } from './features/code-actions';
import { publishDiagnostics, registerDiagnostics } from './features/diagnostics';
import { DIAGNOSTIC_PROVIDER, registerPullDiagnostics } from './features/pull-diagnostics';
import { WorkspaceDiagnostics } from './workspace-diagnostics';
import { registerHover } from './features/hover';
import { registerSettings } from './features/settings';
import { registerDocumentSymbols } from './features/document-symbols';
import { registerFolding } from './features/folding';
import { registerFormatting } from './features/formatting';
import { registerSelectionRanges } from './features/selection-ranges';
import { registerSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './features/semantic-tokens';
import { COMPLETION_TRIGGERS, registerCompletion } from './features/completion';
import { registerDefinition } from './features/definition';
import { registerDocumentHighlights } from './features/document-highlights';
import { registerReferences } from './features/references';
import { registerRename } from './features/rename';
import { registerWorkspaceSymbols } from './features/workspace-symbols';
import { registerComponentWit } from './features/component-wit';
import { registerBindings } from './features/bindings';

/** Wires LSP requests on `connection` to the analysis layer. Holds no analysis itself. */
export function startServer(connection: Connection, parser: WitParser): void {
  const context = new ServerContext(connection);
  context.documents = new DocumentStore(
    parser,
    () => context.encoding,
    () => context.settings,
    (uri, error) => context.logError(`cross-file analysis of ${uri} failed; showing its own findings only`, error),
  );
  const workspaceIndex = registerWorkspace(context, parser);
  const workspaceDiagnostics = new WorkspaceDiagnostics(context, workspaceIndex);
  // hostile-input: an oversized document's analysis arrives from its worker thread later.
  context.documents.onLargeDocumentAnalysed((uri) => {
    publishDiagnostics(context, uri);
    workspaceDiagnostics.invalidate([uri]);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    context.clientCapabilities = params.capabilities;
    workspaceIndex.initialize(params);
    context.encoding = chooseEncoding(params.capabilities.general?.positionEncodings);
    context.pullsDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    const workspace = params.capabilities.workspace;
    registerSettings(context, !!workspace?.configuration, !!workspace?.didChangeConfiguration?.dynamicRegistration);
    return {
      capabilities: {
        positionEncoding: context.encoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        executeCommandProvider: { commands: [FIX_ALL_COMMAND] },
        documentSymbolProvider: { label: 'WIT' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true } },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentHighlightProvider: true,
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        ...(context.pullsDiagnostics ? { diagnosticProvider: DIAGNOSTIC_PROVIDER } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'wit-ls', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => context.runInitializedHandlers());
  registerDiagnostics(context);
  registerPullDiagnostics(context, workspaceDiagnostics);
  registerHover(context);
  registerCodeActions(context);
  registerDocumentSymbols(context);
  registerFolding(context);
  registerSelectionRanges(context);
  registerSemanticTokens(context);
  registerDefinition(context);
  registerReferences(context);
  registerRename(context);
  registerDocumentHighlights(context);
  registerWorkspaceSymbols(context);
  registerCompletion(context);
  registerFormatting(context);
  registerComponentWit(context);
  registerBindings(context);
  connection.listen();
}

declare const __VERSION__: string | undefined;
const SERVER_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

const ENCODINGS: readonly string[] = ['utf-16', 'utf-8', 'utf-32'] satisfies PositionEncoding[];

/**
 * The first encoding in the client's order of preference, as the protocol asks; UTF-16
 * (which every client must support) when it offers none of ours or says nothing.
 */
export function chooseEncoding(offered: readonly string[] | undefined): PositionEncoding {
  return (offered?.find((e) => ENCODINGS.includes(e)) as PositionEncoding | undefined) ?? 'utf-16';
}
