// tree-sitter-wit in Neovim's own tree-sitter runtime: the native library loads, every query
// compiles, and the highlight captures (whose regexes Neovim reads as Vim regexes) are the
// ones the other editors get. Skips where `nvim` or a C compiler is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../helpers/parser';

const GRAMMAR_DIR = path.join(ROOT, 'grammars/tree-sitter-wit');
const QUERIES = ['highlights', 'folds', 'locals', 'indents', 'tags'];

const SAMPLE = `/// Docs.
// plain
package wasi:io@0.3.0;
interface streams {
  write: async func(data: stream<u8>) -> future<result<_, error-context>>;
  resource r { %type: static func(); }
}
`;

function found(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

const missing = !found('nvim')
  ? 'skipped: no `nvim` on PATH'
  : !found('cc')
    ? 'skipped: no C compiler (`cc`) to build the native parser'
    : false;

// Loads the parser and queries, then prints one line per query and per highlight capture.
// \`luafile\` passes no arguments: the script's folder is Neovim's working directory.
const CHECK_LUA = `
local dir = vim.fn.getcwd()
local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(dir)
  if vim.treesitter.language.add then
    vim.treesitter.language.add('wit', { path = dir .. '/wit.so' })
  else
    vim.treesitter.require_language('wit', dir .. '/wit.so')
  end
  local get_query = vim.treesitter.query.get or vim.treesitter.get_query
  local node_text = vim.treesitter.get_node_text or vim.treesitter.query.get_node_text
  local buf = vim.api.nvim_create_buf(false, true)
  local lines = vim.fn.readfile(dir .. '/sample.wit')
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  local root = vim.treesitter.get_parser(buf, 'wit'):parse()[1]:root()
  io.stdout:write('has_error ' .. tostring(root:has_error()) .. '\\n')
  for _, name in ipairs({ ${QUERIES.map((q) => `'${q}'`).join(', ')} }) do
    io.stdout:write('query ' .. name .. ' ' .. (get_query('wit', name) and 'ok' or 'missing') .. '\\n')
  end
  local highlights = get_query('wit', 'highlights')
  for id, node in highlights:iter_captures(root, buf, 0, #lines) do
    local row, col = node:start()
    io.stdout:write(string.format('capture %d:%d %s %s\\n', row + 1, col + 1, highlights.captures[id], node_text(node, buf)))
  end
end)
if not ok then
  io.stdout:write('error ' .. tostring(err) .. '\\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
`;

describe('tree-sitter-wit in Neovim', { skip: missing }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-sitter-wit-nvim-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the native parser, compiles every query and highlights as elsewhere', () => {
    const build = spawnSync(
      'cc',
      ['-shared', '-fPIC', '-O0', '-I', 'src', 'src/parser.c', 'src/scanner.c', '-o', path.join(dir, 'wit.so')],
      { cwd: GRAMMAR_DIR, encoding: 'utf8' },
    );
    assert.equal(build.status, 0, `cc failed:\n${build.stderr}`);
    fs.mkdirSync(path.join(dir, 'queries/wit'), { recursive: true });
    for (const query of QUERIES) {
      fs.copyFileSync(path.join(GRAMMAR_DIR, `queries/${query}.scm`), path.join(dir, `queries/wit/${query}.scm`));
    }
    fs.writeFileSync(path.join(dir, 'sample.wit'), SAMPLE);
    fs.writeFileSync(path.join(dir, 'check.lua'), CHECK_LUA);

    const nvim = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(dir, 'check.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
    const output = `${nvim.stdout}\n${nvim.stderr}`;
    assert.equal(nvim.status, 0, `nvim failed:\n${output}`);
    const lines = output.split(/\r?\n/).filter((l) => /^(has_error|query|capture|error) /.test(l));

    assert.ok(lines.includes('has_error false'), output);
    for (const query of QUERIES) assert.ok(lines.includes(`query ${query} ok`), `query ${query} did not load:\n${output}`);
    const captures = lines.filter((l) => l.startsWith('capture ')).map((l) => l.slice('capture '.length));
    for (const expected of [
      '1:1 comment.documentation /// Docs.',
      '2:1 comment // plain',
      '3:9 module wasi',
      '3:17 string.special 0.3.0',
      '5:3 function write',
      '5:10 keyword.coroutine async',
      '5:27 type.builtin stream',
      '5:42 type.builtin future',
      '5:59 type.builtin error-context',
      '6:16 function.method %type',
      '6:23 keyword.modifier static',
    ]) {
      assert.ok(captures.includes(expected), `missing capture ${expected}; got:\n${captures.join('\n')}`);
    }
    // One capture per node, as in the other editors: no second capture on the doc comment.
    assert.equal(captures.filter((c) => c.startsWith('1:1 ')).length, 1, captures.join('\n'));
  });
});
