import type { Tree } from 'web-tree-sitter';
import type { Span } from '../../server/src/analysis/text';
import { seededRandom } from '../helpers/random';

/** A seeded generator (see helpers/random.ts) with the draws the mutations need. */
export class Random {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
  }

  /** An integer in [low, high]. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** A stable seed per name (FNV-1a), so each corpus file has its own sequence. */
export function seedOf(name: string, base: number): number {
  let hash = 0x811c9dc5 ^ base;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** One change to a text, as an editor sends it: replace `span` with `newText`. */
export interface Mutation {
  kind: string;
  span: Span;
  newText: string;
}

/** Pieces of WIT and of other text that a person (or a bad paste) puts in mid-edit. */
const TOKENS = [
  '{', '}', '<', '>', '(', ')', ';', ':', ',', '.', '/', '@', '%', '=', '->', '_',
  'async', 'func', 'stream<u8>', 'future', 'interface', 'world', 'resource', 'package', 'use',
  'import', 'export', 'record', 'variant', 'type', 'borrow<', 'result<_, ', 'constructor',
  '/*', '*/', '//', '///', '"', '\n', '\r\n', '\r', '\t', ' ', '@since(version = 0.3.0)',
];
const NON_ASCII = ['é', 'ß', '日本語', '😀', '🦀x', 'e\u0301', '\u200b', '\ufeff', 'Ω≈ç', '\u2028'];

/**
 * One random mutation of `text`: delete, insert or duplicate a token-sized span,
 * truncate, insert random characters (control characters and lone surrogates included),
 * or non-ASCII text.
 */
export function randomMutation(text: string, random: Random): Mutation {
  const at = random.int(0, text.length);
  const length = random.int(1, 12);
  switch (random.int(0, 6)) {
    case 0:
      return { kind: 'delete', span: { start: at, end: Math.min(text.length, at + length) }, newText: '' };
    case 1:
      return { kind: 'insert token', span: { start: at, end: at }, newText: random.pick(TOKENS) };
    case 2: {
      const from = random.int(0, text.length);
      return { kind: 'duplicate', span: { start: at, end: at }, newText: text.slice(from, from + length * 4) };
    }
    case 3:
      return { kind: 'truncate', span: { start: at, end: text.length }, newText: '' };
    case 4: {
      let junk = '';
      for (let i = 0; i < length; i++) junk += String.fromCharCode(random.pick([random.int(0, 0x1f), random.int(0x20, 0x7e), random.int(0xd800, 0xdfff), random.int(0x80, 0xffff)]));
      return { kind: 'random characters', span: { start: at, end: at }, newText: junk };
    }
    case 5:
      return { kind: 'non-ASCII', span: { start: at, end: at }, newText: random.pick(NON_ASCII) };
    default:
      return { kind: 'replace', span: { start: at, end: Math.min(text.length, at + length) }, newText: random.pick(TOKENS) };
  }
}

export function applyMutation(text: string, mutation: Mutation): string {
  return text.slice(0, mutation.span.start) + mutation.newText + text.slice(mutation.span.end);
}

/** How to replay a failure: the seed, where the sequence starts, and the mutations. */
export function describeCase(name: string, seed: number, mutations: readonly Mutation[]): string {
  return `${name} with seed ${seed} after ${mutations.length} mutation(s): ${JSON.stringify(mutations)}`;
}

/**
 * The whole tree as one string: every node's type, range and error/missing flags in
 * document order. Two trees of the same text are the same tree exactly when these match.
 */
export function treeSignature(tree: Tree): string {
  const parts: string[] = [];
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      parts.push(`${cursor.currentFieldName ?? ''}:${node.type}${node.isMissing ? '!missing' : ''}@${cursor.startIndex}-${cursor.endIndex}`);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return parts.join('\n');
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The first line where two signatures differ, with a little context. */
export function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return `node ${i}: incremental ${left[i] ?? '(none)'} vs fresh ${right[i] ?? '(none)'}`;
  }
  return 'no difference';
}
