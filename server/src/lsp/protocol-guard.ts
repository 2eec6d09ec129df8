import {
  ErrorCodes,
  ResponseError,
  type Connection,
  type ConnectionOptions,
  type Message,
  type RequestMessage,
} from 'vscode-languageserver/node';

/**
 * Guards for a client that does not follow the protocol.
 *
 * - Requests before `initialize` are answered with -32002 (ServerNotInitialized), and
 *   notifications before it other than `exit` are dropped, as the specification asks.
 * - A stream whose framing is broken (a `Content-Length` that is missing, not a number or
 *   absurd, a header that never ends) cannot be resynchronised: the server says why on
 *   stderr and exits with status 1, so the client sees it die and restarts it, instead of
 *   keeping a server that is alive but deaf for good.
 */

/** The method a too-early request is renamed to, so the connection itself answers it. */
const NOT_INITIALIZED = 'wit-ls/notInitialized';

/** Options for `createConnection` that hold requests to the initialize rule. */
export function guardedConnectionOptions(): ConnectionOptions {
  let initializeSeen = false;
  return {
    messageStrategy: {
      handleMessage(message: Message, next: (message: Message) => void): void {
        const { method, id } = message as Partial<RequestMessage>;
        if (initializeSeen || typeof method !== 'string') return next(message);
        if (method === 'initialize') {
          initializeSeen = true;
          return next(message);
        }
        if (id !== undefined && id !== null) return next({ ...message, method: NOT_INITIALIZED, params: { method } } as RequestMessage);
        if (method === 'exit') return next(message);
        // any other notification before initialize is dropped
      },
    },
  };
}

/** Answers the requests `guardedConnectionOptions` held back. */
export function answerNotInitialized(connection: Connection): void {
  connection.onRequest(NOT_INITIALIZED, (params: { method?: string }) =>
    new ResponseError(ErrorCodes.ServerNotInitialized, `The server is not initialized: \`${params?.method}\` was sent before \`initialize\`.`));
}

/** No real message comes near this; a larger length is a corrupted header. */
const MAX_CONTENT_LENGTH = 1024 * 1024 * 1024;
/** Headers are a few dozen bytes; this many without the blank line means the stream is lost. */
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Follows the `Content-Length` framing of `input` beside the connection's own reader (both
 * see every chunk) and calls `onBroken` once with the reason when it cannot be followed.
 */
export function watchFraming(input: NodeJS.ReadableStream, onBroken: (why: string) => void): void {
  let header: Buffer = Buffer.alloc(0);
  let bodyLeft = 0;
  let broken = false;
  const fail = (why: string): void => {
    if (broken) return;
    broken = true;
    onBroken(why);
  };
  input.on('data', (chunk: Buffer | string) => {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    while (!broken && data.length > 0) {
      if (bodyLeft > 0) {
        const skipped = Math.min(bodyLeft, data.length);
        bodyLeft -= skipped;
        data = data.subarray(skipped);
        continue;
      }
      // Only the unfinished header is kept: the scan for its end restarts near the seam.
      const from = Math.max(0, header.length - 3);
      // A chunk holding many messages is read in place: copying its rest for each was quadratic.
      header = header.length === 0 ? data : Buffer.concat([header, data]);
      data = Buffer.alloc(0);
      const end = header.indexOf('\r\n\r\n', from);
      if (end < 0) {
        if (header.length > MAX_HEADER_BYTES) fail(`a message header longer than ${MAX_HEADER_BYTES} bytes`);
        return;
      }
      const why = contentLengthProblem(header.subarray(0, end).toString('ascii'));
      if (typeof why === 'string') return fail(why);
      data = header.subarray(end + 4);
      header = Buffer.alloc(0);
      bodyLeft = why;
    }
  });
}

/** The body length a header announces, or why it is unusable. */
function contentLengthProblem(text: string): number | string {
  let length: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `a message header line without a colon: ${JSON.stringify(line.slice(0, 80))}`;
    if (line.slice(0, colon).trim().toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
  }
  if (length === undefined) return 'a message header without Content-Length';
  if (!/^\d+$/.test(length)) return `a malformed Content-Length: ${JSON.stringify(length.slice(0, 80))}`;
  const n = Number(length);
  if (n > MAX_CONTENT_LENGTH) return `an implausible Content-Length: ${length}`;
  return n;
}
