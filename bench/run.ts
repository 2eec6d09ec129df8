/**
 * `npm run bench`: how fast and how big wit-ls is, beside the reference parser (wit-parser
 * through jco), with the figures written to bench/RESULTS.md. `--quick` runs every part
 * with few samples in well under a minute and writes nothing (unless `--out FILE`): CI runs
 * it so the benchmark keeps working. `--only hostile` runs the hostile-input table alone
 * (minutes, not the hour of the whole run) and writes nothing unless `--out FILE`.
 * Figures are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusThroughput } from './analysis-bench';
import { checkAsProcess, referenceAsProcess } from './check-process';
import { formatBench, formatReport } from './format-bench';
import { generateLargeWit } from './generate-wit';
import { hostileInputs } from './hostile'; // hostile-input table (issue 14)
import { displayPath, findInputs } from './inputs';
import { measureKeystrokes, SetupFolders, type KeystrokeFigures, type KeystrokeSetup } from './keystroke-setups';
import { ROOT, SERVER_BUNDLE } from './lsp-process';
import { coldStart, openCorpus, SETTLE_MS } from './server-bench';
import { megabytes, ms, type Summary } from './stats';

const GENERATED_LINES = 10_000;
/**
 * Package sizes, in 200-line files, for the growth of a keystroke's cost (the 50-file,
 * 10,000-line package is measured anyway). Files, not one file: a 40,000-line file is above
 * `wit.analysis.maxFileSize`, where only file-local checks run.
 */
const GROWTH_FILES = [5, 200];
const GROWTH_FILE_LINES = 200;

/** A mistake on the command line: reported in one line, without a stack. */
class UsageError extends Error {}

/** Sections that `--only` can run alone. */
const ALONE = ['hostile'] as const;

interface Options {
  quick: boolean;
  out?: string;
  only?: (typeof ALONE)[number];
}

function parseOptions(argv: string[]): Options {
  const options: Options = { quick: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') options.quick = true;
    else if (argv[i] === '--out' && argv[i + 1]) options.out = path.resolve(argv[++i]);
    else if (argv[i] === '--only' && ALONE.some((s) => s === argv[i + 1])) options.only = argv[++i] as Options['only'];
    else throw new UsageError(`unknown option or missing value: ${argv[i]} (use --quick, --out FILE, --only ${ALONE.join('|')})`);
  }
  if (!options.quick && !options.only) options.out ??= path.join(ROOT, 'bench', 'RESULTS.md');
  return options;
}

/** Sample counts: the full run for figures worth reporting, quick for a smoke test. */
function plan(quick: boolean) {
  return quick
    ? { coldRuns: 1, keystrokeSamples: 3, keystrokeWarmup: 1, corpusPasses: 1, processRuns: 1, openEvery: 4 }
    : { coldRuns: 10, keystrokeSamples: 30, keystrokeWarmup: 5, corpusPasses: 5, processRuns: 5, openEvery: 1 };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const counts = plan(options.quick);
  const loadAtStart = os.loadavg()[0];
  ensureBuilt(!options.quick);
  const inputs = findInputs();
  const report: string[] = [];
  const section = (title: string, lines: string[]): void => {
    const text = [`## ${title}`, '', ...lines, ''].join('\n');
    process.stdout.write(`${text}\n`);
    report.push(text);
  };

  if (options.only === 'hostile') {
    section('6. Hostile inputs', await hostileInputs(options.quick));
    writeReport(options, report, loadAtStart);
    return;
  }

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

  const keystrokeLines = [
    'Each setup is a package folder opened as the workspace folder, as a user opens a project: the server reads its other files and `deps/`. One character is typed just after the first parameter name of a function past the middle of the file (an edit inside one item: no name other items see changes), then deleted; each is one incremental `didChange` over stdio, followed at once by a hover at the same place.',
    '"To diagnostics" is what the user waits for: until the new version\'s diagnostics arrive, including the delay by which the server batches the diagnostics of fast typing. "Analysed" is until the hover is answered, which needs the new version\'s analysis: the server\'s own work for the keystroke.',
    `wit-parser (wasm-tools through \`@bytecodealliance/jco-transpile\`, in the benchmark's process) validates the same package folder from disk, deps/ included, taking turns with the keystrokes so both see the same machine; it has no incremental mode, so a full validation is its cost of a keystroke. Ratio = wit-parser median / ours analysed median (above 1: we are faster). ${counts.keystrokeSamples} rounds of insert + delete after ${counts.keystrokeWarmup} warm-up rounds.`,
    '',
  ];
  const folders = new SetupFolders();
  const rows: string[][] = [];
  const verdicts: string[] = [];
  try {
    // `growth` marks the generated files whose cost per keystroke should not grow with their size.
    const setups: { setup: KeystrokeSetup; target?: (f: KeystrokeFigures) => string; growth?: boolean }[] = [
      {
        setup: folders.generated(GENERATED_LINES),
        growth: true,
        target: (f) =>
          `${verdict(f.analysed.p95 < 5, `generated ${GENERATED_LINES.toLocaleString('en')}-line file: analysed p95 ${ms(f.analysed.p95)} (target < 5 ms)`)} ${verdict(
            f.reference.median / f.analysed.median >= 10,
            `${(f.reference.median / f.analysed.median).toFixed(1)}x wit-parser's full validation (target: at least 10x faster)`,
          )}`,
      },
      { setup: folders.manyFiles(50, GROWTH_FILE_LINES), growth: true, target: (f) => verdict(f.analysed.p95 < 5, `50-file x 200-line package: analysed p95 ${ms(f.analysed.p95)} (target < 5 ms)`) },
      ...(inputs.wasiRelease
        ? [{ setup: folders.wasiSockets(inputs.wasiRelease), target: (f: KeystrokeFigures) => verdict(f.analysed.p95 < 3, `WASI file in its package with deps/: analysed p95 ${ms(f.analysed.p95)} (target < 3 ms)`) }]
        : []),
      ...GROWTH_FILES.map((files) => ({ setup: folders.manyFiles(files, GROWTH_FILE_LINES), growth: true, target: undefined })),
    ];
    const growth: { lines: number; median: number }[] = [];
    for (const { setup, target, growth: grows } of setups) {
      const f = await measureKeystrokes(setup, counts.keystrokeSamples, counts.keystrokeWarmup);
      rows.push([
        setup.name,
        setup.lines.toLocaleString('en'),
        `${ms(f.toDiagnostics.median)} / ${ms(f.toDiagnostics.p95)}`,
        `${ms(f.analysed.median)} / ${ms(f.analysed.p95)}`,
        `${ms(f.reference.median)} / ${ms(f.reference.p95)}${f.referenceAccepted ? '' : ' (rejects it)'}`,
        (f.reference.median / f.analysed.median).toFixed(2),
      ]);
      if (target) verdicts.push(target(f));
      if (grows) growth.push({ lines: setup.lines, median: f.analysed.median });
    }
    growth.sort((a, b) => a.lines - b.lines);
    const [smallest, largest] = [growth[0], growth[growth.length - 1]];
    const factor = largest.median / smallest.median;
    verdicts.push(
      verdict(
        factor < 2,
        `growth: analysed median ${growth.map((g) => `${ms(g.median)} at ${g.lines.toLocaleString('en')} lines`).join(', ')}, ${factor.toFixed(1)}x from ${smallest.lines.toLocaleString('en')} to ${largest.lines.toLocaleString('en')} lines (target: flat, under 2x)`,
      ),
    );
  } finally {
    folders.dispose();
  }
  keystrokeLines.push(
    `The ${GROWTH_FILES.map((n) => `${n}-file`).join(' and ')} packages of ${GROWTH_FILE_LINES}-line files (${GROWTH_FILES.map((n) => (n * GROWTH_FILE_LINES).toLocaleString('en')).join(' and ')} lines) are the 50-file package's generator at other sizes: with it, the growth of a keystroke's cost with the package's size, the typed file's size staying the same.`,
    '',
    table(['setup', 'lines', 'to diagnostics p50 / p95', 'analysed p50 / p95', 'wit-parser full validation p50 / p95', 'ratio'], rows),
    '',
    ...verdicts.flatMap((v) => [v, '']),
  );
  section('2. Keystroke latency', keystrokeLines);

  const checked = checkAsProcess(inputs.corpusRoot, counts.processRuns);
  const referenceChecked = referenceAsProcess(inputs.corpusRoot, counts.processRuns);
  const throughput = await corpusThroughput(inputs.corpusFiles, counts.corpusPasses);
  section('3. `wit-ls check` on the corpus', [
    `\`node dist/wit-ls.js check ${inputs.corpusName}\` as a process, as in CI: ${inputs.corpusFiles.length} files (${megabytes(throughput.bytes)}), packages resolved across files and \`deps/\`, ${checked.wall.count} runs after one warm-up. Beside it, wit-parser over the same files as a process (\`node bench/reference-check.mjs\`: jco, each file on its own; it stops at a file's first error, and files that need their package's other files or \`deps/\` fail early, so its time is a lower bound). CPU is user + system time of the process.`,
    '',
    table(['command', 'wall median', 'min', 'max', 'CPU median', 'its summary'], [
      ['`wit-ls check`', ...figures(checked.wall), checked.cpu ? ms(checked.cpu.median) : 'not measured', `${checked.lastLine} (exit ${checked.exitCode})`],
      ['wit-parser (jco), each file', ...figures(referenceChecked.wall), referenceChecked.cpu ? ms(referenceChecked.cpu.median) : 'not measured', referenceChecked.lastLine],
    ]),
    '',
    `For scale, the file-local part alone (parse + syntax errors + rules, no workspace model, in process, no start-up): ${ms(throughput.pass.median)} per pass over the same files.`,
    '',
    verdict(checked.wall.median < referenceChecked.wall.median, `\`wit-ls check\` ${ms(checked.wall.median)} against wit-parser's ${ms(referenceChecked.wall.median)} (target: faster than wit-parser over the same files)`),
  ]);

  const opened = await openCorpus(inputs.corpusFiles.filter((_, i) => i % counts.openEvery === 0));
  section('4. Memory', [
    `Resident set size of one server process (from /proc) after \`initialize\`, and after \`didOpen\` of ${opened.files === inputs.corpusFiles.length ? 'all' : `a sample of`} ${opened.files} corpus files (every diagnostics notification received, ${ms(opened.elapsedMs)} from the first didOpen): 200 ms after the last diagnostics, and settled, ${ms(SETTLE_MS)} later, once the quiet server has given back the young generation the burst grew. Target < 100 MB, settled.`,
    '',
    table(['idle', 'corpus open', 'corpus open, settled'], [[bytesOrUnknown(opened.idleRssBytes), bytesOrUnknown(opened.openRssBytes), bytesOrUnknown(opened.settledRssBytes)]]),
    '',
    opened.settledRssBytes === undefined
      ? 'Not measured: /proc is not available on this system.'
      : verdict(opened.settledRssBytes < 100 * 1024 * 1024, `${megabytes(opened.settledRssBytes)} (target < 100 MB)`),
  ]);

  section('5. Package size', [packageSize(options.quick)]);
  section('6. Hostile inputs', await hostileInputs(options.quick)); // hostile-input table (issue 14)

  // Formatting: the largest WASI 0.3 file (target < 5 ms) and the generated file (< 50 ms).
  const wasiFiles = inputs.corpusFiles.filter((f) => f.includes('wasi-p3'));
  const largestWasi = (wasiFiles.length > 0 ? wasiFiles : inputs.corpusFiles).reduce((a, b) => (fs.statSync(b).size > fs.statSync(a).size ? b : a));
  const generated = generateLargeWit(GENERATED_LINES);
  const formatInputs = [
    { name: `largest WASI file, ${code(displayPath(largestWasi))}`, text: fs.readFileSync(largestWasi, 'utf8'), targetMs: 5 },
    { name: `generated ${GENERATED_LINES.toLocaleString('en')}-line file`, text: generated, targetMs: 50 },
  ];
  const formatSamples = options.quick ? 3 : 30;
  section('7. Formatting', formatReport(await formatBench(formatInputs, generated, formatSamples, options.quick ? 1 : 5), formatSamples));

  writeReport(options, report, loadAtStart);
}

function writeReport(options: Options, report: string[], loadAtStart: number): void {
  if (options.out) {
    const header = [
      '# wit-ls benchmark results',
      '',
      `Written by \`npm run bench${flags(options)}\` on ${new Date().toISOString().slice(0, 10)}. Figures vary from run to run, and far more on a machine busy with other work (see the load average below); rerun on the same setup before comparing.`,
      '',
      `Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}, \`nproc\` ${os.availableParallelism()}), ${megabytes(os.totalmem())} memory, ${os.type()} ${os.release()}, Node ${process.version}. Load average when the run started: ${loadAtStart.toFixed(1)} (other work on the machine slows every figure).`,
      '',
    ];
    fs.writeFileSync(options.out, [...header, ...report].join('\n'));
    process.stdout.write(`written to ${path.relative(process.cwd(), options.out)}\n`);
  }
}

function flags(options: Options): string {
  const given = [...(options.quick ? ['--quick'] : []), ...(options.only ? ['--only', options.only] : [])];
  return given.length > 0 ? ` -- ${given.join(' ')}` : '';
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
