import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allDiagnostics } from '../../server/src/analysis/analyze';
import type { Tree } from 'web-tree-sitter';
import { createWorkspace, type Workspace } from '../../server/src/analysis/model';
import { fileTypeResolver } from '../../server/src/analysis/types';
import { DocumentStore } from '../../server/src/lsp/documents';
import { witParser } from '../helpers/parser';

const TEXT = 'package a:b;\ninterface i {\n  f: async func(s: stream<u8>);\n  g: func(\n}\n';

describe('DocumentStore', () => {
  it('falls back to the file alone when the cross-file model throws, and says so', async () => {
    const failures: string[] = [];
    const store = new DocumentStore(await witParser(), () => 'utf-16', () => ({ rules: {} }), (uri, error) => {
      failures.push(`${uri}: ${String(error)}`);
    });
    const broken = {
      setDocument() {},
      closeDocument() {},
      setFeatures() {},
      onInvalidate() {},
      stamp: () => 0,
      typeResolver: () => fileTypeResolver,
      diagnostics() {
        throw new Error('model bug');
      },
    } as unknown as Workspace;
    store.attachWorkspace(broken, () => {});
    store.openDocument('file:///w/a.wit', TEXT, 1);
    const codes = allDiagnostics(store.analysis('file:///w/a.wit')!).map((d) => d.code);
    assert.deepEqual(codes, ['async-stream-param', 'syntax-error']);
    assert.deepEqual(failures, ['file:///w/a.wit: Error: model bug']);
    store.closeDocument('file:///w/a.wit');
  });

  it('keeps an analysis while the model stamp and the version stay, and makes it again when either moves', async () => {
    let stamp = 1;
    let made = 0;
    const workspace = {
      setDocument() {},
      closeDocument() {},
      setFeatures() {},
      onInvalidate() {},
      stamp: () => stamp,
      typeResolver: () => fileTypeResolver,
      diagnostics: () => {
        made++;
        return [];
      },
    } as unknown as Workspace;
    const store = new DocumentStore(await witParser(), () => 'utf-16', () => ({ rules: {} }));
    store.attachWorkspace(workspace, () => {});
    store.openDocument('file:///w/a.wit', TEXT, 1);
    const first = store.analysis('file:///w/a.wit');
    assert.equal(store.isStale('file:///w/a.wit'), false);
    assert.equal(store.analysis('file:///w/a.wit'), first);
    stamp = 2; // another file of its group changed
    assert.equal(store.isStale('file:///w/a.wit'), true);
    assert.notEqual(store.analysis('file:///w/a.wit'), first);
    store.changeDocument('file:///w/a.wit', [{ text: 'package a:b;' }], 2);
    assert.equal(store.isStale('file:///w/a.wit'), true);
    store.analysis('file:///w/a.wit');
    assert.equal(made, 3);
    store.closeDocument('file:///w/a.wit');
  });

  it('answers nothing, without throwing, for documents it does not hold', async () => {
    const store = new DocumentStore(await witParser(), () => 'utf-16', () => ({ rules: {} }));
    assert.equal(store.analysis('file:///w/none.wit'), undefined);
    store.changeDocument('file:///w/none.wit', [{ text: 'package a:b;' }], 2);
    store.closeDocument('file:///w/none.wit');
    assert.deepEqual(store.uris(), []);
  });

  it('parses an opened document when it is first needed, and applies an edit before that to the text alone', async () => {
    const parser = await witParser();
    let parses = 0;
    const counting = { wasmDir: parser.wasmDir, parse: (text: string, old?: Tree) => (parses++, parser.parse(text, old)) };
    const store = new DocumentStore(counting, () => 'utf-16', () => ({ rules: {} }));
    store.attachWorkspace(createWorkspace(counting), () => {});
    const uris = Array.from({ length: 20 }, (_, i) => `file:///w/many/f${i}.wit`);
    uris.forEach((uri, i) => store.openDocument(uri, `package a:b;\ninterface i${i} {\n  f: func();\n}\n`, 1));
    // An editor restoring many files: each open would hold the next message up by a parse.
    assert.equal(parses, 0);
    store.changeDocument(uris[0], [{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 3 } }, text: 'g' }], 2);
    assert.equal(parses, 0);
    assert.equal(store.get(uris[0])!.tree.rootNode.text, 'package a:b;\ninterface i0 {\n  g: func();\n}\n');
    assert.equal(parses, 1);
    assert.deepEqual(allDiagnostics(store.analysis(uris[0])!), []);
    assert.equal(parses, 20, 'the model parses each file of the package for its copy, once');
    for (const uri of uris) store.closeDocument(uri);
  });
});
