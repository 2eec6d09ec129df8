import type { CompletionEntry, MemberStart } from './completion';

/**
 * Snippets of whole declarations in current WASI 0.3 idioms, offered where a member of
 * their block may start. Streams follow WebAssembly/WASI#870: a function that consumes a
 * stream returns a future of its result instead of being `async` (which would keep its
 * resource borrowed until the stream ends), mirroring how reading returns a stream and a
 * future. `@since` gates default to the enclosing package's version.
 */
interface WitSnippet {
  label: string;
  detail: string;
  /** Where it applies. */
  blocks: readonly MemberStart['block'][];
  /** Only as a file's first item (it declares the package). */
  fileStartOnly?: boolean;
  /** `VERSION` stands for the package's version. */
  body: string;
}

const READ_VIA_STREAM =
  '/// Reads the bytes: the stream yields them, and the future reports how reading ended.\n' +
  'read-via-stream: func() -> tuple<stream<u8>, future<result<_, ${1:error-code}>>>;';
const WRITE_VIA_STREAM =
  '/// Writes `data` and returns at once: the future reports how writing ended.\n' +
  'write-via-stream: func(data: stream<u8>) -> future<result<_, ${1:error-code}>>;';

const SNIPPETS: readonly WitSnippet[] = [
  {
    label: 'package with interface and world',
    detail: 'a package, an interface, and a world exporting it',
    blocks: ['file'],
    fileStartOnly: true,
    body:
      'package ${1:example}:${2:component}@${3:0.1.0};\n\n' +
      '/// ${4:What this interface offers.}\ninterface ${5:api} {\n\t$0\n}\n\n' +
      '/// ${6:What a component of this world imports and exports.}\nworld ${7:component} {\n\texport ${5:api};\n}',
  },
  {
    label: 'world with imports and exports',
    detail: 'a world importing WASI and exporting an interface',
    blocks: ['file', 'package'],
    body:
      '/// ${1:What a component of this world imports and exports.}\nworld ${2:component} {\n' +
      '\timport ${3:wasi:clocks/monotonic-clock@0.3.0};\n\texport ${4:api};\n}',
  },
  {
    label: 'interface with @since',
    detail: 'an interface gated on the version that introduced it',
    blocks: ['file', 'package'],
    body: '/// ${1:What this interface offers.}\n@since(version = ${2:VERSION})\ninterface ${3:name} {\n\t$0\n}',
  },
  {
    label: 'world with @since',
    detail: 'a world gated on the version that introduced it',
    blocks: ['file', 'package'],
    body: '/// ${1:What a component of this world imports and exports.}\n@since(version = ${2:VERSION})\nworld ${3:name} {\n\t$0\n}',
  },
  {
    label: 'resource with constructor',
    detail: 'a resource with a constructor, a method and a static function',
    blocks: ['interface', 'world'],
    body:
      '/// ${1:What it is.}\nresource ${2:name} {\n\t/// Creates one.\n\tconstructor(${3:capacity: u32});\n' +
      '\t/// ${4:What it tells.}\n\t${5:size}: func() -> ${6:u32};\n' +
      '\t/// ${7:Another way to make one.}\n\t${8:from-string}: static func(text: string) -> ${2:name};\n}',
  },
  {
    label: 'resource with streams',
    detail: 'read-via-stream and write-via-stream, WASI 0.3 after WebAssembly/WASI#870',
    blocks: ['interface'],
    body:
      '/// ${1:A source and sink of bytes.}\nresource ${2:name} {\n' +
      `\t${READ_VIA_STREAM.replace(/\$\{1:/g, '${3:').replace(/\n/g, '\n\t')}\n` +
      `\t${WRITE_VIA_STREAM.replace(/\$\{1:/g, '${3:').replace(/\n/g, '\n\t')}\n}`,
  },
  {
    label: 'read-via-stream',
    detail: 'returns a stream and a future of how it ended',
    blocks: ['interface', 'resource'],
    body: READ_VIA_STREAM,
  },
  {
    label: 'write-via-stream',
    detail: 'consumes a stream, returns a future (WebAssembly/WASI#870)',
    blocks: ['interface', 'resource'],
    body: WRITE_VIA_STREAM,
  },
  {
    label: 'function with @since',
    detail: 'a function gated on the version that introduced it',
    blocks: ['interface', 'resource'],
    body: '/// ${1:What it does.}\n@since(version = ${2:VERSION})\n${3:name}: func(${4}) -> ${5:result<_, error-code>};',
  },
  {
    label: 'error-code enum',
    detail: 'the error cases functions report in `result<_, error-code>`',
    blocks: ['interface'],
    body: '/// Why an operation failed.\nenum error-code {\n\t${1:not-found},\n\t${2:access-denied},\n\t${3:other},\n}',
  },
  {
    label: 'import with @since',
    detail: 'an import gated on the version that introduced it',
    blocks: ['world'],
    body: '@since(version = ${1:VERSION})\nimport ${2:wasi:clocks/monotonic-clock@0.3.0};',
  },
  {
    label: 'export run',
    detail: 'an exported entry point, as wasi:cli/run@0.3.0 declares it',
    blocks: ['world'],
    body: '/// ${1:Runs the component.}\nexport ${2:run}: async func() -> result;',
  },
];

/**
 * The snippets for a member start. `version` is the package's: without one, nothing is
 * gated. Entries carry the snippet and, for clients without snippet support, its plain text.
 */
export function snippetEntries(start: MemberStart, version: string | undefined): CompletionEntry[] {
  return SNIPPETS.filter(
    (s) =>
      s.blocks.includes(start.block) &&
      (!s.fileStartOnly || start.atFileStart) &&
      // wit-parser refuses `@since` in a package without a version.
      !((start.afterAttribute || !version) && s.body.includes('@since')),
  ).map((s) => {
    const snippet = version ? s.body.replace(/\bVERSION\b/g, version) : s.body;
    return {
      label: s.label,
      category: 'snippet',
      detail: s.detail,
      documentation: `\`\`\`wit\n${snippetText(snippet)}\n\`\`\``,
      insertText: snippetText(snippet),
      snippet,
    };
  });
}

/** A snippet's text with each placeholder at its default and tab stops removed. */
export function snippetText(snippet: string): string {
  let text = snippet;
  // Inner placeholders first: `${1:a ${2:b}}`.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\{\d+\}|\$\d+/g, '').replace(/\t/g, '  ');
}
