import { cleanUp, report, runDifferential, validSources } from './differential';

/**
 * `npm run differential [-- --seed N --per-file N --files N]`: the large differential run
 * against wit-parser, printed as a report. Exits 1 below 99.5% agreement.
 */
async function main(): Promise<void> {
  const option = (name: string, fallback: number): number => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const seed = option('seed', 1);
  const perFile = option('per-file', 40);
  const files = option('files', Infinity);
  const sources = await validSources(files);
  process.stderr.write(`${sources.length} valid corpus files and packages, ${perFile} mutants each, seed ${seed}\n`);
  const result = await runDifferential(sources, perFile, seed, (done, total) => {
    if (done % 500 === 0) process.stderr.write(`  ${done}/${total}\n`);
  });
  cleanUp();
  console.log(report(result));
  process.exitCode = result.agreed / result.mutants >= 0.995 ? 0 : 1;
}

void main();
