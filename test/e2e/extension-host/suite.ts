// Runs inside VS Code's extension host against the installed .vsix (test-electron's
// contract: `run()` resolves when every test passed). The extension host has no node:test,
// so a small sequential runner gives each test a time limit and a named failure.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fixedText from '../fixtures/after-fix/sockets.wit';
import fixtureText from '../fixtures/before-fix/sockets.wit';
import badlyIndentedText from '../fixtures/format/badly-indented.wit';
import formattedText from '../fixtures/format/formatted.wit';

const EXTENSION_ID = 'wit-ls.wit-ls';
const TEST_TIMEOUT_MS = 30_000;

interface ExtensionTest {
  name: string;
  run(): Promise<void>;
}

const tests: ExtensionTest[] = [];
function test(name: string, run: () => Promise<void>): void {
  tests.push({ name, run });
}

export async function run(): Promise<void> {
  const failed: string[] = [];
  for (const { name, run } of tests) {
    const started = Date.now();
    try {
      await withTimeout(run(), TEST_TIMEOUT_MS, `timed out after ${TEST_TIMEOUT_MS / 1000} s`);
      console.log(`✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed.push(name);
      console.log(`✖ ${name}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`extension host: ${tests.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length > 0) throw new Error(`failed: ${failed.join('; ')}`);
}

/** Where the first `needle` starts in `text`. */
function positionOf(text: string, needle: string): vscode.Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `the fixture lacks ${JSON.stringify(needle)}`);
  const before = text.slice(0, offset).split('\n');
  return new vscode.Position(before.length - 1, before[before.length - 1]!.length);
}

/** The range a rule reports: from the function's name to the end of `async`. */
function reportedRange(name: string): vscode.Range {
  const start = positionOf(fixtureText, `${name}: async`);
  return new vscode.Range(start, start.translate(0, `${name}: async`.length));
}

let copies = 0;
/**
 * A fresh copy of the fixture, opened in an editor. Each copy gets its own folder: the
 * .wit files of one folder form one package, so two copies side by side would clash.
 */
async function openFixtureCopy(): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workbench has no workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, `copy-${++copies}`, 'sockets.wit');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(fixtureText));
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.languageId, 'wit', 'a .wit file did not get language `wit`');
  await vscode.window.showTextDocument(document);
  return document;
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** The document's diagnostics once the server published the fixture's three. */
async function ruleDiagnostics(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(document.uri);
  return waitFor('the three rule diagnostics of the fixture', () => (current().length >= 3 ? current() : undefined)).catch(
    (error: Error) => {
      throw new Error(`${error.message}; the document has ${JSON.stringify(current().map(describe))}`);
    },
  );
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(diagnostic: vscode.Diagnostic) {
  const { start, end } = diagnostic.range;
  return {
    code: codeOf(diagnostic),
    severity: vscode.DiagnosticSeverity[diagnostic.severity],
    range: `${start.line}:${start.character}-${end.line}:${end.character}`,
  };
}

test('the packaged extension is installed and activates on a .wit file', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  await openFixtureCopy();
  await waitFor('the extension to activate', () => (extension.isActive ? true : undefined));
});

test('async-stream-param and redundant-async diagnostics have the right ranges, severities and codes', async () => {
  const document = await openFixtureCopy();
  const diagnostics = await ruleDiagnostics(document);
  const range = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  assert.deepEqual(
    diagnostics.map(describe).sort((a, b) => a.range.localeCompare(b.range, 'en', { numeric: true })),
    [
      { code: 'async-stream-param', severity: 'Warning', range: range(reportedRange('send')) },
      { code: 'redundant-async', severity: 'Hint', range: range(reportedRange('receive')) },
      { code: 'async-stream-param', severity: 'Information', range: range(reportedRange('write-via-stream')) },
    ],
  );
  const send = diagnostics.find((d) => d.range.isEqual(reportedRange('send')))!;
  assert.match(send.message, /`send` is async and consumes `data: stream<u8>`.*borrowed/);
});

test('hovering the warning explains the borrow and shows the fixed signature', async () => {
  const document = await openFixtureCopy();
  await ruleDiagnostics(document);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    document.uri,
    reportedRange('send').start.translate(0, 1),
  );
  const text = hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
  assert.match(text, /borrowed/, `the hover does not explain the borrow:\n${text}`);
  assert.match(text, /send: func\(data: stream<u8>\) -> future<result<_, error-code>>;/, `no fixed signature:\n${text}`);
  assert.match(text, /WebAssembly\/WASI#870/, `the hover does not cite WASI#870:\n${text}`);
});

test('the preferred quick fix makes `send` return a future, and the warning goes away', async () => {
  const document = await openFixtureCopy();
  const diagnostics = await ruleDiagnostics(document);
  const warning = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Warning)!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    warning.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const preferred = actions.filter((a) => a.isPreferred);
  assert.equal(preferred.length, 1, `expected one preferred fix, got: ${actions.map((a) => a.title).join(', ')}`);
  const fix = preferred[0]!;
  assert.equal(fix.title, 'Return a future instead of being async');
  assert.ok(fix.edit, 'the quick fix carries no edit');
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'VS Code refused the quick fix edit');
  const line = document.lineAt(warning.range.start.line).text;
  assert.equal(line, '    send: func(data: stream<u8>) -> future<result<_, error-code>>;');
  await waitFor('the warning to disappear after the fix', () =>
    vscode.languages.getDiagnostics(document.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Warning)
      ? undefined
      : true,
  );
});

test('"WIT: Fix all async stream functions in file" is a palette command that fixes every function', async () => {
  const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes?.commands ?? []) as {
    command: string;
    title: string;
    category?: string;
  }[];
  const entry = contributed.find((c) => c.command === 'wit.fixAllInFile');
  assert.ok(entry, 'package.json does not contribute the command wit.fixAllInFile');
  assert.equal(entry.category ? `${entry.category}: ${entry.title}` : entry.title, 'WIT: Fix all async stream functions in file');
  const document = await openFixtureCopy();
  await ruleDiagnostics(document);
  await vscode.commands.executeCommand('wit.fixAllInFile');
  // The server applies the edit with workspace/applyEdit; on a time-out, show the difference.
  await waitFor('the fix-all edit', () => (document.getText() === fixedText ? true : undefined), 10_000).catch(() => {
    assert.equal(document.getText(), fixedText, 'the file after wit.fixAllInFile');
  });
});

test('the source.fixAll.wit action fixes every function at once', async () => {
  const document = await openFixtureCopy();
  await ruleDiagnostics(document);
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
    'source.fixAll.wit',
  );
  assert.equal(actions.length, 1, `expected one fix-all action, got: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(actions[0]!.edit && (await vscode.workspace.applyEdit(actions[0]!.edit)), 'the fix-all edit was not applied');
  assert.equal(document.getText(), fixedText);
});

test('Format Document formats a badly indented file in the canonical style, with wit-ls as the default formatter', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workbench has no workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, 'format', 'store.wit');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(badlyIndentedText));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  assert.equal(vscode.workspace.getConfiguration('editor', document).get('defaultFormatter'), EXTENSION_ID);
  // Until the language client has started, no formatter is registered and the command does
  // nothing; formatting is idempotent, so trying again is safe.
  const deadline = Date.now() + 20_000;
  while (document.getText() !== formattedText && Date.now() < deadline) {
    await vscode.commands.executeCommand('editor.action.formatDocument');
    if (document.getText() !== formattedText) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.equal(document.getText(), formattedText, 'the file after Format Document');
});
