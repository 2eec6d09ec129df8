import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/analysis/rules';
import { parseSettings } from '../../server/src/lsp/features/settings';
import { ROOT } from '../helpers/parser';

interface Manifest {
  main: string;
  bin: Record<string, string>;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { enum?: string[]; properties?: Record<string, { enum: string[]; markdownDescription?: string }>; markdownDescription?: string; description?: string }> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const clientDir = path.join(ROOT, 'client/src');
const clientSource = fs.readdirSync(clientDir).map((f) => fs.readFileSync(path.join(clientDir, f), 'utf8')).join('\n');

describe('package.json contributions', () => {
  it('starts on WIT files (and on folders holding some, for their Problems), runs the client bundle and installs the server as `wit-ls`', () => {
    // Also when VS Code restores a component or bindings view, whose text the client provides.
    assert.deepEqual(manifest.activationEvents, ['onLanguage:wit', 'workspaceContains:**/*.wit', 'onFileSystem:wit-component', 'onFileSystem:wit-bindings']);
    assert.equal(manifest.main, './dist/client.js');
    assert.deepEqual(manifest.bin, { 'wit-ls': './dist/wit-ls.js' });
  });

  it('declares a severity setting for every rule, with the values the server accepts', () => {
    const rules = manifest.contributes.configuration.properties['wit.rules'];
    assert.ok(rules.markdownDescription);
    assert.deepEqual(Object.keys(rules.properties ?? {}).sort(), RULES.map((r) => r.code).sort());
    for (const [code, setting] of Object.entries(rules.properties ?? {})) {
      assert.ok(setting.markdownDescription, `wit.rules.${code} has no description`);
      for (const value of setting.enum) {
        const parsed = parseSettings({ rules: { [code]: value } });
        assert.equal(parsed.rules[code], value, `the server ignores ${code}: ${value}`);
      }
    }
  });

  it('declares every other setting with a description, including wit.trace.server', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(properties['wit.trace.server'].enum, ['off', 'messages', 'verbose']);
    for (const [name, setting] of Object.entries(properties)) {
      assert.ok(setting.markdownDescription ?? setting.description, `${name} has no description`);
    }
  });

  it('contributes the WIT commands, each registered by the client', () => {
    const titles = manifest.contributes.commands.map((c) => `${c.category}: ${c.title}`);
    assert.deepEqual(titles.sort(), [
      'WIT: Fix all async stream functions in file',
      'WIT: Restart Language Server',
      'WIT: Show Component Interface',
      'WIT: Show Output',
      'WIT: Show TypeScript Bindings',
    ]);
    for (const { command } of manifest.contributes.commands) {
      assert.ok(clientSource.includes(`registerCommand('${command}'`), `the client does not register ${command}`);
    }
  });

  it('opens .wasm files with the component view, also from the Explorer', () => {
    const editors = (manifest.contributes as { customEditors?: { viewType: string; selector: { filenamePattern: string }[]; priority: string }[] }).customEditors;
    assert.deepEqual(editors, [
      { viewType: 'wit.componentInterface', displayName: 'WIT of a WebAssembly Component', selector: [{ filenamePattern: '*.wasm' }], priority: 'default' },
    ]);
    assert.ok(clientSource.includes("registerCustomEditorProvider('wit.componentInterface'"));
    assert.deepEqual(
      manifest.contributes.menus['explorer/context'].map((e) => [e.command, e.when]),
      [['wit.showComponentInterface', 'resourceExtname == .wasm']],
    );
  });

  it('shows the fix-all command only in WIT editors', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries.filter((e) => e.command === 'wit.fixAllInFile')) {
        assert.equal(entry.when, 'editorLangId == wit', `${menu} shows wit.fixAllInFile outside WIT files`);
      }
    }
    assert.ok(manifest.contributes.menus.commandPalette.some((e) => e.command === 'wit.fixAllInFile'));
  });
});
