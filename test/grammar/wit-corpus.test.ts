// The grammar over the real WIT in ../shared/wit-corpus: every valid file parses cleanly,
// and every case wit-parser rejects with a syntax error gives an ERROR or MISSING node.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { CORPUS, corpusMissing, witFiles } from '../helpers/corpus';
import { witParser } from '../helpers/parser';

const PARSE_FAIL = path.join(CORPUS, 'wit-parser-ui/parse-fail');

/**
 * wit-parser messages that mean the text is not WIT at all (its lexer and parser, see
 * `ast/lex.rs` and `ast.rs`), as opposed to WIT that fails validation (unknown names,
 * cycles, duplicates, feature gates), which a grammar cannot and should not see.
 */
const SYNTAX_ERROR_MESSAGES: RegExp[] = [
  /^expected .*, found /, // token mismatch, incl. `expected fixed-length, found ...`
  /^unknown attribute /,
  /^unexpected character /,
  /^invalid character in identifier /,
  /^identifiers must have characters between '-'s/,
  /^unterminated /, // block comment
  /^unexpected end of file/, // e.g. an unterminated string
  /^invalid string (escape|character) /,
  /^nested packages must be placed at the top-level/,
];

/** The reference error's message, without wit-parser's `failed to ... path:` and `file:line:col:` prefixes. */
function referenceMessage(result: string): string {
  const firstLine = result.split('\n')[0];
  return firstLine
    .replace(/^failed to resolve directory while parsing WIT for path \[[^\]]*\]: /, '')
    .replace(/^failed to parse package: \S+: /, '')
    .replace(/^\S+\.wit:\d+:\d+: /, '');
}

/** The file and 1-based line the reference error points at (`--> path:line:col` or `path:line:col:`). */
function referenceLocation(result: string): { file: string; line: number } | undefined {
  const match = /(?:--> |^)tests\/ui\/parse-fail\/(\S+?\.wit):(\d+):\d+/m.exec(result);
  return match ? { file: path.join(PARSE_FAIL, match[1]), line: Number(match[2]) } : undefined;
}

/** The first ERROR or MISSING node in document order, if any. */
function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    const found = child && firstError(child);
    if (found) return found;
  }
  return undefined;
}

describe('grammar over ../shared/wit-corpus', { skip: corpusMissing }, () => {
  it('parses every valid .wit file with no ERROR or MISSING node', async (t) => {
    const parser = await witParser();
    const files = witFiles(CORPUS).filter((f) => !f.startsWith(PARSE_FAIL + path.sep));
    const broken: string[] = [];
    for (const file of files) {
      const tree = parser.parse(fs.readFileSync(file, 'utf8'));
      const error = firstError(tree.rootNode);
      if (error) {
        const where = `${path.relative(CORPUS, file)}:${error.startPosition.row + 1}:${error.startPosition.column + 1}`;
        broken.push(`${where}: ${error.isMissing ? `missing ${error.type}` : 'syntax error'}`);
      }
      tree.delete();
    }
    t.diagnostic(`valid corpus files parsed clean: ${files.length - broken.length}/${files.length}`);
    assert.ok(files.length > 0, `no .wit files under ${CORPUS}`);
    assert.deepEqual(broken, []);
  });

  it("gives an ERROR or MISSING node for each of wit-parser's syntax failures", async (t) => {
    const parser = await witParser();
    const results = fs.readdirSync(PARSE_FAIL).filter((f) => f.endsWith('.wit.result')).sort();
    const syntaxCases = results.filter((r) => {
      const message = referenceMessage(fs.readFileSync(path.join(PARSE_FAIL, r), 'utf8'));
      return SYNTAX_ERROR_MESSAGES.some((pattern) => pattern.test(message));
    });
    const undetected: string[] = [];
    let onReferenceLine = 0;
    for (const resultFile of syntaxCases) {
      const result = fs.readFileSync(path.join(PARSE_FAIL, resultFile), 'utf8');
      const location = referenceLocation(result);
      const file = location?.file ?? path.join(PARSE_FAIL, resultFile.replace(/\.result$/, ''));
      assert.ok(fs.existsSync(file), `${resultFile} points at ${file}, which does not exist`);
      const tree = parser.parse(fs.readFileSync(file, 'utf8'));
      const error = firstError(tree.rootNode);
      if (!error) undetected.push(`${path.relative(PARSE_FAIL, file)}: ${referenceMessage(result)}`);
      else if (location && error.startPosition.row + 1 === location.line) onReferenceLine++;
      tree.delete();
    }
    t.diagnostic(
      `parse-fail cases: ${results.length}, of which syntax errors: ${syntaxCases.length}; ` +
        `with an ERROR/MISSING node: ${syntaxCases.length - undetected.length}/${syntaxCases.length}; ` +
        `first error on the reference error's line: ${onReferenceLine}/${syntaxCases.length}`,
    );
    assert.ok(syntaxCases.length > 0, `no syntax-error cases found in ${PARSE_FAIL}`);
    assert.deepEqual(undetected, []);
  });
});
