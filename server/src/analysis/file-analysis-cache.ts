import type { Node } from 'web-tree-sitter';
import { ruleFindings, type Analysis, type AnalysisSettings } from './analyze';
import type { WitDiagnostic } from './diagnostics';
import type { WitDocument } from './document';
import { Region, regionsOf, updateRegions } from './file-regions';
import { lexicalChecks, withLexicalErrors } from './lexical-checks';
import { RULES } from './rules';
import type { RuleDiagnostic } from './rules/rule';
import { syntaxErrors } from './syntax-errors';
import type { TypeResolver } from './types';
import { partitionPoint } from './partition-point';

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
    // A 10,000-line file has thousands of regions, nearly all kept and without findings: the
    // loop allocates nothing for those.
    for (const region of this.regions) {
      const findings = (region.findings ??= { lexical: lexicalChecks(document, { start: region.start, end: region.end }) });
      if (findings.lexical.length > 0) lexical.push(...findings.lexical);
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
    const regions = this.regions;
    return regions[Math.max(0, partitionPoint(regions.length, (i) => regions[i].start <= offset) - 1)];
  }
}

/** Whether the rules run the same under both: the same severities and `@unstable` features. */
function sameRuleSettings(a: AnalysisSettings, b: AnalysisSettings): boolean {
  if (a === b) return true;
  const codes = new Set([...Object.keys(a.rules), ...Object.keys(b.rules)]);
  const features = (s: AnalysisSettings): string => [...(s.features ?? [])].sort().join(',');
  return [...codes].every((code) => a.rules[code] === b.rules[code]) && features(a) === features(b);
}

/**
 * Moves a kept region's findings by `delta` characters (an edit before it changed the length),
 * in place: an analysis is read as soon as it is made (published, hovered, fixed) and none is
 * kept across versions, so the findings belong to this cache alone, and a keystroke before
 * hundreds of findings allocates nothing for them.
 */
function moveFindings(region: Region<RegionFindings>, delta: number): void {
  const findings = region.findings;
  if (!findings || delta === 0) return;
  for (const diagnostic of findings.lexical) movedBy(diagnostic, delta);
  for (const diagnostic of findings.rules?.findings ?? []) movedBy(diagnostic, delta);
}

/** Moves `diagnostic`'s span and its fix's edits (it names no other place), each span object once. */
function movedBy(diagnostic: WitDiagnostic, delta: number): void {
  const { span } = diagnostic;
  span.start += delta;
  span.end += delta;
  const edits = diagnostic.fix?.edits ?? [];
  edits.forEach((edit, i) => {
    if (edit.span === span || edits.findIndex((e) => e.span === edit.span) !== i) return;
    edit.span.start += delta;
    edit.span.end += delta;
  });
}
