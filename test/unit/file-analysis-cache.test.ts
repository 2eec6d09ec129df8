import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, allDiagnostics, type Analysis, type AnalysisSettings } from '../../server/src/analysis/analyze';
import { WitDocument } from '../../server/src/analysis/document';
import { FileAnalysisCache } from '../../server/src/analysis/file-analysis-cache';
import { createWorkspace } from '../../server/src/analysis/model';
import { LineIndex, type PositionEncoding } from '../../server/src/analysis/text';
import { fileTypeResolver, type TypeResolver } from '../../server/src/analysis/types';
import type { WitParser } from '../../server/src/parser';
import { Converter } from '../../server/src/lsp/convert';
import { DocumentStore } from '../../server/src/lsp/documents';
import { generateLargeWit } from '../../bench/generate-wit';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { Random, applyMutation, describeCase, randomMutation, seedOf, type Mutation } from '../helpers/mutations';
import { witParser } from '../helpers/parser';

const SETTINGS: AnalysisSettings = { rules: {} };

const SOURCE = `package wasi:demo@0.3.0;\r

interface types {
  type bytes = stream<u8>;
  resource stream-sink {
    write: async func(data: bytes) -> result<_, u32>;
    list: async func() -> stream<u32>;
  }
}

/* é 🚀 */ interface other {
  use types.{bytes};
  send: async func(data: bytes);
  size: func() -> list<u8, 99999999999>;
}

world w { export run: async func(s: stream<u8>); }
`;

/** Everything a finding tells the user, hover included, and its LSP form in `encoding`. */
function described(analysis: Analysis, converter: Converter): string[] {
  const explanations = new Map(analysis.rules.map((d) => [d, d.explain()]));
  return allDiagnostics(analysis).map((d) => JSON.stringify([d, explanations.get(d as never) ?? null, converter.diagnostic(d)]));
}

/**
 * Edits `text` with `edits` random changes (half of them typing or deleting one character,
 * which keeps the items apart; half the fuzzers' mutations, which often do not), a few at a
 * time, and after each batch compares the kept analysis and its LSP form with `analyze` of
 * a fresh document of the final text. Returns how many edits it compared.
 */
function compare(parser: WitParser, name: string, text: string, seed: number, edits: number): number {
  const random = new Random(seed);
  const document = WitDocument.create(parser, `file:///${name}`, text);
  const cache = new FileAnalysisCache();
  const mutations: Mutation[] = [];
  let compared = 0;
  try {
    for (let step = 0; step < edits; ) {
      for (let batch = random.int(1, 3); batch > 0 && step < edits; batch--, step++) {
        const current = document.text;
        const at = random.int(0, current.length);
        const mutation: Mutation =
          random.next() < 0.5
            ? random.next() < 0.5
              ? { kind: 'type', span: { start: at, end: at }, newText: random.pick(['x', '-', ' ', '\n', 'a1']) }
              : { kind: 'delete one', span: { start: at, end: Math.min(current.length, at + 1) }, newText: '' }
            : randomMutation(current, random);
        mutations.push(mutation);
        document.applyChange(mutation.span, mutation.newText);
        assert.equal(document.text, applyMutation(current, mutation));
      }
      const encoding: PositionEncoding = random.pick(['utf-16', 'utf-8']);
      const kept = cache.analyze(document, SETTINGS, fileTypeResolver, fileTypeResolver);
      const fresh = WitDocument.create(parser, document.uri, document.text);
      try {
        assert.deepEqual(
          described(kept, new Converter(document.lines, encoding)),
          described(analyze(fresh, SETTINGS), new Converter(fresh.lines, encoding)),
          describeCase(name, seed, mutations),
        );
      } finally {
        fresh.dispose();
      }
      compared = step;
    }
  } finally {
    document.dispose();
  }
  return compared;
}

/** A resolver that counts the names it is asked about. */
function counting(): TypeResolver & { asked: number } {
  return {
    asked: 0,
    resolveType(reference) {
      this.asked++;
      return fileTypeResolver.resolveType(reference);
    },
    typedefOf: (identifier) => fileTypeResolver.typedefOf(identifier),
    resolveName: (identifier) => fileTypeResolver.resolveName(identifier),
  };
}

describe('FileAnalysisCache', () => {
  it('after random edits, gives what analyze gives on the final text, in LSP form too', async (t) => {
    const parser = await witParser();
    let edits = compare(parser, 'inline.wit', SOURCE, 10, 120);
    edits += compare(parser, 'generated.wit', generateLargeWit(400), 11, 120);
    t.diagnostic(`${edits} edits compared on inline and generated WIT`);
  });

  it('after random edits of real WIT files, gives what analyze gives', { skip: corpusMissing }, async (t) => {
    const parser = await witParser();
    const files = witFiles(CORPUS).filter((f) => !f.includes('wit-component-print'));
    const sample = files.filter((_, i) => i % Math.ceil(files.length / 24) === 0);
    let edits = 0;
    for (const file of sample) {
      const name = path.relative(CORPUS, file);
      edits += compare(parser, name, fs.readFileSync(file, 'utf8'), seedOf(name, 10), 12);
    }
    t.diagnostic(`${edits} edits compared over ${sample.length} corpus files`);
  });

  it('through the DocumentStore with the model, gives what analyze gives with a model built from scratch', async (t) => {
    const parser = await witParser();
    const uri = 'file:///p/a.wit';
    const other = 'file:///p/b.wit';
    const otherTexts = ['interface extra {\n  type bytes = stream<u8>;\n}\n', 'interface extra {\n  type bytes = u8;\n}\n'];
    const text = `${generateLargeWit(300)}interface uses-extra {\n  use extra.{bytes};\n  send: async func(data: bytes);\n}\n`;
    const workspace = createWorkspace(parser);
    const store = new DocumentStore(parser, () => 'utf-16', () => SETTINGS);
    store.attachWorkspace(workspace, () => {});
    workspace.setText(other, otherTexts[0]);
    store.openDocument(uri, text, 1);
    const random = new Random(870);
    let otherText = otherTexts[0];
    let edits = 0;
    for (let version = 2; version < 80; version++) {
      const current = store.get(uri)!.text;
      let at = random.int(0, current.length);
      let mutation: Mutation = random.next() < 0.7 ? { kind: 'type', span: { start: at, end: at }, newText: random.pick(['x', '-', '\n']) } : randomMutation(current, random);
      if (random.next() < 0.2) {
        otherText = otherTexts[otherText === otherTexts[0] ? 1 : 0];
        workspace.setText(other, otherText); // a change elsewhere: what `bytes` is
        // and an edit that reaches no other item, so only the change elsewhere can move `send`'s finding
        at = current.indexOf('(k: ');
        if (at >= 0) mutation = { kind: 'type', span: { start: at + 2, end: at + 2 }, newText: 'x' };
      }
      const lines = new LineIndex(current);
      const range = { start: lines.position(mutation.span.start), end: lines.position(mutation.span.end) };
      store.changeDocument(uri, [{ range, text: mutation.newText }], version);
      edits++;
      const kept = store.analysis(uri)!;
      const fresh = createWorkspace(parser);
      fresh.setText(other, otherText);
      fresh.setText(uri, store.get(uri)!.text);
      const document = fresh.document(uri)!;
      const expected = analyze(document, SETTINGS, fresh.typeResolver(uri));
      const converter = new Converter(document.lines, 'utf-16');
      assert.deepEqual(
        described({ syntax: kept.syntax, rules: kept.rules }, new Converter(store.get(uri)!.lines, 'utf-16')),
        described(expected, converter),
        `after edit ${edits}: ${JSON.stringify(mutation)}`,
      );
    }
    store.closeDocument(uri);
    t.diagnostic(`${edits} edits compared through the DocumentStore`);
  });

  it('re-checks only the method an edit inside its parameter list reaches, and keeps or moves the rest', async () => {
    const parser = await witParser();
    const text = generateLargeWit(400);
    const document = WitDocument.create(parser, 'file:///g.wit', text);
    const cache = new FileAnalysisCache();
    const resolver = counting();
    const first = cache.analyze(document, SETTINGS, resolver, 'key');
    const firstSeen = first.rules.map((d) => JSON.stringify(d));
    const askedAtFirst = resolver.asked;
    // In a method of a resource in an interface: the region is that method alone.
    const site = text.indexOf('write: async func(k: key', text.length / 2) + 'write: async func(k'.length;
    resolver.asked = 0;
    document.applyChange({ start: site, end: site }, 'x');
    const second = cache.analyze(document, SETTINGS, resolver, 'key');
    assert.ok(first.rules.length > 6, 'the file has findings before and after the edit');
    assert.equal(second.rules.length, first.rules.length);
    // `write`'s two parameters, not the other functions of its interface.
    assert.equal(resolver.asked, 2, `asked ${resolver.asked} of ${askedAtFirst} names again`);
    // Before the edited method (whose own finding is made again).
    const before = second.rules.filter((d) => d.span.end < text.lastIndexOf('\n', site));
    const after = second.rules.filter((d) => d.span.start > text.indexOf('\n}', site));
    assert.ok(before.length > 0 && after.length > 0);
    for (const d of before) assert.ok(first.rules.includes(d), 'a finding before the edit is the same object');
    // A finding after the edit is the previous one, moved in place with its fix.
    for (const d of after) assert.ok(first.rules.includes(d), 'a finding after the edit is the same object');
    const movedBack = after.map((d) => {
      const back = (span: { start: number; end: number }) => ({ start: span.start - 1, end: span.end - 1 });
      return JSON.stringify({ ...d, span: back(d.span), fix: d.fix && { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, span: back(e.span) })) } });
    });
    assert.deepEqual(movedBack, after.map((d) => firstSeen[first.rules.indexOf(d)]), 'a finding after the edit is the previous one, moved');

    // A new resolution key (another file changed) makes every rule finding again.
    resolver.asked = 0;
    cache.analyze(document, SETTINGS, resolver, 'another key');
    assert.equal(resolver.asked, askedAtFirst);
    document.dispose();
  });

  it('re-checks an item whose names resolve into an item an edit reached', async () => {
    const parser = await witParser();
    const text = 'package a:b;\ninterface types {\n  type bytes = stream<u8>;\n}\ninterface api {\n  use types.{bytes};\n  send: async func(data: bytes);\n}\n';
    const document = WitDocument.create(parser, 'file:///t.wit', text);
    const cache = new FileAnalysisCache();
    assert.deepEqual(cache.analyze(document, SETTINGS, fileTypeResolver, fileTypeResolver).rules.map((d) => d.code), ['async-stream-param']);
    const at = text.indexOf('stream<u8>');
    document.applyChange({ start: at, end: at + 'stream<u8>'.length }, 'u8');
    assert.deepEqual(cache.analyze(document, SETTINGS, fileTypeResolver, fileTypeResolver).rules, [], 'bytes is no longer a stream');
    document.dispose();
  });

  it('re-checks an item with a name that did not resolve after any edit, and every item when a name changes', async () => {
    const parser = await witParser();
    const codes = (document: WitDocument, cache: FileAnalysisCache): string[] =>
      cache.analyze(document, SETTINGS, fileTypeResolver, fileTypeResolver).rules.map((d) => d.code);
    const api = 'interface api {\n  use types.{bytes};\n  send: async func(data: bytes);\n}\n';
    // `bytes` is not in `types` yet: adding it there must reach `api`.
    const unresolved = WitDocument.create(parser, 'file:///u.wit', `package a:b;\ninterface types {\n}\n${api}`);
    const first = new FileAnalysisCache();
    assert.deepEqual(codes(unresolved, first), []);
    const inside = unresolved.text.indexOf('{\n}') + 2;
    unresolved.applyChange({ start: inside, end: inside }, '  type bytes = stream<u8>;\n');
    assert.deepEqual(codes(unresolved, first), ['async-stream-param']);
    unresolved.dispose();
    // Renaming `other` to `types` makes `use types` find it first, though `api` resolved into the second.
    const renamed = WitDocument.create(
      parser,
      'file:///r.wit',
      `package a:b;\ninterface other {\n  type bytes = stream<u8>;\n}\ninterface types {\n  type bytes = u8;\n}\n${api}`,
    );
    const second = new FileAnalysisCache();
    assert.deepEqual(codes(renamed, second), []);
    const name = renamed.text.indexOf('other');
    renamed.applyChange({ start: name, end: name + 'other'.length }, 'types');
    assert.deepEqual(codes(renamed, second), ['async-stream-param']);
    renamed.dispose();
  });
});
