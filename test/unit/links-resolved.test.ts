import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { withLinksResolved } from '../../server/src/components/links-resolved';

const PACKAGE = 'package demo:shop;\nworld store { import wasi:clocks/wall-clock; }\n';
const CLOCK = 'package wasi:clocks;\ninterface wall-clock { now: func() -> u64; }\n';

describe('withLinksResolved: what jco reads of a package folder, links followed', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-links-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  /** The files `read` is given to read, relative to its folder, with their texts. */
  const filesSeen = (folder: string): Promise<{ at: string; files: Record<string, string> }> =>
    withLinksResolved(folder, async (readable) => {
      const files: Record<string, string> = {};
      for (const file of fs.readdirSync(readable, { recursive: true, encoding: 'utf8' })) {
        if (fs.statSync(path.join(readable, file)).isFile()) files[file] = fs.readFileSync(path.join(readable, file), 'utf8');
      }
      return { at: readable, files };
    });

  it('hands over the folder itself when nothing in it is a link', async () => {
    write('plain/shop.wit', PACKAGE);
    write('plain/deps/clocks/wall-clock.wit', CLOCK);
    const seen = await filesSeen(path.join(root, 'plain'));
    assert.equal(seen.at, fs.realpathSync(path.join(root, 'plain')));
  });

  it('copies a deps/ entry that is a link with an absolute target, and removes the copy after', async () => {
    write('elsewhere/clocks/wall-clock.wit', CLOCK);
    write('linked/shop.wit', PACKAGE);
    write('linked/notes.txt', 'not read by wit-parser');
    fs.mkdirSync(path.join(root, 'linked/deps'));
    fs.symlinkSync(path.join(root, 'elsewhere/clocks'), path.join(root, 'linked/deps/clocks'));
    const seen = await filesSeen(path.join(root, 'linked'));
    assert.notEqual(seen.at, path.join(root, 'linked'));
    assert.deepEqual(seen.files, { 'shop.wit': PACKAGE, [path.join('deps', 'clocks', 'wall-clock.wit')]: CLOCK });
    assert.equal(fs.existsSync(seen.at), false);
  });

  it('follows a linked deps/ folder and a linked .wit file too', async () => {
    write('elsewhere/deps/clocks.wit', CLOCK);
    write('elsewhere/shop.wit', PACKAGE);
    fs.mkdirSync(path.join(root, 'both'));
    fs.symlinkSync(path.join(root, 'elsewhere/deps'), path.join(root, 'both/deps'));
    fs.symlinkSync(path.join(root, 'elsewhere/shop.wit'), path.join(root, 'both/shop.wit'));
    const seen = await filesSeen(path.join(root, 'both'));
    assert.deepEqual(seen.files, { 'shop.wit': PACKAGE, [path.join('deps', 'clocks.wit')]: CLOCK });
  });

  it('writes the copy\'s paths in an error as the folder\'s own', async () => {
    const folder = path.join(root, 'linked');
    await assert.rejects(
      withLinksResolved(folder, (readable) => Promise.reject(new Error(`failed to parse package: ${readable}/deps/clocks`))),
      { message: `failed to parse package: ${folder}/deps/clocks` },
    );
  });
});
