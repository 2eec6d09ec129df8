// What the UI tests share: named steps that keep a screenshot when they fail, waits that say
// what a person would have missed, and the workbench's addresses on the test server.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { CodeServer } from './code-server';

const FAILURES = path.resolve(__dirname, '../../../.e2e/failures');

/**
 * Runs one step with a time limit; a failure names it and keeps a screenshot in
 * .e2e/failures, with the end of `log` (e.g. code-server's output) when given.
 */
export function stepsOn(page: Page, log?: () => string): (name: string, limitMs: number, action: () => Promise<void>) => Promise<void> {
  return async (name, limitMs, action) => {
    let timer: NodeJS.Timeout | undefined;
    const overtime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not done within ${limitMs / 1000} s`)), limitMs);
    });
    try {
      await Promise.race([action(), overtime]);
    } catch (error) {
      mkdirSync(FAILURES, { recursive: true });
      const picture = path.join(FAILURES, `${name.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: picture }).catch(() => {});
      const tail = log ? `\ncode-server:\n${log().slice(-3000)}` : '';
      throw new Error(`UI step "${name}" failed (screenshot ${picture}): ${(error as Error).message}${tail}`);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Waits for an element to be visible; a time-out names what a person would have missed. */
export async function shown(locator: Locator, what: string, timeoutMs: number): Promise<void> {
  await locator.first().waitFor({ timeout: timeoutMs }).catch(() => {
    throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
  });
}

/** Where an element is on the page; Monaco re-renders decorations, so ask until it stays. */
export async function boxOf(locator: Locator, what: string): Promise<{ x: number; y: number; width: number; height: number }> {
  let box: Awaited<ReturnType<Locator['boundingBox']>> = null;
  await poll(`${what} to be on screen`, 10_000, async () => {
    box = await locator.boundingBox({ timeout: 1_000 }).catch(() => null);
    return box !== null;
  });
  return box!;
}

/**
 * What `probe` answers once it has answered the same for a second: the workbench may still
 * be receiving diagnostics when it first shows some.
 */
export async function settled<T>(what: string, timeoutMs: number, probe: () => Promise<T>): Promise<T> {
  const quietMs = 1_000;
  let last = await probe();
  let since = Date.now();
  await poll(`${what} to stay the same for ${quietMs / 1000} s`, timeoutMs, async () => {
    const now = await probe();
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since >= quietMs;
  });
  return last;
}

/**
 * Presses `key` until `target` shows, as a person does when a key press lands while the
 * editor is still settling (a hover closing, the language server starting) and opens nothing.
 * `between` puts the editor back where the press belongs before the next one.
 */
export async function pressUntilShown(
  page: Page,
  key: string,
  target: Locator,
  what: string,
  between: () => Promise<void>,
  { attempts = 4, waitMs = 8_000 } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    if (await target.first().waitFor({ timeout: waitMs }).then(() => true, () => false)) return;
    if (attempt === attempts) throw new Error(`pressed ${key} ${attempts} times, waiting ${waitMs / 1000} s each, and ${what} did not show`);
    await page.keyboard.press('Escape');
    await between();
  }
}

export async function poll(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Monaco renders spaces as no-break spaces. */
export function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** A `vscode-remote://` URI of a file on the test server. */
export function remote(server: CodeServer, file: string): string {
  return `vscode-remote://${server.authority}${file}`;
}

/** The workbench with `folder` open and `payload` (e.g. files to open) on the test server. */
export function workbenchUrl(server: CodeServer, folder: string, payload: [string, string][]): string {
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
