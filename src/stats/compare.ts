import { statsMessages } from '../messages/stats.js';
import { tQuantile } from './dist/t.js';
import { bootstrapRatio, seedFor } from './bootstrap.js';
import { fiellerRatio } from './fieller.js';
import { hedgesG } from './hedges-g.js';
import { cellKeyWith } from './keys.js';
import { mannWhitneyU } from './mann-whitney.js';
import { checkLevelAndAlpha } from './options.js';
import { adjustP } from './p-adjust.js';
import type { CellSummary, Comparison, StatWarning } from './types.js';
import { welchT, type SampleMoments } from './welch-t.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface CompareOptions {
  /** factor whose levels are compared with its baseline level; default 'distribution' */
  readonly factor?: string;
  /** baseline level; default 'k8s' */
  readonly baseline?: string;
  /** confidence level of the intervals; default 0.95 */
  readonly level?: number;
  /** significance threshold for adjusted p; default 0.05 */
  readonly alpha?: number;
  /** p-value adjustment within each family; default 'holm' */
  readonly adjust?: 'holm' | 'bh' | 'none';
  /** which test's p decides significance; default 'welch' */
  readonly test?: 'welch' | 'mann-whitney';
  /** interval of the % delta: 'fieller' (default) or a seeded percentile 'bootstrap' (2000 resamples) */
  readonly percentInterval?: 'fieller' | 'bootstrap';
  /** seed of the bootstrap (each comparison derives its own stream from it and its key); default 1 */
  readonly seed?: number;
}

/** Below these sizes a comparison carries a warning (benchstat warns likewise). */
export const MIN_N_FOR_SIGNIFICANCE = 4;
export const MIN_N_FOR_INTERVAL = 6;

/**
 * Compare each level of a factor with the baseline level of that factor, all else equal (same other factors, test,
 * protocol, node and metric): absolute delta of means with its Welch interval; % delta of means with Fieller's
 * interval (method 'fieller', see fieller.ts; or, with `percentInterval: 'bootstrap'`, a seeded percentile bootstrap); Welch's t test; Mann–Whitney U (exact without ties up to n = 50,
 * else normal approximation with tie and continuity correction); Hedges' g; p adjusted by Holm (or BH).
 *
 * Family: the p-values adjusted together are those of one *comparison group* — the same levels of every other factor
 * and the same test, protocol, node and metric — i.e. all non-baseline levels of the factor against the baseline
 * (for the reference study: K3s, K0s and MicroK8s vs K8s for one plugin, testbed, condition and metric; a family of 3).
 * Each metric and condition is its own question, as a reader of one figure panel asks it. `family` names the group.
 *
 * Significance is benchstat's: adjusted p < alpha, otherwise the change is shown as `~`. Problems are warnings on
 * the record (missing baseline, n < 4, n < 6, zero variance), never exceptions.
 * @example compare(describe(observations), { factor: 'distribution', baseline: 'k8s' })
 */
export function compare(summaries: readonly CellSummary[], options: CompareOptions = {}): Comparison[] {
  const factor = options.factor ?? 'distribution';
  const baseline = options.baseline ?? 'k8s';
  const level = options.level ?? 0.95;
  const alpha = options.alpha ?? 0.05;
  const adjust = options.adjust ?? 'holm';
  checkLevelAndAlpha('compare', level, alpha);
  const decideBy = options.test ?? 'welch';
  const percentInterval = options.percentInterval ?? 'fieller';
  const seed = options.seed ?? 1;
  const byKey = new Map<string, CellSummary>();
  for (const s of summaries) byKey.set(s.key, s);
  const draft: Mutable<Comparison>[] = [];
  let names: readonly string[] = [];
  let namesOf: Readonly<Record<string, string>> | null = null;
  for (const s of summaries) {
    const lvl = s.factors[factor];
    if (lvl === undefined || lvl === baseline) continue;
    if (s.factors !== namesOf) {
      names = Object.keys(s.factors);
      namesOf = s.factors;
    }
    const baselineKey = cellKeyWith(names, s.factors, s, factor, baseline);
    const family = `${factor}=*|` + cellKeyWith(names, s.factors, s, factor, null);
    draft.push(
      compareCells(s, byKey.get(baselineKey), {
        factor,
        baseline,
        level: lvl,
        baselineKey,
        family,
        confidence: level,
        decideBy,
        percentInterval,
        seed,
      }),
    );
  }
  // adjust within families (first-seen family order; indices keep the output order = summaries order)
  const families = new Map<string, number[]>();
  draft.forEach((d, i) => {
    const list = families.get(d.family);
    if (list) list.push(i);
    else families.set(d.family, [i]);
  });
  const adjusted: (number | null)[] = new Array(draft.length).fill(null);
  for (const indices of families.values()) {
    const ps = adjustP(
      indices.map((i) => draft[i]!.p),
      adjust,
    );
    indices.forEach((i, j) => (adjusted[i] = ps[j]!));
  }
  for (let i = 0; i < draft.length; i++) {
    const d = draft[i]!;
    const pAdjusted = adjusted[i]!;
    d.pAdjusted = pAdjusted;
    d.significant = pAdjusted !== null && pAdjusted < alpha;
  }
  return draft;
}

interface PairContext {
  readonly factor: string;
  readonly baseline: string;
  readonly level: string;
  readonly baselineKey: string;
  readonly family: string;
  readonly confidence: number;
  readonly decideBy: 'welch' | 'mann-whitney';
  readonly percentInterval: 'fieller' | 'bootstrap';
  readonly seed: number;
}

function compareCells(s: CellSummary, b: CellSummary | undefined, ctx: PairContext): Mutable<Comparison> {
  const cell = { factors: s.factors, test: s.test, protocol: s.protocol, node: s.node, metric: s.metric };
  const warnings: StatWarning[] = [];
  const result: Mutable<Comparison> = {
    factor: ctx.factor,
    baseline: ctx.baseline,
    level: ctx.level,
    cell,
    key: s.key,
    baselineKey: ctx.baselineKey,
    nBaseline: b?.n ?? 0,
    n: s.n,
    meanBaseline: b?.mean ?? null,
    mean: s.mean,
    delta: null,
    deltaCi: null,
    deltaPct: null,
    deltaPctCi: null,
    welch: null,
    mannWhitney: null,
    hedgesG: null,
    p: null,
    pAdjusted: null,
    family: ctx.family,
    significant: false,
    warnings,
  };
  if (b === undefined || b.n === 0 || b.mean === null) {
    warnings.push({ code: 'baseline-missing', message: statsMessages.baselineMissing(ctx.baseline, ctx.factor) });
    return result;
  }
  if (s.n === 0 || s.mean === null) {
    warnings.push({ code: 'no-values', message: statsMessages.comparedMissing() });
    return result;
  }
  const minN = Math.min(s.n, b.n);
  if (minN < MIN_N_FOR_SIGNIFICANCE) {
    warnings.push({ code: 'small-n-significance', message: statsMessages.tooFewForSignificance(s.n, b.n) });
  }
  if (minN < MIN_N_FOR_INTERVAL) {
    warnings.push({ code: 'small-n-interval', message: statsMessages.tooFewForInterval(s.n, b.n) });
  }
  const x: SampleMoments = { n: s.n, mean: s.mean, variance: s.variance ?? 0 };
  const y: SampleMoments = { n: b.n, mean: b.mean, variance: b.variance ?? 0 };
  const delta = s.mean - b.mean;
  result.delta = delta;
  result.deltaPct = b.mean !== 0 ? (100 * delta) / b.mean : null;
  if (s.n >= 2 && b.n >= 2 && x.variance === 0 && y.variance === 0) {
    warnings.push({ code: 'zero-variance', message: statsMessages.zeroVarianceBoth() });
  }
  const welch = welchT(x, y);
  result.welch = welch;
  if (welch !== null) {
    const se = Math.sqrt(x.variance / x.n + y.variance / y.n);
    const q = tQuantile(1 - (1 - ctx.confidence) / 2, welch.df);
    result.deltaCi = { lo: delta - q * se, hi: delta + q * se, level: ctx.confidence, method: 'welch' };
    const ratio =
      ctx.percentInterval === 'fieller'
        ? fiellerRatio(x, y, ctx.confidence, q)
        : bootstrapRatio(s.values, b.values, ctx.confidence, { seed: seedFor(ctx.seed, s.key) });
    if (ratio === null) warnings.push({ code: 'unbounded-interval', message: statsMessages.unboundedRatio() });
    else {
      result.deltaPctCi = {
        lo: 100 * (ratio.lo - 1),
        hi: 100 * (ratio.hi - 1),
        level: ctx.confidence,
        method: ratio.method,
      };
    }
  }
  result.mannWhitney = mannWhitneyU(s.values, b.values);
  result.hedgesG = hedgesG(x, y);
  result.p = ctx.decideBy === 'welch' ? (welch?.p ?? null) : (result.mannWhitney?.p ?? null);
  return result;
}
