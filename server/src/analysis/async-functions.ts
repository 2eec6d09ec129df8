import type { Node, Tree } from 'web-tree-sitter';
import type { WitDocument } from './document';
import { fieldNode, nameText } from './syntax';
import { applyEdits, type Span, type TextEdit } from './text';

/** Where an async function is declared; decides who stays busy during a call. */
export type AsyncFunctionKind =
  | 'method' // a resource method: `this` is borrowed for the call
  | 'static' // a static function of a resource
  | 'function'; // a function of an interface or a world

/** An `async func` declaration, with the parts the async rules look at. */
export interface AsyncFunction {
  kind: AsyncFunctionKind;
  name: string;
  /** The item: `func_item`, `method_item`, `import_item` or `export_item`. */
  item: Node;
  nameNode: Node;
  asyncKeyword: Node;
  funcType: Node;
  params: Node[];
  result: Node | null;
  /** The resource that owns a method or static function. */
  resource?: string;
}

/** Both async rules ask for the same list; it is found once per tree and span. */
const foundPerTree = new WeakMap<Tree, Map<string, AsyncFunction[]>>();

/** Every `async func` of a document that has a name; only those starting in `within`, if given. */
export function asyncFunctions(document: WitDocument, within?: Span): AsyncFunction[] {
  let perSpan = foundPerTree.get(document.tree);
  if (!perSpan) foundPerTree.set(document.tree, (perSpan = new Map()));
  const key = within ? `${within.start}:${within.end}` : 'all';
  let found = perSpan.get(key);
  if (!found) {
    found = findAsyncFunctions(document, within ?? { start: 0, end: document.text.length });
    perSpan.set(key, found);
  }
  return found;
}

/**
 * Starts from each `async` in the text rather than walking the whole tree: a walk costs
 * milliseconds on a large file, at every keystroke, while `async` is rare. Reads one
 * character on each side of `within` so the word boundaries match those of the whole text.
 */
function findAsyncFunctions(document: WitDocument, within: Span): AsyncFunction[] {
  const found: AsyncFunction[] = [];
  const root = document.tree.rootNode;
  const from = Math.max(0, within.start - 1);
  const text = document.text.slice(from, within.end + 'async'.length);
  for (const match of text.matchAll(/(?<![\w%-])async(?![\w-])/g)) {
    const at = from + match.index;
    if (at < within.start || at >= within.end) continue;
    const asyncKeyword = root.descendantForIndex(at, at + 'async'.length);
    const funcType = asyncKeyword?.parent;
    if (!asyncKeyword || asyncKeyword.type !== 'async' || funcType?.type !== 'func_type') continue;
    if (fieldNode(funcType, 'async')?.startIndex !== asyncKeyword.startIndex) continue;
    const item = funcType.parent;
    const nameNode = item && fieldNode(item, 'name');
    // A signature still being typed gets no rule diagnostics: its fix could not be trusted.
    if (!item || !nameNode || item.hasError) continue;
    const paramList = fieldNode(funcType, 'params');
    const params = (paramList?.namedChildren ?? []).filter((p): p is Node => p?.type === 'param');
    let kind: AsyncFunctionKind = 'function';
    let resource: string | undefined;
    if (item.type === 'method_item') {
      kind = fieldNode(item, 'static') ? 'static' : 'method';
      const resourceItem = item.parent?.parent;
      const resourceName = resourceItem && fieldNode(resourceItem, 'name');
      resource = resourceName ? nameText(resourceName) : undefined;
    }
    found.push({
      kind,
      name: nameText(nameNode),
      item,
      nameNode,
      asyncKeyword,
      funcType,
      params,
      result: fieldNode(funcType, 'result'),
      resource,
    });
  }
  return found;
}

/** From the function's name to its `async` keyword: where the async rules report. */
export function reportSpan(fn: AsyncFunction): Span {
  return { start: fn.nameNode.startIndex, end: fn.asyncKeyword.endIndex };
}

/**
 * Deletes `async` and the whitespace after it, so `async func` becomes `func` (also when
 * `func` is on the next line).
 */
export function removeAsyncEdit(document: WitDocument, fn: AsyncFunction): TextEdit {
  const start = fn.asyncKeyword.startIndex;
  let end = fn.asyncKeyword.endIndex;
  const text = document.text;
  while (end < text.length && /\s/.test(text[end])) end++;
  return { span: { start, end }, newText: '' };
}

/**
 * Makes the function return a future of what it returned: `-> T` becomes
 * `-> future<T>`, no result becomes `-> future`. Callers skip results that are already
 * only streams and futures (`onlyAsyncValues`): those signal completion themselves.
 */
export function returnFutureEdits(fn: AsyncFunction): TextEdit[] {
  if (!fn.result) {
    const params = fieldNode(fn.funcType, 'params');
    const at = params ? params.endIndex : fn.funcType.endIndex;
    return [{ span: { start: at, end: at }, newText: ' -> future' }];
  }
  return [
    { span: { start: fn.result.startIndex, end: fn.result.startIndex }, newText: 'future<' },
    { span: { start: fn.result.endIndex, end: fn.result.endIndex }, newText: '>' },
  ];
}

/** The declaration as written, from its name to its end (attributes left out). */
export function signatureText(document: WitDocument, fn: AsyncFunction): string {
  return signatureAfter(document, fn, []);
}

/**
 * The declaration as it reads after `edits` (which must fall inside it), its later lines
 * moved left by the indentation of its first, so it reads well on its own.
 */
export function signatureAfter(document: WitDocument, fn: AsyncFunction, edits: TextEdit[]): string {
  const start = fn.nameNode.startIndex;
  const shifted = edits.map((e) => ({
    span: { start: e.span.start - start, end: e.span.end - start },
    newText: e.newText,
  }));
  const text = applyEdits(document.text.slice(start, fn.item.endIndex), shifted);
  // hostile-input: the line index, not a scan back through the text (quadratic on one long line)
  const lineStart = document.lines.lineStart(document.lines.lineOf(start));
  let indent = 0;
  while (lineStart + indent < start && ' \t'.includes(document.text[lineStart + indent])) indent++;
  return text
    .split(/\r?\n/)
    .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^[ \\t]{0,${indent}}`), '')))
    .join('\n');
}

/** The parameter as a reader would quote it: `data: stream<u8>`, whitespace collapsed. */
export function paramText(param: Node): string {
  return param.text.replace(/\s+/g, ' ').replace(/< /g, '<').replace(/ >/g, '>');
}
