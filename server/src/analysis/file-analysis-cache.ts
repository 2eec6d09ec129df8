import type { Node } from 'web-tree-sitter';
import { ruleFindings, type Analysis, type AnalysisSettings } from './analyze';
import type { WitDiagnostic } from './diagnostics';
import type { WitDocument } from './document';
import { Region, regionsOf, updateRegions } from './file-regions';
import { lexicalChecks, withLexicalErrors } from './lexical-checks';
import { RULES } from './rules';
import type { RuleDiagnostic } from './rules/rule';
import { syntaxErrors } from './syntax-errors';
import type { LineIndex, Span } from './text';
import type { TypeResolver } from './types';

/** What one top-level item's region holds: the file's own findings that start in it. */
interface RegionFindings {
  /** Lexical errors, list sizes, nesting depth (`lexicalChecks`). */
  lexical: WitDiagnostic[];
  rules?: RegionRules;
}

interface RegionRules {
  findings: RuleDiagnostic[];
  /** The settings and resolution they were made under (see `FileAnalysisCache.analyze`). */
  settings: AnalysisSettings;
  resolution: unknown;
  /** The other regions the resolver's answers lay in: an edit of one may change the findings. */
  dependsOn: Region<RegionFindings>[];
  /**
   * A name did not resolve, or resolved into another file: the answer may change with any
   * edit (a name added elsewhere), so the findings are made again after every edit.
   */
  reachesOut: boolean;
}

/**
 * How a finding kept from the previous version relates to it, for a converter that already
 * has the previous one's protocol form (`lsp/convert.ts`): positions on lines from `fromLine`
 * on (counted in `lines`, the previous version's index) keep their columns and move by
 * `lineDelta` lines; a position on an earlier line must be converted again.
 */
export interface KeptFinding {
  previous: WitDiagnostic;
  lines: LineIndex;
  lineDelta: number;
  fromLine: number;
}

const keptFindings = new WeakMap<WitDiagnostic, KeptFinding>();

/** The finding of the previous version that `diagnostic` is, moved, if it is one. */
export function keptFinding(diagnostic: WitDiagnostic): KeptFinding | undefined {
  return keptFindings.get(diagnostic);
}

/**
 * The file's own analysis of one open document (lexical and syntax errors, rule findings),
 * kept per top-level item across edits: after an edit only the items the edit or
 * tree-sitter's changed ranges reach are analysed again; the findings of the items after it
 * are moved. Gives what `analyze` gives on the same text (test/analysis/file-analysis-cache.test.ts).
 *
 * - Syntax errors are found over the whole tree each time: the walk enters only subtrees
 *   with an error (a clean file costs one check), and dropping the cascade of one mistake
 *   compares errors across items.
 * - Rule findings depend on the type resolver, which answers across items and files. Those
 *   of a kept item are kept only while the `resolution` key given stays the same, no item's
 *   kind or name changed, the items its answers lay in were not reached, and every name in it
 *   resolved within this file.
 */
export class FileAnalysisCache {
  private regions: Region<RegionFindings>[] = [];
  /** The document revision and line index the regions were made for; -1 before the first. */
  private revision = -1;
  private lines: LineIndex | undefined;

  /**
   * The analysis of `document`'s current version. `resolution` must change whenever the
   * resolver's answers may have changed for any other reason than this document's own edits
   * (with the workspace model: its `stamp` for the file).
   */
  analyze(document: WitDocument, settings: AnalysisSettings, resolver: TypeResolver, resolution: unknown): Analysis {
    const namesChanged = this.update(document);
    const lexical: WitDiagnostic[] = [];
    const byRule = new Map<string, RuleDiagnostic[]>(RULES.map((rule) => [rule.code, []]));
    const current = new Set(this.regions);
    for (const region of this.regions) {
      const span = { start: region.start, end: region.end };
      const findings = (region.findings ??= { lexical: lexicalChecks(document, span) });
      lexical.push(...findings.lexical);
      const rules = findings.rules;
      const valid =
        rules &&
        !namesChanged &&
        rules.settings === settings &&
        Object.is(rules.resolution, resolution) &&
        !rules.reachesOut &&
        rules.dependsOn.every((r) => current.has(r));
      if (!valid) findings.rules = this.ruleFindingsIn(document, region, settings, resolver, resolution);
      for (const finding of findings.rules!.findings) byRule.get(finding.code)?.push(finding);
    }
    return { syntax: withLexicalErrors(lexical, syntaxErrors(document)), rules: [...byRule.values()].flat() };
  }

  /**
   * Brings the regions to the document's revision; true when an edit changed an item's kind
   * or name (or the regions were made anew), which may change what names resolve to.
   */
  private update(document: WitDocument): boolean {
    const edits = this.revision < 0 ? null : document.editsSince(this.revision);
    const previousLines = this.lines;
    this.revision = document.revision;
    this.lines = document.lines;
    if (edits && previousLines) {
      /** Where each region an edit moved started in the previous text. */
      const moved = new Map<Region<RegionFindings>, number>();
      const updated = updateRegions(this.regions, edits, document.tree, document.text.length, (region) => {
        if (!moved.has(region)) moved.set(region, region.start);
      });
      if (updated) {
        this.regions = updated.regions;
        for (const region of this.regions) {
          const start = moved.get(region);
          if (start !== undefined) this.moveFindings(region, start, previousLines, document.lines);
          else if (region.findings) keepInPlace(region.findings, previousLines);
        }
        return updated.namesChanged;
      }
    }
    this.regions = regionsOf(document.tree, document.text.length);
    return true;
  }

  /**
   * Moves a kept region's findings from `start` (in the previous text) to its new place. Its
   * text and the character before it are those of the previous version (else an edit would
   * have reached it), so a line start inside it is one still: a position on such a line keeps
   * its column and moves by as many lines as the region's start did.
   */
  private moveFindings(region: Region<RegionFindings>, start: number, before: LineIndex, after: LineIndex): void {
    const findings = region.findings;
    if (!findings) return;
    const delta = region.start - start;
    const line = before.lineOf(start);
    const kept = {
      lines: before,
      lineDelta: after.lineOf(region.start) - line,
      fromLine: before.lineStart(line) === start ? line : line + 1,
    };
    const move = <D extends WitDiagnostic>(diagnostic: D): D => {
      const moved = movedBy(diagnostic, delta);
      keptFindings.set(moved, { previous: diagnostic, ...kept });
      keptFindings.delete(diagnostic); // one step back is enough; older versions can go
      return moved;
    };
    findings.lexical = findings.lexical.map(move);
    if (findings.rules) findings.rules = { ...findings.rules, findings: findings.rules.findings.map(move) };
  }

  /** The rules' findings in one region, noting where the resolver's answers lay. */
  private ruleFindingsIn(
    document: WitDocument,
    region: Region<RegionFindings>,
    settings: AnalysisSettings,
    resolver: TypeResolver,
    resolution: unknown,
  ): RegionRules {
    const answers: Node[] = [];
    let reachesOut = false;
    const noting: TypeResolver = {
      resolveType(reference) {
        const answer = resolver.resolveType(reference);
        if (!answer || answer.tree !== document.tree) reachesOut = true;
        else answers.push(answer);
        return answer;
      },
    };
    const findings = ruleFindings(document, settings, noting, { start: region.start, end: region.end });
    const dependsOn = new Set<Region<RegionFindings>>();
    for (const answer of answers) {
      const holder = this.regionAt(answer.startIndex);
      if (holder && holder !== region) dependsOn.add(holder);
    }
    return { findings, settings, resolution, dependsOn: [...dependsOn], reachesOut };
  }

  private regionAt(offset: number): Region<RegionFindings> | undefined {
    let low = 0;
    let high = this.regions.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.regions[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    return this.regions[low];
  }
}

/** Findings no edit moved: the text before them is unchanged, so are their positions. */
function keepInPlace(findings: RegionFindings, previousLines: LineIndex): void {
  for (const diagnostic of [...findings.lexical, ...(findings.rules?.findings ?? [])]) {
    keptFindings.set(diagnostic, { previous: diagnostic, lines: previousLines, lineDelta: 0, fromLine: 0 });
  }
}

function moveSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** `diagnostic` moved by `delta` characters: its span and its fix's edits (it names no other place). */
function movedBy<D extends WitDiagnostic>(diagnostic: D, delta: number): D {
  const moved = { ...diagnostic, span: moveSpan(diagnostic.span, delta) };
  if (diagnostic.fix) moved.fix = { ...diagnostic.fix, edits: diagnostic.fix.edits.map((e) => ({ ...e, span: moveSpan(e.span, delta) })) };
  return moved;
}
