/**
 * `npm run bench:navigation`: how long each navigation feature takes on a generated
 * 10,000-line package and on WASI 0.3.0 (when ../shared/wit-corpus is there). Prints the
 * median and 95th percentile per request; nothing is asserted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createWorkspace, type Workspace } from '../server/src/analysis/model';
import { completionsAt } from '../server/src/analysis/navigation/completion';
import { definitionAt } from '../server/src/analysis/navigation/definition';
import { documentHighlights } from '../server/src/analysis/navigation/document-highlights';
import { documentSymbols } from '../server/src/analysis/navigation/document-symbols';
import { foldingRanges } from '../server/src/analysis/navigation/folding';
import { referencesAt } from '../server/src/analysis/navigation/references';
import { prepareRename, renameAt } from '../server/src/analysis/navigation/rename';
import { selectionRanges } from '../server/src/analysis/navigation/selection-ranges';
import { semanticTokens } from '../server/src/analysis/navigation/semantic-tokens';
import { workspaceSymbols } from '../server/src/analysis/navigation/workspace-symbols';
import { loadWitParser } from '../server/src/parser';
import { generateLargeWit } from './generate-wit';
import { ms, summarize } from './stats';

const ROOT = path.resolve(__dirname, '..');
const WASI = path.resolve(ROOT, '../shared/wit-corpus/wasi-p3/WASI@v0.3.0');
/** Cursor positions sampled per file: every name would take minutes on the large file. */
const SAMPLES = 200;
const WHOLE_FILE_RUNS = 5;

async function main(): Promise<void> {
  const parser = await loadWitParser(path.join(ROOT, 'dist'));
  const large = createWorkspace(parser);
  large.setText('file:///bench/generated.wit', generateLargeWit(10_000));
  report('generated package, 10,000 lines', large);
  if (fs.existsSync(WASI)) {
    const wasi = createWorkspace(parser);
    for (const file of witFiles(WASI)) wasi.setText(`file://${file}`, fs.readFileSync(file, 'utf8'));
    report(`WASI 0.3.0 (${wasi.uris().length} files)`, wasi);
  } else {
    console.log(`\n(skipped WASI 0.3.0: ${WASI} is absent)`);
  }
}

function report(title: string, workspace: Workspace): void {
  const samples = new Map<string, number[]>();
  const time = (feature: string, run: () => unknown): void => {
    const start = performance.now();
    run();
    const list = samples.get(feature) ?? [];
    list.push(performance.now() - start);
    samples.set(feature, list);
  };
  // The model resolves lazily; the first query pays for it, as the first request after an edit does.
  const started = performance.now();
  for (const uri of workspace.uris()) workspace.references(uri);
  const resolve = performance.now() - started;

  for (const uri of workspace.uris()) {
    const document = workspace.document(uri)!;
    const root = document.tree.rootNode;
    // Whole-file features run a few times: the first run also warms up the JIT.
    for (let run = 0; run < WHOLE_FILE_RUNS; run++) {
      time('document symbols (per file)', () => documentSymbols(root));
      time('folding ranges (per file)', () => foldingRanges(root, document.lines));
      time('semantic tokens (per file)', () => semanticTokens(root, workspace.typeResolver(uri)));
    }
    const names = root.descendantsOfType('identifier').filter((n) => n !== null);
    const step = Math.max(1, Math.floor(names.length / SAMPLES));
    for (let i = 0; i < names.length; i += step) {
      const offset = names[i]!.startIndex + 1;
      time('definition', () => definitionAt(workspace, uri, offset));
      time('references', () => referencesAt(workspace, uri, offset, true));
      time('document highlights', () => documentHighlights(workspace, uri, offset));
      time('prepare rename', () => prepareRename(workspace, uri, offset));
      time('rename', () => renameAt(workspace, uri, offset, 'renamed'));
      time('completion', () => completionsAt(workspace, uri, offset));
      time('selection ranges', () => selectionRanges(root, offset));
    }
  }
  for (const query of ['error', 'ioe', 'x']) time('workspace symbols', () => workspaceSymbols(workspace, query));

  console.log(`\n${title}: model resolution ${ms(resolve)}`);
  console.log('feature                      requests   median      p95      max');
  for (const [feature, list] of samples) {
    const s = summarize(list);
    console.log(`${feature.padEnd(28)} ${String(list.length).padStart(8)} ${ms(s.median).padStart(8)} ${ms(s.p95).padStart(8)} ${ms(s.max).padStart(8)}`);
  }
}

function witFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.wit'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
