// The README's Neovim setup, as written, in the installed Neovim: the snippet is read from
// README.md, `wit-ls` on PATH is the bundled server, and a package with deps/ is opened.
// Skips where `nvim` is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { SERVER_BUNDLE } from '../helpers/lsp-client';
import { ROOT } from '../helpers/parser';

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvimVersion.status === 0 ? false : 'skipped: no `nvim` on PATH';

/** The ```lua block of the README's Neovim item, without the list indentation. */
function readmeSnippet(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const match = /- \*\*Neovim\*\*[^\n]*\n(?:[^\n]*\n)*?( *)```lua\n([\s\S]*?)\n *```/.exec(readme);
  assert.ok(match, 'README.md has no Neovim ```lua block');
  return match[2]
    .split('\n')
    .map((line) => line.slice(match[1].length))
    .join('\n');
}

// Waits for the server's diagnostics, then prints what the editor holds.
const CHECK_LUA = `
vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 50)
io.stdout:write('filetype ' .. vim.bo.filetype .. '\\n')
for _, c in pairs(vim.lsp.buf_get_clients(0)) do io.stdout:write('client ' .. c.name .. ' ' .. tostring(c.config.root_dir) .. '\\n') end
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write(string.format('diagnostic %d:%d %s\\n', d.lnum + 1, d.col + 1, tostring(d.code)))
end
vim.cmd('qall!')
`;

describe(`the README's Neovim setup (${missing || nvimVersion.stdout.split('\n')[0]})`, { skip: missing }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ls-nvim-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts wit-ls for .wit files, rooted at the package folder, and shows its diagnostics', () => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'wit-ls'), `#!/bin/sh\nexec "${process.execPath}" "${SERVER_BUNDLE}" "$@"\n`, { mode: 0o755 });
    const wit = path.join(dir, 'project', 'wit');
    fs.mkdirSync(path.join(wit, 'deps', 'dep'), { recursive: true });
    // The stream type comes from deps/: only a server rooted at the package sees the problem.
    fs.writeFileSync(path.join(wit, 'deps', 'dep', 'types.wit'), 'package b:dep;\n\ninterface types {\n  type byte-stream = stream<u8>;\n}\n');
    fs.writeFileSync(
      path.join(wit, 'app.wit'),
      'package a:app;\n\ninterface api {\n  use b:dep/types.{byte-stream};\n  resource r {\n    write: async func(data: byte-stream);\n  }\n}\n',
    );
    fs.writeFileSync(path.join(dir, 'init.lua'), readmeSnippet());
    fs.writeFileSync(path.join(dir, 'check.lua'), CHECK_LUA);

    const nvim = spawnSync('nvim', ['--headless', '-u', path.join(dir, 'init.lua'), '-c', `luafile ${path.join(dir, 'check.lua')}`, path.join(wit, 'app.wit')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
    const output = `${nvim.stdout}\n${nvim.stderr}`;
    assert.equal(nvim.status, 0, `nvim failed:\n${output}`);
    const lines = output.split(/\r?\n/);
    assert.ok(lines.includes('filetype wit'), `the .wit file got no wit filetype:\n${output}`);
    assert.ok(lines.includes(`client wit-ls ${wit}`), `wit-ls is not attached at ${wit}:\n${output}`);
    assert.deepEqual(lines.filter((l) => l.startsWith('diagnostic ')), ['diagnostic 6:5 async-stream-param'], output);
  });
});
