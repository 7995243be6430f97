import { statsMessages } from './messages.js';
import { tQuantile } from './dist/t.js';
import { bootstrapRatio, seedFor } from './bootstrap.js';
import { fiellerRatio } from './fieller.js';
import { hedgesG } from './hedges-g.js';
import { conditionKey } from './keys.js';
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
  /**
   * which p-values are adjusted together: 'group' (default here) = the levels of the factor within one comparison
   * group; 'all' = every comparison of this call (analyse() uses 'all' with BH: the findings are drawn from all)
   */
  readonly family?: 'group' | 'all';
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
 * No significance claim with fewer runs than this on a side: with 2 vs 2, Welch's t has about 2 df, its p rests on
 * two variance estimates of one df each, and a "significant" row is mostly luck of the draw. The comparison keeps its
 * numbers and p, but `significant` stays false with a warning that says why.
 */
export const MIN_N_FOR_CLAIM = 3;
/** At or below this many runs on a side a plain note says how little Welch's df and effect sizes rest on. */
export const SMALL_N_NOTE = 3;

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
  const familyScope = options.family ?? 'group';
  checkLevelAndAlpha('compare', level, alpha);
  const decideBy = options.test ?? 'welch';
  const percentInterval = options.percentInterval ?? 'fieller';
  const seed = options.seed ?? 1;
  const byKey = new Map<string, CellSummary>();
  for (const s of summaries) byKey.set(s.key, s);
  const draft: Mutable<Comparison>[] = [];
  // families in first-seen order, each with the indices of its comparisons; one family string per family
  const families = new Map<string, Family>();
  const shared: PairContext = { factor, baseline, confidence: level, decideBy, percentInterval, seed };
  // the factor parts of the baseline key and of the family key, built once per factors record (shared by the cells
  // of a file), then joined to the condition part: the same strings cellKeyWith builds, without rebuilding them
  const prefixes = new Map<Readonly<Record<string, string>>, KeyPrefixes>();
  const familyPrefix = `${factor}=*|`;
  for (const s of summaries) {
    const lvl = s.factors[factor];
    if (lvl === undefined || lvl === baseline) continue;
    let prefix = prefixes.get(s.factors);
    if (prefix === undefined) {
      prefix = keyPrefixes(s.factors, factor, baseline);
      prefixes.set(s.factors, prefix);
    }
    const condition = conditionKey(s);
    const familyKey = prefix.family + condition;
    let entry = families.get(familyKey);
    let baselineKey: string;
    let baselineCell: CellSummary | undefined;
    if (entry === undefined) {
      baselineKey = prefix.baseline + condition;
      baselineCell = byKey.get(baselineKey);
      entry = {
        members: [],
        family: familyPrefix + familyKey,
        baselinePrefix: prefix.baseline,
        condition,
        // the baseline's own key when found (the same string): one copy kept
        baselineKey: baselineCell?.key ?? baselineKey,
        baselineCell,
      };
      families.set(familyKey, entry);
      baselineKey = entry.baselineKey;
    } else if (prefix.baseline === entry.baselinePrefix && condition === entry.condition) {
      // the family's baseline cell, already looked up (the members of a family share it)
      baselineKey = entry.baselineKey;
      baselineCell = entry.baselineCell;
    } else {
      baselineKey = prefix.baseline + condition;
      baselineCell = byKey.get(baselineKey);
    }
    entry.members.push(draft.length);
    draft.push(compareCells(s, baselineCell, lvl, baselineKey, entry.family, shared));
  }
  // adjust within families (indices keep the output order = summaries order); 'all': one family of everything
  const familyP: (number | null)[] = [];
  const memberLists = familyScope === 'all' ? [draft.map((_, i) => i)] : [...families.values()].map((f) => f.members);
  if (familyScope === 'all') for (const d of draft) d.family = ALL_FAMILY;
  for (const indices of memberLists) {
    familyP.length = 0;
    for (const i of indices) familyP.push(draft[i]!.p);
    const ps = adjustP(familyP, adjust);
    for (let j = 0; j < indices.length; j++) {
      const d = draft[indices[j]!]!;
      const pAdjusted = ps[j]!;
      d.pAdjusted = pAdjusted;
      d.significant = pAdjusted !== null && pAdjusted < alpha && Math.min(d.n, d.nBaseline) >= MIN_N_FOR_CLAIM;
    }
  }
  return draft;
}

/** The family string of every comparison when all are adjusted together. */
export const ALL_FAMILY = 'all comparisons';

/** A comparison family: its members (indices into the output) and, from its first member, its baseline cell. */
interface Family {
  readonly members: number[];
  /** the family string, shared by the members (equal strings, one copy) */
  readonly family: string;
  readonly baselinePrefix: string;
  readonly condition: string;
  readonly baselineKey: string;
  readonly baselineCell: CellSummary | undefined;
}

interface KeyPrefixes {
  /** the `name=level|` pairs of the baseline cell (the factor at the baseline level) */
  readonly baseline: string;
  /** the `name=level|` pairs without the factor */
  readonly family: string;
}

/** The factor parts of cellKeyWith(Object.keys(factors), factors, c, factor, baseline | null), without the condition. */
function keyPrefixes(factors: Readonly<Record<string, string>>, factor: string, baseline: string): KeyPrefixes {
  let baselinePrefix = '';
  let familyPrefix = '';
  for (const name of Object.keys(factors)) {
    if (name === factor) baselinePrefix += `${name}=${baseline}|`;
    else {
      const pair = `${name}=${factors[name] ?? ''}|`;
      baselinePrefix += pair;
      familyPrefix += pair;
    }
  }
  return { baseline: baselinePrefix, family: familyPrefix };
}

/** What every comparison of one compare() call shares. */
interface PairContext {
  readonly factor: string;
  readonly baseline: string;
  readonly confidence: number;
  readonly decideBy: 'welch' | 'mann-whitney';
  readonly percentInterval: 'fieller' | 'bootstrap';
  readonly seed: number;
}

/** Shared, frozen empty warning list of the comparisons without warnings (most): no array per record. */
const NO_WARNINGS: readonly StatWarning[] = Object.freeze([]);

function warn(record: Mutable<Comparison>, warning: StatWarning): void {
  if (record.warnings === NO_WARNINGS) record.warnings = [warning];
  else (record.warnings as StatWarning[]).push(warning);
}

function compareCells(
  s: CellSummary,
  b: CellSummary | undefined,
  level: string,
  baselineKey: string,
  family: string,
  ctx: PairContext,
): Mutable<Comparison> {
  const cell = { factors: s.factors, test: s.test, protocol: s.protocol, node: s.node, metric: s.metric };
  const result: Mutable<Comparison> = {
    factor: ctx.factor,
    baseline: ctx.baseline,
    level,
    cell,
    key: s.key,
    baselineKey,
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
    family,
    significant: false,
    warnings: NO_WARNINGS,
  };
  if (b === undefined || b.n === 0 || b.mean === null) {
    warn(result, { code: 'baseline-missing', message: statsMessages.baselineMissing(ctx.baseline, ctx.factor) });
    return result;
  }
  if (s.n === 0 || s.mean === null) {
    warn(result, { code: 'no-values', message: statsMessages.comparedMissing() });
    return result;
  }
  const minN = Math.min(s.n, b.n);
  // the Mann–Whitney test cannot reach p < 0.05 with fewer than 4 values on a side (its smallest exact two-sided p
  // with 3 vs 3 is 0.1); Welch's t can, so the warning belongs to rows decided by Mann–Whitney only
  if (minN < MIN_N_FOR_SIGNIFICANCE && ctx.decideBy === 'mann-whitney') {
    warn(result, { code: 'small-n-significance', message: statsMessages.tooFewForSignificance(s.n, b.n) });
  }
  if (minN < MIN_N_FOR_CLAIM) {
    warn(result, { code: 'small-n-claim', message: statsMessages.tooFewForClaim(s.n, b.n, MIN_N_FOR_CLAIM) });
  } else if (minN <= SMALL_N_NOTE) {
    warn(result, { code: 'small-n', message: statsMessages.smallN(s.n, b.n) });
  }
  if (minN < MIN_N_FOR_INTERVAL) {
    warn(result, { code: 'small-n-interval', message: statsMessages.tooFewForInterval(s.n, b.n) });
  }
  const x: SampleMoments = { n: s.n, mean: s.mean, variance: s.variance ?? 0 };
  const y: SampleMoments = { n: b.n, mean: b.mean, variance: b.variance ?? 0 };
  const delta = s.mean - b.mean;
  result.delta = delta;
  result.deltaPct = b.mean !== 0 ? (100 * delta) / b.mean : null;
  if (s.n >= 2 && b.n >= 2 && x.variance === 0 && y.variance === 0) {
    if (delta !== 0) {
      // a deterministic shift: nothing to test, and "not significant (p = ?)" would misread it
      result.exact = true;
      warn(result, { code: 'exact-change', message: statsMessages.exactChange() });
    } else warn(result, { code: 'zero-variance', message: statsMessages.zeroVarianceBoth() });
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
    if (ratio === null) warn(result, { code: 'unbounded-interval', message: statsMessages.unboundedRatio() });
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
