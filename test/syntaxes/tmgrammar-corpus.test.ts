// Cross-checks the TextMate grammar against the tree-sitter grammar on the real WIT of
// ../shared/wit-corpus: where tree-sitter sees a keyword, TextMate must scope a keyword or
// built-in type; where it sees a name, TextMate must not (so `%type`, `stream-id` and
// `future-value` stay names), and declarations, parameters, fields, cases and type
// references get their own scopes; comments, versions and strings must agree too.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import type { Node } from 'web-tree-sitter';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { ROOT, witParser } from '../helpers/parser';

const PARSE_FAIL = path.join(CORPUS, 'wit-parser-ui/parse-fail');
const KEYWORD_SCOPE = /^(keyword|storage|support\.type)\./;

async function loadTextMateGrammar(): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.wit'
        ? textmate.parseRawGrammar(
            fs.readFileSync(path.join(ROOT, 'syntaxes/wit.tmLanguage.json'), 'utf8'),
            'wit.tmLanguage.json',
          )
        : null,
  });
  const grammar = await registry.loadGrammar('source.wit');
  if (!grammar) throw new Error('source.wit did not load');
  return grammar;
}

/** The scopes of every UTF-16 offset of `text`, as VS Code tokenizes it line by line. */
function scopesByOffset(grammar: textmate.IGrammar, text: string): string[][] {
  const scopes: string[][] = new Array(text.length);
  let state = textmate.INITIAL;
  let lineStart = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) {
        scopes[lineStart + i] = token.scopes;
      }
    }
    state = result.ruleStack;
    lineStart += rawLine.length + 1;
  }
  return scopes;
}

/** The TextMate scope for a name in the tree-sitter node `parent.field`. */
const NAME_ROLES: Record<string, { what: string; scope: string }> = {
  'func_item.name': { what: 'function name', scope: 'entity.name.function.wit' },
  'method_item.name': { what: 'method name', scope: 'entity.name.function.wit' },
  'param.name': { what: 'parameter', scope: 'variable.parameter.wit' },
  'record_field.name': { what: 'record field', scope: 'variable.other.member.wit' },
  'variant_case.name': { what: 'variant case', scope: 'variable.other.enummember.wit' },
  'enum_case.name': { what: 'enum case', scope: 'variable.other.enummember.wit' },
  'flag.name': { what: 'flag', scope: 'variable.other.enummember.wit' },
  'type_alias.name': { what: 'type declaration', scope: 'entity.name.type.alias.wit' },
  'record_item.name': { what: 'record declaration', scope: 'entity.name.type.record.wit' },
  'variant_item.name': { what: 'variant declaration', scope: 'entity.name.type.variant.wit' },
  'enum_item.name': { what: 'enum declaration', scope: 'entity.name.type.enum.wit' },
  'flags_item.name': { what: 'flags declaration', scope: 'entity.name.type.flags.wit' },
  'resource_item.name': { what: 'resource declaration', scope: 'entity.name.type.resource.wit' },
  'interface_item.name': { what: 'interface declaration', scope: 'entity.name.type.interface.wit' },
  'world_item.name': { what: 'world declaration', scope: 'entity.name.type.world.wit' },
  'named_type.name': { what: 'type reference', scope: 'entity.name.type.wit' },
  'package_name.namespace': { what: 'package namespace', scope: 'entity.name.namespace.wit' },
  'package_name.name': { what: 'package name', scope: 'entity.name.namespace.wit' },
  'use_path.namespace': { what: 'package namespace', scope: 'entity.name.namespace.wit' },
  'use_path.package': { what: 'package name', scope: 'entity.name.namespace.wit' },
  'use_name.name': { what: 'used type', scope: 'entity.name.type.wit' },
};

/** What tree-sitter says a leaf is, and what TextMate must then say; undefined when not checked. */
function expectation(node: Node, field: string | null): { what: string; ok: (scopes: string[]) => boolean } | undefined {
  const isKeyword = (scopes: string[]) => scopes.some((s) => KEYWORD_SCOPE.test(s));
  if (!node.isNamed && node.parent?.type.endsWith('_attribute')) {
    return undefined; // `since`, `version`, `feature`, ...: names to wit-parser, not keywords
  }
  if (node.type === 'identifier') {
    const role = field && NAME_ROLES[`${node.parent?.type}.${field}`];
    if (role) return { what: `a ${role.what}`, ok: (scopes) => scopes.some((s) => s.startsWith(role.scope)) };
    return { what: 'a name', ok: (scopes) => !isKeyword(scopes) };
  }
  if (node.type === 'comment') return { what: 'a comment', ok: (scopes) => scopes.some((s) => s.startsWith('comment.')) };
  if (node.isNamed && node.type === 'version') return { what: 'a version', ok: (scopes) => scopes.includes('constant.numeric.version.wit') };
  if (node.type === 'string') return { what: 'a string', ok: (scopes) => scopes.includes('string.quoted.double.wit') };
  if (node.type === 'primitive_type' || node.type === 'error_context_type' || (!node.isNamed && /^[a-z][a-z-]*$/.test(node.type))) {
    return { what: `the keyword \`${node.text}\``, ok: isKeyword };
  }
  return undefined;
}

describe('TextMate grammar over ../shared/wit-corpus', { skip: corpusMissing }, () => {
  it('agrees with tree-sitter on keywords, names, comments, versions and strings', async (t) => {
    const grammar = await loadTextMateGrammar();
    const parser = await witParser();
    const files = witFiles(CORPUS).filter((f) => !f.startsWith(PARSE_FAIL + path.sep));
    const disagreements: string[] = [];
    let checked = 0;
    let invalid = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const scopes = scopesByOffset(grammar, text);
      invalid += scopes.filter((s) => s?.some((scope) => scope.startsWith('invalid.'))).length;
      const tree = parser.parse(text);
      const cursor = tree.walk();
      const visit = (): void => {
        const node = cursor.currentNode;
        const expected = node.childCount === 0 || node.type === 'primitive_type' || node.type === 'comment' ? expectation(node, cursor.currentFieldName) : undefined;
        if (expected) {
          checked++;
          const actual = scopes[node.startIndex] ?? [];
          if (!expected.ok(actual)) {
            const { row, column } = node.startPosition;
            disagreements.push(`${path.relative(CORPUS, file)}:${row + 1}:${column + 1}: \`${node.text.slice(0, 30)}\` is ${expected.what}, TextMate says ${actual.join(' ')}`);
          }
        } else if (cursor.gotoFirstChild()) {
          do visit(); while (cursor.gotoNextSibling());
          cursor.gotoParent();
        }
      };
      visit();
      tree.delete();
    }
    t.diagnostic(`TextMate vs tree-sitter over ${files.length} files: ${checked - disagreements.length}/${checked} tokens agree; characters scoped invalid: ${invalid}`);
    assert.deepEqual(disagreements.slice(0, 25), []);
    assert.equal(invalid, 0, 'valid WIT got invalid.* scopes');
  });
});
