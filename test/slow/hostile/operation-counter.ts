import assert from 'node:assert/strict';
import { Node } from 'web-tree-sitter';

/**
 * Counts the work a piece of code does, without a clock: every call to a string method
 * and every step through a tree-sitter node. A method that scans its string (indexOf,
 * a regular expression, split, ...) counts the length it may scan, so scanning the whole
 * text once per item shows up as quadratic, as it is. Deterministic on any machine load.
 */

/** String methods that look at one or two code units: cost 1. */
const CHEAP = ['charCodeAt', 'codePointAt', 'charAt', 'at', 'slice', 'substring'] as const;
/** String methods that may scan the whole receiver: cost its length. */
const SCANNING = ['split', 'match', 'matchAll', 'replace', 'replaceAll', 'search', 'trim', 'toLowerCase', 'toUpperCase'] as const;
/** Searches from a position: cost the length they may scan from there. */
const FORWARD = ['indexOf', 'includes'] as const;
/** Comparisons of the searched string only: cost its length. */
const COMPARING = ['startsWith', 'endsWith'] as const;

let operations = 0;
/** With WIT_LS_COUNT_DEBUG set, the counts per method, to find what grows. */
export const byName = new Map<string, number>();

/** Runs `work` with counting on; returns how many operations it did. */
export function countOperations(work: () => void): number {
  const restore: (() => void)[] = [];
  const patch = (target: object, name: string, cost: (self: unknown, args: unknown[]) => number): void => {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (!descriptor) return;
    if (typeof descriptor.value === 'function') {
      const original = descriptor.value as (...args: unknown[]) => unknown;
      Object.defineProperty(target, name, {
        ...descriptor,
        value: function (this: unknown, ...args: unknown[]) {
          const c = cost(this, args);
          operations += c;
          if (process.env.WIT_LS_COUNT_DEBUG) byName.set(name, (byName.get(name) ?? 0) + c);
          return original.apply(this, args);
        },
      });
    } else if (descriptor.get) {
      const getter = descriptor.get;
      Object.defineProperty(target, name, {
        ...descriptor,
        get: function (this: unknown) {
          operations += cost(this, []);
          return getter.call(this);
        },
      });
    } else return;
    restore.push(() => Object.defineProperty(target, name, descriptor));
  };
  for (const name of CHEAP) patch(String.prototype, name, () => 1);
  for (const name of SCANNING) patch(String.prototype, name, (self) => 1 + String(self).length);
  for (const name of FORWARD) patch(String.prototype, name, (self, args) => 1 + Math.max(0, String(self).length - (Number(args[1]) || 0)));
  patch(String.prototype, 'lastIndexOf', (self, args) => 1 + Math.min(String(self).length, args[1] === undefined ? Infinity : Number(args[1]) || 0));
  for (const name of COMPARING) patch(String.prototype, name, (_self, args) => 1 + String(args[0]).length);
  patch(RegExp.prototype, 'exec', () => 1);
  for (const name of Object.getOwnPropertyNames(Node.prototype)) {
    if (name !== 'constructor') patch(Node.prototype, name, () => 1);
  }
  const before = operations;
  try {
    work();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return operations - before;
}

/**
 * Runs `work` on inputs of size n and 2n (after a warm-up on n) and asserts that the count
 * at 2n is under 3x the count at n: linear work doubles, quadratic work quadruples.
 */
export function assertDoublingIsLinear(what: string, n: number, work: (size: number) => void): { small: number; large: number } {
  // Warm-up on both sizes: caches built lazily on first use count in neither run.
  work(n);
  work(2 * n);
  const small = countOperations(() => work(n));
  const large = countOperations(() => work(2 * n));
  assert.ok(small > 0, `${what}: nothing was counted`);
  assert.ok(large < 3 * small, `${what}: ${small} operations at size ${n}, ${large} at ${2 * n} (x${(large / small).toFixed(2)}; linear is x2, quadratic x4)`);
  return { small, large };
}
