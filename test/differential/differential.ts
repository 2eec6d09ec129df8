import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorsOf } from '../model/corpus-cases';
import { CORPUS, witFiles } from '../helpers/corpus';
import { referenceError } from '../helpers/reference';
import { Random, seedOf } from '../robustness/mutations';
import { mutate, type Mutant } from './mutants';

/**
 * The differential test: seeded mutants of valid WIT, each judged by wit-ls and by the
 * reference (wit-parser through jco). Verdicts are compared (valid or invalid), not
 * messages: wit-ls reports every error, wit-parser the first.
 */

export interface Source {
  name: string;
  text: string;
}

export interface Disagreement {
  source: string;
  mutant: Mutant;
  /** wit-parser's error, or null when it accepts the mutant. */
  reference: string | null;
  /** wit-ls's first error, or null when it reports none. */
  ours: string | null;
}

export interface DifferentialResult {
  mutants: number;
  agreed: number;
  disagreements: Disagreement[];
}

/**
 * The corpus files both wit-ls and wit-parser accept on their own (no deps): mutating a
 * valid file is what makes a verdict mean something.
 */
export async function validSources(limit = Infinity): Promise<Source[]> {
  const sources: Source[] = [];
  for (const file of witFiles(CORPUS)) {
    if (sources.length >= limit) break;
    if (file.includes(`${path.sep}parse-fail${path.sep}`) || file.includes(`${path.sep}deps${path.sep}`)) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (text.length > 20_000) continue; // keeps a run short; large files add nothing small ones lack
    if ((await referenceError(text)) !== null) continue;
    if ((await oursFirstError(text)) !== null) continue;
    sources.push({ name: path.relative(CORPUS, file), text });
  }
  return sources;
}

/** wit-ls's verdict on one file read alone: its first error, or null. */
export async function oursFirstError(text: string): Promise<string | null> {
  try {
    const { errors } = await errorsOf({ name: 'mutant', files: [{ relative: 'mutant.wit', text }], encoded: [] }, []);
    const first = errors.find((e) => e.diagnostic.severity === 1);
    return first ? `${first.diagnostic.code}: ${first.diagnostic.message}` : null;
  } catch (error) {
    return `wit-ls threw: ${String(error)}`;
  }
}

export async function runDifferential(
  sources: readonly Source[],
  perSource: number,
  seed: number,
  onMutant?: (done: number, total: number) => void,
): Promise<DifferentialResult> {
  const result: DifferentialResult = { mutants: 0, agreed: 0, disagreements: [] };
  const total = sources.length * perSource;
  for (const source of sources) {
    const random = new Random(seedOf(source.name, seed));
    for (let i = 0; i < perSource; i++) {
      const mutant = mutate(source.text, random);
      if (mutant.text === source.text) continue;
      const reference = await referenceError(mutant.text);
      const ours = await oursFirstError(mutant.text);
      result.mutants++;
      if ((reference === null) === (ours === null)) result.agreed++;
      else result.disagreements.push({ source: source.name, mutant, reference, ours });
      onMutant?.(result.mutants, total);
    }
  }
  return result;
}

/** A disagreement's class: which side rejects, and its message with names and numbers blurred. */
export function classOf(d: Disagreement): string {
  const blur = (message: string): string =>
    message
      .split('\n')[0]
      .replace(/`[^`]*`/g, '`_`')
      .replace(/'[^']*'/g, "'_'")
      .replace(/\[[^\]]*\]/g, '[_]')
      .replace(/[0-9]+(\.[0-9]+)*/g, 'N')
      .replace(/\s+at line N$/, '');
  return d.reference !== null
    ? `only wit-parser rejects: ${blur(d.reference)}`
    : `only wit-ls rejects: ${blur(d.ours!)}`;
}

/** Disagreements that are understood, each with its reason (a wit-parser bug or a choice). */
export const EXPLAINED: { test: (d: Disagreement) => boolean; reason: string }[] = [
  {
    test: (d) => d.reference !== null && /unreachable|panicked|RuntimeError/i.test(d.reference),
    reason: 'wit-parser panics (a bug in the reference): a crash is not a verdict',
  },
];

export function explanationOf(d: Disagreement): string | null {
  return EXPLAINED.find((e) => e.test(d))?.reason ?? null;
}

/** The report a run prints: the rate, then each class with its count, kinds and an example. */
export function report(result: DifferentialResult): string {
  const lines: string[] = [];
  const rate = result.mutants === 0 ? 100 : (100 * result.agreed) / result.mutants;
  lines.push(`${result.mutants} mutants: wit-ls agrees with wit-parser on ${result.agreed} (${rate.toFixed(2)}%)`);
  const classes = new Map<string, Disagreement[]>();
  for (const d of result.disagreements) classes.set(classOf(d), [...(classes.get(classOf(d)) ?? []), d]);
  for (const [name, members] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
    const example = members[0];
    const kinds = [...new Set(members.map((m) => m.mutant.kind))].join(', ');
    const why = explanationOf(example);
    lines.push(`- ${members.length} × ${name}${why ? `  [explained: ${why}]` : ''}`);
    lines.push(`    kinds: ${kinds}`);
    lines.push(`    e.g. ${example.source}: ${example.mutant.kind}: ${example.mutant.change}`);
    lines.push(`         wit-parser: ${example.reference?.split('\n')[0] ?? 'accepts'}; wit-ls: ${example.ours ?? 'accepts'}`);
  }
  return lines.join('\n');
}
