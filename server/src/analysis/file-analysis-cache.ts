import type { Node } from 'web-tree-sitter';
import { ruleFindings, type Analysis, type AnalysisSettings } from './analyze';
import type { WitDiagnostic } from './diagnostics';
import type { WitDocument } from './document';
import { Region, regionsOf, updateRegions } from './file-regions';
import { lexicalChecks, withLexicalErrors } from './lexical-checks';
import { RULES } from './rules';
import type { RuleDiagnostic } from './rules/rule';
import { syntaxErrors } from './syntax-errors';
import type { Span } from './text';
import type { TypeResolver } from './types';

/** What one region (a top-level item, or a member of an interface or world) holds: the file's own findings that start in it. */
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
 * The file's own analysis of one open document (lexical and syntax errors, rule findings),
 * kept per region (a top-level item; inside an interface or world, a member; inside a resource
 * there, a method: file-regions.ts) across edits: after an edit only the regions the edit or
 * tree-sitter's changed ranges reach are analysed again; the findings of those after it are
 * moved. Gives what `analyze` gives on the same text (test/unit/file-analysis-cache.test.ts).
 *
 * - Syntax errors are found over the whole tree each time: the walk enters only subtrees
 *   with an error (a clean file costs one check), and dropping the cascade of one mistake
 *   compares errors across items.
 * - Rule findings depend on the type resolver, which answers across items and files. Those
 *   of a kept region are kept only while the `resolution` key given stays the same, no item's
 *   or member's kind or name changed, the regions its answers lay in were not reached, and
 *   every name in it resolved within this file.
 */
export class FileAnalysisCache {
  private regions: Region<RegionFindings>[] = [];
  /** The document revision the regions were made for; -1 before the first. */
  private revision = -1;

  /**
   * The analysis of `document`'s current version. `resolution` must change whenever the
   * resolver's answers may have changed for any other reason than this document's own edits
   * (with the workspace model: how many changes of other files it announced, see
   * `DocumentStore`; with the file's own resolver: the resolver itself).
   */
  analyze(document: WitDocument, settings: AnalysisSettings, resolver: TypeResolver, resolution: unknown): Analysis {
    const namesChanged = this.update(document);
    const lexical: WitDiagnostic[] = [];
    const byRule = new Map<string, RuleDiagnostic[]>(RULES.map((rule) => [rule.code, []]));
    for (const region of this.regions) {
      const span = { start: region.start, end: region.end };
      const findings = (region.findings ??= { lexical: lexicalChecks(document, span) });
      lexical.push(...findings.lexical);
      const rules = findings.rules;
      const valid =
        rules &&
        !namesChanged &&
        sameRuleSettings(rules.settings, settings) &&
        Object.is(rules.resolution, resolution) &&
        !rules.reachesOut &&
        rules.dependsOn.every((r) => !r.replaced);
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
    this.revision = document.revision;
    if (edits) {
      const updated = updateRegions(this.regions, edits, document.tree, document.text, moveFindings);
      if (updated) {
        this.regions = updated.regions;
        return updated.namesChanged;
      }
    }
    this.regions = regionsOf(document.tree, document.text);
    return true;
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
      typedefOf: (identifier) => resolver.typedefOf(identifier),
      resolveName: (identifier) => resolver.resolveName(identifier),
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

/** Whether the rules run the same under both: the same severities and `@unstable` features. */
function sameRuleSettings(a: AnalysisSettings, b: AnalysisSettings): boolean {
  if (a === b) return true;
  const codes = new Set([...Object.keys(a.rules), ...Object.keys(b.rules)]);
  const features = (s: AnalysisSettings): string => [...(s.features ?? [])].sort().join(',');
  return [...codes].every((code) => a.rules[code] === b.rules[code]) && features(a) === features(b);
}

/** Moves a kept region's findings by `delta` characters (an edit before it changed the length). */
function moveFindings(region: Region<RegionFindings>, delta: number): void {
  const findings = region.findings;
  if (!findings || delta === 0) return;
  // Most regions hold no findings: they move with their region, allocating nothing.
  if (findings.lexical.length > 0) findings.lexical = findings.lexical.map((d) => movedBy(d, delta));
  const rules = findings.rules;
  if (rules && rules.findings.length > 0) findings.rules = { ...rules, findings: rules.findings.map((d) => movedBy(d, delta)) };
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
