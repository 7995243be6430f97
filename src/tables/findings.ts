/**
 * Findings: the report's first section, a ranked list of sentences with their numbers. The same effect repeated
 * across conditions (tests, protocols, node roles) is said once, with the range of its numbers. Every flagged
 * interaction comes first (largest contrast first), then the largest significant effects versus the baseline that
 * no interaction sentence already states. Drift comes before all of them (issue 13): levels run entirely before or
 * after the others, metrics that drift over the campaign, cells that drift within their runs; and an effect whose two
 * cells were not interleaved in time carries a caveat (src/present/drift-wording.ts). The wording is the statistics stage's (src/stats/wording.ts); texts are
 * plain and each renderer escapes them.
 */
import { METRIC_LABELS } from '../model/vocabulary.js';
import type { FactorInfo } from '../model/dataset.js';
import type { NodeRole } from '../model/vocabulary.js';
import type { Analysis, CellKey, Comparison, InteractionContrast, TimeConfounding } from '../stats/types.js';
import { comparisonDriftRisk, type ComparisonDriftRisk } from '../stats/index.js';
import {
  cellDriftSentence,
  confoundingSentence,
  driftCaveat,
  metricDriftSentence,
  scopePrefix,
} from '../present/drift-wording.js';
import {
  comparisonGroupSentence,
  interactionFindingSentence,
  labelOf,
  type InteractionEvidence,
} from '../stats/wording.js';
import { findingWords } from '../messages/stats.js';
import { displayFilter } from './common.js';
import { cellComparator, conditionLabel } from './labels.js';
import { DEFAULT_TABLE_METRICS, type TableOptions } from './options.js';

export interface Finding {
  /** 1-based position in the ranked list */
  readonly rank: number;
  /** 'drift': run order and drift, said first; 'interaction' and 'effect' follow */
  readonly kind: 'drift' | 'interaction' | 'effect';
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
  readonly kind: 'drift' | 'interaction' | 'effect';
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
        sentence:
          interactionFindingSentence(evidence, where, analysis.factors) +
          caveatOf(
            analysis,
            evidence.map((e) => e.comparison).filter((c): c is Comparison => c !== null),
          ),
        keys: members.map((c) => `${c.groupKey}|${c.levelA}|${c.levelB}`),
        magnitude: Math.max(...members.map((c) => magnitude(c.contrastPct!))),
        p: largest(members.map((c) => c.pAdjusted ?? c.p)),
        first: contrastCell(members[0]!),
      });
    }
  }
  return drafts.sort((x, y) => y.magnitude - x.magnitude || order(x.first, y.first));
}

/** The factor a comparison sentence is about (the last one that is not compared), as comparisonSentence picks it. */
function subjectOf(cell: CellKey, factors: readonly FactorInfo[], compared: string): string | null {
  const names = [...factors.map((f) => f.name), ...Object.keys(cell.factors)].filter(
    (n, i, all) => all.indexOf(n) === i && n !== compared && cell.factors[n] !== undefined,
  );
  return names.length > 0 ? names[names.length - 1]! : null;
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
      const subject = subjectOf(first.cell, analysis.factors, first.factor);
      const context = Object.fromEntries(
        Object.entries(first.cell.factors).filter(([n]) => n !== first.factor && n !== subject),
      );
      const where = whereLabel(
        analysis,
        context,
        members.map((c) => c.cell),
        order,
      );
      drafts.push({
        kind: 'effect',
        sentence: comparisonGroupSentence(members, where, analysis.factors) + caveatOf(analysis, members),
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

/**
 * The caveat of comparisons whose cells were not interleaved in time with their baseline's (the member with the
 * largest predicted drift, else the largest gap), or '' when every member's runs interleave.
 */
function caveatOf(analysis: Analysis, members: readonly Comparison[]): string {
  const names = analysis.factors.map((f) => f.name);
  let worst: { risk: ComparisonDriftRisk; comparison: Comparison } | null = null;
  for (const comparison of members) {
    const risk = comparisonDriftRisk(analysis.drift, names, comparison);
    if (!risk) continue;
    const size = (r: ComparisonDriftRisk): number =>
      Math.abs(r.expectedDriftPct ?? 0) * 1e6 + Math.abs(r.timing.gapHours);
    if (!worst || size(risk) > size(worst.risk)) worst = { risk, comparison };
  }
  if (!worst) return '';
  const c = worst.comparison;
  return driftCaveat(worst.risk, labelOf(analysis.factors, c.factor, c.baseline));
}

/**
 * Drift findings, said before the effects they may explain: levels of the compared factor run entirely before or
 * after the others (the baseline first), headline metrics drifting over the campaign, and cells drifting within
 * their own runs (one sentence).
 */
function driftDrafts(analysis: Analysis, keep: (cell: CellKey) => boolean): Draft[] {
  const drift = analysis.drift;
  if (!drift) return [];
  const factor = analysis.options.factor;
  const baseline = analysis.options.baseline;
  const drafts: Draft[] = [];
  const placeholder: CellKey = { factors: {}, test: 'idle', protocol: null, node: null, metric: 'cpu' };
  // the same level and position in several scopes (testbeds) is said once
  const confounded = new Map<string, TimeConfounding[]>();
  for (const record of drift.confounding) {
    if (record.factor !== factor) continue;
    const key = `${record.level}|${record.position}|${record.separated === record.contexts}`;
    const list = confounded.get(key);
    if (list) list.push(record);
    else confounded.set(key, [record]);
  }
  const groups = [...confounded.values()].sort(
    (a, b) => Number(b[0]!.level === baseline) - Number(a[0]!.level === baseline),
  );
  for (const records of groups) {
    const scopes = new Set(records.map((r) => JSON.stringify(r.scope)));
    const sameScope = drift.metrics.filter((m) => scopes.has(JSON.stringify(m.scope)));
    drafts.push({
      kind: 'drift',
      sentence: confoundingSentence(records, analysis.factors, sameScope, baseline),
      keys: records.map((r) => `drift|confounding|${JSON.stringify(r.scope)}|${r.factor}|${r.level}`),
      magnitude: Math.max(...records.map((r) => magnitude(r.gapHours))),
      p: null,
      first: placeholder,
    });
  }
  for (const record of drift.metrics) {
    if (!record.drifting) continue;
    const key = `drift|metric|${JSON.stringify(record.scope)}|${record.metric}|${record.node ?? '-'}`;
    drafts.push({
      kind: 'drift',
      sentence: metricDriftSentence(record, analysis.factors),
      keys: [key],
      magnitude: magnitude(record.slopePctPerHour ?? 0),
      p: record.pAdjusted,
      first: placeholder,
    });
  }
  const headline = analysis.options.metrics;
  const drifting = drift.cells.filter(
    (c) => c.drifting && keep(c.cell) && (headline === undefined || headline.includes(c.cell.metric)),
  );
  if (drifting.length > 0) {
    const order = cellComparator(analysis.factors);
    const where = (c: (typeof drifting)[number]): string =>
      scopePrefix(analysis.factors, c.cell.factors).replace(/: $/, '') +
      `, ${METRIC_LABELS[c.cell.metric] ?? c.cell.metric}, ${conditionLabel(c.cell)}${c.cell.node ? ` ${c.cell.node}` : ''}`;
    const sorted = [...drifting].sort((a, b) => order(a.cell, b.cell));
    drafts.push({
      kind: 'drift',
      sentence: cellDriftSentence(sorted, where),
      keys: sorted.map((c) => c.key),
      magnitude: Math.max(...sorted.map((c) => magnitude(c.changePct ?? 0))),
      p: largest(sorted.map((c) => c.pAdjusted)),
      first: sorted[0]!.cell,
    });
  }
  return drafts;
}

function allDrafts(
  analysis: Analysis,
  options: FindingsOptions,
): { drift: Draft[]; interactions: Draft[]; effects: Draft[] } {
  const keep = withHeadlineMetrics(analysis, options);
  return {
    drift: driftDrafts(analysis, keep),
    interactions: interactionDrafts(analysis, keep),
    effects: effectDrafts(analysis, keep, statedCells(analysis, keep)),
  };
}

/** The display filter, with the analysis' metrics (headline by default) when the options name none. */
function withHeadlineMetrics(analysis: Analysis, options: FindingsOptions): (cell: CellKey) => boolean {
  return displayFilter({ ...options, metrics: options.metrics ?? analysis.options.metrics ?? DEFAULT_TABLE_METRICS });
}

/**
 * The ranked findings of an analysis: drift and run order first (drift.ts), then flagged interactions, the same levels and direction across conditions and
 * node roles said once, by largest |contrast| (largest first); then significant changes of the analysis' factor
 * grouped the same way, by largest |% change|, at most `maxEffects`, leaving out the cells an interaction sentence
 * already states. Ties break on the cell order, so the list is deterministic.
 */
export function findings(analysis: Analysis, options: FindingsOptions = {}): Finding[] {
  const { drift, interactions, effects } = allDrafts(analysis, options);
  const list = [...drift, ...interactions, ...effects.slice(0, options.maxEffects ?? 20)];
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
