import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver';
import { completionsAt, type CompletionCategory, type CompletionEntry } from '../../analysis/navigation/completion';
import { snippetEntries } from '../../analysis/navigation/snippets';
import type { Converter } from '../convert';
import type { ServerContext } from '../context';

const ITEM_KINDS: Readonly<Record<CompletionCategory, CompletionItemKind>> = {
  keyword: CompletionItemKind.Keyword,
  'builtin-type': CompletionItemKind.TypeParameter,
  attribute: CompletionItemKind.Property,
  'package-path': CompletionItemKind.Module,
  version: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
  package: CompletionItemKind.Module,
  interface: CompletionItemKind.Interface,
  world: CompletionItemKind.Module,
  type: CompletionItemKind.TypeParameter,
  record: CompletionItemKind.Struct,
  variant: CompletionItemKind.Enum,
  enum: CompletionItemKind.Enum,
  flags: CompletionItemKind.Enum,
  resource: CompletionItemKind.Class,
  field: CompletionItemKind.Field,
  case: CompletionItemKind.EnumMember,
  'enum-case': CompletionItemKind.EnumMember,
  flag: CompletionItemKind.EnumMember,
  function: CompletionItemKind.Function,
  method: CompletionItemKind.Method,
  'static-method': CompletionItemKind.Function,
  constructor: CompletionItemKind.Constructor,
  param: CompletionItemKind.Variable,
  use: CompletionItemKind.Reference,
  import: CompletionItemKind.Interface,
  export: CompletionItemKind.Interface,
};

/** Characters after which a completion is useful without typing a letter first. */
export const COMPLETION_TRIGGERS = ['@', ':', '/', '{', '<'];

export function registerCompletion(context: ServerContext): void {
  context.connection.onCompletion(
    context.guard('completion', null, ({ textDocument, position }): CompletionList | null => {
      const converter = context.converter(textDocument.uri);
      if (!converter || !context.workspace) return null;
      const offset = converter.lines.offset(position, converter.encoding);
      const result = completionsAt(context.workspace, textDocument.uri, offset);
      if (!result) return null;
      const snippets = !!context.clientCapabilities.textDocument?.completion?.completionItem?.snippetSupport;
      const version = context.workspace.packageAt(textDocument.uri, offset)?.name?.split('@')[1];
      const entries = result.memberStart ? [...result.entries, ...snippetEntries(result.memberStart, version)] : result.entries;
      return { isIncomplete: false, items: entries.map((e) => toItem(e, converter.range(result.span), snippets)) };
    }),
  );
}

function toItem(entry: CompletionEntry, range: ReturnType<Converter['range']>, snippets: boolean): CompletionItem {
  const item: CompletionItem = { label: entry.label, kind: ITEM_KINDS[entry.category] };
  if (entry.detail) item.detail = entry.detail;
  if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
  if (snippets && entry.snippet) {
    item.insertTextFormat = InsertTextFormat.Snippet;
    item.textEdit = { range, newText: entry.snippet };
  } else {
    item.textEdit = { range, newText: entry.insertText ?? entry.label };
  }
  return item;
}
