import { tQuantile, tTwoSidedP } from './dist/t.js';

/** Mean and size of one cell, as the contrast needs them. */
export interface CellMean {
  readonly n: number;
  readonly mean: number;
}

export interface InteractionContrastValue {
  /** observed delta d_ab = m_ab − m_{a0 b} */
  readonly observed: number;
  /** additive prediction: mean of d_ab' over the levels b' present at both a and a0 (b included) */
  readonly additive: number;
  /** contrast c_ab = observed − additive */
  readonly contrast: number;
  /** its standard error √(MSE Σ w_i² / n_i), null without residual df */
  readonly se: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly p: number | null;
  /** number of levels b' the additive prediction averages */
  readonly k: number;
}

/**
 * Interaction contrast of cell (a, b) against the baseline level a0 of factor A: the cell's delta versus the
 * baseline minus the delta an additive (no-interaction) model predicts, estimated as the average delta of level a
 * over the levels b' of factor B present both at a and at a0:
 *   c_ab = (m_ab − m_{a0 b}) − (1/K) Σ_{b'} (m_{ab'} − m_{a0 b'}).
 * It is a linear combination Σ w_i m_i of cell means (w = ±(1 − 1/K) for the two cells of b, ∓1/K for the others),
 * so Var(c) = MSE Σ w_i² / n_i with the residual mean square and df of the full two-way model; the interval and
 * the two-sided p use Student's t with that df. With K = 1 the contrast is identically 0 and not tested.
 * Definition: Kirk, Experimental Design (4th ed., 2013) §9.6 "interaction contrasts"; the additive prediction is
 * the least-squares main-effects fit when the K cells at a and a0 are balanced.
 * @param cellB the cells (a, b) and (a0, b)
 * @param others pairs (a, b'), (a0, b') for every other b' present at both levels
 * @param mse residual mean square of the full model; dfResidual its df
 * @param level confidence level
 * @example interactionContrast({ at: { n: 10, mean: 114 }, base: { n: 10, mean: 100 } }, [{ at: { n: 10, mean: 94 }, base: { n: 10, mean: 100 } }], 25, 36, 0.95)
 * // contrast = 14 − (14 − 6) / 2 = 10, se = √(25 · 4 · 0.25 / 10) = 1.58...
 */
export function interactionContrast(
  cellB: { readonly at: CellMean; readonly base: CellMean },
  others: readonly { readonly at: CellMean; readonly base: CellMean }[],
  mse: number,
  dfResidual: number,
  level: number,
): InteractionContrastValue {
  const k = others.length + 1;
  const observed = cellB.at.mean - cellB.base.mean;
  let sumDeltas = observed;
  for (const o of others) sumDeltas += o.at.mean - o.base.mean;
  const additive = sumDeltas / k;
  const contrast = observed - additive;
  if (k === 1 || !(dfResidual > 0) || !(mse >= 0) || !Number.isFinite(mse)) {
    return { observed, additive, contrast, se: null, lo: null, hi: null, p: null, k };
  }
  const wB = 1 - 1 / k;
  const wO = 1 / k;
  let sumW2n = wB * wB * (1 / cellB.at.n + 1 / cellB.base.n);
  for (const o of others) sumW2n += wO * wO * (1 / o.at.n + 1 / o.base.n);
  const se = Math.sqrt(mse * sumW2n);
  if (!(se > 0)) return { observed, additive, contrast, se, lo: null, hi: null, p: null, k };
  const q = tQuantile(1 - (1 - level) / 2, dfResidual);
  return {
    observed,
    additive,
    contrast,
    se,
    lo: contrast - q * se,
    hi: contrast + q * se,
    p: tTwoSidedP(contrast / se, dfResidual),
    k,
  };
}
