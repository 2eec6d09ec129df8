import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { WitDocument } from '../../server/src/analysis/document';
import { createWorkspace, type Workspace } from '../../server/src/analysis/model';
import { findAsyncValue } from '../../server/src/analysis/types';
import { marked } from '../helpers/markers';
import { CHECKS } from './checks';
import { witParser } from '../helpers/parser';

const ROOT = 'file:///project/wit';

/** A workspace of `files` (paths relative to ROOT), with `«»`/`‸` markers stripped from each. */
async function workspaceOf(files: Record<string, string>, features: string[] = []) {
  const workspace = createWorkspace(await witParser(), { features });
  const marks: Record<string, ReturnType<typeof marked>> = {};
  for (const [relative, source] of Object.entries(files)) {
    marks[relative] = marked(source);
    workspace.setText(`${ROOT}/${relative}`, marks[relative].text);
  }
  return { workspace, marks, uri: (relative: string) => `${ROOT}/${relative}` };
}

const TYPES = `package demo:files@0.1.0;

interface types {
  type «bytes» = stream<u8>;
  enum error-code { io }
}
`;

const API = `package demo:files@0.1.0;

interface api {
  use types.{«bytes», error-code};
  use types.{bytes as «octets»};
  use wasi:io/poll@0.2.0.{«pollable»};

  resource sink {
    write: async func(data: «by‸tes») -> result<_, error-code>;
    drain: func(data: «octets»);
    ready: func() -> pollable;
  }
}
`;

const POLL = `package wasi:io@0.2.0;

interface poll {
  resource «pollable»;
}
`;

describe('workspace model: resolution across files and deps/', () => {
  it('resolves a used name to its typedef in another file', async () => {
    const { workspace, marks, uri } = await workspaceOf({ 'types.wit': TYPES, 'api.wit': API, 'deps/io/poll.wit': POLL });
    const target = workspace.resolveAt(uri('api.wit'), marks['api.wit'].cursor);
    assert.equal(target?.kind, 'type');
    assert.equal(target?.uri, uri('types.wit'));
    assert.deepEqual(target?.nameSpan, marks['types.wit'].ranges[0]);
    assert.deepEqual(workspace.diagnostics(uri('api.wit')), []);
  });

  it('resolves foreign paths into deps/', async () => {
    const { workspace, marks, uri } = await workspaceOf({ 'types.wit': TYPES, 'api.wit': API, 'deps/io/poll.wit': POLL });
    const pollable = workspace.resolveAt(uri('api.wit'), marks['api.wit'].ranges[2].start);
    assert.equal(pollable?.kind, 'resource');
    assert.equal(pollable?.uri, uri('deps/io/poll.wit'));
    assert.deepEqual(pollable?.nameSpan, marks['deps/io/poll.wit'].ranges[0]);
    const pkg = workspace.referenceAt(uri('api.wit'), API.indexOf('wasi:io') - 2);
    assert.equal(pkg?.kind, 'package');
    assert.equal(pkg?.target?.name, 'wasi:io@0.2.0');
  });

  it('gives the rules a type resolver that sees through `use` across files', async () => {
    const { workspace, uri } = await workspaceOf({ 'types.wit': TYPES, 'api.wit': API, 'deps/io/poll.wit': POLL });
    const document = workspace.document(uri('api.wit'))!;
    const param = document.tree.rootNode.descendantsOfType('param')[0]!;
    const found = findAsyncValue(param.childForFieldName('type')!, workspace.typeResolver(uri('api.wit')));
    assert.equal(found?.kind, 'stream');
    const codes = analyze(document, { rules: {} }, workspace.typeResolver(uri('api.wit'))).rules.map((d) => d.code);
    assert.deepEqual(codes, ['async-stream-param']);
  });

  it('finds references across files, following `use` without `as` but not an alias', async () => {
    const { workspace, marks, uri } = await workspaceOf({ 'types.wit': TYPES, 'api.wit': API, 'deps/io/poll.wit': POLL });
    const bytes = workspace.declarationAt(uri('types.wit'), marks['types.wit'].ranges[0].start)!;
    const found = workspace.referencesTo(bytes).map((r) => `${r.uri.slice(ROOT.length + 1)}@${r.span.start}`).sort();
    const [useBytes, useAliased, , param] = marks['api.wit'].ranges;
    // `use types.{bytes}`, `use types.{bytes as octets}` and the parameter typed `bytes`.
    const apiAt = (offset: number): string => `api.wit@${offset}`;
    assert.deepEqual(found, [apiAt(useBytes.start), apiAt(useAliased.start - 'bytes as '.length), apiAt(param.start)].sort());
    const octets = workspace.resolveAt(uri('api.wit'), marks['api.wit'].ranges[4].start);
    assert.equal(octets, bytes, 'an alias resolves to the original');
  });

  it('prefers an open document over disk text, and falls back when it closes', async () => {
    const { workspace, uri } = await workspaceOf({ 'types.wit': TYPES, 'api.wit': API, 'deps/io/poll.wit': POLL });
    const open = WitDocument.create(await witParser(), uri('types.wit'), marked(TYPES).text.replace('bytes', 'octets'));
    workspace.setDocument(open);
    assert.deepEqual(workspace.diagnostics(uri('api.wit')).map((d) => d.message), [
      'name `bytes` does not exist',
      'name `bytes` does not exist',
    ]);
    workspace.closeDocument(uri('types.wit'));
    open.dispose();
    assert.deepEqual(workspace.diagnostics(uri('api.wit')), []);
  });

  it('re-resolves only the group of the changed file (and groups that resolved into it)', async () => {
    const { workspace, uri } = await workspaceOf({
      'types.wit': TYPES,
      'api.wit': API,
      'deps/io/poll.wit': POLL,
      '../other/a.wit': 'package other:a;\ninterface a { type t = u32; }\n',
    });
    const other = workspace.declarations(uri('../other/a.wit'));
    const api = workspace.declarations(uri('api.wit'));
    workspace.setText(uri('types.wit'), marked(TYPES).text.replace('u8', 'u16'));
    assert.equal(workspace.declarations(uri('../other/a.wit')), other, 'the unrelated group is kept');
    assert.notEqual(workspace.declarations(uri('api.wit')), api, 'the edited group is rebuilt');
  });

  it('finds a package defined in a sibling folder without deps/ (a WASI repository layout)', async () => {
    const { workspace, uri } = await workspaceOf({
      '../../http/wit/types.wit': 'package wasi:http@0.2.0;\ninterface types { use wasi:io/poll@0.2.0.{pollable}; }\n',
      '../../io/wit/poll.wit': POLL.replace(/[«»]/g, ''),
    });
    assert.deepEqual(workspace.diagnostics(uri('../../http/wit/types.wit')), []);
    workspace.removeFile(uri('../../io/wit/poll.wit'));
    assert.deepEqual(workspace.diagnostics(uri('../../http/wit/types.wit')).map((d) => d.message), [
      "package 'wasi:io@0.2.0' not found",
    ]);
  });

  it('does not report unknown packages beside an encoded (.wasm) dependency', async () => {
    const { workspace, uri } = await workspaceOf({ 'a.wit': 'package a:a;\ninterface i { use b:b/x.{t}; }\n' });
    assert.equal(workspace.diagnostics(uri('a.wit')).length, 1);
    workspace.setEncodedDependency(uri('deps/b.wasm'), true);
    assert.deepEqual(workspace.diagnostics(uri('a.wit')), []);
  });

  it('treats items behind a disabled feature as absent, and enables features on request', async () => {
    const source = `package a:b;
interface i {
  @unstable(feature = fancy)
  type gated = u32;
  type «user» = gated;
}
`;
    const { workspace, marks, uri } = await workspaceOf({ 'gates.wit': source });
    const [diagnostic] = workspace.diagnostics(uri('gates.wit'));
    assert.equal(diagnostic.message, 'found a reference to a type which is excluded due to its feature not being activated');
    assert.deepEqual(diagnostic.span, marks['gates.wit'].ranges[0]);
    workspace.setFeatures(['fancy']);
    assert.deepEqual(workspace.diagnostics(uri('gates.wit')), []);
  });

  it('takes headers whose versions wit-parser reads alike (`1.0.0+` is `1.0.0`) for one package', async () => {
    const { workspace, uri } = await workspaceOf({ 'a.wit': 'package a:b@1.0.0;\ninterface i {}\n', 'b.wit': 'package a:b@1.0.0+;\ninterface j { use i.{}; }\n' });
    assert.deepEqual(workspace.diagnostics(uri('b.wit')), []);
  });

  it('reports a record naming excluded types once, at its name, though another error comes between', async () => {
    const source = 'package a:b;\ninterface i {\n  @unstable(feature = off) type g = u8;\n  record «r» {\n    a: g,\n    b: «nope»,\n    c: list<g>,\n  }\n}\n';
    const { workspace, marks, uri } = await workspaceOf({ 'record.wit': source });
    const [record, unknown] = marks['record.wit'].ranges;
    assert.deepEqual(workspace.diagnostics(uri('record.wit')).map((d) => [d.message, d.span]), [
      ['found a reference to a type which is excluded due to its feature not being activated', record],
      ['type `nope` does not exist', unknown],
    ]);
  });

  it('checks and resolves items behind a disabled feature as wit-parser does before dropping them', async () => {
    const source = `package a:b;
interface i {
  type «t» = u32;
  @unstable(feature = fancy)
  f: func(x: «t», y: «unknown»);
  resource r {
    @unstable(feature = fancy)
    m: func() -> «t»;
  }
}
@unstable(feature = fancy)
interface j {
  use i.{«t»};
  g: func() -> «t»;
}
`;
    const { workspace, marks, uri } = await workspaceOf({ 'gated.wit': source });
    const [declared, inFunction, unknown, inMethod, used, inGatedInterface] = marks['gated.wit'].ranges;
    // wit-parser still resolves the types of an excluded interface: `t`, not gated itself, is an error there.
    assert.deepEqual(workspace.diagnostics(uri('gated.wit')).map((d) => [d.message, d.span]), [
      ['name `unknown` does not exist', unknown],
      ['found a reference to a interface which is excluded due to its feature not being activated; this type is not gated by a feature but its interface is', used],
    ]);
    const t = workspace.declarationAt(uri('gated.wit'), declared.start)!;
    const starts = workspace.referencesTo(t).map((r) => r.span.start).sort((a, b) => a - b);
    assert.deepEqual(starts, [inFunction.start, inMethod.start, used.start, inGatedInterface.start]);
    assert.equal(workspace.referenceAt(uri('gated.wit'), unknown.start)?.target, null);
  });

  it('keeps a gated import quiet when another folder includes its world first', async () => {
    const { workspace, uri } = await workspaceOf({
      '../cli/wit/command.wit': 'package wasi:cli@0.2.0;\nworld command { include wasi:clocks/imports@0.2.0; }\n',
      '../clocks/wit/world.wit':
        'package wasi:clocks@0.2.0;\n@unstable(feature = tz)\ninterface timezone {}\nworld imports {\n  @unstable(feature = tz)\n  import timezone;\n}\n',
    });
    assert.deepEqual(workspace.diagnostics(uri('../cli/wit/command.wit')), []);
    assert.deepEqual(workspace.diagnostics(uri('../clocks/wit/world.wit')), []);
  });

  it('reports a duplicate at its second occurrence, pointing at the first in another file', async () => {
    const { workspace, marks, uri } = await workspaceOf({
      'a.wit': 'package a:b;\ninterface «shared» {}\n',
      'b.wit': 'package a:b;\ninterface «shared» {}\n',
    });
    assert.deepEqual(workspace.diagnostics(uri('a.wit')), []);
    const [duplicate] = workspace.diagnostics(uri('b.wit'));
    assert.equal(duplicate.code, 'duplicate-name');
    assert.deepEqual(duplicate.span, marks['b.wit'].ranges[0]);
    assert.deepEqual(duplicate.related?.map((r) => [r.uri, r.span]), [[uri('a.wit'), marks['a.wit'].ranges[0]]]);
  });

  it("gives wit-parser's package mismatch error in a folder plainly meant as one package", async () => {
    const mismatch = (cur: string, prev: string) => `package identifier \`${cur}\` does not match previous package name of \`${prev}\``;
    const cases: [string, Record<string, string>][] = [
      ['a deps/ folder beside the files', {
        'a.wit': 'package «demo:app»;\ninterface api {}\n',
        'b.wit': 'package «demo:apps»;\nworld w { import demo:app/api; }\n',
        'deps/io/poll.wit': POLL,
      }],
      ['a file naming another file\'s interface by its bare name', {
        'a.wit': 'package «demo:app@0.1.0»;\ninterface types { type id = u32; }\n',
        'b.wit': 'package «demo:app@0.2.0»;\ninterface api { use types.{id}; f: func(x: id); }\n',
      }],
      ["a file naming another file's package in a foreign path", {
        'a.wit': 'package «demo:cli»;\ninterface environment { get: func() -> string; }\n',
        'b.wit': 'package «demo:app»;\nworld w { import demo:cli/environment; }\n',
      }],
    ];
    for (const [what, files] of cases) {
      const { workspace, marks, uri } = await workspaceOf(files);
      const [first, second] = [marks['a.wit'].ranges[0], marks['b.wit'].ranges[0]];
      const [prev, cur] = [marks['a.wit'].text.slice(first.start, first.end), marks['b.wit'].text.slice(second.start, second.end)];
      assert.deepEqual(workspace.diagnostics(uri('a.wit')), [], what);
      const errors = workspace.diagnostics(uri('b.wit'));
      assert.deepEqual(errors.map((d) => [d.message, d.span]), [[mismatch(cur, prev), second]], what);
      assert.deepEqual(errors[0].related?.map((r) => [r.uri, r.span]), [[uri('a.wit'), first]], what);
    }
  });

  it('reads a folder of unrelated one-file packages (a test suite) file by file', async () => {
    const { workspace, uri } = await workspaceOf({
      'a.wit': 'package test:one;\ninterface types { type id = u32; }\nworld w { import types; }\n',
      'b.wit': 'package test:two;\ninterface types { type id = string; }\nworld w { import types; }\n',
    });
    assert.deepEqual([...workspace.diagnostics(uri('a.wit')), ...workspace.diagnostics(uri('b.wit'))], []);
  });

  it('lists what is visible at a place for completion', async () => {
    const { workspace, uri } = await workspaceOf({ 'types.wit': TYPES, 'api.wit': API, 'deps/io/poll.wit': POLL });
    const scope = workspace.scopeAt(uri('api.wit'), marked(API).cursor);
    assert.deepEqual(scope.types.map((d) => d.name).sort(), ['bytes', 'error-code', 'octets', 'pollable', 'sink']);
    assert.deepEqual(scope.items.map((d) => d.name).sort(), ['api', 'types']);
    assert.ok(scope.packages.some((p) => p.name === 'wasi:io@0.2.0'));
  });
});


describe("workspace model: wit-parser's checks, each at its precise range", () => {
  for (const [name, source, message] of CHECKS) {
    it(name, async () => {
      const { text, ranges } = marked(source);
      const workspace: Workspace = createWorkspace(await witParser());
      workspace.setText(`${ROOT}/check.wit`, text);
      const diagnostics = workspace.diagnostics(`${ROOT}/check.wit`);
      assert.deepEqual(diagnostics.map((d) => [d.message, d.span]), [[message, ranges[0]]]);
    });
  }
});
