import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { LspClient } from '../helpers/lsp-client';

const TEXT = `package demo:docs@0.1.0;

interface files {
  /// # Writing
  /// Consumes \`data\` and returns **at once**; see [WASI#870](https://github.com/WebAssembly/WASI/pull/870).
  ///
  /// - the future reports the outcome
  /// - \`this\` is not kept borrowed
  write: func(data: stream<u8>) -> future<result>;

  /**
   * Reads _everything_:
   *
   * \`\`\`wit
   * read: func() -> tuple<stream<u8>, future<result>>;
   * \`\`\`
   */
  read: func() -> tuple<stream<u8>, future<result>>;
}
`;

describe('doc comments in hovers, over stdio', () => {
  let client: LspClient;
  const uri = 'file:///work/docs/files.wit';
  before(async () => {
    client = await LspClient.start();
    await client.initialize();
    await client.open(uri, TEXT);
  });
  after(() => client.dispose());

  const hoverAt = async (needle: string): Promise<MarkupContent> => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: client.positionAt(uri, TEXT.lastIndexOf(needle)) });
    return hover.contents as MarkupContent;
  };

  it('renders `///` docs as Markdown: headings, emphasis, links and lists pass through unescaped', async () => {
    const contents = await hoverAt('write: func');
    assert.equal(contents.kind, 'markdown');
    const docs = contents.value.split('\n---\n')[1]?.trim();
    assert.equal(
      docs,
      '# Writing\nConsumes `data` and returns **at once**; see [WASI#870](https://github.com/WebAssembly/WASI/pull/870).\n\n' +
        '- the future reports the outcome\n- `this` is not kept borrowed',
    );
  });

  it('renders `/** */` docs as Markdown, without the comment gutter, fenced code kept', async () => {
    const contents = await hoverAt('read: func');
    const docs = contents.value.split('\n---\n')[1]?.trim();
    assert.equal(docs, 'Reads _everything_:\n\n```wit\nread: func() -> tuple<stream<u8>, future<result>>;\n```');
  });
});
