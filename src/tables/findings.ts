/**
 * Findings: the report's first section, a ranked list of sentences with their numbers. The same effect repeated
 * across conditions (tests, protocols, node roles) is said once, with the range of its numbers. Every flagged
 * interaction comes first (largest contrast first), then the largest significant effects versus the baseline that
 * no interaction sentence already states. The wording is the statistics stage's (src/stats/wording.ts); texts are
 * plain and each renderer escapes them.
 */
import { HEADLINE_METRICS, METRIC_LABELS, type NodeRole } from '../model/index.js';
import {
  type Analysis,
  type CellKey,
  type Comparison,
  type InteractionContrast,
  comparisonGroupSentence,
  interactionFindingSentence,
  labelOf,
  type InteractionEvidence,
  findingWords,
} from '../stats/index.js';
import { displayFilter } from './common.js';
import { cellComparator, conditionLabel } from '../present/index.js';
import type { TableOptions } from './options.js';

export interface Finding {
  /** 1-based position in the ranked list */
  readonly rank: number;
  readonly kind: 'interaction' | 'effect';
  readonly sentence: string;
  /** key of the first cell (comparison key, or contrast group key + levels) the finding is about */
  readonly key: string;
  /** keys of every cell the finding groups (one per condition and node), in cell order */
  readonly keys: readonly string[];
  /** what the ranking used: largest |% change| for effects, largest |contrast| in percentage points for interactions */
  readonly magnitude: number;
  /** the largest adjusted p-value of the members (or raw where not adjusted) */
  readonly p: number | null;
}

export interface FindingsOptions extends TableOptions {
  /** at most this many effects (interactions are all listed); default 20 */
  readonly maxEffects?: number;
}

/** |x| rounded to 6 significant digits, so that float noise does not decide the order of equal effects. */
function magnitude(x: number): number {
  return Number(Math.abs(x).toPrecision(6));
}

function largest(ps: readonly (number | null)[]): number | null {
  const known = ps.filter((p): p is number => p !== null);
  return known.length === 0 ? null : Math.max(...known);
}

/** Stable text key of a set of factor levels (names sorted). */
function factorsKey(factors: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.keys(factors)
      .sort()
      .map((n) => [n, factors[n]]),
  );
}

/** The cell of a contrast (its group's levels plus the two crossed levels). */
function contrastCell(c: InteractionContrast): CellKey {
  return { ...c.group, factors: { ...c.group.factors, [c.factorA]: c.levelA, [c.factorB]: c.levelB } };
}

function cellIdentity(cell: CellKey): string {
  return `${factorsKey(cell.factors)}|${cell.test}|${cell.protocol ?? '-'}|${cell.node ?? '-'}|${cell.metric}`;
}

/**
 * Members of one finding, split so that each part covers the same conditions for each of its node roles:
 * `server, all 5 conditions` or `client and server, P2P TCP and P2S TCP`.
 */
function splitByConditions<T>(members: readonly T[], cellOf: (m: T) => CellKey): T[][] {
  const byNode = new Map<string, T[]>();
  for (const m of members) {
    const node = cellOf(m).node ?? '-';
    const list = byNode.get(node);
    if (list) list.push(m);
    else byNode.set(node, [m]);
  }
  const bySignature = new Map<string, T[]>();
  for (const list of byNode.values()) {
    const signature = list
      .map((m) => `${cellOf(m).test}|${cellOf(m).protocol ?? '-'}`)
      .sort()
      .join(',');
    const part = bySignature.get(signature);
    if (part) part.push(...list);
    else bySignature.set(signature, [...list]);
  }
  return [...bySignature.values()];
}

/**
 * Where a finding holds: `UOM (inter-host), RAM, server, all 5 conditions` — the levels of `context` factors, the
 * metric, the node roles, and the conditions (all of those measured for that metric and node, or their names).
 */
function whereLabel(
  analysis: Analysis,
  context: Readonly<Record<string, string>>,
  cells: readonly CellKey[],
  order: (a: CellKey, b: CellKey) => number,
): string {
  const sorted = [...cells].sort(order);
  const first = sorted[0]!;
  const levels = Object.keys(context).map((n) => labelOf(analysis.factors, n, context[n]!));
  const nodes = [...new Set(sorted.map((c) => c.node))].filter((n): n is NodeRole => n !== null);
  const conditions = [...new Set(sorted.map((c) => conditionLabel(c)))];
  const measured = measuredConditions(analysis, context, first);
  const conditionText =
    conditions.length > 1 && conditions.length === measured
      ? findingWords.allConditions(conditions.length)
      : findingWords.list(conditions);
  return [
    ...levels,
    METRIC_LABELS[first.metric] ?? first.metric,
    ...(nodes.length > 0 ? [findingWords.list(nodes)] : []),
    conditionText,
  ].join(', ');
}

/**
 * How many conditions (test, protocol) were measured for this metric and node with these factor levels; memoised
 * per analysis, since every finding asks and the summaries can be many.
 */
const measuredCache = new WeakMap<Analysis, Map<string, number>>();
function measuredConditions(analysis: Analysis, context: Readonly<Record<string, string>>, cell: CellKey): number {
  let cache = measuredCache.get(analysis);
  if (!cache) measuredCache.set(analysis, (cache = new Map()));
  const key = `${factorsKey(context)}|${cell.metric}|${cell.node ?? '-'}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const seen = new Set<string>();
  for (const s of analysis.summaries) {
    if (s.metric !== cell.metric || s.node !== cell.node || s.n === 0) continue;
    if (Object.keys(context).some((n) => s.factors[n] !== context[n])) continue;
    seen.add(`${s.test}|${s.protocol ?? '-'}`);
  }
  cache.set(key, seen.size);
  return seen.size;
}

interface Draft {
  readonly kind: 'interaction' | 'effect';
  readonly sentence: string;
  readonly keys: readonly string[];
  readonly magnitude: number;
  readonly p: number | null;
  readonly first: CellKey;
}

function interactionDrafts(analysis: Analysis, keep: (cell: CellKey) => boolean): Draft[] {
  const order = cellComparator(analysis.factors);
  const comparisons = new Map<string, Comparison>();
  for (const c of analysis.comparisons)
    comparisons.set(`${c.factor}|${c.level}|${c.baseline}|${cellIdentity(c.cell)}`, c);
  const anovaByKey = new Map(analysis.interactions.anova.map((t) => [t.key, t]));
  const contrastsByGroup = new Map<string, InteractionContrast[]>();
  for (const c of analysis.interactions.contrasts) {
    const list = contrastsByGroup.get(c.groupKey);
    if (list) list.push(c);
    else contrastsByGroup.set(c.groupKey, [c]);
  }
  // same levels, same direction, same other factors and metric: one finding across conditions and nodes
  const groups = new Map<string, InteractionContrast[]>();
  for (const c of analysis.interactions.contrasts) {
    if (!c.flagged || c.contrastPct === null || !keep(c.group)) continue;
    const key = JSON.stringify([
      factorsKey(c.group.factors),
      c.group.metric,
      c.factorA,
      c.levelA,
      c.baselineA,
      c.factorB,
      c.levelB,
      c.contrastPct > 0,
    ]);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const drafts: Draft[] = [];
  for (const all of groups.values()) {
    for (const part of splitByConditions(all, contrastCell)) {
      const members = part.sort((x, y) => order(contrastCell(x), contrastCell(y)));
      const evidence: InteractionEvidence[] = members.map((c) => ({
        contrast: c,
        siblings: contrastsByGroup.get(c.groupKey) ?? [],
        anova: anovaByKey.get(c.groupKey) ?? null,
        comparison: comparisons.get(`${c.factorA}|${c.levelA}|${c.baselineA}|${cellIdentity(contrastCell(c))}`) ?? null,
      }));
      const where = whereLabel(analysis, members[0]!.group.factors, members.map(contrastCell), order);
      drafts.push({
        kind: 'interaction',
        sentence: interactionFindingSentence(evidence, where, analysis.factors),
        keys: members.map((c) => `${c.groupKey}|${c.levelA}|${c.levelB}`),
        magnitude: Math.max(...members.map((c) => magnitude(c.contrastPct!))),
        p: largest(members.map((c) => c.pAdjusted ?? c.p)),
        first: contrastCell(members[0]!),
      });
    }
  }
  return drafts.sort((x, y) => y.magnitude - x.magnitude || order(x.first, y.first));
}

function effectDrafts(analysis: Analysis, keep: (cell: CellKey) => boolean, stated: ReadonlySet<string>): Draft[] {
  const order = cellComparator(analysis.factors);
  const groups = new Map<string, Comparison[]>();
  for (const c of analysis.comparisons) {
    if (!c.significant || c.deltaPct === null || c.factor !== analysis.options.factor || !keep(c.cell)) continue;
    if (stated.has(`${c.factor}|${c.level}|${c.baseline}|${cellIdentity(c.cell)}`)) continue;
    const key = JSON.stringify([factorsKey(c.cell.factors), c.cell.metric, c.factor, c.level, c.deltaPct > 0]);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const drafts: Draft[] = [];
  for (const all of groups.values()) {
    for (const part of splitByConditions(all, (c) => c.cell)) {
      const members = part.sort((x, y) => order(x.cell, y.cell));
      const first = members[0]!;
      // the compared factor's levels are the subject; every other factor is context
      const context = Object.fromEntries(Object.entries(first.cell.factors).filter(([n]) => n !== first.factor));
      const where = whereLabel(
        analysis,
        context,
        members.map((c) => c.cell),
        order,
      );
      drafts.push({
        kind: 'effect',
        sentence: comparisonGroupSentence(members, where, analysis.factors),
        keys: members.map((c) => c.key),
        magnitude: Math.max(...members.map((c) => magnitude(c.deltaPct!))),
        p: largest(members.map((c) => c.pAdjusted ?? c.p)),
        first: first.cell,
      });
    }
  }
  return drafts.sort((x, y) => y.magnitude - x.magnitude || order(x.first, y.first));
}

/** Cells whose change an interaction finding already states (its delta, interval and p), keyed like comparisons. */
function statedCells(analysis: Analysis, keep: (cell: CellKey) => boolean): Set<string> {
  const stated = new Set<string>();
  for (const c of analysis.interactions.contrasts) {
    if (c.flagged && c.contrastPct !== null && keep(c.group))
      stated.add(`${c.factorA}|${c.levelA}|${c.baselineA}|${cellIdentity(contrastCell(c))}`);
  }
  return stated;
}

function allDrafts(analysis: Analysis, options: FindingsOptions): { interactions: Draft[]; effects: Draft[] } {
  const keep = withHeadlineMetrics(analysis, options);
  return {
    interactions: interactionDrafts(analysis, keep),
    effects: effectDrafts(analysis, keep, statedCells(analysis, keep)),
  };
}

/** The display filter, with the analysis' metrics (headline by default) when the options name none. */
function withHeadlineMetrics(analysis: Analysis, options: FindingsOptions): (cell: CellKey) => boolean {
  return displayFilter({ ...options, metrics: options.metrics ?? analysis.options.metrics ?? HEADLINE_METRICS });
}

/**
 * The ranked findings of an analysis: flagged interactions, the same levels and direction across conditions and
 * node roles said once, by largest |contrast| (largest first); then significant changes of the analysis' factor
 * grouped the same way, by largest |% change|, at most `maxEffects`, leaving out the cells an interaction sentence
 * already states. Ties break on the cell order, so the list is deterministic.
 */
export function findings(analysis: Analysis, options: FindingsOptions = {}): Finding[] {
  const { interactions, effects } = allDrafts(analysis, options);
  const list = [...interactions, ...effects.slice(0, options.maxEffects ?? 20)];
  return list.map((d, i) => ({
    rank: i + 1,
    kind: d.kind,
    sentence: d.sentence,
    key: d.keys[0]!,
    keys: d.keys,
    magnitude: d.magnitude,
    p: d.p,
  }));
}

/** How many grouped effects `findings` left out because of `maxEffects` (said under the list). */
export function omittedEffects(analysis: Analysis, options: FindingsOptions = {}): number {
  const { effects } = allDrafts(analysis, options);
  return Math.max(0, effects.length - (options.maxEffects ?? 20));
}
