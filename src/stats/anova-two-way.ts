import { fSf } from './dist/f.js';
import type { AnovaTerm } from './types.js';

/** The sufficient statistics of one cell of a two-way layout. */
export interface AnovaCell {
  readonly a: string;
  readonly b: string;
  readonly n: number;
  readonly mean: number;
  /** Σ (x − cell mean)², the within-cell sum of squares */
  readonly ssWithin: number;
}

export interface AnovaTwoWayOptions {
  /** sums of squares: 1 sequential (A, B, A:B), 2 hierarchical (statsmodels), 3 marginal with sum-to-zero coding; default 2 */
  readonly type?: 1 | 2 | 3;
  /** level order of A (first = reference level of the treatment coding); default first-seen */
  readonly levelsA?: readonly string[];
  readonly levelsB?: readonly string[];
  /** term names; default 'A' and 'B' */
  readonly nameA?: string;
  readonly nameB?: string;
}

export interface AnovaTwoWayFit {
  readonly type: 1 | 2 | 3;
  /** A, B, A:B and Residual (Type III: Intercept first), statsmodels' anova_lm rows */
  readonly terms: AnovaTerm[];
  readonly n: number;
  /** residual mean square and df of the full model (A + B + A:B) */
  readonly mse: number;
  readonly dfResidual: number;
  /** interaction columns that empty cells made non-estimable (df lost) */
  readonly lostInteractionDf: number;
  /** `a|b` pairs with no observation, among the levels present */
  readonly emptyCells: string[];
  readonly balanced: boolean;
  readonly levelsA: string[];
  readonly levelsB: string[];
}

/**
 * Two-way ANOVA with interaction, y ~ A * B, by least squares on dummy-coded design matrices, so that unbalanced and
 * empty cells get the right answer. As the design only depends on the cell, the fit is a weighted regression of the
 * cell means (weights n) and the residual SS is the pooled within-cell SS plus the weighted misfit of the cell means.
 * Sums of squares come from Gram–Schmidt orthogonalisation of the columns in the order each type needs: the SS of a
 * term is the squared length of the response's projection on the new directions its columns add after the others,
 * so no large sums are subtracted (no cancellation):
 * - Type I: sequential, A then B given A then A:B given both;
 * - Type II (statsmodels `anova_lm(typ=2)`): A given B, B given A, A:B given both;
 * - Type III: each term given all the others, with sum-to-zero (`C(x, Sum)`) coding, and the intercept.
 * Columns that are linear combinations of earlier ones (interaction columns of empty cells) are dropped and their
 * count reported as lost df. Partial η² = SS / (SS + SS_residual).
 * Definition: Searle, Linear Models for Unbalanced Data (1987); Langsrud (2003) "ANOVA for unbalanced data: Use
 * Type II instead of Type III sums of squares"; statsmodels.stats.anova.anova_lm.
 * @param cells one entry per non-empty cell
 * @returns the ANOVA table and the full model's residual mean square
 * @throws RangeError if there are no cells
 * @example anovaTwoWay(cells, { type: 2, nameA: 'distribution', nameB: 'plugin' }).terms[2] // { term: 'distribution:plugin', ss: ..., df: 6, f: ..., p: ... }
 */
export function anovaTwoWay(cells: readonly AnovaCell[], options: AnovaTwoWayOptions = {}): AnovaTwoWayFit {
  const type = options.type ?? 2;
  const nameA = options.nameA ?? 'A';
  const nameB = options.nameB ?? 'B';
  const used = cells.filter((c) => c.n > 0);
  if (used.length === 0) throw new RangeError('anovaTwoWay: no non-empty cell');
  const levelsA = orderPresent(
    used.map((c) => c.a),
    options.levelsA,
  );
  const levelsB = orderPresent(
    used.map((c) => c.b),
    options.levelsB,
  );
  const R = used.length;
  const sqrtW = new Float64Array(R);
  let n = 0;
  let ssWithin = 0;
  for (let r = 0; r < R; r++) {
    sqrtW[r] = Math.sqrt(used[r]!.n);
    n += used[r]!.n;
    ssWithin += used[r]!.ssWithin;
  }
  const ai = used.map((c) => levelsA.indexOf(c.a));
  const bi = used.map((c) => levelsB.indexOf(c.b));
  const sumCoding = type === 3;
  const code = (index: number, levels: number, j: number): number =>
    sumCoding ? (index === j ? 1 : index === levels - 1 ? -1 : 0) : index === j + 1 ? 1 : 0;
  const column = (f: (r: number) => number): Float64Array => {
    const v = new Float64Array(R);
    for (let r = 0; r < R; r++) v[r] = f(r) * sqrtW[r]!;
    return v;
  };
  const intercept = [column(() => 1)];
  const colsA: Float64Array[] = [];
  for (let j = 0; j < levelsA.length - 1; j++) colsA.push(column((r) => code(ai[r]!, levelsA.length, j)));
  const colsB: Float64Array[] = [];
  for (let j = 0; j < levelsB.length - 1; j++) colsB.push(column((r) => code(bi[r]!, levelsB.length, j)));
  const colsAB: Float64Array[] = [];
  for (let j = 0; j < levelsA.length - 1; j++) {
    for (let k = 0; k < levelsB.length - 1; k++) {
      colsAB.push(column((r) => code(ai[r]!, levelsA.length, j) * code(bi[r]!, levelsB.length, k)));
    }
  }
  // the response: weighted cell means; centred for every model that has an intercept (the SS do not change, the
  // rounding does), raw for the Type III intercept test
  let grand = 0;
  for (let r = 0; r < R; r++) grand += used[r]!.n * used[r]!.mean;
  grand /= n;
  const yRaw = column((r) => used[r]!.mean);
  const y = column((r) => used[r]!.mean - grand);

  const full = sequentialSS([intercept, colsA, colsB, colsAB], y);
  const lostInteractionDf = colsAB.length - full.df[3]!;
  const dfResidual = n - full.rank;
  const ssResidual = ssWithin + full.residual2;
  const mse = dfResidual > 0 ? ssResidual / dfResidual : NaN;

  const ab = `${nameA}:${nameB}`;
  const raw: { term: string; ss: number; df: number }[] = [];
  if (type === 1) {
    raw.push({ term: nameA, ss: full.ss[1]!, df: full.df[1]! });
    raw.push({ term: nameB, ss: full.ss[2]!, df: full.df[2]! });
    raw.push({ term: ab, ss: full.ss[3]!, df: full.df[3]! });
  } else if (type === 2) {
    const aGivenB = sequentialSS([intercept, colsB, colsA], y);
    raw.push({ term: nameA, ss: aGivenB.ss[2]!, df: aGivenB.df[2]! });
    raw.push({ term: nameB, ss: full.ss[2]!, df: full.df[2]! });
    raw.push({ term: ab, ss: full.ss[3]!, df: full.df[3]! });
  } else {
    const interceptLast = sequentialSS([colsA, colsB, colsAB, intercept], yRaw);
    const aLast = sequentialSS([intercept, colsB, colsAB, colsA], y);
    const bLast = sequentialSS([intercept, colsA, colsAB, colsB], y);
    raw.push({ term: 'Intercept', ss: interceptLast.ss[3]!, df: interceptLast.df[3]! });
    raw.push({ term: nameA, ss: aLast.ss[3]!, df: aLast.df[3]! });
    raw.push({ term: nameB, ss: bLast.ss[3]!, df: bLast.df[3]! });
    raw.push({ term: ab, ss: full.ss[3]!, df: full.df[3]! });
  }
  const terms: AnovaTerm[] = raw.map(({ term, ss, df }) => {
    const testable = df > 0 && dfResidual > 0 && mse > 0;
    const f = testable ? ss / df / mse : null;
    return {
      term,
      ss,
      df,
      f,
      p: f === null ? null : fSf(f, df, dfResidual),
      partialEta2: ss + ssResidual > 0 ? ss / (ss + ssResidual) : null,
    };
  });
  terms.push({ term: 'Residual', ss: ssResidual, df: dfResidual, f: null, p: null, partialEta2: null });

  const present = new Set(used.map((c) => `${c.a}|${c.b}`));
  const emptyCells: string[] = [];
  for (const a of levelsA) for (const b of levelsB) if (!present.has(`${a}|${b}`)) emptyCells.push(`${a}|${b}`);
  const balanced = emptyCells.length === 0 && used.every((c) => c.n === used[0]!.n);
  return { type, terms, n, mse, dfResidual, lostInteractionDf, emptyCells, balanced, levelsA, levelsB };
}

/**
 * Orthogonalise the blocks of columns in order (modified Gram–Schmidt, twice for stability) and return, per block,
 * the SS the block adds (Σ (qᵀy)² over its new directions) and its df (columns kept); columns whose remainder is
 * below 1e-10 of their length are linearly dependent on earlier ones and dropped.
 */
function sequentialSS(
  blocks: readonly (readonly Float64Array[])[],
  y: Float64Array,
): { ss: number[]; df: number[]; rank: number; residual2: number } {
  const basis: Float64Array[] = [];
  const residual = Float64Array.from(y);
  const ss: number[] = [];
  const df: number[] = [];
  for (const block of blocks) {
    let blockSS = 0;
    let blockDf = 0;
    for (const col of block) {
      const v = Float64Array.from(col);
      const norm0 = Math.sqrt(dot(v, v));
      if (norm0 === 0) continue;
      for (let pass = 0; pass < 2; pass++) {
        for (const q of basis) {
          const c = dot(q, v);
          for (let i = 0; i < v.length; i++) v[i]! -= c * q[i]!;
        }
      }
      const norm = Math.sqrt(dot(v, v));
      if (norm <= 1e-10 * norm0) continue;
      for (let i = 0; i < v.length; i++) v[i]! /= norm;
      basis.push(v);
      const c = dot(v, residual);
      for (let i = 0; i < v.length; i++) residual[i]! -= c * v[i]!;
      blockSS += c * c;
      blockDf++;
    }
    ss.push(blockSS);
    df.push(blockDf);
  }
  return { ss, df, rank: basis.length, residual2: dot(residual, residual) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function orderPresent(seen: readonly string[], declared?: readonly string[]): string[] {
  const unique = [...new Set(seen)];
  if (!declared) return unique;
  const inOrder = declared.filter((l) => unique.includes(l));
  return [...inOrder, ...unique.filter((l) => !inOrder.includes(l))];
}
