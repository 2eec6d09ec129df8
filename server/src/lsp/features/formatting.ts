import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import { CANONICAL, formatEdits, type FormatOptions } from '../../analysis/format';
import type { Span } from '../../analysis/text';
import type { ServerContext } from '../context';

/**
 * Format Document and Format Selection. A document with syntax errors gets no edits, and
 * the reason goes to the log: formatting around an error could damage the code.
 */
export function registerFormatting(context: ServerContext): void {
  const { connection } = context;
  const format = (uri: string, options: FormattingOptions, range?: Span): TextEdit[] => {
    const document = context.documents.get(uri);
    const converter = context.converter(uri);
    if (!document || !converter) return [];
    const result = formatEdits(document.text, document.tree, formatOptions(options), range);
    if ('refused' in result) {
      context.log(`Not formatting ${uri}: ${result.refused}.`);
      return [];
    }
    return result.edits.map((e) => converter.textEdit(e));
  };
  connection.onDocumentFormatting(
    context.guard('formatting', [], ({ textDocument, options }) => format(textDocument.uri, options)),
  );
  connection.onDocumentRangeFormatting(
    context.guard('rangeFormatting', [], ({ textDocument, range, options }) => {
      const converter = context.converter(textDocument.uri);
      return converter ? format(textDocument.uri, options, converter.span(range)) : [];
    }),
  );
}

/**
 * The canonical style indents by two spaces whatever the editor's tab size: editors guess
 * the tab size from the file's current indentation, which would make the result depend on
 * the state it started from. An editor set to indent with tabs gets one tab per level.
 */
export function formatOptions(options: FormattingOptions): FormatOptions {
  return options.insertSpaces === false ? { indent: '\t' } : CANONICAL;
}
