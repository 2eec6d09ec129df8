import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileErrors } from '../../server/src/analysis/analyze';
import { createWorkspace } from '../../server/src/analysis/model';
import { witParser } from '../helpers/parser';
import { CORPUS, witFiles } from '../helpers/corpus';
import { Random, seedOf } from '../helpers/mutations';
import { mutate, type Mutant } from './mutants';
import { embedError } from './reference';

/**
 * The differential test: seeded mutants of valid WIT, each judged by wit-ls and by the
 * reference (wit-parser through jco). Verdicts are compared (valid or invalid), not
 * messages: wit-ls reports every error, wit-parser the first.
 */

export interface Source {
  name: string;
  /** Paths relative to the package folder (deps/ included), with their texts. */
  files: { relative: string; text: string }[];
  /** The files mutations may change: the package's own, not its deps. */
  mutable: number[];
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

const CHECK_FILE = 'zz-wit-ls-reference-check.wit';
export const CHECK_WORLD = 'wit-ls-reference-check';
const SKIPPED = new Set(['parse-fail', 'deps', 'wit-component-print']);

/**
 * Valid WIT from the corpus that both wit-ls and wit-parser accept: single files that stand
 * alone, and package folders (several files, or a deps/ folder). Mutating valid input is
 * what makes a verdict mean something.
 */
export async function validSources(limit = Infinity): Promise<Source[]> {
  const sources: Source[] = [];
  const folders: string[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const wit = entries.filter((e) => e.isFile() && e.name.endsWith('.wit')).map((e) => e.name).sort();
    const hasDeps = entries.some((e) => e.isDirectory() && e.name === 'deps');
    if (wit.length > 1 || (wit.length === 1 && hasDeps)) folders.push(dir);
    for (const e of entries) if (e.isDirectory() && !SKIPPED.has(e.name)) walk(path.join(dir, e.name));
  };
  walk(CORPUS);
  for (const file of witFiles(CORPUS)) {
    if (sources.length >= limit) return sources;
    if (file.split(path.sep).some((part) => SKIPPED.has(part))) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (text.length > 20_000) continue; // keeps a run short; large files add nothing small ones lack
    const source = { name: path.relative(CORPUS, file), files: [{ relative: 'mutant.wit', text }], mutable: [0] };
    if ((await verdicts(source.files)).every((v) => v === null)) sources.push(source);
  }
  for (const dir of folders) {
    if (sources.length >= limit) return sources;
    const files = witFiles(dir).map((f) => ({ relative: path.relative(dir, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));
    const header = files.map((f) => /^\s*package\s+([^;{\s]+)\s*;/m.exec(f.text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ''))?.[1]).find((h) => h);
    if (!header || files.some((f) => f.text.length > 40_000)) continue;
    files.push({ relative: CHECK_FILE, text: `package ${header};\nworld ${CHECK_WORLD} {}\n` });
    const mutable = files.flatMap((f, i) => (f.relative.includes('/') || f.relative === CHECK_FILE ? [] : [i]));
    const source = { name: path.relative(CORPUS, dir), files, mutable };
    if ((await verdicts(files)).every((v) => v === null)) sources.push(source);
  }
  return sources;
}

/** [wit-parser's error, wit-ls's first error] on a single file or a package folder; null = accepted. */
async function verdicts(files: Source['files']): Promise<[string | null, string | null]> {
  const reference = files.length === 1
    ? await embedError({ witSource: `${files[0].text}\nworld ${CHECK_WORLD} {}\n`, world: CHECK_WORLD, dummy: true })
    : await referenceFolderError(files);
  return [reference, await oursFirstError(files)];
}

/**
 * wit-ls's verdict: its first error over all the files, or null. A package folder is read
 * as one package, as `wit-ls check DIR` and `wasm-tools component wit DIR` read it.
 */
export async function oursFirstError(files: Source['files']): Promise<string | null> {
  try {
    const workspace = createWorkspace(await witParser(), { features: [], packageFolders: ['file:///mutant'] });
    for (const file of files) workspace.setText(`file:///mutant/${file.relative}`, file.text);
    for (const file of files) {
      const uri = `file:///mutant/${file.relative}`;
      const first = [...fileErrors(workspace.document(uri)!), ...workspace.diagnostics(uri)].find((d) => d.severity === 1);
      if (first) return `${first.code}: ${first.message}`;
    }
    return null;
  } catch (error) {
    return `wit-ls threw: ${String(error)}`;
  }
}

let scratch: string | null = null;

/** wit-parser on a package folder (as `wasm-tools component wit DIR`), written to a scratch folder. */
export async function referenceFolderError(files: Source['files']): Promise<string | null> {
  const filesystem = (await import('@bytecodealliance/preview2-shim/filesystem')) as { _setPreopens(map: Record<string, string>): void };
  filesystem._setPreopens({ '/': '/' });
  scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-differential-'));
  const dir = path.join(scratch, 'package');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file.relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, file.relative), file.text);
  }
  return embedError({ witPath: dir, world: CHECK_WORLD, dummy: true });
}

/** Removes the scratch folder of package runs. */
export function cleanUp(): void {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = null;
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
      const target = random.pick(source.mutable);
      const mutant = mutate(source.files[target].text, random);
      if (mutant.text === source.files[target].text) continue;
      const files = source.files.map((f, index) => (index === target ? { ...f, text: mutant.text } : f));
      const [reference, ours] = await verdicts(files);
      result.mutants++;
      const where = source.files.length > 1 ? `${source.name}/${source.files[target].relative}` : source.name;
      if ((reference === null) === (ours === null)) result.agreed++;
      else result.disagreements.push({ source: where, mutant, reference, ours });
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
    test: (d) => d.reference !== null && d.reference.startsWith('wit-parser panicked'),
    reason: 'wit-parser panics (a bug in the reference) where it should report an error: a crash is not a verdict',
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
