/**
 * Drift and run order (issue 13): does a cell move while it is measured, does a metric drift over the campaign,
 * and was a level of a compared factor run entirely before or after the others (so that its effect cannot be told
 * apart from time)? In a real MTU campaign RAM rose over the hours and the baseline was run last: most findings were
 * drift. Numbers and codes only; src/present/drift-wording.ts says them.
 */
import type { FactorInfo, Observation, Metric, NodeRole } from '../model/index.js';
import type {
  CellDrift,
  ComparisonTiming,
  DriftAnalysis,
  DriftCode,
  MetricDrift,
  TimeConfounding,
} from './drift-types.js';
import { knbDateSeconds, secondsToKnbDate } from './drift-time.js';
import { kendallS, mannKendallVariance, tieSums } from './mann-kendall.js';
import { normalQuantile, normalSf } from './dist/normal.js';
import { bh } from './p-adjust.js';
import { senEstimate, sortedPairSlopes } from './theil-sen.js';
import type { CellSummary, Comparison } from './types.js';

export interface DriftOptions {
  /** confidence level of slope intervals; default 0.95 */
  readonly level?: number;
  /** threshold of the adjusted p-values for the drifting flags; default 0.05 */
  readonly alpha?: number;
  /** metrics whose per-cell trends and campaign drift are computed; default every metric of the summaries */
  readonly metrics?: readonly Metric[];
  /** factors checked for confounding with time (the compared factor first); default none */
  readonly compared?: readonly string[];
  /** the compared factor and its baseline, for the per-comparison timings; default none */
  readonly factor?: string;
  readonly baseline?: string;
  /** the factor whose levels are separate schedules (own cluster, own clock); default 'testbed' when present */
  readonly scopeFactor?: string | null;
}

/** `name=level` pairs of the given factors, in order, joined by `|`. */
function levelsKey(names: readonly string[], factors: Readonly<Record<string, string>>): string {
  let key = '';
  for (const n of names) key += `${n}=${factors[n] ?? ''}|`;
  return key;
}

/**
 * Key of a comparison's timing: `factor|level|baseline|` + the other factors' `name=level|` pairs in factor order.
 * @example comparisonTimingKey(['testbed', 'distribution'], 'distribution', 'k3s', 'k8s', { testbed: 'UOM' })
 * // 'distribution|k3s|k8s|testbed=UOM|'
 */
export function comparisonTimingKey(
  factorNames: readonly string[],
  factor: string,
  level: string,
  baseline: string,
  factors: Readonly<Record<string, string>>,
): string {
  return `${factor}|${level}|${baseline}|${levelsKey(
    factorNames.filter((n) => n !== factor),
    factors,
  )}`;
}

interface RunCell {
  readonly factors: Readonly<Record<string, string>>;
  /** hours of its runs (timed runs only) */
  readonly hours: number[];
}

/**
 * The drift statistics of a campaign: per cell, a Mann–Kendall trend and Theil–Sen slope over its runs' times
 * (run order where a run has no date), flagged after Benjamini–Hochberg over all cells; per scope × metric × node,
 * the seasonal Kendall test of within-cell deviations against time; per compared factor, the levels run entirely
 * before or after the others; per comparison of `factor`, whether its two cells' runs interleave.
 * The campaign-level parts use the runs that have a date; runs without one are counted in `codes` (`no-run-times`),
 * and with no date at all those parts are empty.
 * @example driftAnalysis(dataset.observations, summaries, dataset.factors, { compared: ['distribution'] }).confounding
 */
export function driftAnalysis(
  observations: readonly Observation[],
  summaries: readonly CellSummary[],
  factors: readonly FactorInfo[],
  options: DriftOptions = {},
): DriftAnalysis {
  const level = options.level ?? 0.95;
  const alpha = options.alpha ?? 0.05;
  if (!(level > 0 && level < 1)) throw new RangeError(`driftAnalysis: option level must be in (0, 1), got ${level}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`driftAnalysis: option alpha must be in (0, 1), got ${alpha}`);
  const names = factors.map((f) => f.name);
  const scopeFactor =
    options.scopeFactor !== undefined ? options.scopeFactor : names.includes('testbed') ? 'testbed' : null;

  // 1. when each run (factor levels + iteration) started; the key is built once per run and factors record (a run's
  // observations share one), not once per observation
  const runSeconds = new Map<string, number | null>();
  const seen = new Map<Readonly<Record<string, string>>, { key: string; times: Map<number, number | null> }>();
  // observations come in long runs of one factors record (a cell's conditions, metrics and iterations): look it up
  // when it changes
  let lastFactors: Readonly<Record<string, string>> | null = null;
  let entry = { key: '', times: new Map<number, number | null>() };
  for (const o of observations) {
    if (o.factors !== lastFactors) {
      lastFactors = o.factors;
      const found = seen.get(o.factors);
      if (found) entry = found;
      else seen.set(o.factors, (entry = { key: levelsKey(names, o.factors), times: new Map() }));
    }
    const known = entry.times.get(o.iteration);
    if (known !== undefined && (known !== null || o.provenance.date === null)) continue;
    const seconds = knbDateSeconds(o.provenance.date);
    entry.times.set(o.iteration, seconds);
    const id = `${entry.key}#${o.iteration}`;
    if (!runSeconds.has(id) || runSeconds.get(id) === null) runSeconds.set(id, seconds);
  }
  let origin = Infinity;
  let untimed = 0;
  for (const s of runSeconds.values()) {
    if (s === null) untimed++;
    else if (s < origin) origin = s;
  }
  const codes: DriftCode[] = untimed > 0 ? [{ code: 'no-run-times', runs: untimed }] : [];
  // hours of a run, memoised per factors record (the summaries of one cell share it)
  const hoursCache = new WeakMap<object, Map<number, number | null>>();
  const hoursOf = (factorsOf: Readonly<Record<string, string>>, iteration: number): number | null => {
    let byIteration = hoursCache.get(factorsOf);
    if (!byIteration) hoursCache.set(factorsOf, (byIteration = new Map()));
    let h = byIteration.get(iteration);
    if (h === undefined) {
      const s = runSeconds.get(`${levelsKey(names, factorsOf)}#${iteration}`);
      h = s === undefined || s === null ? null : (s - origin) / 3600;
      byIteration.set(iteration, h);
    }
    return h;
  };

  // 2. per cell
  const z = normalQuantile(1 - (1 - level) / 2);
  // per-cell trends for the metrics asked (the headline ones in analyse()): the CPU components repeat the total,
  // and every cell costs O(n²) pairs
  const cells = summaries
    .filter((summary) => options.metrics === undefined || options.metrics.includes(summary.metric))
    .map((summary) => cellDrift(summary, hoursOf, level, z));
  const adjusted = bh(cells.map((c) => c.trend?.p ?? null));
  cells.forEach((c, i) => {
    c.pAdjusted = adjusted[i] ?? null;
    c.drifting = c.pAdjusted !== null && c.pAdjusted < alpha;
  });

  // runs without a date are left out of the campaign-level parts (counted in `codes`)
  const timed = Number.isFinite(origin);
  const metrics = timed ? metricDrifts(summaries, names, scopeFactor, options.metrics, hoursOf, level, alpha, z) : [];

  // 3. run cells (factor levels) with their run times, for confounding and timings
  const runCells = new Map<string, RunCell>();
  if (timed) {
    // every summary of a run cell (conditions × metrics × nodes) repeats its runs: a set per cell keeps each hour
    // once, in the order first met, and the key is built once per factors record
    const hourSets = new Map<string, Set<number>>();
    const keys = new Map<object, string>();
    for (const summary of summaries) {
      let key = keys.get(summary.factors);
      if (key === undefined) keys.set(summary.factors, (key = levelsKey(names, summary.factors)));
      let hours = hourSets.get(key);
      if (!hours) {
        hourSets.set(key, (hours = new Set()));
        runCells.set(key, { factors: summary.factors, hours: [] });
      }
      for (const it of summary.iterations) {
        const h = hoursOf(summary.factors, it);
        if (h !== null) hours.add(h);
      }
    }
    for (const [key, hours] of hourSets) {
      const list = runCells.get(key)!.hours;
      for (const h of hours) list.push(h);
    }
  }
  const confounding: TimeConfounding[] = [];
  for (const factor of options.compared ?? []) {
    if (factor === scopeFactor || !names.includes(factor)) continue;
    confounding.push(...confoundedLevels([...runCells.values()], names, factor, scopeFactor));
  }
  const timings =
    options.factor !== undefined && options.baseline !== undefined
      ? comparisonTimings([...runCells.values()], names, options.factor, options.baseline)
      : [];
  return {
    origin: Number.isFinite(origin) ? secondsToKnbDate(origin) : null,
    scopeFactor,
    cells,
    metrics,
    confounding,
    timings,
    codes,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * One cell's trend: Mann–Kendall (mannKendall) and Theil–Sen with Sen's interval (theilSen), computed here with the
 * tie sums shared and few allocations, since there are tens of thousands of cells (same numbers as those functions):
 * S by kendallS (a merge sort), the slopes of the time-sorted runs into a reused buffer, Sen's order statistics by
 * bracketing (theil-sen.ts orderStatistics). `pAdjusted` and `drifting` are filled in by the caller after the BH
 * adjustment over cells.
 */
function cellDrift(
  summary: CellSummary,
  hoursOf: (f: Readonly<Record<string, string>>, iteration: number) => number | null,
  level: number,
  z: number,
): Mutable<CellDrift> {
  const n = summary.values.length;
  const its = summary.iterations;
  const hours = new Array<number>(n);
  let timed = true;
  for (let i = 0; i < n; i++) {
    const h = hoursOf(summary.factors, its[i]!);
    if (h === null) timed = false;
    hours[i] = h ?? 0;
  }
  // the record shares the summary's arrays (all read-only) unless the runs need reordering: no copies per cell
  let x: readonly number[] = timed ? hours : its;
  let values = summary.values;
  let iterations = its;
  // runs usually come in time order already; sort only when they do not
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    if (x[i]! < x[i - 1]! || (x[i] === x[i - 1] && iterations[i]! < iterations[i - 1]!)) sorted = false;
  }
  if (!sorted) {
    const order = Array.from({ length: n }, (_, i) => i);
    const x0 = x;
    order.sort((a, b) => x0[a]! - x0[b]! || its[a]! - its[b]!);
    x = order.map((i) => x0[i]!);
    values = order.map((i) => summary.values[i]!);
    iterations = order.map((i) => its[i]!);
  }
  const record: Mutable<CellDrift> = {
    key: summary.key,
    cell: {
      factors: summary.factors,
      test: summary.test,
      protocol: summary.protocol,
      node: summary.node,
      metric: summary.metric,
    },
    basis: timed ? 'time' : 'run-order',
    x,
    values,
    iterations,
    trend: null,
    slope: null,
    slopeCi: null,
    changePct: null,
    pAdjusted: null,
    drifting: false,
    codes: [],
  };
  if (n < 3) {
    record.codes = [{ code: 'too-few-runs', n }];
    return record;
  }
  let constant = true;
  for (let i = 1; i < n && constant; i++) if (values[i] !== values[0]) constant = false;
  if (constant) {
    record.codes = [{ code: 'constant-values' }];
    return record;
  }
  const tx = tieSums(x);
  const ty = tieSums(values);
  const varS = mannKendallVariance(n, tx, ty);
  const n0 = (n * (n - 1)) / 2;
  // S in O(n log n); the slopes of the pairs with x_i < x_j (x is sorted: from the first j past x_i's ties)
  const s = kendallS(x, values);
  const slopes = slopeBuffer(n0);
  const count = sortedPairSlopes(x, values, slopes, 0);
  const denominator = Math.sqrt(n0 - tx.pairs) * Math.sqrt(n0 - ty.pairs);
  const zS = varS > 0 ? s / Math.sqrt(varS) : null;
  record.trend = {
    s,
    varS,
    tau: denominator > 0 ? s / denominator : null,
    z: zS,
    p: zS === null ? null : Math.min(1, 2 * normalSf(Math.abs(zS))),
  };
  if (count > 0) {
    const sortedValues = Float64Array.from(values).sort();
    const medianOf = (v: ArrayLike<number>): number =>
      v.length % 2 === 1 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
    const ts = senEstimate(slopes.subarray(0, count), varS, level, medianOf(sortedValues), medianOf(x), z);
    const span = x[n - 1]! - x[0]!;
    const mean = summary.mean;
    record.slope = ts.slope;
    record.slopeCi = { lo: ts.lo, hi: ts.hi, level, method: 'sen' };
    record.changePct = mean !== null && mean !== 0 ? (100 * ts.slope * span) / Math.abs(mean) : null;
  }
  return record;
}

/**
 * Room for n pairwise slopes: a buffer reused from cell to cell and group to group (senEstimate reorders it and keeps
 * nothing), up to REUSED_SLOPES values (16 MiB); a larger list gets its own array, which is not kept after the call.
 */
function slopeBuffer(n: number): Float64Array {
  if (n > REUSED_SLOPES) return new Float64Array(n);
  if (reusedSlopes.length < n)
    reusedSlopes = new Float64Array(Math.min(REUSED_SLOPES, Math.max(n, 2 * reusedSlopes.length)));
  return reusedSlopes;
}
const REUSED_SLOPES = 2 ** 21;
let reusedSlopes = new Float64Array(0);

/**
 * Seasonal Kendall test per scope × metric × node (Hirsch, Slack & Smith, Water Resour. Res. 18 (1982) 107–121):
 * blocks are the cells' factor levels; y is a run's deviation from its cell mean in % of the mean, averaged over the
 * run's tests and protocols (one value per run: the tests of a run share its memory state, so they are not
 * independent); S and Var(S) are summed over blocks, the slope is the median of within-block pairwise slopes with
 * Sen's interval from the summed variance.
 */
function metricDrifts(
  summaries: readonly CellSummary[],
  names: readonly string[],
  scopeFactor: string | null,
  metrics: readonly Metric[] | undefined,
  hoursOf: (f: Readonly<Record<string, string>>, iteration: number) => number | null,
  level: number,
  alpha: number,
  z: number,
): MetricDrift[] {
  interface Group {
    scope: Record<string, string>;
    metric: Metric;
    node: NodeRole | null;
    /** block (factor levels) → run hours → [sum of deviations, count] */
    blocks: Map<string, Map<number, [number, number]>>;
  }
  const groups = new Map<string, Group>();
  for (const s of summaries) {
    if (metrics !== undefined && !metrics.includes(s.metric)) continue;
    if (s.mean === null || s.mean === 0 || s.n < 2) continue;
    const scope: Record<string, string> =
      scopeFactor !== null && s.factors[scopeFactor] !== undefined ? { [scopeFactor]: s.factors[scopeFactor]! } : {};
    const groupKey = `${JSON.stringify(scope)}|${s.metric}|${s.node ?? '-'}`;
    let g = groups.get(groupKey);
    if (!g) groups.set(groupKey, (g = { scope, metric: s.metric, node: s.node, blocks: new Map() }));
    const blockKey = levelsKey(names, s.factors);
    let block = g.blocks.get(blockKey);
    if (!block) g.blocks.set(blockKey, (block = new Map()));
    for (let i = 0; i < s.values.length; i++) {
      const h = hoursOf(s.factors, s.iterations[i]!);
      if (h === null) continue;
      const deviation = (100 * (s.values[i]! - s.mean)) / Math.abs(s.mean);
      const acc = block.get(h);
      if (acc) {
        acc[0] += deviation;
        acc[1]++;
      } else block.set(h, [deviation, 1]);
    }
  }
  const drafts: Omit<MetricDrift, 'pAdjusted' | 'drifting'>[] = [];
  for (const g of groups.values()) {
    let s = 0;
    let varS = 0;
    let runs = 0;
    let first = Infinity;
    let last = -Infinity;
    // a block's run hours are distinct (map keys): n(n−1)/2 slopes each, in one typed array for the group
    let pairs = 0;
    for (const block of g.blocks.values()) pairs += (block.size * (block.size - 1)) / 2;
    const slopes = slopeBuffer(pairs);
    let count = 0;
    for (const block of g.blocks.values()) {
      const x = Float64Array.from(block.keys()).sort();
      const y = x.map((h) => block.get(h)![0] / block.get(h)![1]);
      runs += x.length;
      if (x.length > 0) {
        first = Math.min(first, x[0]!);
        last = Math.max(last, x[x.length - 1]!);
      }
      if (x.length < 2) continue;
      s += kendallS(x, y);
      varS += mannKendallVariance(x.length, tieSums(x), tieSums(y));
      count = sortedPairSlopes(x, y, slopes, count);
    }
    const zS = varS > 0 ? s / Math.sqrt(varS) : null;
    const sen = count > 0 && varS > 0 ? senEstimate(slopes.subarray(0, count), varS, level, 0, 0, z) : null;
    drafts.push({
      scope: g.scope,
      metric: g.metric,
      node: g.node,
      runs,
      blocks: g.blocks.size,
      trend: { s, varS, tau: null, z: zS, p: zS === null ? null : Math.min(1, 2 * normalSf(Math.abs(zS))) },
      slopePctPerHour: sen?.slope ?? null,
      slopeCi: sen ? { lo: sen.lo, hi: sen.hi, level, method: 'sen' } : null,
      spanHours: Number.isFinite(first) ? last - first : 0,
    });
  }
  const adjusted = bh(drafts.map((d) => d.trend.p));
  return drafts.map((d, i) => ({ ...d, pAdjusted: adjusted[i] ?? null, drifting: (adjusted[i] ?? 1) < alpha }));
}

function extent(hours: readonly number[]): { min: number; max: number; mean: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const h of hours) {
    min = Math.min(min, h);
    max = Math.max(max, h);
    sum += h;
  }
  return { min, max, mean: sum / hours.length };
}

/** Run cells grouped by context: the levels of every factor but `factor`. */
function byContext(runCells: readonly RunCell[], names: readonly string[], factor: string): Map<string, RunCell[]> {
  const others = names.filter((n) => n !== factor);
  const contexts = new Map<string, RunCell[]>();
  for (const rc of runCells) {
    if (rc.hours.length === 0 || rc.factors[factor] === undefined) continue;
    const key = levelsKey(others, rc.factors);
    const list = contexts.get(key);
    if (list) list.push(rc);
    else contexts.set(key, [rc]);
  }
  return contexts;
}

/**
 * Levels run entirely before or after all other levels of `factor` in at least one context (the other factors'
 * levels), counted per scope.
 */
function confoundedLevels(
  runCells: readonly RunCell[],
  names: readonly string[],
  factor: string,
  scopeFactor: string | null,
): TimeConfounding[] {
  interface Tally {
    scope: Record<string, string>;
    level: string;
    contexts: number;
    first: number;
    last: number;
    gap: number;
  }
  const tallies = new Map<string, Tally>();
  for (const cellsOfContext of byContext(runCells, names, factor).values()) {
    if (cellsOfContext.length < 2) continue;
    const scope: Record<string, string> =
      scopeFactor !== null && cellsOfContext[0]!.factors[scopeFactor] !== undefined
        ? { [scopeFactor]: cellsOfContext[0]!.factors[scopeFactor]! }
        : {};
    for (const rc of cellsOfContext) {
      const levelName = rc.factors[factor]!;
      const own = extent(rc.hours);
      const others = extent(cellsOfContext.filter((o) => o !== rc).flatMap((o) => o.hours));
      const key = `${JSON.stringify(scope)}|${levelName}`;
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = { scope, level: levelName, contexts: 0, first: 0, last: 0, gap: 0 }));
      t.contexts++;
      if (own.max < others.min) t.first++;
      else if (own.min > others.max) t.last++;
      t.gap += own.mean - others.mean;
    }
  }
  const out: TimeConfounding[] = [];
  for (const t of tallies.values()) {
    const separated = t.first + t.last;
    if (separated === 0) continue;
    out.push({
      scope: t.scope,
      factor,
      level: t.level,
      position: t.last === 0 ? 'first' : t.first === 0 ? 'last' : 'mixed',
      contexts: t.contexts,
      separated,
      gapHours: t.gap / t.contexts,
    });
  }
  return out;
}

function comparisonTimings(
  runCells: readonly RunCell[],
  names: readonly string[],
  factor: string,
  baseline: string,
): ComparisonTiming[] {
  const out: ComparisonTiming[] = [];
  for (const cellsOfContext of byContext(runCells, names, factor).values()) {
    const base = cellsOfContext.find((rc) => rc.factors[factor] === baseline);
    if (!base) continue;
    const b = extent(base.hours);
    const isBlock = (cell: RunCell): boolean => {
      const own = extent(cell.hours);
      const others = extent(cellsOfContext.filter((o) => o !== cell).flatMap((o) => o.hours));
      return own.max < others.min || own.min > others.max;
    };
    const baseBlock = isBlock(base);
    for (const rc of cellsOfContext) {
      if (rc === base) continue;
      const own = extent(rc.hours);
      out.push({
        key: comparisonTimingKey(names, factor, rc.factors[factor]!, baseline, rc.factors),
        separated: own.max < b.min || own.min > b.max,
        blocked: baseBlock || isBlock(rc),
        gapHours: own.mean - b.mean,
      });
    }
  }
  return out;
}

/** What drift may do to one comparison: its timing, the campaign drift of its metric there, and the bias it implies. */
export interface ComparisonDriftRisk {
  readonly timing: ComparisonTiming;
  readonly metricDrift: MetricDrift | null;
  /** slope (% of the mean per hour) × gap (hours): the % change drift alone would produce, or null */
  readonly expectedDriftPct: number | null;
}

/**
 * The drift risk of a comparison whose two cells were not interleaved in time because one of them was run as a
 * block before or after the other levels (null otherwise, or when the analysis has no run times). The findings attach it as a caveat to the effect.
 */
export function comparisonDriftRisk(
  drift: DriftAnalysis | undefined,
  factorNames: readonly string[],
  comparison: Pick<Comparison, 'factor' | 'level' | 'baseline' | 'cell'>,
): ComparisonDriftRisk | null {
  if (!drift) return null;
  const key = comparisonTimingKey(
    factorNames,
    comparison.factor,
    comparison.level,
    comparison.baseline,
    comparison.cell.factors,
  );
  const timing = drift.timings.find((t) => t.key === key);
  // a chance separation of two cells in an interleaved (randomised) campaign biases nothing on average: only a
  // block design, where the baseline or the level was run entirely before or after the others, is a caveat
  if (!timing || !timing.separated || !timing.blocked) return null;
  const scopeLevel = drift.scopeFactor === null ? undefined : comparison.cell.factors[drift.scopeFactor];
  const metricDrift =
    drift.metrics.find(
      (m) =>
        m.metric === comparison.cell.metric &&
        m.node === comparison.cell.node &&
        (drift.scopeFactor === null || m.scope[drift.scopeFactor] === scopeLevel),
    ) ?? null;
  return {
    timing,
    metricDrift,
    expectedDriftPct:
      metricDrift?.slopePctPerHour !== null && metricDrift !== null
        ? metricDrift.slopePctPerHour! * timing.gapHours
        : null,
  };
}
