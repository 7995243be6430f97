/**
 * Findings: the report's first section, short sentences a reader takes in at a glance, grouped under headings of
 * testbed (the other factors' levels) and metric. Order: drift and run order first (levels of the compared factor run
 * entirely before or after the others, metrics drifting over the campaign, cells drifting within their runs — said
 * before the effects they may explain), then interaction patterns (largest departure first), then the largest significant changes
 * versus the baseline that no pattern already states. Conditions are aggregated into one sentence only when their
 * effects agree (same sign, overlapping intervals); the same finding in several testbeds is said once, under a heading
 * that names them all. The statistics behind each sentence (tests, F, adjusted p) are in `details`, for a <details>
 * block — not inline. An effect whose two cells were not interleaved in time carries a caveat. Texts are plain and
 * each renderer escapes them; the words are src/present's.
 */
import {
  HEADLINE_METRICS,
  METRIC_LABELS,
  type Metric,
  type NodeRole,
  type Protocol,
  type Test,
  maxOf,
  minOf,
} from '../model/index.js';
import {
  comparisonDriftRisk,
  type Analysis,
  type CellKey,
  type Comparison,
  type ComparisonDriftRisk,
  type InteractionPattern,
  type Interval,
  type TimeConfounding,
} from '../stats/index.js';
import {
  cellDriftSentence,
  confoundingSentence,
  driftCaveat,
  driftWords,
  metricDriftSentence,
  scopePrefix,
  effectFinding,
  findingWords,
  levelLabelOf,
  patternFinding,
  subjectFactor,
  cellComparator,
  conditionLabel,
} from '../present/index.js';
import { displayFilter } from './common.js';
import type { TableOptions } from './options.js';

/** A finding as structured data (summary.json): what, where, how large, how sure. */
export interface FindingRecord {
  readonly kind: 'drift' | 'interaction' | 'effect';
  /** the compared factor, its level and baseline (factor A of the interaction) */
  readonly factor: string;
  readonly level: string;
  readonly baseline: string;
  /** effects: the level of the factor the sentence is about (e.g. plugin flannel); null for interactions */
  readonly subject: { readonly factor: string; readonly level: string } | null;
  /** the levels of the remaining factors (e.g. testbeds) the finding holds in, one record per context */
  readonly contexts: readonly Readonly<Record<string, string>>[];
  /** the metric; null for a drift finding about run order, which concerns every metric */
  readonly metric: Metric | null;
  readonly conditions: readonly {
    readonly test: Test;
    readonly protocol: Protocol | null;
    readonly node: NodeRole | null;
  }[];
  /** range of the point estimates over the members, % (lo = hi for one member) */
  readonly estimatePct: { readonly lo: number; readonly hi: number };
  /** envelope of the members' intervals (effects: the % change; cells and pairs: the departure), or null */
  readonly interval: Interval | null;
  /** largest raw and largest adjusted p over the members (effects: the comparison; interactions: the departure or
   * the omnibus term) */
  readonly p: number | null;
  readonly pAdjusted: number | null;
  /** interactions: the pattern's structure (first member; the members share it) */
  readonly pattern: {
    readonly kind: InteractionPattern['kind'];
    readonly scale: 'log' | 'raw';
    readonly factorB: string;
    readonly groups: readonly {
      readonly levels: readonly string[];
      readonly pooledPct: number;
      readonly pooledCi: Interval | null;
    }[];
    readonly departure: {
      readonly level: string;
      readonly observedPct: number;
      readonly predictedPct: number;
      readonly departurePct: number;
    } | null;
  } | null;
}

export interface Finding {
  /** 1-based position in the list as shown (headings in order of their first finding) */
  readonly rank: number;
  readonly kind: 'drift' | 'interaction' | 'effect';
  /** `UOM (inter-host) · RAM`: testbed(s) and metric, the group the finding is listed under */
  readonly heading: string;
  readonly sentence: string;
  /** the statistics behind the sentence, for a <details> block */
  readonly details: string;
  /** key of the first cell (comparison key, or pattern group key + level) the finding is about */
  readonly key: string;
  /** keys of every cell or pattern the finding groups, in cell order */
  readonly keys: readonly string[];
  /** what the ranking used: largest |% change| for effects, largest departure or gap for interactions */
  readonly magnitude: number;
  /** the largest adjusted p-value of the members */
  readonly p: number | null;
  readonly record: FindingRecord;
}

export interface FindingsOptions extends TableOptions {
  /** at most this many effects (interactions are all listed); default 20 */
  readonly maxEffects?: number;
}

interface Draft {
  readonly kind: Finding['kind'];
  readonly heading: string;
  readonly sentence: string;
  readonly details: string;
  readonly keys: readonly string[];
  readonly magnitude: number;
  readonly p: number | null;
  readonly first: CellKey;
  readonly record: FindingRecord;
}

/** |x| rounded to 6 significant digits, so that float noise does not decide the order of equal effects. */
function magnitude(x: number): number {
  return Number(Math.abs(x).toPrecision(6));
}

function largest(ps: readonly (number | null | undefined)[]): number | null {
  const known = ps.filter((p): p is number => p !== null && p !== undefined);
  return known.length === 0 ? null : maxOf(known);
}

function envelope(intervals: readonly (Interval | null)[]): Interval | null {
  const known = intervals.filter((i): i is Interval => i !== null);
  if (known.length === 0) return null;
  return {
    lo: minOf(known.map((i) => i.lo)),
    hi: maxOf(known.map((i) => i.hi)),
    level: known[0]!.level,
    method: known[0]!.method,
  };
}

/** Members split so that each part covers the same conditions for each of its node roles (contexts merged). */
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
    const signature = [...new Set(list.map((m) => `${cellOf(m).test}|${cellOf(m).protocol ?? '-'}`))].sort().join(',');
    const part = bySignature.get(signature);
    if (part) part.push(...list);
    else bySignature.set(signature, [...list]);
  }
  return [...bySignature.values()];
}

/**
 * Members split into runs that agree: same sign and every pair of intervals overlapping (a common point), walking
 * the members by increasing estimate. A member without an interval agrees only with equal estimates.
 */
function splitByAgreement<T>(
  members: readonly T[],
  estimate: (m: T) => number,
  interval: (m: T) => Interval | null,
): T[][] {
  const sorted = [...members].sort((x, y) => estimate(x) - estimate(y));
  const parts: T[][] = [];
  let current: T[] = [];
  let lo = -Infinity;
  let hi = Infinity;
  for (const m of sorted) {
    const ci = interval(m) ?? { lo: estimate(m), hi: estimate(m) };
    const sameSign = current.length === 0 || Math.sign(estimate(current[0]!)) === Math.sign(estimate(m));
    if (current.length > 0 && sameSign && Math.max(lo, ci.lo) <= Math.min(hi, ci.hi)) {
      current.push(m);
      lo = Math.max(lo, ci.lo);
      hi = Math.min(hi, ci.hi);
    } else {
      if (current.length > 0) parts.push(current);
      current = [m];
      lo = ci.lo;
      hi = ci.hi;
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** Stable text key of a set of factor levels (names sorted). */
function factorsKey(factors: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.keys(factors)
      .sort()
      .map((n) => [n, factors[n]]),
  );
}

/** How many conditions (test, protocol) were measured for this metric and node in this context; memoised. */
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

/** `server, all 5 conditions` or `client and server, P2P TCP and P2S TCP`: node roles and conditions. */
function whereLabel(
  analysis: Analysis,
  context: Readonly<Record<string, string>>,
  cells: readonly CellKey[],
  order: (a: CellKey, b: CellKey) => number,
): string {
  const sorted = [...cells].sort(order);
  const nodes = [...new Set(sorted.map((c) => c.node))].filter((n): n is NodeRole => n !== null);
  const conditions = [...new Set(sorted.map((c) => conditionLabel(c)))];
  const measured = measuredConditions(analysis, context, sorted[0]!);
  const conditionText =
    conditions.length > 1 && conditions.length === measured
      ? findingWords.allConditions(conditions.length)
      : findingWords.list(conditions);
  return [...(nodes.length > 0 ? [findingWords.list(nodes)] : []), conditionText].join(', ');
}

/** `UOM (inter-host) · RAM`, `UOM and LRZ · RAM`: the contexts (other factors' levels) and the metric. */
function headingOf(analysis: Analysis, contexts: readonly Readonly<Record<string, string>>[], metric: Metric): string {
  const seen = new Map<string, Readonly<Record<string, string>>>();
  for (const c of contexts) seen.set(factorsKey(c), c);
  const labels = [...seen.values()].map((c) =>
    Object.keys(c)
      .map((n) => levelLabelOf(analysis.factors, n, c[n]!))
      .join(', '),
  );
  const where = findingWords.list(labels.filter((l) => l !== ''));
  const metricText = METRIC_LABELS[metric] ?? metric;
  return where === '' ? metricText : `${where} \u00b7 ${metricText}`;
}

function uniqueConditions(cells: readonly CellKey[]): FindingRecord['conditions'] {
  const seen = new Map<string, FindingRecord['conditions'][number]>();
  for (const c of cells)
    seen.set(`${c.test}|${c.protocol}|${c.node}`, { test: c.test, protocol: c.protocol, node: c.node });
  return [...seen.values()];
}

function uniqueContexts(list: readonly Readonly<Record<string, string>>[]): Readonly<Record<string, string>>[] {
  const seen = new Map<string, Readonly<Record<string, string>>>();
  for (const c of list) seen.set(factorsKey(c), c);
  return [...seen.values()];
}

function adjustedWords(analysis: Analysis): string {
  const { adjust } = analysis.options;
  return adjust === 'none' ? 'unadjusted' : adjust === 'holm' ? 'Holm-adjusted' : 'BH-adjusted';
}

/** A drift finding's record: where it holds, and for a metric or cell drift its size (% per hour) and p. */
function driftRecord(
  analysis: Analysis,
  contexts: readonly Readonly<Record<string, string>>[],
  metric: Metric | null,
  size: { readonly estimatePct: number; readonly p: number | null; readonly pAdjusted: number | null } | null,
  level: string,
): FindingRecord {
  return {
    kind: 'drift',
    factor: analysis.options.factor,
    level,
    baseline: analysis.options.baseline,
    subject: null,
    contexts,
    metric,
    conditions: [],
    estimatePct: { lo: size?.estimatePct ?? 0, hi: size?.estimatePct ?? 0 },
    interval: null,
    p: size?.p ?? null,
    pAdjusted: size?.pAdjusted ?? null,
    pattern: null,
  };
}

/**
 * Drift findings, said before the effects they may explain: levels of the compared factor run entirely before or
 * after the others (the baseline first), headline metrics drifting over the campaign, and cells drifting within their
 * own runs (one sentence). All under one heading, which comes first.
 */
function driftDrafts(analysis: Analysis, keep: (cell: CellKey) => boolean): Draft[] {
  const drift = analysis.drift;
  if (!drift) return [];
  const factor = analysis.options.factor;
  const baseline = analysis.options.baseline;
  const heading = driftWords.heading;
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
      heading,
      sentence: confoundingSentence(records, analysis.factors, sameScope, baseline),
      details: '',
      keys: records.map((r) => `drift|confounding|${JSON.stringify(r.scope)}|${r.factor}|${r.level}`),
      magnitude: maxOf(records.map((r) => magnitude(r.gapHours))),
      p: null,
      first: placeholder,
      record: driftRecord(
        analysis,
        records.map((r) => r.scope),
        null,
        null,
        records[0]!.level,
      ),
    });
  }
  for (const record of drift.metrics) {
    if (!record.drifting) continue;
    drafts.push({
      kind: 'drift',
      heading,
      sentence: metricDriftSentence(record, analysis.factors),
      details: '',
      keys: [`drift|metric|${JSON.stringify(record.scope)}|${record.metric}|${record.node ?? '-'}`],
      magnitude: magnitude(record.slopePctPerHour ?? 0),
      p: record.pAdjusted,
      first: placeholder,
      record: driftRecord(
        analysis,
        [record.scope],
        record.metric,
        { estimatePct: record.slopePctPerHour ?? 0, p: record.trend.p, pAdjusted: record.pAdjusted },
        '',
      ),
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
      heading,
      sentence: cellDriftSentence(sorted, where),
      details: '',
      keys: sorted.map((c) => c.key),
      magnitude: maxOf(sorted.map((c) => magnitude(c.changePct ?? 0))),
      p: largest(sorted.map((c) => c.pAdjusted)),
      first: sorted[0]!.cell,
      record: driftRecord(
        analysis,
        uniqueContexts(sorted.map((c) => c.cell.factors)),
        sorted[0]!.cell.metric,
        {
          estimatePct: sorted[0]!.changePct ?? 0,
          p: largest(sorted.map((c) => c.trend?.p ?? null)),
          pAdjusted: largest(sorted.map((c) => c.pAdjusted)),
        },
        '',
      ),
    });
  }
  return drafts;
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
  return driftCaveat(worst.risk, levelLabelOf(analysis.factors, c.factor, c.baseline));
}

const REPORTED: readonly InteractionPattern['kind'][] = ['cell', 'pair', 'groups'];

function patternCell(p: InteractionPattern): CellKey {
  return { ...p.group, factors: { ...p.group.factors, [p.factorA]: p.levelA } };
}

function patternMagnitude(p: InteractionPattern): number {
  if (p.departure !== null) return magnitude(p.departure.departurePct);
  const pooled = p.groups.map((g) => g.pooledPct);
  return magnitude(maxOf(pooled) - minOf(pooled));
}

/**
 * Patterns of the same structure split into runs that agree in size: a departing cell's departure intervals (or,
 * for groups, every group's pooled interval) must share a point, else one sentence would merge a −12 % and a −45 %.
 */
function patternAgreement(members: readonly InteractionPattern[]): InteractionPattern[][] {
  if (members[0]!.departure !== null) {
    return splitByAgreement(
      members,
      (p) => p.departure!.departurePct,
      (p) => p.departure!.ci,
    );
  }
  const parts: InteractionPattern[][] = [];
  let current: InteractionPattern[] = [];
  let bounds: { lo: number; hi: number }[] = [];
  for (const p of [...members].sort((x, y) => x.groups[0]!.pooledPct - y.groups[0]!.pooledPct)) {
    const cis = p.groups.map((g) => g.pooledCi ?? { lo: g.pooledPct, hi: g.pooledPct });
    const next = bounds.map((b, i) => ({ lo: Math.max(b.lo, cis[i]!.lo), hi: Math.min(b.hi, cis[i]!.hi) }));
    if (current.length > 0 && next.every((b) => b.lo <= b.hi)) {
      current.push(p);
      bounds = next;
    } else {
      if (current.length > 0) parts.push(current);
      current = [p];
      bounds = cis.map((c) => ({ lo: c.lo, hi: c.hi }));
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

function interactionDrafts(analysis: Analysis, keep: (cell: CellKey) => boolean): Draft[] {
  const order = cellComparator(analysis.factors);
  const buckets = new Map<string, InteractionPattern[]>();
  for (const p of analysis.interactions.patterns ?? []) {
    if (!REPORTED.includes(p.kind) || !keep(p.group)) continue;
    const key = JSON.stringify([
      p.group.metric,
      p.factorA,
      p.levelA,
      p.kind,
      p.groups.map((g) => [...g.levels].sort()),
      p.departure?.levelB ?? null,
      p.departure !== null ? p.departure.departurePct > 0 : null,
    ]);
    const list = buckets.get(key);
    if (list) list.push(p);
    else buckets.set(key, [p]);
  }
  const adjustedBy = adjustedWords(analysis);
  const drafts: Draft[] = [];
  const parts = [...buckets.values()].flatMap((all) =>
    patternAgreement(all).flatMap((agreeing) => splitByConditions(agreeing, (p) => p.group as CellKey)),
  );
  {
    for (const part of parts) {
      const members = part.sort((x, y) => order(patternCell(x), patternCell(y)));
      const first = members[0]!;
      const contexts = uniqueContexts(members.map((m) => m.group.factors));
      const where = whereLabel(
        analysis,
        first.group.factors,
        members.map((m) => m.group as CellKey),
        order,
      );
      const text = patternFinding(members, where, analysis.factors, adjustedBy);
      const departures = members.map((m) => m.departure).filter((d): d is NonNullable<typeof d> => d !== null);
      const estimates = departures.length > 0 ? departures.map((d) => d.departurePct) : members.map(patternMagnitude);
      drafts.push({
        kind: 'interaction',
        heading: headingOf(analysis, contexts, first.group.metric),
        sentence: text.sentence,
        details: text.details,
        keys: members.map((m) => `${m.groupKey}|${m.levelA}`),
        magnitude: maxOf(members.map(patternMagnitude)),
        p: largest(
          departures.length > 0 ? departures.map((d) => d.pAdjusted) : members.map((m) => m.interactionPAdjusted),
        ),
        first: patternCell(first),
        record: {
          kind: 'interaction',
          factor: first.factorA,
          level: first.levelA,
          baseline: first.baselineA,
          subject: null,
          contexts,
          metric: first.group.metric,
          conditions: uniqueConditions(members.map((m) => m.group as CellKey)),
          estimatePct: { lo: minOf(estimates), hi: maxOf(estimates) },
          interval: envelope(departures.map((d) => d.ci)),
          p: largest(departures.length > 0 ? departures.map((d) => d.p) : members.map((m) => m.interactionP)),
          pAdjusted: largest(
            departures.length > 0 ? departures.map((d) => d.pAdjusted) : members.map((m) => m.interactionPAdjusted),
          ),
          pattern: {
            kind: first.kind,
            scale: first.scale,
            factorB: first.factorB,
            groups: first.groups.map((g) => ({ levels: g.levels, pooledPct: g.pooledPct, pooledCi: g.pooledCi })),
            departure:
              first.departure === null
                ? null
                : {
                    level: first.departure.levelB,
                    observedPct: first.departure.observedPct,
                    predictedPct: first.departure.predictedPct,
                    departurePct: first.departure.departurePct,
                  },
          },
        },
      });
    }
  }
  return drafts.sort((x, y) => y.magnitude - x.magnitude || order(x.first, y.first));
}

/** Cells whose change a reported pattern already states, as `factor|level|<cell identity>`. */
function statedCells(analysis: Analysis, keep: (cell: CellKey) => boolean): Set<string> {
  const stated = new Set<string>();
  for (const p of analysis.interactions.patterns ?? []) {
    if (!REPORTED.includes(p.kind) || !keep(p.group)) continue;
    const levels =
      p.kind === 'groups' || p.kind === 'pair'
        ? p.groups.flatMap((g) => g.levels)
        : p.departure
          ? [p.departure.levelB]
          : [];
    for (const b of levels) {
      const cell: CellKey = { ...p.group, factors: { ...p.group.factors, [p.factorA]: p.levelA, [p.factorB]: b } };
      stated.add(`${p.factorA}|${p.levelA}|${cellIdentity(cell)}`);
    }
  }
  return stated;
}

function cellIdentity(cell: CellKey): string {
  return `${factorsKey(cell.factors)}|${cell.test}|${cell.protocol ?? '-'}|${cell.node ?? '-'}|${cell.metric}`;
}

function effectDrafts(analysis: Analysis, keep: (cell: CellKey) => boolean, stated: ReadonlySet<string>): Draft[] {
  const order = cellComparator(analysis.factors);
  const buckets = new Map<string, Comparison[]>();
  for (const c of analysis.comparisons) {
    if (!c.significant || c.deltaPct === null || c.factor !== analysis.options.factor || !keep(c.cell)) continue;
    if (stated.has(`${c.factor}|${c.level}|${cellIdentity(c.cell)}`)) continue;
    const subject = subjectFactor(c.cell.factors, analysis.factors, c.factor);
    const key = JSON.stringify([
      subject,
      subject === null ? null : c.cell.factors[subject],
      c.cell.metric,
      c.factor,
      c.level,
      c.deltaPct > 0,
    ]);
    const list = buckets.get(key);
    if (list) list.push(c);
    else buckets.set(key, [c]);
  }
  const adjustedBy = adjustedWords(analysis);
  const drafts: Draft[] = [];
  for (const all of buckets.values()) {
    for (const agreeing of splitByAgreement(
      all,
      (c) => c.deltaPct!,
      (c) => c.deltaPctCi,
    )) {
      for (const part of splitByConditions(agreeing, (c) => c.cell)) {
        const members = part.sort((x, y) => order(x.cell, y.cell));
        const first = members[0]!;
        const subject = subjectFactor(first.cell.factors, analysis.factors, first.factor);
        const contextOf = (c: Comparison): Record<string, string> =>
          Object.fromEntries(Object.entries(c.cell.factors).filter(([n]) => n !== c.factor && n !== subject));
        const contexts = uniqueContexts(members.map(contextOf));
        const where = whereLabel(
          analysis,
          contextOf(first),
          members.map((c) => c.cell),
          order,
        );
        const text = effectFinding(members, where, analysis.factors, adjustedBy);
        const deltas = members.map((c) => c.deltaPct!);
        drafts.push({
          kind: 'effect',
          heading: headingOf(analysis, contexts, first.cell.metric),
          sentence: text.sentence + caveatOf(analysis, members),
          details: text.details,
          keys: members.map((c) => c.key),
          magnitude: maxOf(deltas.map(magnitude)),
          p: largest(members.map((c) => c.pAdjusted ?? c.p)),
          first: first.cell,
          record: {
            kind: 'effect',
            factor: first.factor,
            level: first.level,
            baseline: first.baseline,
            subject: subject === null ? null : { factor: subject, level: first.cell.factors[subject]! },
            contexts,
            metric: first.cell.metric,
            conditions: uniqueConditions(members.map((c) => c.cell)),
            estimatePct: { lo: minOf(deltas), hi: maxOf(deltas) },
            interval: envelope(members.map((c) => c.deltaPctCi)),
            p: largest(members.map((c) => c.p)),
            pAdjusted: largest(members.map((c) => c.pAdjusted)),
            pattern: null,
          },
        });
      }
    }
  }
  return drafts.sort((x, y) => y.magnitude - x.magnitude || order(x.first, y.first));
}

function allDrafts(
  analysis: Analysis,
  options: FindingsOptions,
): { drift: Draft[]; interactions: Draft[]; effects: Draft[] } {
  const keep = displayFilter({
    ...options,
    metrics: options.metrics ?? analysis.options.metrics ?? HEADLINE_METRICS,
  });
  return {
    drift: driftDrafts(analysis, keep),
    interactions: interactionDrafts(analysis, keep),
    effects: effectDrafts(analysis, keep, statedCells(analysis, keep)),
  };
}

/**
 * The findings of an analysis, in the order they are shown: drift first, then interaction patterns (largest first),
 * then at most `maxEffects` significant changes (largest first), each group of the same heading kept together in the
 * order of its first finding. Ties break on the cell order, so the list is deterministic.
 */
export function findings(analysis: Analysis, options: FindingsOptions = {}): Finding[] {
  const { drift, interactions, effects } = allDrafts(analysis, options);
  const ranked = [...drift, ...interactions, ...effects.slice(0, options.maxEffects ?? 20)];
  const headings: string[] = [];
  for (const d of ranked) if (!headings.includes(d.heading)) headings.push(d.heading);
  const grouped = headings.flatMap((h) => ranked.filter((d) => d.heading === h));
  return grouped.map((d, i) => ({
    rank: i + 1,
    kind: d.kind,
    heading: d.heading,
    sentence: d.sentence,
    details: d.details,
    key: d.keys[0]!,
    keys: d.keys,
    magnitude: d.magnitude,
    p: d.p,
    record: d.record,
  }));
}

/** How many grouped effects `findings` left out because of `maxEffects` (said under the list). */
export function omittedEffects(analysis: Analysis, options: FindingsOptions = {}): number {
  const { effects } = allDrafts(analysis, options);
  return Math.max(0, effects.length - (options.maxEffects ?? 20));
}
