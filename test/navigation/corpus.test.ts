import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createWorkspace, type Workspace } from '../../server/src/analysis/model';
import { completionsAt } from '../../server/src/analysis/navigation/completion';
import { definitionAt } from '../../server/src/analysis/navigation/definition';
import { documentHighlights } from '../../server/src/analysis/navigation/document-highlights';
import { referencesAt } from '../../server/src/analysis/navigation/references';
import { renameAt } from '../../server/src/analysis/navigation/rename';
import { applyEdits } from '../../server/src/analysis/text';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { witParser } from '../helpers/parser';

/** WASI 0.3.0: real packages split over files, with `use` between interfaces and files. */
const WASI = path.join(CORPUS, 'wasi-p3/WASI@v0.3.0');
const RENAMED_KINDS = new Set(['type', 'record', 'variant', 'enum', 'flags', 'resource', 'interface', 'world', 'use']);

/** Each folder that holds `.wit` files, as a map of URI to text. */
function packages(): Map<string, string>[] {
  const byFolder = new Map<string, Map<string, string>>();
  for (const file of witFiles(WASI)) {
    const folder = path.dirname(file);
    if (!byFolder.has(folder)) byFolder.set(folder, new Map());
    byFolder.get(folder)!.set(`file://${file}`, fs.readFileSync(file, 'utf8'));
  }
  return [...byFolder.values()];
}

async function workspaceOf(texts: ReadonlyMap<string, string>): Promise<Workspace> {
  const workspace = createWorkspace(await witParser());
  for (const [uri, text] of texts) workspace.setText(uri, text);
  return workspace;
}

function errorCount(workspace: Workspace, uris: Iterable<string>): number {
  let count = 0;
  for (const uri of uris) count += workspace.diagnostics(uri).length;
  return count;
}

describe('navigation over WASI 0.3.0', { skip: corpusMissing }, () => {
  it('renaming any type, interface, world or use keeps every package as valid as before', async () => {
    let renames = 0;
    for (const texts of packages()) {
      const workspace = await workspaceOf(texts);
      const before = errorCount(workspace, texts.keys());
      for (const uri of texts.keys()) {
        for (const declaration of workspace.declarations(uri)) {
          if (!RENAMED_KINDS.has(declaration.kind)) continue;
          const result = renameAt(workspace, uri, declaration.nameSpan.start, 'renamed-name');
          if ('error' in result) assert.fail(`${uri} ${declaration.name}: ${result.error}`);
          const edited = new Map(texts);
          for (const [editedUri, edits] of result.changes) edited.set(editedUri, applyEdits(edited.get(editedUri)!, edits));
          const after = errorCount(await workspaceOf(edited), edited.keys());
          assert.ok(after <= before, `renaming ${declaration.kind} ${declaration.name} in ${uri} adds errors`);
          renames++;
        }
      }
    }
    assert.ok(renames > 50, `only ${renames} renames`);
  });

  it('every resolved reference goes to its target and is among the target\'s references', async () => {
    for (const texts of packages()) {
      const workspace = await workspaceOf(texts);
      for (const uri of texts.keys()) {
        for (const reference of workspace.references(uri)) {
          const offset = reference.span.end - 1;
          // Features must answer at every name, resolved or not.
          completionsAt(workspace, uri, offset);
          documentHighlights(workspace, uri, offset);
          if (!reference.target || reference.kind === 'package') continue;
          let target = reference.target;
          while (target.kind === 'use' && target.aliasOf) target = target.aliasOf;
          const [link] = definitionAt(workspace, uri, offset);
          assert.deepEqual({ uri: link?.uri, span: link?.nameSpan }, { uri: target.uri, span: target.nameSpan }, `${uri}@${offset}`);
          const found = referencesAt(workspace, uri, offset, false);
          assert.ok(
            found.some((l) => l.uri === uri && l.span.start === reference.span.start),
            `${reference.name} at ${uri}@${offset} is not among its own references`,
          );
        }
      }
    }
  });
});
