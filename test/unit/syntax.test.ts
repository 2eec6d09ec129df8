import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KEYWORDS, ancestorOfType, descendantsOfType, docComment, fieldNode, nameText } from '../../server/src/analysis/syntax';
import { ROOT, documentOf } from '../helpers/parser';

/** The docs of the item named `name`, as the hover shows them. */
async function docsOf(text: string, name: string): Promise<string | undefined> {
  const document = await documentOf(text);
  const item = descendantsOfType(document.tree.rootNode, ['func_item', 'type_alias', 'record_item', 'interface_item'])
    .find((n) => fieldNode(n, 'name')?.text === name);
  assert.ok(item, name);
  return docComment(item);
}

describe('docComment (wit-parser: every comment in the run before an item)', () => {
  it('takes line comments of any kind, without slashes, common indentation removed', async () => {
    const text = `package a:b;
interface i {
  // Plain comments count too.
  /// Doc comments:
  ///   indented stays indented.
  f: func();
}`;
    assert.equal(await docsOf(text, 'f'), 'Plain comments count too.\nDoc comments:\n  indented stays indented.');
  });

  it('takes block comments without delimiters and leading stars', async () => {
    const text = `package a:b;
interface i {
  /**
   * Block docs.
   * Second line.
   */
  type t = u32;
  /* one line */
  record r { a: u8 }
}`;
    assert.equal(await docsOf(text, 't'), 'Block docs.\nSecond line.');
    assert.equal(await docsOf(text, 'r'), 'one line');
  });

  it('stops at the previous item and keeps comments before attributes', async () => {
    const text = `package a:b@1.0.0;
interface i {
  a: func(); // after a: still a comment before b
  /// b's docs
  @since(version = 1.0.0)
  b: func();
  c: func();
}`;
    assert.equal(await docsOf(text, 'b'), "after a: still a comment before b\nb's docs");
    assert.equal(await docsOf(text, 'c'), undefined);
  });

  it('is undefined for empty comments', async () => {
    assert.equal(await docsOf('package a:b;\n//\n/**/\ninterface i {}', 'i'), undefined);
  });
});

describe('tree helpers', () => {
  it('nameText drops the `%` that escapes a keyword', async () => {
    const document = await documentOf('package a:b;\ninterface i { type %option = u32; type plain = u8; }');
    const names = descendantsOfType(document.tree.rootNode, 'type_alias').map((n) => nameText(fieldNode(n, 'name')!));
    assert.deepEqual(names, ['option', 'plain']);
  });

  it('ancestorOfType finds the enclosing item, or null', async () => {
    const document = await documentOf('package a:b;\ninterface i { resource r { m: func(x: u32); } }');
    const param = descendantsOfType(document.tree.rootNode, 'param')[0];
    assert.equal(ancestorOfType(param, ['resource_item'])?.type, 'resource_item');
    assert.equal(ancestorOfType(param, ['param'])?.id, param.id);
    assert.equal(ancestorOfType(param, ['world_item']), null);
  });
});

describe('KEYWORDS', () => {
  it('are the words the scanner refuses as identifiers', () => {
    const scanner = fs.readFileSync(path.join(ROOT, 'grammars/tree-sitter-wit/src/scanner.c'), 'utf8');
    const list = /KEYWORDS\[\] = \{([^}]*)\}/.exec(scanner)?.[1] ?? '';
    const words = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    assert.ok(words.length > 40, 'found the scanner list');
    assert.deepEqual([...KEYWORDS].sort(), words.sort());
  });
});
