import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allDiagnostics, analyze } from '../../server/src/analysis/analyze';
import { completionsAt } from '../../server/src/analysis/navigation/completion';
import { snippetEntries, snippetText } from '../../server/src/analysis/navigation/snippets';
import { fixture } from './workspace-fixture';

/** The snippets offered at the cursor, by label, with their text at the defaults. */
async function snippetsAt(source: string): Promise<Map<string, { snippet: string; text: string }>> {
  const f = await fixture({ 'pkg/a.wit': source });
  const result = completionsAt(f.workspace, f.uri, f.offset);
  if (!result?.memberStart) return new Map();
  const version = f.workspace.packageAt(f.uri, f.offset)?.name?.split('@')[1];
  return new Map(snippetEntries(result.memberStart, version).map((e) => [e.label, { snippet: e.snippet!, text: e.insertText! }]));
}

/** A dependency the world snippets import, so that a snippet's defaults resolve. */
const CLOCKS = 'package wasi:clocks@0.3.0;\ninterface monotonic-clock { now: func() -> u64; }\n';

/** Every finding on `source` (syntax, rules, cross-file), as `code: message`. */
async function findings(source: string): Promise<string[]> {
  const f = await fixture({ 'pkg/a.wit': source, 'pkg/deps/clocks/clock.wit': CLOCKS });
  const uri = 'file:///ws/pkg/a.wit';
  const document = f.workspace.document(uri)!;
  const analysis = analyze(document);
  analysis.semantic = f.workspace.diagnostics(uri);
  return allDiagnostics(analysis).map((d) => `${d.code}: ${d.message}`);
}

const PLACES: Record<string, { source: string; expected: string[] }> = {
  'the start of a file': {
    source: '‸',
    expected: ['package with interface and world', 'world with imports and exports'],
  },
  'the top level': {
    source: 'package a:b@0.2.0;\n‸\ninterface api {}\n',
    expected: ['world with imports and exports', 'interface with @since', 'world with @since'],
  },
  'an interface': {
    source: 'package a:b@0.2.0;\ninterface api {\n  ‸\n}\n',
    expected: ['resource with constructor', 'resource with streams', 'read-via-stream', 'write-via-stream', 'function with @since', 'error-code enum'],
  },
  'a resource': {
    source: 'package a:b@0.2.0;\ninterface api {\n  enum error-code { other }\n  resource file {\n    ‸\n  }\n}\n',
    expected: ['read-via-stream', 'write-via-stream', 'function with @since'],
  },
  'a world': {
    source: 'package a:b@0.2.0;\ninterface api {}\nworld w {\n  ‸\n}\n',
    expected: ['resource with constructor', 'import with @since', 'export run'],
  },
};

describe('snippets', () => {
  for (const [place, { source, expected }] of Object.entries(PLACES)) {
    it(`offers ${expected.length} in ${place}, each valid WIT with no finding once inserted`, async () => {
      const offered = await snippetsAt(source);
      assert.deepEqual([...offered.keys()], expected);
      for (const [label, { text }] of offered) {
        // What a snippet names without declaring: `error-code`, the package, `api`.
        let support = '';
        if (place === 'an interface' && !text.includes('enum error-code')) support = 'enum error-code { other }\n';
        if (place === 'the start of a file' && !text.startsWith('package')) support = 'package a:b;\ninterface api {}\n';
        const inserted = source.replace('‸', `${support}${text}`);
        assert.deepEqual(await findings(inserted), [], `${label}:\n${inserted}`);
      }
    });
  }

  it('teach the WASI#870 shape: streams in and out without async', async () => {
    const offered = await snippetsAt(PLACES['an interface'].source);
    assert.match(offered.get('write-via-stream')!.text, /^write-via-stream: func\(data: stream<u8>\) -> future<result<_, error-code>>;$/m);
    assert.match(offered.get('read-via-stream')!.text, /^read-via-stream: func\(\) -> tuple<stream<u8>, future<result<_, error-code>>>;$/m);
    for (const { text } of offered.values()) assert.doesNotMatch(text, /async func\(data: stream/);
  });

  it('gate on the package version; not without one, nor after an attribute', async () => {
    const offered = await snippetsAt('package a:b@0.3.0-rc-2026-02-09;\n‸');
    assert.match(offered.get('interface with @since')!.snippet, /@since\(version = \$\{2:0\.3\.0-rc-2026-02-09\}\)/);
    const unversioned = await snippetsAt('package a:b;\ninterface i {\n  ‸\n}\n');
    assert.ok(unversioned.size > 0 && [...unversioned.values()].every((s) => !s.text.includes('@since')));
    const afterAttribute = await snippetsAt('package a:b@1.0.0;\ninterface i {\n  @unstable(feature = x)\n  ‸\n}\n');
    assert.ok(afterAttribute.size > 0 && [...afterAttribute.values()].every((s) => !s.text.includes('@since')));
  });

  it('are not offered inside a record, a type, or after a keyword', async () => {
    assert.equal((await snippetsAt('package a:b;\ninterface i { record r { ‸ } }')).size, 0);
    assert.equal((await snippetsAt('package a:b;\ninterface i { type t = ‸ }')).size, 0);
    assert.equal((await snippetsAt('package a:b;\ninterface i { resource ‸ }')).size, 0);
  });

  it('fill placeholders with their defaults for clients without snippets', () => {
    assert.equal(snippetText('a ${1:b} ${2} $0 ${3:c ${4:d}}\n\tx'), 'a b   c d\n  x');
  });
});
