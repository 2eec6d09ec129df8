// The grammar package's queries (grammars/tree-sitter-wit/queries/*.scm): they compile
// against the grammar, and capture what editors need on real WIT.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Language, Parser, Query, type QueryCapture } from 'web-tree-sitter';
import { ROOT, witParser } from '../helpers/parser';
import { parseCorpus } from './tree-sitter-corpus';

const GRAMMAR_DIR = path.join(ROOT, 'grammars/tree-sitter-wit');
const QUERY_DIR = path.join(GRAMMAR_DIR, 'queries');
const QUERY_FILES = ['brackets.scm', 'folds.scm', 'highlights.scm', 'indents.scm', 'locals.scm', 'outline.scm', 'tags.scm'];

let parser: Parser;
const queries = new Map<string, Query>();

before(async () => {
  await witParser(); // initialises web-tree-sitter's runtime once per process
  const language = await Language.load(path.join(GRAMMAR_DIR, 'tree-sitter-wit.wasm'));
  parser = new Parser();
  parser.setLanguage(language);
  for (const file of QUERY_FILES) {
    queries.set(file, new Query(language, fs.readFileSync(path.join(QUERY_DIR, file), 'utf8')));
  }
});

function capturesOf(queryFile: string, source: string): QueryCapture[] {
  const tree = parser.parse(source);
  if (!tree) throw new Error('no tree');
  return queries.get(queryFile)!.captures(tree.rootNode);
}

/** Capture names per node range `start:end`, in capture order. */
function capturesByRange(captures: QueryCapture[]): Map<string, string[]> {
  const byRange = new Map<string, string[]>();
  for (const { name, node } of captures) {
    const key = `${node.startIndex}:${node.endIndex}`;
    byRange.set(key, [...(byRange.get(key) ?? []), name]);
  }
  return byRange;
}

/**
 * Checks `expected` ([token, capture] pairs, in source order) against the captures of
 * `queryFile` on `source`. Each token is found as a whole word after the previous one.
 */
function assertCaptures(queryFile: string, source: string, expected: [token: string, capture: string][]): void {
  const byRange = capturesByRange(capturesOf(queryFile, source));
  let from = 0;
  const actual: [string, string][] = [];
  for (const [token] of expected) {
    const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Words match whole (`io` not inside `wasi-io`); punctuation anywhere.
    const before = /^[\w%]/.test(token) ? '(?<![\\w%-])' : '';
    const after = /\w$/.test(token) ? '(?![\\w-])' : '';
    const match = new RegExp(`${before}${escaped}${after}`, 'g');
    match.lastIndex = from;
    const found = match.exec(source);
    assert.ok(found, `token ${JSON.stringify(token)} not found after offset ${from}`);
    from = found.index + token.length;
    const names = byRange.get(`${found.index}:${from}`) ?? ['(none)'];
    actual.push([token, names.join(' + ')]);
  }
  assert.deepEqual(actual, expected);
}

describe('tree-sitter-wit queries', () => {
  it('every query file in queries/ is checked here', () => {
    const present = fs.readdirSync(QUERY_DIR).filter((f) => f.endsWith('.scm')).sort();
    assert.deepEqual(present, QUERY_FILES);
  });

  it('compile against the grammar', () => {
    for (const file of QUERY_FILES) assert.ok(queries.get(file)!.patternCount() > 0, `${file} has no patterns`);
  });

  describe('highlights.scm', () => {
    it('highlights packages, uses, versions and comments', () => {
      assertCaptures(
        'highlights.scm',
        `/// The package.
package wasi:io@0.3.0-rc.1;
// Aliases.
use wasi:clocks/types@0.3.0 as clocks;
/** Block docs. */ /* plain */`,
        [
          ['/// The package.', 'comment.documentation'],
          ['package', 'keyword'],
          ['wasi', 'module'],
          [':', 'punctuation.delimiter'],
          ['io', 'module'],
          ['@', 'punctuation.special'],
          ['0.3.0-rc.1', 'string.special'],
          [';', 'punctuation.delimiter'],
          ['// Aliases.', 'comment'],
          ['use', 'keyword.import'],
          ['clocks', 'module'],
          ['/', 'punctuation.delimiter'],
          ['types', 'module'],
          ['0.3.0', 'string.special'],
          ['as', 'keyword.import'],
          ['clocks', 'module'],
          ['/** Block docs. */', 'comment.documentation'],
          ['/* plain */', 'comment'],
        ],
      );
    });

    it('highlights the async syntax, types and declarations against references', () => {
      assertCaptures(
        'highlights.scm',
        `interface streams {
  use error.{error-code as code};
  resource output-stream {
    constructor() -> result<output-stream, code>;
    write: async func(data: stream<u8>) -> future<result<_, error-context>>;
    open: static async func(%type: list<u8, 4>) -> own<output-stream>;
  }
  record point { x: f64 }
  variant shape { dot(point), none }
  enum mode { read }
  flags perms { exec }
  type alias = borrow<output-stream>;
  f: func(m: map<string, tuple<option<u8>>>) -> %stream;
}`,
        [
          ['interface', 'keyword'],
          ['streams', 'module'],
          ['{', 'punctuation.bracket'],
          ['use', 'keyword.import'],
          ['error', 'module'],
          ['.', 'punctuation.delimiter'],
          ['error-code', 'type'],
          ['as', 'keyword.import'],
          ['code', 'type'],
          ['resource', 'keyword.type'],
          ['output-stream', 'type.definition'],
          ['constructor', 'constructor'],
          ['->', 'operator'],
          ['result', 'type.builtin'],
          ['<', 'punctuation.bracket'],
          ['output-stream', 'type'],
          ['code', 'type'],
          ['write', 'function.method'],
          ['async', 'keyword.coroutine'],
          ['func', 'keyword.function'],
          ['data', 'variable.parameter'],
          ['stream', 'type.builtin'],
          ['u8', 'type.builtin'],
          ['future', 'type.builtin'],
          ['_', 'variable.builtin'],
          ['error-context', 'type.builtin'],
          ['open', 'function.method'],
          ['static', 'keyword.modifier'],
          ['async', 'keyword.coroutine'],
          ['%type', 'variable.parameter'],
          ['list', 'type.builtin'],
          ['4', 'number'],
          ['own', 'type.builtin'],
          ['output-stream', 'type'],
          ['record', 'keyword.type'],
          ['point', 'type.definition'],
          ['x', 'property'],
          ['f64', 'type.builtin'],
          ['variant', 'keyword.type'],
          ['shape', 'type.definition'],
          ['dot', 'constant'],
          ['point', 'type'],
          ['none', 'constant'],
          ['enum', 'keyword.type'],
          ['mode', 'type.definition'],
          ['read', 'constant'],
          ['flags', 'keyword.type'],
          ['exec', 'constant'],
          ['type', 'keyword.type'],
          ['alias', 'type.definition'],
          ['=', 'operator'],
          ['borrow', 'type.builtin'],
          ['output-stream', 'type'],
          ['f', 'function'],
          ['map', 'type.builtin'],
          ['string', 'type.builtin'],
          ['tuple', 'type.builtin'],
          ['option', 'type.builtin'],
          ['%stream', 'type'],
        ],
      );
    });

    it('highlights worlds and attributes', () => {
      assertCaptures(
        'highlights.scm',
        `@since(version = 0.2.0)
world proxy {
  @unstable(feature = fancy-io)
  import log: func(msg: string);
  import host: interface { now: func() -> u64; }
  import store: wasi:keyvalue/store;
  @deprecated(version = 0.2.1)
  export wasi:http/handler@0.2.0;
  @external-id("ns:pkg/id")
  include base with { run as start }
}`,
        [
          ['@', 'attribute'],
          ['since', 'attribute'],
          ['(', 'punctuation.bracket'],
          ['version', 'property'],
          ['=', 'operator'],
          ['0.2.0', 'string.special'],
          ['world', 'keyword'],
          ['proxy', 'module'],
          ['@', 'attribute'],
          ['unstable', 'attribute'],
          ['feature', 'property'],
          ['fancy-io', 'constant'],
          ['import', 'keyword.import'],
          ['log', 'function'],
          ['msg', 'variable.parameter'],
          ['import', 'keyword.import'],
          ['host', 'module'],
          ['interface', 'keyword'],
          ['now', 'function'],
          ['import', 'keyword.import'],
          ['store', 'module'],
          ['wasi', 'module'],
          ['keyvalue', 'module'],
          ['store', 'module'],
          ['deprecated', 'attribute'],
          ['export', 'keyword.import'],
          ['handler', 'module'],
          ['@', 'punctuation.special'],
          ['@', 'attribute'],
          ['external-id', 'attribute'],
          ['"ns:pkg/id"', 'string'],
          ['include', 'keyword.import'],
          ['base', 'module'],
          ['with', 'keyword.import'],
          ['run', 'variable'],
          ['as', 'keyword.import'],
          ['start', 'variable'],
        ],
      );
    });

    it('captures every identifier of the corpus tests once, and no node twice', () => {
      const corpusDir = path.join(GRAMMAR_DIR, 'test/corpus');
      const problems: string[] = [];
      for (const file of fs.readdirSync(corpusDir).filter((f) => f.endsWith('.txt'))) {
        for (const testCase of parseCorpus(fs.readFileSync(path.join(corpusDir, file), 'utf8'), file)) {
          const tree = parser.parse(testCase.input)!;
          if (tree.rootNode.hasError) continue; // recovery trees have identifiers in ERROR nodes
          const byRange = capturesByRange(queries.get('highlights.scm')!.captures(tree.rootNode));
          for (const [range, names] of byRange) {
            if (names.length > 1) problems.push(`${file} / ${testCase.name}: ${range} captured as ${names.join(', ')}`);
          }
          for (const identifier of tree.rootNode.descendantsOfType('identifier')) {
            if (!identifier) continue;
            if (!byRange.has(`${identifier.startIndex}:${identifier.endIndex}`)) {
              problems.push(`${file} / ${testCase.name}: identifier \`${identifier.text}\` in ${identifier.parent?.type} has no highlight`);
            }
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  });

  describe('locals.scm', () => {
    it('defines types and imported names, and references them in scopes', () => {
      const captures = capturesOf(
        'locals.scm',
        `interface i {
  use types.{a, b as c};
  record point { x: u32 }
  f: func(p: point, q: c) -> own<point>;
}`,
      ).map(({ name, node }) => `${name} ${node.type === 'identifier' ? node.text : node.type}`);
      assert.deepEqual(captures, [
        'local.scope source_file',
        'local.definition i',
        'local.scope interface_body',
        'local.reference types',
        'local.definition a',
        'local.definition c',
        'local.definition point',
        'local.definition x',
        'local.definition f',
        'local.scope func_type',
        'local.definition p',
        'local.reference point',
        'local.definition q',
        'local.reference c',
        'local.reference point',
      ]);
    });
  });

  describe('tags.scm', () => {
    it('tags definitions with their docs, and references', () => {
      const matches = queries
        .get('tags.scm')!
        .matches(
          parser.parse(`// Streams.
interface streams {
  use wasi:io/poll.{pollable};
  /// Bytes out.
  resource output {
    /// Writes.
    write: func(b: borrow<output>) -> bool;
  }
  type t = pollable;
  f: func();
}
world w {
  import log: func();
  export streams;
  include base;
}`)!.rootNode,
        )
        .map((match) => {
          const kind = match.captures.find((c) => /^(definition|reference)\./.test(c.name))!.name;
          const name = match.captures.find((c) => c.name === 'name')!.node.text;
          const docs = match.captures.filter((c) => c.name === 'doc').map((c) => c.node.text);
          return `${kind} ${name}${docs.length ? ` ${docs.join(' ')}` : ''}`;
        });
      assert.deepEqual(matches, [
        'definition.interface streams // Streams.',
        'reference.interface poll',
        'definition.class output /// Bytes out.',
        'definition.method write /// Writes.',
        'reference.class output',
        'definition.type t',
        'reference.type pollable',
        'definition.function f',
        'definition.module w',
        'definition.function log',
        'reference.interface streams',
        'reference.module base',
      ]);
    });
  });

  describe('folds.scm', () => {
    it('folds bodies, long lists and comments', () => {
      const folded = capturesOf(
        'folds.scm',
        `/* a
   comment */
interface i {
  record r {
    a: u32,
  }
  f: func(
    a: u32,
  );
}`,
      ).map(({ node }) => `${node.type} ${node.startPosition.row}-${node.endPosition.row}`);
      assert.deepEqual(folded, ['comment 0-1', 'interface_body 2-9', 'record_body 3-5', 'param_list 6-8']);
    });
  });

  describe('outline.scm', () => {
    it('lists packages, interfaces, worlds, their members and record fields', () => {
      const items = queries
        .get('outline.scm')!
        .matches(
          parser.parse(`package a:b {
  interface i {
    record point { x: u32 }
    resource r { constructor(); get: func(); }
    f: func();
  }
}
world w { import log: func(); export i; }`)!.rootNode,
        )
        .map((match) =>
          match.captures
            .filter((c) => c.name !== 'item')
            .map((c) => c.node.text)
            .join(' '),
        );
      assert.deepEqual(items, [
        'package a:b',
        'interface i',
        'record point',
        'x',
        'resource r',
        'constructor',
        'get',
        'f',
        'world w',
        'import log',
      ]);
    });
  });

  describe('brackets.scm', () => {
    it('pairs the brackets of a type, not the `>` of `->`', () => {
      const source = 'interface i { f: func(a: list<u8>) -> option<u8>; }';
      const pairs = queries
        .get('brackets.scm')!
        .matches(parser.parse(source)!.rootNode)
        .map((match) => match.captures.map((c) => `${c.name} ${c.node.startIndex}`).join(', '))
        .sort();
      const at = (text: string) => source.indexOf(text);
      assert.deepEqual(
        pairs,
        [
          `open ${at('{')}, close ${at('}')}`,
          `open ${at('(a')}, close ${at(')')}`,
          `open ${at('<u8>)')}, close ${at('>)')}`,
          `open ${at('<u8>;')}, close ${at('>;')}`,
        ].sort(),
      );
    });
  });

  describe('indents.scm', () => {
    it('indents inside braces and closes at the closing brace', () => {
      const captures = capturesOf('indents.scm', 'interface i {\n  f: func();\n}').map(
        ({ name, node }) => `${name} ${node.type}`,
      );
      assert.deepEqual(captures, [
        'indent.begin interface_body',
        'indent.begin param_list',
        'indent.branch )',
        'indent.end )',
        'indent.branch }',
        'indent.end }',
      ]);
    });
  });
});
