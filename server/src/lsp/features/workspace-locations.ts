import type { Location as LspLocation } from 'vscode-languageserver';
import type { Location } from '../../analysis/navigation/occurrences';
import { Converter } from '../convert';
import type { ServerContext } from '../context';

/**
 * A converter for any workspace file: the open document's, else the model's copy of the
 * file on disk, so results in files the editor has not opened get correct positions too.
 */
export function converterFor(context: ServerContext, uri: string): Converter | undefined {
  const open = context.converter(uri);
  if (open) return open;
  const document = context.workspace?.document(uri);
  return document && new Converter(document.lines, context.encoding);
}

export function toLspLocations(context: ServerContext, locations: readonly Location[]): LspLocation[] {
  return locations.flatMap((location) => {
    const converter = converterFor(context, location.uri);
    return converter ? [{ uri: location.uri, range: converter.range(location.span) }] : [];
  });
}
