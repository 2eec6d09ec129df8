import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const MODULE = path.join(__dirname, '../../server/src/lsp/young-generation.ts');

/**
 * The young generation's size after each step of `steps` (`burst`: work that keeps much of
 * what it allocates, as opening many documents does; a number: that many milliseconds of
 * quiet), in a fresh Node process, managed with the cap given or not at all.
 */
export async function youngGenerationSizes(capBytes: number | null, steps: ('burst' | number)[]): Promise<number[]> {
  const script = `
    const v8 = require('node:v8');
    ${capBytes === null ? '' : `require(${JSON.stringify(MODULE)}).manageYoungGeneration(${capBytes});`}
    const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const sizes = [];
    const steps = ${JSON.stringify(steps)};
    // Small slices with a yield between them, as the server handles one message at a time.
    const burst = (rounds, done) => {
      let kept = [];
      const slice = () => {
        for (let i = 0; i < 20000; i++) kept.push({ i, text: 'x' + i });
        if (kept.length > 2000000) kept = [];
        if (--rounds > 0) setImmediate(slice);
        else done();
      };
      slice();
    };
    const next = () => {
      if (steps.length === 0) return process.stdout.write(JSON.stringify(sizes));
      const step = steps.shift();
      const record = () => { sizes.push(size()); next(); };
      if (step === 'burst') burst(400, record);
      else setTimeout(record, step);
    };
    next();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(status, 0, stderr);
  return JSON.parse(stdout) as number[];
}
