/**
 * `npm run bench`: how fast and how big wit-ls is, beside the reference parser (wit-parser
 * through jco), with the figures written to bench/RESULTS.md. `--quick` runs every part
 * with few samples in well under a minute and writes nothing (unless `--out FILE`): CI runs
 * it so the benchmark keeps working. Figures are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  corpusThroughput,
  inProcessEdits,
  referenceOnCorpus,
  referenceOnText,
} from './analysis-bench';
import { formatBench, formatReport } from './format-bench';
import { generateLargeWit } from './generate-wit';
import { hostileInputs } from './hostile'; // hostile-input table (issue 14)
import { displayPath, findInputs } from './inputs';
import { ROOT, SERVER_BUNDLE } from './lsp-process';
import { coldStart, keystrokes, openCorpus } from './server-bench';
import { megabytes, ms, summarize, type Summary } from './stats';

const GENERATED_LINES = 10_000;

/** A mistake on the command line: reported in one line, without a stack. */
class UsageError extends Error {}

interface Options {
  quick: boolean;
  out?: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { quick: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') options.quick = true;
    else if (argv[i] === '--out' && argv[i + 1]) options.out = path.resolve(argv[++i]);
    else throw new UsageError(`unknown option or missing value: ${argv[i]} (use --quick, --out FILE)`);
  }
  if (!options.quick) options.out ??= path.join(ROOT, 'bench', 'RESULTS.md');
  return options;
}

/** Sample counts: the full run for figures worth reporting, quick for a smoke test. */
function plan(quick: boolean) {
  return quick
    ? { coldRuns: 1, keystrokeSamples: 3, keystrokeWarmup: 1, corpusPasses: 1, referenceRuns: 2, referenceWarmup: 1, openEvery: 4 }
    : { coldRuns: 10, keystrokeSamples: 50, keystrokeWarmup: 10, corpusPasses: 5, referenceRuns: 10, referenceWarmup: 3, openEvery: 1 };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const counts = plan(options.quick);
  const loadAtStart = os.loadavg()[0];
  ensureBuilt(!options.quick);
  const inputs = findInputs();
  const generated = generateLargeWit(GENERATED_LINES);
  const largestWasi = fs.readFileSync(inputs.largestWasiFile, 'utf8');
  const report: string[] = [];
  const section = (title: string, lines: string[]): void => {
    const text = [`## ${title}`, '', ...lines, ''].join('\n');
    process.stdout.write(`${text}\n`);
    report.push(text);
  };

  const cold = await coldStart(inputs.wasi03File, counts.coldRuns);
  section('1. Cold start', [
    `Spawn of \`node dist/wit-ls.js --stdio\` to the first \`publishDiagnostics\` of ${code(displayPath(inputs.wasi03File))}, ${cold.firstDiagnostics.count} runs after one warm-up. Target < 300 ms.`,
    '',
    table(['', 'median', 'min', 'max'], [
      ['to first diagnostics', ...figures(cold.firstDiagnostics)],
      ['to `initialize` answered', ...figures(cold.initialized)],
      ['bare `node -e 0`, for scale', ...figures(cold.bareNode)],
    ]),
    '',
    verdict(cold.firstDiagnostics.median < 300, `median ${ms(cold.firstDiagnostics.median)}`),
  ]);

  const typing = [
    { name: `generated ${GENERATED_LINES.toLocaleString('en')}-line file`, text: generated },
    { name: `largest WASI file, ${code(displayPath(inputs.largestWasiFile))}`, text: largestWasi },
  ];
  const keystrokeLines: string[] = [
    'One character typed after a function name near the start, middle and end of the file, then deleted; each is one incremental `didChange` over stdio, followed at once by a hover at the same place.',
    '"To diagnostics" is what the user waits for: until the diagnostics of the new version arrive, including the delay by which the server batches the diagnostics of fast typing. "Analysed" is until the hover is answered, which needs the new version\'s analysis: the server\'s own work for the keystroke.',
    `${counts.keystrokeSamples} samples per edit after ${counts.keystrokeWarmup} warm-up rounds. Target: p95 < 5 ms on the generated file.`,
    '',
  ];
  const keystrokeSummaries: { toDiagnostics: Summary; toAnalysis: Summary }[] = [];
  for (const { name, text } of typing) {
    const results = await keystrokes(text, counts.keystrokeSamples, counts.keystrokeWarmup);
    const all = {
      toDiagnostics: summarize(results.flatMap((r) => r.toDiagnostics)),
      toAnalysis: summarize(results.flatMap((r) => r.toAnalysis)),
    };
    keystrokeSummaries.push(all);
    const split = await inProcessEdits(text, counts.keystrokeSamples, counts.keystrokeWarmup);
    const row = (label: string, toDiagnostics: Summary, toAnalysis: Summary) => [
      label,
      ms(toDiagnostics.median),
      ms(toDiagnostics.p95),
      ms(toAnalysis.median),
      ms(toAnalysis.p95),
      ms(Math.max(toDiagnostics.max, toAnalysis.max)),
    ];
    keystrokeLines.push(
      `### ${name} (${text.split('\n').length - 1} lines, ${megabytes(Buffer.byteLength(text))})`,
      '',
      table(['edit', 'to diagnostics p50', 'p95', 'analysed p50', 'p95', 'max'], [
        ...results.map((r) => row(`${r.site} ${r.kind}`, summarize(r.toDiagnostics), summarize(r.toAnalysis))),
        row('**all edits**', all.toDiagnostics, all.toAnalysis),
      ]),
      '',
      'The same edits in process, split by step (p50 / p95):',
      '',
      table(['step', 'p50', 'p95'], [
        ['incremental re-parse (`applyChange`)', ms(split.reparse.median), ms(split.reparse.p95)],
        ['analysis of the file alone (`analyze`, no workspace model)', ms(split.analyze.median), ms(split.analyze.p95)],
        ['for comparison: fresh parse + analysis', ms(split.fresh.median), ms(split.fresh.p95)],
      ]),
      '',
    );
  }
  const generatedKeystroke = keystrokeSummaries[0];
  keystrokeLines.push(
    verdict(
      generatedKeystroke.toDiagnostics.p95 < 5,
      `p95 ${ms(generatedKeystroke.toDiagnostics.p95)} to diagnostics, ${ms(generatedKeystroke.toAnalysis.p95)} analysed, on the generated file`,
    ),
  );
  section('2. Keystroke latency', keystrokeLines);

  const throughput = await corpusThroughput(inputs.corpusFiles, counts.corpusPasses);
  const seconds = throughput.pass.median / 1000;
  section('3. Whole-corpus analysis', [
    `Every file of ${inputs.corpusName} parsed from scratch and analyzed in process (the work of \`wit-ls check\`), ${throughput.pass.count} passes after one warm-up. Target < 1 s.`,
    '',
    table(['files', 'size', 'pass median', 'min', 'max', 'files/s', 'MB/s'], [
      [
        String(throughput.files),
        megabytes(throughput.bytes),
        ...figures(throughput.pass),
        Math.round(throughput.files / seconds).toLocaleString('en'),
        (throughput.bytes / 1024 / 1024 / seconds).toFixed(1),
      ],
    ]),
    '',
    `Findings: ${throughput.syntaxErrors} syntax errors (the corpus holds wit-parser's parse-fail cases), ${throughput.ruleFindings} rule diagnostics.`,
    '',
    verdict(throughput.pass.median < 1000, `${ms(throughput.pass.median)} per pass`),
  ]);

  const opened = await openCorpus(inputs.corpusFiles.filter((_, i) => i % counts.openEvery === 0));
  section('4. Memory', [
    `Resident set size of one server process (from /proc) after \`initialize\`, and after \`didOpen\` of ${opened.files === inputs.corpusFiles.length ? 'all' : `a sample of`} ${opened.files} corpus files (every diagnostics notification received, ${ms(opened.elapsedMs)} from the first didOpen). Target < 100 MB.`,
    '',
    table(['idle', 'corpus open'], [[bytesOrUnknown(opened.idleRssBytes), bytesOrUnknown(opened.openRssBytes)]]),
    '',
    opened.openRssBytes === undefined
      ? 'Not measured: /proc is not available on this system.'
      : verdict(opened.openRssBytes < 100 * 1024 * 1024, megabytes(opened.openRssBytes)),
  ]);

  const referenceGenerated = await referenceOnText(generated, counts.referenceRuns, counts.referenceWarmup);
  const oursFresh = await inProcessEdits(generated, counts.referenceRuns, counts.referenceWarmup);
  const referenceCorpus = await referenceOnCorpus(inputs.corpusFiles, counts.corpusPasses);
  const revalidation = generatedKeystroke.toAnalysis;
  const speedup = referenceGenerated.validation.median / revalidation.median;
  section('5. Beside the reference parser', [
    'wit-parser (wasm-tools, run by `@bytecodealliance/jco-transpile` in this process) validating the same text: parse, resolve, look up a world. It has no incremental mode, so every edit costs it a full validation. Ratio = ours / reference (below 1 means we are faster).',
    '',
    table(['work', 'ours (median)', 'reference (median)', 'ours / reference'], [
      [
        're-validation of the generated file after a keystroke (ours: over stdio, analysed)',
        ms(revalidation.median),
        ms(referenceGenerated.validation.median),
        ratio(revalidation.median, referenceGenerated.validation.median),
      ],
      [
        'the generated file from scratch (ours: parse + analyze in process)',
        ms(oursFresh.fresh.median),
        ms(referenceGenerated.validation.median),
        ratio(oursFresh.fresh.median, referenceGenerated.validation.median),
      ],
      [
        `all ${inputs.corpusFiles.length} corpus files, each on its own`,
        ms(throughput.pass.median),
        ms(referenceCorpus.pass.median),
        ratio(throughput.pass.median, referenceCorpus.pass.median),
      ],
    ]),
    '',
    `The reference accepts the generated file: ${referenceGenerated.accepted ? 'yes' : '**no**'}. It accepts ${referenceCorpus.accepted} of the ${inputs.corpusFiles.length} corpus files on their own; the others belong to multi-file packages, need \`deps/\`, or are parse-fail cases, and it stops at the first error, so its corpus time is a lower bound.`,
    '',
    verdict(speedup >= 10, `${speedup.toFixed(1)}x faster than the reference on re-validation of the generated file`),
  ]);

  section('6. Package size', [packageSize(options.quick)]);
  section('7. Hostile inputs', await hostileInputs(options.quick)); // hostile-input table (issue 14)

  const formatSamples = options.quick ? 3 : 30;
  const formatInputs = typing.map((t, i) => ({ ...t, targetMs: i === 0 ? 50 : 5 })).reverse();
  section('7. Formatting', formatReport(await formatBench(formatInputs, generated, formatSamples, options.quick ? 1 : 5), formatSamples));

  if (options.out) {
    const header = [
      '# wit-ls benchmark results',
      '',
      `Written by \`npm run bench${options.quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}. Figures vary by a few percent from run to run; rerun before comparing.`,
      '',
      `Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}, \`nproc\` ${os.availableParallelism()}), ${megabytes(os.totalmem())} memory, ${os.type()} ${os.release()}, Node ${process.version}. Load average when the run started: ${loadAtStart.toFixed(1)} (other work on the machine slows every figure).`,
      '',
    ];
    fs.writeFileSync(options.out, [...header, ...report].join('\n'));
    process.stdout.write(`written to ${path.relative(process.cwd(), options.out)}\n`);
  }
}

/** Builds when asked to, or when dist/ is missing or older than the sources it is made from. */
function ensureBuilt(always: boolean): void {
  if (!always && fs.existsSync(SERVER_BUNDLE)) {
    const built = fs.statSync(SERVER_BUNDLE).mtimeMs;
    const sources = [path.join(ROOT, 'server/src'), path.join(ROOT, 'grammars/tree-sitter-wit/tree-sitter-wit.wasm')];
    if (sources.every((s) => newestMtime(s) <= built)) return;
  }
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('`npm run build` failed');
}

function newestMtime(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** The .vsix that `npm run package` makes, when the project has that script. */
function packageSize(quick: boolean): string {
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts.package) return 'Not measured: the project has no `npm run package` script yet.';
  if (quick) return 'Not measured in `--quick` mode (packaging takes a while).';
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-vsix-'));
  try {
    const vsix = path.join(folder, 'wit-ls.vsix');
    const result = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0 || !fs.existsSync(vsix)) {
      return `Not measured: \`npm run package\` failed:\n\n\`\`\`\n${(result.stderr || result.stdout).trim().slice(-2000)}\n\`\`\``;
    }
    const bytes = fs.statSync(vsix).size;
    return `\`npm run package\` makes a .vsix of ${bytes.toLocaleString('en')} bytes (${megabytes(bytes)}).`;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function figures(s: Summary): string[] {
  return [ms(s.median), ms(s.min), ms(s.max)];
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function ratio(ours: number, reference: number): string {
  const r = ours / reference;
  return `${r.toFixed(3)} (${(reference / ours).toFixed(1)}x ${reference >= ours ? 'faster' : 'slower'})`;
}

function verdict(met: boolean, what: string): string {
  return met ? `Target met: ${what}.` : `**Target missed**: ${what}.`;
}

function bytesOrUnknown(bytes: number | undefined): string {
  return bytes === undefined ? 'not measured' : megabytes(bytes);
}

function code(text: string): string {
  return `\`${text}\``;
}

main().catch((error: unknown) => {
  const detail = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`bench: ${detail}\n`);
  process.exitCode = 1;
});
