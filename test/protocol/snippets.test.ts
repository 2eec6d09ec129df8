import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionItemKind, InsertTextFormat, type CompletionList } from 'vscode-languageserver';
import { LspClient } from '../helpers/lsp-client';

const TEXT = 'package demo:files@0.3.0;\n\ninterface types {\n  \n}\n';
const CURSOR = TEXT.indexOf('  \n}') + 2;

describe('snippets in completion, over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
    await client.initialize({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } });
  });
  after(() => client.dispose());

  it('offers WASI 0.3 snippets as snippet items where a member starts', async () => {
    const uri = 'file:///work/snippets/types.wit';
    await client.open(uri, TEXT);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: client.positionAt(uri, CURSOR) });
    const write = list.items.find((i) => i.label === 'write-via-stream');
    assert.equal(write?.kind, CompletionItemKind.Snippet);
    assert.equal(write?.insertTextFormat, InsertTextFormat.Snippet);
    assert.match((write?.textEdit as { newText: string }).newText, /write-via-stream: func\(data: stream<u8>\) -> future<result<_, \$\{1:error-code\}>>;/);
    const since = list.items.find((i) => i.label === 'function with @since');
    assert.match((since?.textEdit as { newText: string }).newText, /@since\(version = \$\{2:0\.3\.0\}\)/);
  });
});

describe('snippets for a client without snippet support', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
    await client.initialize();
  });
  after(() => client.dispose());

  it('inserts the plain text with the defaults filled in', async () => {
    const uri = 'file:///work/plain/types.wit';
    await client.open(uri, TEXT);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: client.positionAt(uri, CURSOR) });
    const read = list.items.find((i) => i.label === 'read-via-stream');
    assert.equal(read?.insertTextFormat, undefined);
    assert.match((read?.textEdit as { newText: string }).newText, /^read-via-stream: func\(\) -> tuple<stream<u8>, future<result<_, error-code>>>;$/m);
  });
});
