import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { lexicalErrors, listSizeErrors, nestingErrors } from '../../server/src/analysis/lexical-checks';
import { marked } from '../helpers/markers';
import { documentOf } from '../helpers/parser';
import { referenceError } from '../helpers/reference';

async function errorsOf(source: string) {
  const { text, ranges } = marked(source);
  return { text, ranges, errors: lexicalErrors(await documentOf(text)) };
}

describe('lexical checks (wit-parser rejects these characters before reading tokens)', () => {
  const rejected: [string, string, RegExp][] = [
    ['a control code in a line comment', 'package a:b;\n// bell «\u0007»\ninterface i {}\n', /^Control code '\\u\{7\}'/],
    ['a control code in a block comment', 'package a:b;\n/* «\u0000» */\ninterface i {}\n', /^Control code '\\u\{0\}'/],
    ['DEL in a doc comment', 'package a:b;\n/// x «\u007f»\ninterface i {}\n', /^Control code '\\u\{7f\}'/],
    ['a C1 control code', 'package a:b;\n// «\u0085»\ninterface i {}\n', /^Control code '\\u\{85\}'/],
    ['a form feed', 'package a:b;\ninterface i {}\n«\u000c»', /^Control code '\\u\{c\}'/],
    ['a bidirectional override in a comment', 'package a:b;\n// «\u202e» reversed\ninterface i {}\n', /^Input contains bidirectional override codepoint '\\u\{202e\}'/],
    ['a bidirectional isolate', 'package a:b;\n// «\u2066»\ninterface i {}\n', /^Input contains bidirectional override codepoint '\\u\{2066\}'/],
    ['a code point Unicode discourages', 'package a:b;\n/* «\u0149» */\ninterface i {}\n', /^Codepoint '\\u\{149\}' is discouraged by Unicode/],
    ['a lone carriage return between tokens', 'package a:b;\ninterface i {«\r»}\n', /^unexpected character '\\r'/],
    ['a carriage return before another', 'package a:b;«\r»\r\ninterface i {}\n', /^unexpected character '\\r'/],
  ];
  for (const [what, source, message] of rejected) {
    it(`rejects ${what}, as wit-parser does, at the character`, async () => {
      const { text, ranges, errors } = await errorsOf(source);
      assert.deepEqual(errors.map((e) => e.span), ranges);
      assert.match(errors[0].message, message);
      assert.notEqual(await referenceError(text), null, 'wit-parser rejects it too');
    });
  }

  const accepted: [string, string][] = [
    ['CRLF line ends', 'package a:b;\r\ninterface i {}\r\n'],
    ['a lone carriage return inside a comment', 'package a:b;\n// a \r b\n/* c \r d */\ninterface i {}\n'],
    ['tabs', 'package a:b;\n\tinterface i {}\n'],
    ['a byte order mark', '\ufeffpackage a:b;\ninterface i {}\n'],
    ['a left-to-right mark (not an override)', 'package a:b;\n// \u200e\ninterface i {}\n'],
  ];
  for (const [what, text] of accepted) {
    it(`accepts ${what}`, async () => {
      assert.deepEqual(lexicalErrors(await documentOf(text)), []);
      assert.equal(await referenceError(text), null);
    });
  }

  it('rejects 100 anonymous types nested in each other, as wit-parser does, at the hundredth', async () => {
    const deep = (n: number): string => `package a:b;\ninterface i { type t = ${'option<'.repeat(n - 1)}list<u8>${'>'.repeat(n - 1)}; }\n`;
    const errors = nestingErrors(await documentOf(deep(100)));
    assert.deepEqual(errors.map((e) => e.message), ['type nesting too deep']);
    assert.equal(deep(100).slice(errors[0].span.start, errors[0].span.end), 'list<u8>');
    assert.notEqual(await referenceError(deep(100)), null);
    assert.deepEqual(nestingErrors(await documentOf(deep(99))), []);
    assert.equal(await referenceError(deep(99)), null);
    // A named type starts the count again.
    const split = `package a:b;\ninterface i { type t = ${'list<'.repeat(60)}u8${'>'.repeat(60)}; type u = ${'list<'.repeat(60)}t${'>'.repeat(60)}; }\n`;
    assert.deepEqual(nestingErrors(await documentOf(split)), []);
  });

  it('rejects a fixed-size list whose size does not fit a u32', async () => {
    const text = 'package a:b;\ninterface i { type t = list<u8, 4294967296>; type u = list<u8, 4294967295>; }\n';
    const errors = listSizeErrors(await documentOf(text));
    assert.deepEqual(errors.map((e) => [text.slice(e.span.start, e.span.end), e.message]), [['4294967296', 'invalid list size: number too large to fit in target type']]);
    assert.match((await referenceError(text))!, /invalid list size/);
  });

  it('reports a control code in code once, not also as a syntax error', async () => {
    const analysis = analyze(await documentOf('package a:b;\ninterface i { \u0007 }\n'));
    assert.deepEqual(analysis.syntax.map((d) => d.message), ["Control code '\\u{7}' is not allowed in WIT, not even in a comment"]);
  });
});
