/**
 * Keystroke latency in the setups users have: a file in its package folder, opened as a
 * workspace folder (so the server reads the package's other files and its deps/), typed
 * into over stdio. Each keystroke takes turns with wit-parser validating the same package
 * in full, so both share the machine's state and the ratio compares like with like.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../server/src/analysis/text';
import { generateLargeWit } from './generate-wit';
import { LspProcess } from './lsp-process';
import { summarize, type Summary } from './stats';

export interface KeystrokeSetup {
  name: string;
  /** The package folder, opened as the workspace folder; holds `deps/` where it has any. */
  folder: string;
  /** The file typed into, inside `folder`. */
  file: string;
  /** Lines of WIT in the folder, deps/ included. */
  lines: number;
  /** A world of the package, for wit-parser to resolve. */
  world: string;
}

export interface KeystrokeFigures {
  /**
   * didChange to the new version's diagnostics: what the user waits for. The server publishes
   * them after answering the hover sent with the change, so this includes the hover.
   */
  toDiagnostics: Summary;
  /**
   * didChange to the answer of a hover sent right behind it, which needs the new analysis
   * (but not the publication, which follows it).
   */
  analysed: Summary;
  /** wit-parser parsing and resolving the whole package from its files, in this process. */
  reference: Summary;
  /** Whether wit-parser accepts the package (else its time is that of finding the error). */
  referenceAccepted: boolean;
}

/**
 * Types one character inside the parameter list of a function near the middle of the file
 * (an edit inside one item: no name another item sees changes), then deletes it.
 */
export async function measureKeystrokes(setup: KeystrokeSetup, samples: number, warmup: number): Promise<KeystrokeFigures> {
  const validate = await referenceValidator();
  const text = fs.readFileSync(setup.file, 'utf8');
  const uri = pathToFileURL(setup.file).href;
  const server = new LspProcess(['--stdio'], process.env.WIT_LS_BENCH_NODE_OPTIONS ? process.env.WIT_LS_BENCH_NODE_OPTIONS.split(' ') : []);
  try {
    await server.initialize({}, [setup.folder]);
    let version = 1;
    const opened = server.diagnosticsFor(uri, version);
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'wit', version, text } });
    await opened;
    const lines = new LineIndex(text);
    const site = parameterSite(text);
    const toDiagnostics: number[] = [];
    const analysed: number[] = [];
    const reference: number[] = [];
    let referenceAccepted = false;
    const change = async (start: number, end: number, newText: string): Promise<[number, number]> => {
      version++;
      const published = server.diagnosticsFor(uri, version);
      const started = performance.now();
      const position = lines.position(start);
      server.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: lines.position(end) }, text: newText }],
      });
      const answered = server.request('textDocument/hover', { textDocument: { uri }, position }).then(() => performance.now());
      const [answeredAt, publishedAt] = await Promise.all([answered, published.then(() => performance.now())]);
      return [publishedAt - started, answeredAt - started];
    };
    for (let round = 0; round < warmup + samples; round++) {
      const insert = await change(site, site, 'x');
      const remove = await change(site, site + 1, '');
      const started = performance.now();
      referenceAccepted = await validate(setup.folder, setup.world);
      const referenceMs = performance.now() - started;
      if (round < warmup) continue;
      toDiagnostics.push(insert[0], remove[0]);
      analysed.push(insert[1], remove[1]);
      reference.push(referenceMs);
    }
    return { toDiagnostics: summarize(toDiagnostics), analysed: summarize(analysed), reference: summarize(reference), referenceAccepted };
  } finally {
    await server.stop();
  }
}

/** Just after the first parameter's name of the first function with parameters past the middle. */
export function parameterSite(text: string): number {
  const pattern = /\bfunc\(\s*(%?[a-z][a-z0-9-]*)\s*:/g;
  for (const from of [Math.floor(text.length / 2), 0]) {
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (match) return match.index + match[0].indexOf(match[1]) + match[1].length;
  }
  throw new Error('no function with parameters to type into');
}

type Validator = (folder: string, world: string) => Promise<boolean>;

/** wit-parser (jco) reading a package folder and its deps/ from disk, as `wasm-tools` does. */
async function referenceValidator(): Promise<Validator> {
  // jco is ESM-only; this benchmark is CommonJS.
  const { _setPreopens } = (await import('@bytecodealliance/preview2-shim/filesystem')) as unknown as {
    _setPreopens(preopens: Record<string, string>): void;
  };
  const tools = (await import('@bytecodealliance/jco-transpile/wasm-tools')) as unknown as {
    componentWitMetadataForWorld(spec: { tag: 'path'; val: string }, world: string): Promise<unknown>;
  };
  _setPreopens({ '/': '/' });
  return async (folder, world) => {
    try {
      await tools.componentWitMetadataForWorld({ tag: 'path', val: folder }, world);
      return true;
    } catch {
      return false;
    }
  };
}

/** Temporary package folders for the setups; `dispose` removes them. */
export class SetupFolders {
  private readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-bench-'));

  /** One generated file of about `lines` lines, alone in its package folder. */
  generated(lines: number): KeystrokeSetup {
    const folder = path.join(this.root, `generated-${lines}`);
    fs.mkdirSync(folder);
    const file = path.join(folder, 'generated.wit');
    fs.writeFileSync(file, generateLargeWit(lines));
    return { name: `generated ${lines.toLocaleString('en')}-line file`, folder, file, lines, world: 'everything' };
  }

  /** `files` files of about `linesEach` lines, one package: typing goes into the middle one. */
  manyFiles(files: number, linesEach: number): KeystrokeSetup {
    const folder = path.join(this.root, `package-${files}x${linesEach}`);
    fs.mkdirSync(folder);
    const names: string[] = [];
    for (let i = 0; i < files; i++) {
      const generated = generateLargeWit(linesEach);
      // wit-parser allows the package's doc comment in one file only.
      const text = (i === 0 ? generated : generated.slice(generated.indexOf('\n') + 1))
        .replace('package bench:generated@0.1.0;', 'package bench:many@0.1.0;')
        .replaceAll('store-', `f${i}-store-`)
        .replace('world everything', `world everything-${i}`);
      names.push(path.join(folder, `file-${String(i).padStart(2, '0')}.wit`));
      fs.writeFileSync(names[i], text);
    }
    return {
      name: `one file of a ${files}-file x ${linesEach}-line package`,
      folder,
      file: names[Math.floor(files / 2)],
      lines: files * linesEach,
      world: `everything-${Math.floor(files / 2)}`,
    };
  }

  /**
   * WASI 0.3.0's `wasi:sockets` as a user has it: its files, and the packages its
   * deps.toml names copied into deps/ (as wit-deps lays them out). Typing goes into
   * `types.wit`, the largest file.
   */
  wasiSockets(release: string): KeystrokeSetup {
    const source = path.join(release, 'proposals', 'sockets', 'wit');
    const folder = path.join(this.root, 'wasi-sockets');
    fs.mkdirSync(folder);
    let lines = 0;
    const copy = (from: string, to: string) => {
      fs.mkdirSync(to, { recursive: true });
      for (const name of fs.readdirSync(from).filter((n) => n.endsWith('.wit'))) {
        const text = fs.readFileSync(path.join(from, name), 'utf8');
        lines += text.split('\n').length - 1;
        fs.writeFileSync(path.join(to, name), text);
      }
    };
    copy(source, folder);
    const manifest = fs.readFileSync(path.join(source, 'deps.toml'), 'utf8');
    for (const [, name, relative] of manifest.matchAll(/^(\S+)\s*=\s*"([^"]+)"/gm)) {
      copy(path.resolve(source, relative), path.join(folder, 'deps', name));
    }
    return { name: '`wasi:sockets` 0.3.0, `types.wit`, with `deps/`', folder, file: path.join(folder, 'types.wit'), lines, world: 'imports' };
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
