import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WitDocument } from '../../server/src/analysis/document';
import { FileSyntax, type SyntaxNode } from '../../server/src/analysis/model/syntax-copy';
import { marked } from '../helpers/markers';
import { witParser } from '../helpers/parser';

// A file's syntax copy follows edits by copying again only what an edit reached: a member of
// an interface or world, or one method of a resource there. Every other member (or method) is
// the old copy's object, moved; the result must read as a fresh copy of the new tree.

/** Everything the model reads of a copy, as one string per node, in document order. */
function shape(node: SyntaxNode, out: string[] = []): string[] {
  out.push(`${node.type}${node.field ? `(${node.field})` : ''} ${node.startIndex}-${node.endIndex} ${node.text.length}${node.hasError ? ' error' : ''}${node.afterUncopied ? ' after' : ''}`);
  for (const child of node.children) shape(child, out);
  return out;
}

function methods(syntax: FileSyntax, resource: string): SyntaxNode[] {
  const found = syntax.root.descendantsOfType('resource_item').find((r) => r.childForFieldName('name')?.text === resource);
  return found?.childForFieldName('body')?.children ?? [];
}

async function edited(source: string, newText: string) {
  const parser = await witParser();
  const { text, cursor } = marked(source);
  const document = WitDocument.create(parser, 'file:///w/a.wit', text);
  const syntax = FileSyntax.create(document.tree, document.text);
  const before = methods(syntax, 'r');
  const revision = document.revision;
  document.applyChange({ start: cursor, end: cursor }, newText);
  syntax.update(document.tree, document.text, document.editsSince(revision)!);
  const fresh = FileSyntax.create(document.tree, document.text);
  return { syntax, fresh, before, after: methods(syntax, 'r'), document };
}

const RESOURCE = `package a:b;

interface i {
  type t = u32;
  resource r {
    constructor();
    first: func(a: t‸);
    second: func() -> t;
    third: static func(b: string);
  }
  after: func();
}
`;

describe('the syntax copy after an edit inside a resource', () => {
  it('copies only the edited method again and moves the methods after it', async () => {
    const { syntax, fresh, before, after } = await edited(RESOURCE, ', extra: list<u8>');
    assert.deepEqual(shape(syntax.root), shape(fresh.root));
    assert.equal(after.length, 4);
    assert.equal(after[0], before[0], 'the constructor before the edit is kept');
    assert.notEqual(after[1], before[1], 'the edited method is copied again');
    assert.equal(after[2], before[2], 'the method after the edit is kept, moved');
    assert.equal(after[3], before[3]);
  });

  it('moves the kept methods with the item when a later edit moves the whole interface', async () => {
    const { syntax, document } = await edited(RESOURCE, 'x');
    // An edit before the interface moves it whole: its methods' anchors move too.
    const revision = document.revision;
    document.applyChange({ start: 0, end: 0 }, '/// docs\n');
    syntax.update(document.tree, document.text, document.editsSince(revision)!);
    assert.deepEqual(shape(syntax.root), shape(FileSyntax.create(document.tree, document.text).root));
    assert.equal(methods(syntax, 'r')[2].childForFieldName('name')?.text, 'second');
  });

  it('reads as a fresh copy when the edit breaks the method', async () => {
    const { syntax, fresh } = await edited(RESOURCE, ') -> (');
    assert.deepEqual(shape(syntax.root), shape(fresh.root));
  });
});

const ITEMS = `package a:b;

interface one {
  f: func(a: u32);
}

interface two {
  g: func(b: u32‸);
}

world three {
  import one;
}
`;

describe('the syntax copy after an edit between other top-level items', () => {
  it('copies the edited item again and keeps the items around it, as a fresh copy reads', async () => {
    const parser = await witParser();
    const { text, cursor } = marked(ITEMS);
    const document = WitDocument.create(parser, 'file:///w/items.wit', text);
    const syntax = FileSyntax.create(document.tree, document.text);
    const before = [...syntax.root.children];
    const edit = (start: number, end: number, newText: string): void => {
      const revision = document.revision;
      document.applyChange({ start, end }, newText);
      syntax.update(document.tree, document.text, document.editsSince(revision)!);
      assert.deepEqual(shape(syntax.root), shape(FileSyntax.create(document.tree, document.text).root), `after ${JSON.stringify(newText)}`);
    };
    edit(cursor, cursor, ', c: string');
    const after = syntax.root.children;
    assert.deepEqual([after[0], after[1], after[3]], [before[0], before[1], before[3]], 'the other items are the same objects');
    assert.notEqual(after[2], before[2]);
    // A syntax error inside the item, a new item typed between two, and a `}` deleted so that
    // an item swallows the next: each reads as a fresh copy.
    edit(cursor, cursor, ' -> (');
    edit(cursor, cursor + ' -> ('.length, '');
    const between = document.text.indexOf('\nworld');
    edit(between, between, '\ninterface new {}\n');
    const brace = document.text.indexOf('}\n\ninterface two');
    edit(brace, brace + 1, '');
    edit(brace, brace, '}');
    document.dispose();
  });
});
