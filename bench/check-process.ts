/**
 * `wit-ls check` as users run it, one process on a whole folder, beside wit-parser over
 * the same files, also as a process. Wall time, and CPU time of the child (user + system,
 * from this process's /proc record of its waited-for children).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, SERVER_BUNDLE } from './lsp-process';
import { summarize, type Summary } from './stats';

export interface ProcessRun {
  wall: Summary;
  /** Undefined where /proc is missing. */
  cpu?: Summary;
  exitCode: number | null;
  /** The last line the command printed (its summary). */
  lastLine: string;
}

export function checkAsProcess(folder: string, runs: number): ProcessRun {
  return timeProcess([SERVER_BUNDLE, 'check', folder], runs);
}

export function referenceAsProcess(folder: string, runs: number): ProcessRun {
  return timeProcess([path.join(ROOT, 'bench', 'reference-check.mjs'), folder], runs);
}

/** Runs `node ...args` once to warm the file cache, then `runs` times. */
function timeProcess(args: string[], runs: number): ProcessRun {
  const wall: number[] = [];
  const cpu: number[] = [];
  let exitCode: number | null = null;
  let lastLine = '';
  for (let run = 0; run <= runs; run++) {
    const cpuBefore = childrenCpuMs();
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const elapsed = performance.now() - started;
    const cpuAfter = childrenCpuMs();
    exitCode = result.status;
    lastLine = (result.stdout ?? '').trimEnd().split('\n').pop() ?? '';
    if (run === 0) continue;
    wall.push(elapsed);
    if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.push(cpuAfter - cpuBefore);
  }
  return { wall: summarize(wall), cpu: cpu.length ? summarize(cpu) : undefined, exitCode, lastLine };
}

/** User + system time of this process's terminated, waited-for children (cutime + cstime). */
function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5), counted from `state` (field 3) here; in clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}
