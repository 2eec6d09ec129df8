import { LspClient, type InitializeOptions } from '../../helpers/lsp-client';

/**
 * A server for hostile inputs: its heap is capped (so a regression fails as an abort, not by
 * taking the machine), and waits are generous (outcomes are checked, not speed; a hang still
 * fails instead of blocking CI).
 */
export const HEAP_MB = 2048;
export const WAIT_MS = 240_000;

export async function startHostileServer(options: InitializeOptions = {}): Promise<LspClient> {
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${previous ?? ''} --max-old-space-size=${HEAP_MB}`.trim();
  try {
    const client = await LspClient.start({ timeoutMs: WAIT_MS });
    await client.initialize(options);
    return client;
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
  }
}
