import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateLargeWit } from '../../bench/generate-wit';
import { LspProcess } from '../../bench/lsp-process';

/**
 * A limit, not a speed target: about 20 s on an idle 2-core machine, so this is many
 * times that and only a hang fails. How fast belongs in `npm run bench`.
 */
const DIAGNOSED_WITHIN_MS = 10 * 60_000;

describe('a 10 MB file', () => {
  it('is diagnosed, and the server answers afterwards', { timeout: 2 * DIAGNOSED_WITHIN_MS }, async (t) => {
    // Real-looking WIT: the benchmark's generated package, repeated as nested packages.
    const generated = generateLargeWit(10_000);
    const copies = Math.ceil((10 * 1024 * 1024) / generated.length);
    const text = Array.from({ length: copies }, (_, i) =>
      i === 0 ? generated : `${generated.replace('package bench:generated@0.1.0;', `package bench:copy${i}@0.1.0 {`)}}\n`,
    ).join('');
    const server = new LspProcess();
    try {
      await server.initialize();
      const uri = 'file:///abuse/ten-megabytes.wit';
      const started = performance.now();
      const { diagnostics } = await open(server, uri, text);
      t.diagnostic(`${(text.length / 1024 / 1024).toFixed(1)} MB diagnosed in ${Math.round(performance.now() - started)} ms`);
      assert.ok(diagnostics.every((d) => d.code !== 'syntax-error'), 'the generated text is valid WIT');
      const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }, DIAGNOSED_WITHIN_MS);
      assert.match(JSON.stringify(hover), /package/);
    } finally {
      await server.stop();
    }
  });
});

function open(server: LspProcess, uri: string, text: string) {
  const published = server.diagnosticsFor(uri, 1, DIAGNOSED_WITHIN_MS);
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'wit', version: 1, text } });
  return published;
}
