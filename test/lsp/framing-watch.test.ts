import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { watchFraming } from '../../server/src/lsp/protocol-guard';

/** Feeds `chunks` to `watchFraming` as stdin's `data` events; the bytes Buffer.concat copied, and why it broke. */
function watch(chunks: Buffer[]): { copiedBytes: number; broken: string[] } {
  const input = new EventEmitter();
  const broken: string[] = [];
  watchFraming(input as unknown as NodeJS.ReadableStream, (why) => broken.push(why));
  const concat = Buffer.concat;
  let copiedBytes = 0;
  Buffer.concat = (list: readonly Uint8Array[], length?: number) => {
    const joined = concat(list, length);
    copiedBytes += joined.length;
    return joined;
  };
  try {
    for (const chunk of chunks) input.emit('data', chunk);
  } finally {
    Buffer.concat = concat;
  }
  return { copiedBytes, broken };
}

function frame(text: string): string {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text } });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('watchFraming', () => {
  it('reads the headers of a chunk in place, without copying the rest of the chunk per message', () => {
    // A burst of didOpen arrives as 64 KB chunks of many messages.
    const chunk = Buffer.from(Array.from({ length: 200 }, (_, i) => frame(`interface i${i} {}`)).join(''));
    const { copiedBytes, broken } = watch([chunk]);
    assert.deepEqual(broken, []);
    assert.equal(copiedBytes, 0);
  });

  it('follows a header split between chunks, and still sees a broken one after it', () => {
    const stream = Buffer.from(frame('a') + frame('b') + 'Content-Length: x\r\n\r\n');
    const chunks = Array.from({ length: Math.ceil(stream.length / 7) }, (_, i) => stream.subarray(i * 7, i * 7 + 7));
    assert.deepEqual(watch(chunks).broken, ['a malformed Content-Length: "x"']);
  });
});
