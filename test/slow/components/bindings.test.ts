import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tempFolder } from '../../helpers/components';
import { LspClient } from '../../helpers/lsp-client';

interface BindingsFile {
  path: string;
  text: string;
}
type BindingsResult = { world: string; guest: BindingsFile[]; host: BindingsFile[] } | { message: string };

const API = `package demo:shop@0.2.0;

interface catalog {
  record item { name: string, price: u32 }
  resource cart {
    constructor();
    add: func(item: item);
    total: func() -> u32;
  }
  lookup: func(name: string) -> option<item>;
}

world store {
  import wasi:clocks/wall-clock@0.2.0;
  export catalog;
}

world other {
  export catalog;
}
`;

const CLOCK = `package wasi:clocks@0.2.0;

interface wall-clock {
  record datetime { seconds: u64, nanoseconds: u32 }
  now: func() -> datetime;
}
`;

describe('TypeScript bindings of a world, over stdio', () => {
  let folder: string;
  let client: LspClient;
  const uri = () => pathToFileURL(path.join(folder, 'wit', 'shop.wit')).href;
  const at = (needle: string) => client.positionAt(uri(), API.indexOf(needle));

  before(async () => {
    folder = tempFolder({ 'wit/shop.wit': API, 'wit/deps/clocks/wall-clock.wit': CLOCK });
    client = await LspClient.start({ timeoutMs: 60_000 });
    await client.initialize();
    await client.open(uri(), API);
  });
  after(() => {
    client?.dispose();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('generates the guest and host declarations of the world at the cursor, with its deps/', async () => {
    const result = await client.request<BindingsResult>('wit/typescriptBindings', { uri: uri(), position: at('import wasi:clocks') });
    assert.ok('world' in result, JSON.stringify(result));
    assert.equal(result.world, 'demo:shop/store@0.2.0');
    assert.deepEqual(
      result.guest.map((f) => f.path),
      ['store.d.ts', 'interfaces/demo-shop-catalog.d.ts', 'interfaces/wasi-clocks-wall-clock.d.ts'],
    );
    assert.deepEqual(result.host.map((f) => f.path), result.guest.map((f) => f.path));
    const catalog = result.guest.find((f) => f.path.endsWith('catalog.d.ts'))!.text;
    assert.match(catalog, /export function lookup\(name: string\): Item \| undefined;/);
    assert.match(catalog, /export class Cart/);
    assert.match(result.guest[0].text, /import wasi:clocks\/wall-clock@0\.2\.0/);
  });

  it('picks the world by the cursor, and asks for one when the cursor is outside every world of several', async () => {
    const other = await client.request<BindingsResult>('wit/typescriptBindings', { uri: uri(), position: at('world other') });
    assert.ok('world' in other && other.world === 'demo:shop/other@0.2.0', JSON.stringify(other));
    assert.equal(other.guest[0].path, 'other.d.ts');
    const outside = await client.request<BindingsResult>('wit/typescriptBindings', { uri: uri(), position: at('interface catalog') });
    assert.deepEqual(outside, { message: 'This file declares 2 worlds: put the cursor inside the one to generate bindings for.' });
  });

  it('reads the WIT saved on disk, so a refresh by world name follows a save', async () => {
    fs.writeFileSync(path.join(folder, 'wit', 'shop.wit'), API.replace('lookup: func(name: string)', 'find: func(name: string)'));
    const result = await client.request<BindingsResult>('wit/typescriptBindings', { uri: uri(), world: 'demo:shop/store@0.2.0' });
    assert.ok('world' in result, JSON.stringify(result));
    const catalog = result.host.find((f) => f.path.endsWith('catalog.d.ts'))!.text;
    assert.match(catalog, /export function find\(name: string\)/);
    assert.doesNotMatch(catalog, /lookup/);
  });

  it('gives wit-parser\'s message when the saved WIT does not resolve, and keeps serving', async () => {
    fs.writeFileSync(path.join(folder, 'wit', 'shop.wit'), API.replace('option<item>', 'option<missing>'));
    const result = await client.request<BindingsResult>('wit/typescriptBindings', { uri: uri(), world: 'demo:shop/store@0.2.0' });
    assert.ok('message' in result);
    assert.equal(result.message, 'jco cannot generate bindings for demo:shop/store@0.2.0: name `missing` does not exist');
    fs.writeFileSync(path.join(folder, 'wit', 'shop.wit'), API);
    const again = await client.request<BindingsResult>('wit/typescriptBindings', { uri: uri(), world: 'demo:shop/store@0.2.0' });
    assert.ok('world' in again);
  });

  it('reads a package through a symbolic link to its folder, and keeps serving after', async () => {
    const link = `${folder}-link`;
    fs.symlinkSync(folder, link);
    try {
      const linked = pathToFileURL(path.join(link, 'wit', 'shop.wit')).href;
      await client.open(linked, API);
      const result = await client.request<BindingsResult>('wit/typescriptBindings', { uri: linked, world: 'demo:shop/store@0.2.0' });
      assert.ok('world' in result, JSON.stringify(result));
      const again = await client.request<BindingsResult>('wit/typescriptBindings', { uri: uri(), world: 'demo:shop/store@0.2.0' });
      assert.ok('world' in again, JSON.stringify(again));
      await client.close(linked);
    } finally {
      fs.rmSync(link, { force: true });
    }
  });

  it('reads a deps/ entry that is a link with an absolute target (jco alone refuses it)', async () => {
    const vendored = tempFolder({ 'clocks/wall-clock.wit': CLOCK });
    const linkedDeps = tempFolder({ 'wit/shop.wit': API });
    try {
      fs.mkdirSync(path.join(linkedDeps, 'wit', 'deps'));
      fs.symlinkSync(path.join(vendored, 'clocks'), path.join(linkedDeps, 'wit', 'deps', 'clocks'));
      const linked = pathToFileURL(path.join(linkedDeps, 'wit', 'shop.wit')).href;
      await client.open(linked, API);
      const result = await client.request<BindingsResult>('wit/typescriptBindings', { uri: linked, world: 'demo:shop/store@0.2.0' });
      assert.ok('world' in result, JSON.stringify(result));
      assert.ok(result.guest.some((f) => f.path === 'interfaces/wasi-clocks-wall-clock.d.ts'));
      await client.close(linked);
    } finally {
      fs.rmSync(vendored, { recursive: true, force: true });
      fs.rmSync(linkedDeps, { recursive: true, force: true });
    }
  });

  it('asks for a saved file when the document is not on disk', async () => {
    await client.open('untitled:Untitled-1', API);
    const result = await client.request<BindingsResult>('wit/typescriptBindings', { uri: 'untitled:Untitled-1', position: { line: 0, character: 0 } });
    assert.deepEqual(result, { message: 'Bindings are generated from WIT saved on disk: save the file first.' });
  });
});
