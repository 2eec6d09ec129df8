import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  CompletionList,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  LocationLink,
  MarkupContent,
  SelectionRange,
  SemanticTokens,
  SemanticTokensDelta,
  SymbolInformation,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lsp-client';

const TYPES_URI = 'file:///nav-protocol/pkg/types.wit';
const API_URI = 'file:///nav-protocol/pkg/api.wit';
const TYPES = `package a:b;

interface types {
  /// A file.
  resource file {
    read: async func(n: u32) -> list<u8>;
  }
}
`;
const API = `package a:b;

interface api {
  use types.{file};
  open: func(path: string) -> file;
}
`;

describe('navigation over the protocol', () => {
  let client: LspClient;
  let initialized: InitializeResult;
  const at = (uri: string, text: string, needle: string, delta = 0) => ({
    textDocument: { uri },
    position: client.positionAt(uri, text.indexOf(needle) + delta),
  });

  before(async () => {
    client = await LspClient.start();
    initialized = await client.initialize({
      capabilities: {
        textDocument: {
          definition: { linkSupport: true },
          rename: { prepareSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await client.open(TYPES_URI, TYPES);
    await client.open(API_URI, API);
  });
  after(() => client.dispose());

  it('announces every navigation capability and the semantic token legend', () => {
    const capabilities = initialized.capabilities;
    for (const provider of [
      'definitionProvider',
      'referencesProvider',
      'renameProvider',
      'documentHighlightProvider',
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'completionProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'semanticTokensProvider',
    ] as const) {
      assert.ok(capabilities[provider], provider);
    }
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.ok(capabilities.semanticTokensProvider?.legend.tokenTypes.includes('world'));
  });

  it('goes to a definition in another open file, as a link', async () => {
    const links = await client.request<LocationLink[]>('textDocument/definition', at(API_URI, API, 'file;', 1));
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, TYPES_URI);
    assert.deepEqual(links[0].targetSelectionRange, client.rangeOf(TYPES_URI, TYPES.indexOf('file {'), TYPES.indexOf('file {') + 4));
  });

  it('hovers a name declared in another file with its declaration and docs', async () => {
    const hover = await client.request<Hover>('textDocument/hover', at(API_URI, API, 'file;', 1));
    assert.match((hover.contents as MarkupContent).value, /^```wit\nresource file \{[\s\S]*\n```\n\n---\n\nA file\.$/);
  });

  it('renames across files, and refuses a keyword with the reason', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(TYPES_URI, TYPES, 'file {'), newName: 'handle' });
    const changes = (edit.documentChanges ?? []).filter((c) => 'edits' in c);
    assert.deepEqual(changes.map((c) => [c.textDocument.uri, c.textDocument.version, c.edits.length]).sort(), [
      [API_URI, 1, 2],
      [TYPES_URI, 1, 1],
    ]);
    await assert.rejects(
      client.request('textDocument/prepareRename', at(TYPES_URI, TYPES, 'resource')),
      /`resource` is a keyword and cannot be renamed/,
    );
    await assert.rejects(
      client.request('textDocument/rename', { ...at(TYPES_URI, TYPES, 'file {'), newName: 'no_underscores' }),
      /is not a valid WIT name/,
    );
  });

  it('highlights, outlines, folds and selects', async () => {
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', at(API_URI, API, 'file}'));
    assert.equal(highlights.length, 2);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: TYPES_URI } });
    assert.equal(symbols[0].children?.[0].children?.[0].children?.[0].detail, 'async func(n: u32) -> list<u8>');
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: TYPES_URI } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[2, 6], [4, 5]]);
    const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri: TYPES_URI },
      positions: [client.positionAt(TYPES_URI, TYPES.indexOf('n: u32'))],
    });
    assert.deepEqual(selection.range, client.rangeOf(TYPES_URI, TYPES.indexOf('n: u32'), TYPES.indexOf('n: u32') + 1));
    assert.deepEqual(selection.parent?.range, client.rangeOf(TYPES_URI, TYPES.indexOf('n: u32'), TYPES.indexOf('n: u32') + 6));
  });

  it('encodes semantic tokens against the legend', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: API_URI } });
    const legend = initialized.capabilities.semanticTokensProvider!.legend;
    const decoded: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4);
      line += deltaLine;
      character = deltaLine ? deltaStart : character + deltaStart;
      const lineText = API.split('\n')[line];
      decoded.push(`${lineText.slice(character, character + length)}:${legend.tokenTypes[type]}`);
    }
    assert.ok(decoded.includes('file:class'), decoded.join(' '));
    assert.ok(decoded.includes('api:interface'), decoded.join(' '));
  });

  it('answers a delta request with edits that give the full result', async () => {
    const first = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: TYPES_URI } });
    const text = TYPES.replace('resource file {', 'record extra { x: u8 }\n  resource file {');
    await client.replace(TYPES_URI, 0, client.text(TYPES_URI).length, text);
    const delta = await client.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri: TYPES_URI },
      previousResultId: first.resultId,
    });
    assert.ok(delta.edits, 'a delta, not a full result');
    const data = [...first.data];
    for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
    const full = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: TYPES_URI } });
    assert.deepEqual(data, full.data);
    await client.replace(TYPES_URI, 0, text.length, TYPES);
  });

  it('completes types in scope with snippets for the built-in generics', async () => {
    const text = API.replace('path: string', 'path: ');
    await client.replace(API_URI, 0, API.length, text);
    const list = await client.request<CompletionList>('textDocument/completion', at(API_URI, text, 'path: ', 6));
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('file') && labels.includes('string'), labels.join(', '));
    assert.equal(list.items.find((i) => i.label === 'list')?.insertTextFormat, 2);
  });
});

describe('navigation into files the editor has not opened', () => {
  let client: LspClient;
  let folder: string;
  const uri = (relative: string): string => pathToFileURL(path.join(folder, 'wit', relative)).href;
  const API_TEXT = `package demo:nav;

interface api {
  use types.{error-code};
  use wasi:io/poll@0.2.0.{pollable};
  check: func() -> result<pollable, error-code>;
}
`;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-navigation-'));
    fs.mkdirSync(path.join(folder, 'wit', 'deps', 'io'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'wit', 'types.wit'), 'package demo:nav;\n\ninterface types {\n  enum error-code { io }\n}\n');
    fs.writeFileSync(path.join(folder, 'wit', 'api.wit'), API_TEXT);
    fs.writeFileSync(path.join(folder, 'wit', 'deps', 'io', 'poll.wit'), 'package wasi:io@0.2.0;\n\ninterface poll {\n  resource pollable;\n}\n');
    client = await LspClient.start();
    await client.initialize({
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'nav' }],
      capabilities: { workspace: { workspaceEdit: { documentChanges: true } } },
    });
    await client.open(uri('api.wit'), API_TEXT);
    // Indexing runs in the background: wait until the workspace symbol from deps/ is there.
    for (let attempt = 0; ; attempt++) {
      const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'pollable' });
      if (found.some((s) => s.name === 'pollable')) break;
      if (attempt > 100) assert.fail('the workspace was not indexed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(() => {
    client.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('goes to a declaration in deps/ and finds it by workspace symbol', async () => {
    const offset = API_TEXT.indexOf('pollable, error-code');
    const [location] = await client.request<{ uri: string; range: unknown }[]>('textDocument/definition', {
      textDocument: { uri: uri('api.wit') },
      position: client.positionAt(uri('api.wit'), offset),
    });
    assert.equal(location.uri, uri('deps/io/poll.wit'));
    assert.deepEqual(location.range, { start: { line: 3, character: 11 }, end: { line: 3, character: 19 } });
    const [symbol] = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'pollable' });
    assert.equal(symbol.containerName, 'wasi:io@0.2.0/poll');
  });

  it('renames into an unopened file, with a null version for it', async () => {
    const offset = API_TEXT.indexOf('error-code>');
    const edit = await client.request<{ documentChanges: TextDocumentEdit[] }>('textDocument/rename', {
      textDocument: { uri: uri('api.wit') },
      position: client.positionAt(uri('api.wit'), offset),
      newName: 'failure',
    });
    const byUri = new Map(edit.documentChanges.map((c) => [c.textDocument.uri, c]));
    assert.equal(byUri.get(uri('api.wit'))?.textDocument.version, 1);
    assert.equal(byUri.get(uri('api.wit'))?.edits.length, 2);
    assert.equal(byUri.get(uri('types.wit'))?.textDocument.version, null);
    assert.deepEqual(byUri.get(uri('types.wit'))?.edits, [
      { range: { start: { line: 3, character: 7 }, end: { line: 3, character: 17 } }, newText: 'failure' },
    ]);
  });
});
