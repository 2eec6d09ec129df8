/**
 * The hostile inputs of issue 14, as generators: the hostile-input suite
 * (test/slow/hostile) and `npm run bench`'s hostile table (bench/hostile.ts) use the same.
 * Each is deterministic.
 */
import { generateLargeWit } from './generate-wit';

/** `count` unclosed `/*`, one per line (20,000 made the scanner rescan to the end each time). */
export function unclosedComments(count: number): string {
  return 'package a:b;\n' + '/*\n'.repeat(count);
}

/** A package version of `parts` numbers (`1.1.1.1…`), about 2 bytes each. */
export function longVersion(parts: number): string {
  return `package a:b@${Array.from({ length: parts }, () => '1').join('.')};\ninterface i {}\n`;
}

/** `count` broken function lines `f: func(x: ) -> ;` in one interface. */
export function brokenLines(count: number): string {
  return 'package a:b;\ninterface i {\n' + '  f: func(x: ) -> ;\n'.repeat(count) + '}\n';
}

/** One function with `count` parameters all named `p`: `count - 1` duplicates. */
export function sameNameParameters(count: number, multiline = true): string {
  const separator = multiline ? ',\n    ' : ', ';
  return `package a:b;\ninterface i {\n  f: func(${Array.from({ length: count }, () => 'p: u8').join(separator)});\n}\n`;
}

/** A valid package of `blocks` interfaces, all on one line (about 160 bytes per block). */
export function oneLinePackage(blocks: number): string {
  const parts = ['package a:b;'];
  for (let i = 0; i < blocks; i++) {
    parts.push(
      `interface i${i} { record r { a: u8, b: string } enum e { x, y } f: func(x: u8, y: list<r>) -> result<u8, e>; ` +
        'resource res { m: async func(s: stream<u8>); } }',
    );
  }
  return parts.join(' ') + '\n';
}

/** A valid generated package of about `bytes` bytes (bench/generate-wit.ts, about 27 bytes a line). */
export function validOfSize(bytes: number): string {
  return generateLargeWit(Math.max(20, Math.round(bytes / 27)));
}

/** Bytes that are not text at all, under a `.wit` name: NULs, invalid UTF-8, control codes. */
export function binaryBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let seed = 12345;
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = seed >> 16;
  }
  return bytes;
}

/** The `index`-th of many small documents of one package `many:docs`. */
export function smallDocument(index: number): string {
  const use = index > 0 ? `  use item-${index - 1}.{t${index - 1}};\n` : '';
  return `package many:docs;\n\ninterface item-${index} {\n${use}  type t${index} = u32;\n  f: func(x: t${index}) -> u32;\n}\n`;
}
