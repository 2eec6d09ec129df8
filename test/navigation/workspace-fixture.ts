import { createWorkspace, type Workspace } from '../../server/src/analysis/model';
import type { Span } from '../../server/src/analysis/text';
import { marked } from '../helpers/markers';
import { witParser } from '../helpers/parser';

/** A workspace built from inline files, with each file's `«ranges»` and the one `‸` cursor. */
export interface Fixture {
  workspace: Workspace;
  texts: Map<string, string>;
  ranges: Map<string, Span[]>;
  /** The file holding `‸`, and the cursor's offset in it. */
  uri: string;
  offset: number;
}

/** `files` maps paths under `/ws/` (`pkg/a.wit`, `pkg/deps/io/streams.wit`) to marked sources. */
export async function fixture(files: Record<string, string>): Promise<Fixture> {
  const workspace = createWorkspace(await witParser());
  const texts = new Map<string, string>();
  const ranges = new Map<string, Span[]>();
  let uri = '';
  let offset = -1;
  for (const [path, source] of Object.entries(files)) {
    const fileUri = `file:///ws/${path}`;
    const parsed = marked(source);
    workspace.setText(fileUri, parsed.text);
    texts.set(fileUri, parsed.text);
    ranges.set(fileUri, parsed.ranges);
    if (parsed.cursor >= 0) {
      uri = fileUri;
      offset = parsed.cursor;
    }
  }
  return { workspace, texts, ranges, uri, offset };
}

/** `path:text` for a span, to compare results readably. */
export function describeSpan(f: Fixture, uri: string, span: Span): string {
  return `${uri.replace('file:///ws/', '')}:${f.texts.get(uri)!.slice(span.start, span.end)}@${span.start}`;
}

/** Every marked range of the fixture, described like `describeSpan`, sorted by file then offset. */
export function markedSpans(f: Fixture): string[] {
  return [...f.ranges]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([uri, spans]) => spans.map((s) => describeSpan(f, uri, s)));
}
