// Formatting over the protocol: the bundled server spawned over stdio, as an editor drives it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InitializeResult, TextEdit } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lsp-client';

const URI = 'file:///format-protocol/api.wit';
const BADLY_INDENTED = `package a:b;
interface api {
        /// A file.
   resource file {
read: func(n: u32)->list<u8>;
      }
   open:func(path:string)->file;
}
`;
const CANONICAL = `package a:b;

interface api {
  /// A file.
  resource file {
    read: func(n: u32) -> list<u8>;
  }

  open: func(path: string) -> file;
}
`;

describe('formatting over the protocol', () => {
  let client: LspClient;
  let initialized: InitializeResult;
  before(async () => {
    client = await LspClient.start();
    initialized = await client.initialize();
  });
  after(() => client.dispose());

  const formatting = (uri: string, options = { tabSize: 4, insertSpaces: true }) =>
    client.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options });

  it('announces document and range formatting', () => {
    assert.equal(initialized.capabilities.documentFormattingProvider, true);
    assert.equal(initialized.capabilities.documentRangeFormattingProvider, true);
  });

  it('formats a document to the canonical style, two spaces whatever the tab size', async () => {
    await client.open(URI, BADLY_INDENTED);
    const edits = await formatting(URI);
    assert.ok(edits && edits.length > 0);
    await client.applyWorkspaceEdit({ changes: { [URI]: edits } });
    assert.equal(client.text(URI), CANONICAL);
    assert.deepEqual(await formatting(URI), [], 'a formatted document needs no edit');
  });

  it('indents with tabs when the editor asks for them', async () => {
    const uri = 'file:///format-protocol/tabs.wit';
    await client.open(uri, CANONICAL);
    const edits = await formatting(uri, { tabSize: 8, insertSpaces: false });
    await client.applyWorkspaceEdit({ changes: { [uri]: edits ?? [] } });
    assert.equal(client.text(uri), CANONICAL.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2)));
  });

  it('formats only the selected range', async () => {
    const uri = 'file:///format-protocol/range.wit';
    await client.open(uri, BADLY_INDENTED);
    const start = BADLY_INDENTED.indexOf('read:');
    const range = client.rangeOf(uri, start, BADLY_INDENTED.indexOf('\n', start));
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range,
      options: { tabSize: 2, insertSpaces: true },
    });
    await client.applyWorkspaceEdit({ changes: { [uri]: edits } });
    assert.equal(client.text(uri), BADLY_INDENTED.replace('read: func(n: u32)->list<u8>;', '    read: func(n: u32) -> list<u8>;'));
  });

  it('leaves a document with a syntax error alone and logs why', async () => {
    const uri = 'file:///format-protocol/broken.wit';
    await client.open(uri, 'package a:b;\ninterface api {\n  open: func(path: string;\n}\n');
    assert.deepEqual(await formatting(uri), []);
    assert.ok(
      client.logs.some((line) => line.includes('broken.wit') && /syntax error at line 3/.test(line)),
      client.logs.join('\n'),
    );
  });

  it('answers an unknown document with no edits', async () => {
    assert.deepEqual(await formatting('file:///format-protocol/never-opened.wit'), []);
  });
});
