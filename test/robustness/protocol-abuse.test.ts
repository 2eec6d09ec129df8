import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ANSWER_LIMIT_MS, LspProcess, ResponseError } from '../../bench/lsp-process';
import { FEATURES, type Position } from '../helpers/features';

/** Far longer than any answer takes, even on a loaded machine: only a hang fails. */
const ANSWER_WITHIN_MS = ANSWER_LIMIT_MS;

const HEALTHY_URI = 'file:///abuse/healthy.wit';
const HEALTHY_TEXT = 'package a:b;\ninterface i {\n  f: func();\n}\n';
/** On `func`, whose hover explains the keyword. */
const HEALTHY_POSITION = { line: 2, character: 6 };

describe('protocol abuse', () => {
  let server: LspProcess;
  let capabilities: Record<string, unknown>;

  before(async () => {
    server = new LspProcess();
    capabilities = ((await server.initialize()) as { capabilities: Record<string, unknown> }).capabilities;
    await open(server, HEALTHY_URI, HEALTHY_TEXT);
  });
  after(async () => {
    await server.stop();
  });

  /** The server still serves: a hover on a healthy document gets its usual answer. */
  async function assertStillServing(after: string): Promise<void> {
    assert.ok(server.alive, `the server exited after ${after}: ${server.stderr}`);
    const hover = (await server.request(
      'textDocument/hover',
      { textDocument: { uri: HEALTHY_URI }, position: HEALTHY_POSITION },
      ANSWER_WITHIN_MS,
    )) as { contents?: { value?: string } } | null;
    assert.match(hover?.contents?.value ?? '', /func/, `no hover after ${after}`);
  }

  /** Every announced feature at `position` of `uri`: each answers, with a result or an error. */
  async function everyFeature(uri: string, position: Position): Promise<void> {
    for (const feature of FEATURES.filter((f) => capabilities[f.capability])) {
      try {
        await server.request(feature.method, feature.params(uri, position), ANSWER_WITHIN_MS);
      } catch (error) {
        if (!(error instanceof ResponseError)) throw new Error(`${feature.method} on ${uri} at ${JSON.stringify(position)}: ${String(error)}`);
      }
    }
  }

  it('ignores malformed JSON and JSON that is not JSON-RPC', async () => {
    for (const body of ['{"jsonrpc":"2.0","id":1,"method":', 'not json at all', '{"foo":1}', '[1,2,3]', '"a string"', 'null', '{"jsonrpc":"2.0","id":{},"method":7}']) {
      server.writeFramed(body);
      await assertStillServing(`the frame ${body}`);
    }
  });

  it('tolerates a header it does not know', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'wit/unknownNotification', params: {} });
    server.writeRaw(`Content-Length: ${Buffer.byteLength(body)}\r\nX-Unknown-Header: 1\r\n\r\n${body}`);
    await assertStillServing('an unknown header');
  });

  it('answers an unknown request with MethodNotFound and ignores an unknown notification', async () => {
    await assert.rejects(server.request('wit/noSuchRequest', {}, ANSWER_WITHIN_MS), (e: unknown) => e instanceof ResponseError && e.code === -32601);
    server.notify('wit/noSuchNotification', { anything: [1, 2] });
    await assertStillServing('unknown methods');
  });

  it('answers every feature for a document that was never opened', async () => {
    await everyFeature('file:///abuse/never-opened.wit', { line: 0, character: 0 });
    await assertStillServing('requests for an unopened document');
  });

  it('answers requests whose params have the wrong shape', async () => {
    for (const feature of FEATURES.filter((f) => capabilities[f.capability])) {
      for (const params of [{}, { textDocument: 5 }, { textDocument: { uri: HEALTHY_URI }, position: 'top' }, null]) {
        await server.request(feature.method, params, ANSWER_WITHIN_MS).catch((error: unknown) => {
          if (!(error instanceof ResponseError)) throw error;
        });
      }
    }
    await assertStillServing('malformed params');
  });

  it('answers positions past the end of a line, past the end of the file, and negative ones', async () => {
    for (const position of [
      { line: 1, character: 10_000 },
      { line: 10_000, character: 0 },
      { line: 10_000, character: 10_000 },
      { line: -1, character: -1 },
      { line: 0.5, character: 2.5 },
    ]) {
      await everyFeature(HEALTHY_URI, position);
    }
    await assertStillServing('positions outside the text');
  });

  it('survives changes to unopened documents, ranges past the end and double closes', async () => {
    server.notify('textDocument/didChange', {
      textDocument: { uri: 'file:///abuse/never-opened.wit', version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    const uri = 'file:///abuse/edited.wit';
    await open(server, uri, HEALTHY_TEXT);
    const published = server.diagnosticsFor(uri, 2, ANSWER_WITHIN_MS);
    server.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } }, text: '\n// appended' },
        { range: { start: { line: 3, character: 80 }, end: { line: 1, character: 0 } }, text: '' },
      ],
    });
    await published;
    server.notify('textDocument/didClose', { textDocument: { uri } });
    server.notify('textDocument/didClose', { textDocument: { uri } });
    await assertStillServing('odd changes and closes');
  });

  it('reads a document sent as invalid UTF-8', async () => {
    const uri = 'file:///abuse/invalid-utf8.wit';
    const published = server.diagnosticsFor(uri, 1, ANSWER_WITHIN_MS);
    const [before, after] = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'wit', version: 1, text: 'package a:b;\ninterface BROKEN {}\n' } },
    }).split('BROKEN');
    // A lone continuation byte, an overlong encoding and a truncated sequence.
    server.writeFramed(Buffer.concat([Buffer.from(before), Buffer.from([0x80, 0xc0, 0xaf, 0xe2, 0x82]), Buffer.from(after)]));
    const { diagnostics } = await published;
    assert.ok(diagnostics.length > 0, 'the replacement characters are not a valid name');
    await everyFeature(uri, { line: 1, character: 11 });
    await assertStillServing('invalid UTF-8');
  });

  for (const [name, text] of [
    ['balanced', `package a:b;\ninterface i {\n  type t = ${'list<'.repeat(10_000)}u8${'>'.repeat(10_000)};\n  f: async func(x: t);\n}\n`],
    ['unclosed', `package a:b;\ninterface i {\n  type t = ${'list<'.repeat(10_000)}u8${'>'.repeat(9_000)};\n  f: async func(x: t);\n}\n`],
  ]) {
    it(`diagnoses a ${name} 10,000-deep list<list<...>> and answers every feature on it`, async () => {
      const uri = `file:///abuse/deep-${name}.wit`;
      const loggedBefore = server.loggedErrors().length;
      const { diagnostics } = await open(server, uri, text);
      if (name === 'unclosed') assert.ok(diagnostics.length > 0);
      // Balanced, it is still past wit-parser's limit of 100 nested types: one error says so.
      else assert.deepEqual(diagnostics.map((d: { message: string }) => d.message), ['type nesting too deep']);
      for (const position of [{ line: 2, character: 12 }, { line: 3, character: 2 }]) {
        await everyFeature(uri, position);
      }
      // A handler that overflowed the stack is answered with an empty result, which would
      // silently cost the file its outline, folding or highlighting.
      assert.deepEqual(server.loggedErrors().slice(loggedBefore).map((m) => m.split('\n')[0]), []);
      server.notify('textDocument/didClose', { textDocument: { uri } });
      await assertStillServing(`a ${name} deep nesting`);
    });
  }
});

async function open(server: LspProcess, uri: string, text: string, timeoutMs = ANSWER_WITHIN_MS) {
  const published = server.diagnosticsFor(uri, 1, timeoutMs);
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'wit', version: 1, text } });
  return published;
}
