import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface CodeServerOptions {
  /** Node 24, which code-server's native modules are built for. */
  node: string;
  /** code-server's `out/node/entry.js`. */
  entry: string;
  /** A throwaway folder for the profile: settings, extensions, logs. */
  profile: string;
  vsix: string;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The authority of `vscode-remote://` URIs for files on this server. */
  authority: string;
  /** The folder the packaged extension was installed into. */
  extensionPath: string;
  /** Everything code-server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const INSTALL_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/** Settings that keep the workbench quiet and stable for tests and screenshots. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.fontSize': 15,
  'editor.hover.delay': 200,
  'files.autoSave': 'off',
  'git.enabled': false,
};

/**
 * Installs the .vsix into a fresh profile and serves VS Code on 127.0.0.1, in its own
 * process group so that stop() (or the exit of this process) ends all of it.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const dirs = {
    userData: path.join(options.profile, 'user-data'),
    extensions: path.join(options.profile, 'extensions'),
    config: path.join(options.profile, 'config'),
    data: path.join(options.profile, 'data'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const env = { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data };
  const profileArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  const install = spawnSync(options.node, [options.entry, ...profileArgs, '--install-extension', options.vsix], {
    env,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (install.status !== 0) {
    throw new Error(
      `code-server --install-extension ${options.vsix} failed (${install.error?.message ?? `exit ${install.status ?? install.signal}`}):\n${install.stdout}${install.stderr}`,
    );
  }
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
  const { name, publisher, version } = manifest as { name: string; publisher: string; version: string };
  const extensionPath = path.join(dirs.extensions, `${publisher}.${name}-${version}`);

  const port = await freePort();
  let output = '';
  const child = spawn(
    options.node,
    [
      options.entry,
      ...profileArgs,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      // Lets the workbench run extension tests and report their exit code to the page.
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const killGroup = () => killProcessGroup(child, 'SIGKILL');
  process.once('exit', killGroup);

  const origin = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    origin,
    authority: `127.0.0.1:${port}`,
    extensionPath,
    output: () => output,
    async stop() {
      process.off('exit', killGroup);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killProcessGroup(child, 'SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!stopped) {
        killProcessGroup(child, 'SIGKILL');
        await exited;
      }
    },
  };
  try {
    await waitUntilReady(origin, child, () => output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitUntilReady(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before serving:\n${output()}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`code-server did not answer on ${origin} within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
