import { tQuantile, tTwoSidedP } from './dist/t.js';

/** Mean and size of one cell, as the contrast needs them. */
export interface CellMean {
  readonly n: number;
  readonly mean: number;
}

/** A level b' of factor B at both levels of A: the cells (a, b') and (a0, b'). */
export interface CellPair {
  readonly at: CellMean;
  readonly base: CellMean;
}

/**
 * What the additive prediction of a cell's delta is made of:
 * - `'median'` (default): the median of the deltas of all K levels, the cell's own included (one row sweep of
 *   Tukey's median polish on the table of deltas); robust to up to ⌈K/2⌉ − 1 levels with effects of their own;
 *   a cell that is itself the median has contrast 0 and is not tested;
 * - `'median-others'`: the median of the OTHER levels' deltas (leave-one-out median); with an even number of others
 *   it averages the middle two, so two deviating levels among five pull the reference half-way;
 * - `'mean'`: the mean of all levels' deltas, the cell's own included (the least-squares main-effects fit when
 *   balanced); one large effect then shifts every other cell's contrast.
 */
export type AdditiveReference = 'median' | 'median-others' | 'mean';

export interface InteractionContrastValue {
  /** observed delta d_ab = m_ab − m_{a0 b} */
  readonly observed: number;
  /** additive prediction: median of d_ab' over the levels b' (see AdditiveReference) */
  readonly additive: number;
  /** contrast c_ab = observed − additive */
  readonly contrast: number;
  /** its standard error √(MSE Σ w_i² / n_i), null without residual df */
  readonly se: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly p: number | null;
  /** number of levels of B the comparison spans (b and the others present at both a and a0) */
  readonly k: number;
  /**
   * indices into `others` of the pairs the additive prediction used (the median's middle one or two, without the
   * cell's own; all for mean)
   */
  readonly reference: readonly number[];
}

/** Indices of the middle one (odd count) or two (even count) of `values`, ties broken by index (deterministic). */
export function medianIndices(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const order = values.map((_, i) => i).sort((x, y) => values[x]! - values[y]! || x - y);
  const mid = Math.floor(order.length / 2);
  return order.length % 2 === 1 ? [order[mid]!] : [order[mid - 1]!, order[mid]!].sort((x, y) => x - y);
}

/**
 * Interaction contrast of cell (a, b) against the baseline level a0 of factor A: the cell's delta versus the
 * baseline minus the delta an additive (no-interaction) model predicts for it.
 *
 * The default prediction is robust: the MEDIAN of the deltas of level a over the K levels b' of factor B present both
 * at a and at a0 (one row sweep of Tukey's median polish on the table of deltas — Tukey, Exploratory Data Analysis,
 * 1977, ch. 10; Hoaglin, Mosteller & Tukey, Understanding Robust and Exploratory Data Analysis, 1983, ch. 6):
 *   c_ab = (m_ab − m_{a0 b}) − median_{b'} (m_{ab'} − m_{a0 b'}).
 * A plugin with a large effect of its own then leaves the other cells' contrasts near 0, where the mean
 * (Kirk, Experimental Design, 4th ed., 2013, §9.6, `reference: 'mean'`) would shift all of them by d_{ab*}/K.
 *
 * Interval and p are CONDITIONAL on which cells the median selected: with that selection held fixed the contrast
 * is a linear combination Σ w_i m_i of cell means (±1 for the two cells of b, ∓1 for the selected pair, or ∓½ for
 * each of the two middle pairs when K is even), so Var(c) = MSE Σ w_i² / n_i with the residual mean square and df
 * of the full two-way model, and the interval and two-sided p use Student's t at that df. This ignores that the
 * selection depends on the data, so the interval is approximate; on Gaussian additive data it is conservative
 * (test/stats: p < 0.05 in about 1 % of contrasts). A cell that is itself the median (or K = 1) has contrast 0 and
 * is not tested.
 * @param cellB the cells (a, b) and (a0, b)
 * @param others pairs (a, b'), (a0, b') for every other b' present at both levels
 * @param mse residual mean square of the full model; dfResidual its df
 * @param level confidence level
 * @param reference additive prediction; default 'median'
 * @example interactionContrast({ at: { n: 10, mean: 114 }, base: { n: 10, mean: 100 } }, [{ at: { n: 10, mean: 94 }, base: { n: 10, mean: 100 } }, { at: { n: 10, mean: 100 }, base: { n: 10, mean: 100 } }], 25, 36, 0.95)
 * // deltas 14, −6, 0 → median 0 (the third pair), contrast = 14, se = √(25 · (2/10 + 2/10)) = 3.16...
 */
export function interactionContrast(
  cellB: CellPair,
  others: readonly CellPair[],
  mse: number,
  dfResidual: number,
  level: number,
  reference: AdditiveReference = 'median',
): InteractionContrastValue {
  const k = others.length + 1;
  const observed = cellB.at.mean - cellB.base.mean;
  const deltas = others.map((o) => o.at.mean - o.base.mean);
  // weights of the selected pairs and of the cell's own pair in the contrast
  let selected: number[];
  let weightOthers: number;
  let weightOwn: number;
  let additive: number;
  if (reference === 'mean') {
    selected = others.map((_, i) => i);
    additive = (observed + deltas.reduce((s, d) => s + d, 0)) / k;
    weightOthers = 1 / k;
    weightOwn = 1 - 1 / k;
  } else if (reference === 'median-others') {
    selected = medianIndices(deltas);
    additive = selected.length === 0 ? observed : selected.reduce((s, i) => s + deltas[i]!, 0) / selected.length;
    weightOthers = selected.length === 0 ? 0 : 1 / selected.length;
    weightOwn = 1;
  } else {
    // median of all K deltas, the cell's own at index 0 of `all`
    const all = [observed, ...deltas];
    const middle = medianIndices(all);
    additive = middle.reduce((s, i) => s + all[i]!, 0) / middle.length;
    selected = middle.filter((i) => i > 0).map((i) => i - 1);
    weightOthers = 1 / middle.length;
    weightOwn = middle.includes(0) ? 1 - 1 / middle.length : 1;
  }
  const contrast = k === 1 ? 0 : observed - additive;
  if (k === 1 || !(dfResidual > 0) || !(mse >= 0) || !Number.isFinite(mse)) {
    return { observed, additive, contrast, k, reference: selected, se: null, lo: null, hi: null, p: null };
  }
  let sumW2n = weightOwn * weightOwn * (1 / cellB.at.n + 1 / cellB.base.n);
  for (const i of selected) {
    const o = others[i]!;
    sumW2n += weightOthers * weightOthers * (1 / o.at.n + 1 / o.base.n);
  }
  const se = Math.sqrt(mse * sumW2n);
  if (!(se > 0)) return { observed, additive, contrast, k, reference: selected, se, lo: null, hi: null, p: null };
  const q = criticalT(level, dfResidual);
  return {
    observed,
    additive,
    contrast,
    k,
    reference: selected,
    se,
    lo: contrast - q * se,
    hi: contrast + q * se,
    p: tTwoSidedP(contrast / se, dfResidual),
  };
}

// the contrasts of one ANOVA group share its level and residual df: their t quantile is computed once
let lastLevel = NaN;
let lastDf = NaN;
let lastQuantile = NaN;

/** tQuantile(1 − (1 − level)/2, df), remembering the last answer. */
function criticalT(level: number, df: number): number {
  if (level !== lastLevel || df !== lastDf) {
    lastQuantile = tQuantile(1 - (1 - level) / 2, df);
    lastLevel = level;
    lastDf = df;
  }
  return lastQuantile;
}
