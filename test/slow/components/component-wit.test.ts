import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Location, SymbolInformation } from 'vscode-languageserver';
import { buildComponent, coreModule, referenceWit, tempFolder } from '../../helpers/components';
import { CORPUS, corpusMissing } from '../../helpers/corpus';
import { LspClient } from '../../helpers/lsp-client';

/** wasi:http 0.2.0-rc with its deps/: the proxy world imports from five packages. */
const HTTP = path.join(CORPUS, 'wit-component-print', 'wasi-http');
const WORLD = 'wasi:http/proxy';

interface ComponentWitResult {
  text: string;
  message?: string;
}

/** The URI under which an editor shows the WIT of `file` (as the VS Code client does). */
function viewUri(file: string): string {
  return `wit-component:${pathToFileURL(file).pathname}.wit`;
}

describe('the WIT of a component, over stdio', { skip: corpusMissing }, () => {
  let folder: string;
  let component: Uint8Array;
  let client: LspClient;

  before(async () => {
    const built = await buildComponent(HTTP, WORLD);
    component = built.component;
    folder = tempFolder({
      'proxy.wasm': component,
      'embedded.wasm': built.core,
      'plain.wasm': await coreModule(),
      'truncated.wasm': component.slice(0, component.length - 100),
      'text.wasm': 'package a:b;\n',
    });
    client = await LspClient.start({ timeoutMs: 60_000 });
    await client.initialize();
  });
  after(() => {
    client?.dispose();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  const decode = (name: string) =>
    client.request<ComponentWitResult>('wit/componentWit', { uri: pathToFileURL(path.join(folder, name)).href });

  it('shows the world as wasm-tools prints it, with every import and export of the source world', async (t) => {
    const started = performance.now();
    const result = await decode('proxy.wasm');
    const elapsed = performance.now() - started;
    const expected = await referenceWit(component);
    assert.equal(result.message, undefined);
    const [header, ...rest] = result.text.split('\n');
    assert.match(header, /^\/\/ WIT of proxy\.wasm \(processed-by wit-component [\d.]+\), printed by wasm-tools$/);
    assert.equal(rest.join('\n'), expected);
    // Every import and export the source world names (its own interfaces by their full name).
    const source = fs.readFileSync(path.join(HTTP, 'proxy.wit'), 'utf8');
    const own = 'wasi:http/';
    const version = '@0.2.0-rc-2023-12-05';
    for (const [, direction, name] of source.matchAll(/^\s*(import|export) ([\w:/.@-]+);/gm)) {
      const full = name.includes(':') ? name : `${own}${name}${version}`;
      assert.ok(result.text.includes(`  ${direction} ${full};`), `${direction} ${full} is missing:\n${result.text}`);
    }
    // The included world's imports are there too.
    assert.match(result.text, /import wasi:clocks\/monotonic-clock@0\.2\.0-rc-2023-11-10;/);
    const again = performance.now();
    await decode('proxy.wasm');
    const warm = performance.now() - again;
    t.diagnostic(`decoding proxy.wasm (${component.length} bytes): ${elapsed.toFixed(0)} ms the first time (loading jco), ${warm.toFixed(0)} ms after`);
  });

  it('says that a core module is not a component, with or without embedded WIT', async () => {
    for (const name of ['plain.wasm', 'embedded.wasm']) {
      const result = await decode(name);
      assert.match(result.message ?? '', /^This is a core WebAssembly module, not a component: it has no WIT world\./);
      assert.ok(result.text.startsWith(`// ${name}\n// This is a core WebAssembly module`), result.text);
    }
  });

  it('reports a damaged file with wasm-tools\' reason, and a file that is not wasm at all', async () => {
    const truncated = await decode('truncated.wasm');
    assert.match(truncated.message ?? '', /^wasm-tools cannot (read|decode) this (file|component): .*unexpected end-of-file/);
    const text = await decode('text.wasm');
    assert.equal(text.message, 'This file is not WebAssembly: it does not start with the `\\0asm` magic number.');
    const missing = await decode('missing.wasm');
    assert.match(missing.message ?? '', /^cannot read .*missing\.wasm: ENOENT$/);
    // The server is still serving after all of these.
    assert.equal((await decode('proxy.wasm')).message, undefined);
  });

  it('prints a WASI 0.3 world with its own functions, `use`d foreign types and async exports, and reports nothing false in it', async () => {
    const wit = tempFolder({
      'wit/app.wit': `package demo:app;

world app {
  use demo:io/types@0.1.0.{pipe, error-code};
  import open: func(name: string) -> result<pipe, error-code>;
  import demo:io/types@0.1.0;
  export run: async func() -> result;
  export copy: func(data: stream<u8>) -> future<result<_, error-code>>;
}
`,
      'wit/deps/io/types.wit': `package demo:io@0.1.0;

interface types {
  enum error-code { closed }
  resource pipe {
    read-via-stream: func() -> tuple<stream<u8>, future<result<_, error-code>>>;
    write-via-stream: func(data: stream<u8>) -> future<result<_, error-code>>;
  }
}
`,
    });
    try {
      const { component: app } = await buildComponent(path.join(wit, 'wit'), 'demo:app/app');
      fs.writeFileSync(path.join(folder, 'app.wasm'), app);
      const { text, message } = await decode('app.wasm');
      assert.equal(message, undefined);
      assert.equal(text.slice(text.indexOf('\n') + 1), await referenceWit(app));
      for (const line of [
        'use demo:io/types@0.1.0.{pipe, error-code};',
        'import open: func(name: string) -> result<pipe, error-code>;',
        'export run: async func() -> result;',
        'export copy: func(data: stream<u8>) -> future<result<_, error-code>>;',
      ]) {
        assert.ok(text.includes(line), `${line} is missing:\n${text}`);
      }
      const uri = viewUri(path.join(folder, 'app.wasm'));
      await client.open(uri, text);
      const published = await client.waitForDiagnostics(uri);
      assert.deepEqual(published.diagnostics.map((d: Diagnostic) => `${d.code}: ${d.message}`), []);
    } finally {
      fs.rmSync(wit, { recursive: true, force: true });
    }
  });

  it('serves the view like any WIT document: outline, hover, and no false errors for packages it only names', async () => {
    const { text } = await decode('proxy.wasm');
    const uri = viewUri(path.join(folder, 'proxy.wasm'));
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri);
    assert.deepEqual(published.diagnostics.map((d: Diagnostic) => `${d.code}: ${d.message}`), []);
    const symbols = await client.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const world = symbols.flatMap((s) => [s, ...(s.children ?? [])]).find((s) => s.name === 'root');
    assert.ok(world, JSON.stringify(symbols));
    const definition = await client.request<Location[] | Location | null>('textDocument/definition', {
      textDocument: { uri },
      position: client.positionAt(uri, text.indexOf('wasi:http/types') + 'wasi:http/'.length),
    });
    assert.deepEqual([definition ?? []].flat(), [], 'nothing to go to: the workspace does not hold wasi:http');
  });
});

describe('navigation from a component\'s WIT into the workspace', { skip: corpusMissing }, () => {
  let folder: string;
  let client: LspClient;
  let text: string;
  const uri = () => viewUri(path.join(folder, 'proxy.wasm'));

  before(async () => {
    folder = tempFolder({ 'proxy.wasm': (await buildComponent(HTTP, WORLD)).component });
    client = await LspClient.start({ timeoutMs: 60_000 });
    await client.initialize({ workspaceFolders: [{ uri: pathToFileURL(HTTP).href, name: 'wasi-http' }] });
    // Indexing runs in the background: wait until a dependency's symbol is there.
    for (let attempt = 0; ; attempt++) {
      const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'incoming-handler' });
      if (found.some((s) => s.name === 'incoming-handler')) break;
      if (attempt > 200) assert.fail('the workspace was not indexed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    text = (await client.request<ComponentWitResult>('wit/componentWit', { uri: pathToFileURL(path.join(folder, 'proxy.wasm')).href })).text;
    await client.open(uri(), text);
  });
  after(() => {
    client?.dispose();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  const definitionOf = async (needle: string, into: string): Promise<Location[]> => {
    const found = await client.request<Location[] | Location | null>('textDocument/definition', {
      textDocument: { uri: uri() },
      position: client.positionAt(uri(), text.indexOf(needle) + into.length),
    });
    return [found ?? []].flat();
  };

  it('goes from an imported or exported interface to its declaration in the workspace', async () => {
    const cases: [string, string, string][] = [
      ['export wasi:http/incoming-handler@', 'export wasi:http/', 'handler.wit'],
      ['import wasi:http/types@', 'import wasi:http/', 'types.wit'],
      ['import wasi:random/random@', 'import wasi:random/', 'deps/random/random.wit'],
      ['import wasi:cli/stdout@', 'import wasi:cli/', 'deps/cli/stdio.wit'],
    ];
    for (const [needle, into, file] of cases) {
      const [location, ...more] = await definitionOf(needle, into);
      assert.equal(more.length, 0);
      assert.equal(location?.uri, pathToFileURL(path.join(HTTP, file)).href, needle);
    }
  });

  it('hovers an imported interface with its docs from the workspace', async () => {
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: uri() },
      position: client.positionAt(uri(), text.indexOf('export wasi:http/incoming-handler') + 'export wasi:http/'.length),
    });
    assert.match(hover?.contents.value ?? '', /interface incoming-handler/);
    assert.match(hover?.contents.value ?? '', /handler of incoming HTTP Requests/);
  });

  it('reports nothing false there either', async () => {
    const published = await client.waitForDiagnostics(uri());
    assert.deepEqual(published.diagnostics, []);
  });
});
