import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WitDocument } from '../../server/src/analysis/document';
import { createWorkspace } from '../../server/src/analysis/model';
import { marked } from '../helpers/markers';
import { witParser } from '../helpers/parser';

// An edit that no other item can see is patched into the resolved group (model/patch.ts):
// the neighbour file keeps its declarations, only the edited file is announced (a type's
// body: every file that may read through it), and the answers move with the text. Anything else rebuilds the group. test/model/incremental.test.ts compares
// both paths with a fresh model over real packages; these cases name each path.

const TYPES = 'package test:pkg;\n\ninterface types {\n  record info {\n    name: string,\n  }\n}\n';

async function opened(source: string) {
  const parser = await witParser();
  const workspace = createWorkspace(parser);
  const { text, cursor } = marked(source);
  const uri = 'file:///w/pkg/api.wit';
  const neighbour = 'file:///w/pkg/types.wit';
  workspace.setText(neighbour, TYPES);
  const document = WitDocument.create(parser, uri, text);
  workspace.setDocument(document);
  workspace.diagnostics(uri); // resolved, as after the first analysis
  const announced: string[] = [];
  workspace.onInvalidate((uris) => announced.push(...uris));
  // A rebuilt group declares everything anew: the neighbour's declarations are new objects.
  const declared = workspace.declarations(neighbour)[0];
  const edit = (start: number, end: number, newText: string): void => {
    document.applyChange({ start, end }, newText);
    workspace.setDocument(document);
  };
  const rebuilt = (): boolean => workspace.declarations(neighbour)[0] !== declared;
  return { workspace, document, uri, cursor, edit, announced, rebuilt };
}

describe('patching a resolved group after an edit', () => {
  it('follows typing in a parameter list without a rebuild, resolving the new type', async () => {
    const { workspace, uri, cursor, edit, announced, rebuilt } = await opened(
      'interface api {\n  use types.{info};\n  get: func(id: u64‸) -> option<info>;\n  put: func(value: info);\n}\n',
    );
    edit(cursor, cursor, ', extra: missing');
    assert.equal(rebuilt(), false);
    assert.deepEqual(announced, [uri]);
    assert.deepEqual(workspace.diagnostics(uri).map((d) => [d.code, d.message]), [['unknown-name', 'name `missing` does not exist']]);
    const text = workspace.document(uri)!.text;
    // `info` in `put`, after the edit, still resolves into types.wit.
    const target = workspace.resolveAt(uri, text.indexOf('value: info') + 'value: '.length);
    assert.equal(target?.uri, 'file:///w/pkg/types.wit');
    assert.equal(target?.name, 'info');
    edit(cursor, cursor + ', extra: missing'.length, '');
    assert.deepEqual(workspace.diagnostics(uri), []);
  });

  it('declares the new parameters, so they can be found and renamed', async () => {
    const { workspace, uri, cursor, edit } = await opened('interface api {\n  get: func(‸);\n}\n');
    edit(cursor, cursor, 'first: u32, second: u32, first: u8');
    const params = workspace.declarations(uri).filter((d) => d.kind === 'param').map((d) => d.name);
    assert.deepEqual(params, ['first', 'second', 'first']);
    assert.deepEqual(workspace.diagnostics(uri).map((d) => d.code), ['duplicate-name']);
  });

  it('follows a comment edit without a rebuild, and the docs follow it', async () => {
    const { workspace, uri, cursor, edit, rebuilt } = await opened('interface api {\n  /// Gets it‸.\n  get: func();\n}\n');
    edit(cursor, cursor, ' now');
    assert.equal(rebuilt(), false);
    assert.equal(workspace.declarations(uri).find((d) => d.name === 'get')?.docs, 'Gets it now.');
  });

  it('moves the declarations after a blank line typed between items', async () => {
    const { workspace, uri, cursor, edit, rebuilt } = await opened('interface api {\n  a: func();\n‸  b: func();\n}\n');
    edit(cursor, cursor, '\n\n');
    assert.equal(rebuilt(), false);
    const b = workspace.declarations(uri).find((d) => d.name === 'b')!;
    assert.equal(workspace.document(uri)!.text.slice(b.nameSpan.start, b.nameSpan.end), 'b');
  });

  it('follows a field added to a record without a rebuild, announcing the files that may read through it', async () => {
    const { workspace, uri, cursor, edit, announced, rebuilt } = await opened('interface api {\n  record r {\n    a: u32,‸\n  }\n}\n');
    edit(cursor, cursor, '\n    b: string,\n    c: list<u8>,');
    assert.equal(rebuilt(), false);
    assert.deepEqual(workspace.declarations(uri).filter((d) => d.kind === 'field').map((d) => d.name), ['a', 'b', 'c']);
    // Another file's rules may follow a type through `use`: it is told, though its group stays.
    assert.ok(announced.includes('file:///w/pkg/types.wit'));
  });

  it('follows typing in a method of a resource without a rebuild: the resource and the interface keep their declarations on the new copy', async () => {
    const { workspace, uri, cursor, edit, rebuilt } = await opened(
      'interface api {\n  /// A store.\n  resource store {\n    get: func(id: u64‸);\n    put: func(value: u32);\n  }\n}\n',
    );
    edit(cursor, cursor, ', extra: store');
    assert.equal(rebuilt(), false);
    // The doc comment edited next is read from the copy the resource now sits in.
    const docs = workspace.document(uri)!.text.indexOf('A store') + 'A store'.length;
    edit(docs, docs, ' of things');
    assert.equal(rebuilt(), false);
    const text = workspace.document(uri)!.text;
    assert.equal(workspace.declarations(uri).find((d) => d.name === 'store')?.docs, 'A store of things.');
    // `store` in the new parameter resolves in the interface's scope on its new copy.
    assert.equal(workspace.resolveAt(uri, text.indexOf('extra: store') + 'extra: '.length)?.name, 'store');
    assert.deepEqual(workspace.diagnostics(uri), []);
  });

  it('rebuilds the group when the edit changes what other items see', async () => {
    for (const [source, typed] of [
      ['interface api {\n  get‸: func();\n}\n', 'ter'], // a function's name
      ['interface api {\n  record r {\n    a: u32,‸\n  }\n}\n', ' b: r,'], // a type now naming another
      ['interface api {\n  type t = u32;\n  type u = ‸t;\n}\n', 'list<'], // a name now inside a handle or not
      ['interface api {\n  get: func();\n‸}\n', 'put: func();'], // a new member
    ] as const) {
      const { cursor, edit, rebuilt } = await opened(source);
      edit(cursor, cursor, typed);
      assert.equal(rebuilt(), true, `typing ${typed} in ${source} was patched`);
    }
  });

  it('rebuilds a member reported at its name for naming a type behind a disabled feature, so the error stays once', async () => {
    const { workspace, uri, cursor, edit, rebuilt } = await opened(
      'interface api {\n  @unstable(feature = off)\n  type gated = u8;\n  record r {\n    a: u8,‸\n    b: option<gated>,\n  }\n}\n',
    );
    edit(cursor, cursor, '  ');
    assert.equal(rebuilt(), true);
    const text = workspace.document(uri)!.text;
    const name = text.indexOf('record r') + 'record '.length;
    assert.deepEqual(workspace.diagnostics(uri).map((d) => [d.code, d.span.start]), [['inactive-reference', name]]);
  });
});
