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
  readonly anovaType?: 1 | 2 | 3;
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
 * empty cells get the right answer. Types I and II need only the additive model's columns (the model with A:B is
 * saturated on the cells present), so their cost grows with the levels of A plus B, not with their product; Type III
 * builds the interaction columns and is meant for designs of tens of levels. As the design only depends on the cell, the fit is a weighted regression of the
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
 * @example anovaTwoWay(cells, { anovaType: 2, nameA: 'distribution', nameB: 'plugin' }).terms[2] // { term: 'distribution:plugin', ss: ..., df: 6, f: ..., p: ... }
 */
export function anovaTwoWay(cells: readonly AnovaCell[], options: AnovaTwoWayOptions = {}): AnovaTwoWayFit {
  const type = options.anovaType ?? 2;
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
  const nA = levelsA.length;
  const nB = levelsB.length;
  // rows in grid order, so that equal designs (same cells, same sizes) share one cached basis
  const rows = used
    .map((c) => ({ c, ai: levelsA.indexOf(c.a), bi: levelsB.indexOf(c.b) }))
    .sort((x, y) => x.ai * nB + x.bi - (y.ai * nB + y.bi));
  const R = rows.length;
  let n = 0;
  let ssWithin = 0;
  let designKey = `${type}|${nA}|${nB}`;
  for (const r of rows) {
    n += r.c.n;
    ssWithin += r.c.ssWithin;
    designKey += `|${r.ai},${r.bi},${r.c.n}`;
  }
  let design = designCache.get(designKey);
  if (design === undefined) {
    design = buildDesign(rows, nA, nB, type);
    if (designCache.size >= DESIGN_CACHE_SIZE) designCache.clear();
    designCache.set(designKey, design);
  }
  // the response: weighted cell means; centred for every model that has an intercept (the SS do not change, the
  // rounding does), raw for the Type III intercept test
  let grand = 0;
  for (const r of rows) grand += r.c.n * r.c.mean;
  grand /= n;
  const y = new Float64Array(R);
  const yRaw = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    const w = Math.sqrt(rows[i]!.c.n);
    y[i] = w * (rows[i]!.c.mean - grand);
    yRaw[i] = w * rows[i]!.c.mean;
  }

  const ab = `${nameA}:${nameB}`;
  const raw: { term: string; ss: number; df: number }[] = [];
  let rank: number;
  let misfit: number;
  let dfInteraction: number;
  if (type === 3) {
    const full = project(design.full!, y);
    rank = design.full!.rank;
    misfit = full.residual2;
    dfInteraction = design.full!.df[3]!;
    const interceptLast = design.interceptLast!;
    const aLast = design.aLast!;
    const bLast = design.bLast!;
    raw.push({ term: 'Intercept', ss: project(interceptLast, yRaw).ss[3]!, df: interceptLast.df[3]! });
    raw.push({ term: nameA, ss: project(aLast, y).ss[3]!, df: aLast.df[3]! });
    raw.push({ term: nameB, ss: project(bLast, y).ss[3]!, df: bLast.df[3]! });
    raw.push({ term: ab, ss: full.ss[3]!, df: dfInteraction });
  } else {
    // With A, B and A:B the model holds one parameter per non-empty cell (saturated on the cells present: rank R),
    // so it fits the cell means exactly and A:B is what the additive model leaves: its SS is the additive fit's
    // residual, its df R − rank(additive). Only the additive basis (1 + (a−1) + (b−1) columns) is built — not the
    // (a−1)(b−1) interaction columns, whose Gram–Schmidt grows as the cube of the levels (51 × 200 levels: hours).
    const additive = project(design.additive!, y);
    rank = R;
    misfit = 0;
    dfInteraction = R - design.additive!.rank;
    raw.push(
      type === 1
        ? { term: nameA, ss: additive.ss[1]!, df: design.additive!.df[1]! }
        : { term: nameA, ss: project(design.aLast!, y).ss[2]!, df: design.aLast!.df[2]! },
    );
    raw.push({ term: nameB, ss: additive.ss[2]!, df: design.additive!.df[2]! });
    raw.push({ term: ab, ss: additive.residual2, df: dfInteraction });
  }
  const lostInteractionDf = design.interactionColumns - dfInteraction;
  const dfResidual = n - rank;
  const ssResidual = ssWithin + misfit;
  const mse = dfResidual > 0 ? ssResidual / dfResidual : NaN;
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

/** An orthonormal basis of blocks of columns taken in order, each vector tagged with its block. */
interface Basis {
  /** rank × R, row-major */
  readonly q: Float64Array;
  readonly block: Int32Array;
  readonly rank: number;
  /** columns kept per block (its df) */
  readonly df: number[];
}

/** The bases one ANOVA type needs, for one design (cells present and their sizes); cached across groups. */
interface Design {
  /** intercept, A, B (Types I and II) */
  readonly additive?: Basis;
  /** intercept, A, B, A:B (Type III) */
  readonly full?: Basis;
  readonly aLast?: Basis;
  readonly bLast?: Basis;
  readonly interceptLast?: Basis;
  readonly interactionColumns: number;
}

const DESIGN_CACHE_SIZE = 256;
const designCache = new Map<string, Design>();

function buildDesign(
  rows: readonly { readonly c: AnovaCell; readonly ai: number; readonly bi: number }[],
  nA: number,
  nB: number,
  type: 1 | 2 | 3,
): Design {
  const R = rows.length;
  const sumCoding = type === 3;
  const code = (index: number, levels: number, j: number): number =>
    sumCoding ? (index === j ? 1 : index === levels - 1 ? -1 : 0) : index === j + 1 ? 1 : 0;
  const column = (f: (r: (typeof rows)[number]) => number): Float64Array => {
    const v = new Float64Array(R);
    for (let i = 0; i < R; i++) v[i] = f(rows[i]!) * Math.sqrt(rows[i]!.c.n);
    return v;
  };
  const intercept = [column(() => 1)];
  const colsA: Float64Array[] = [];
  for (let j = 0; j < nA - 1; j++) colsA.push(column((r) => code(r.ai, nA, j)));
  const colsB: Float64Array[] = [];
  for (let j = 0; j < nB - 1; j++) colsB.push(column((r) => code(r.bi, nB, j)));
  const interactionColumns = (nA - 1) * (nB - 1);
  if (type === 1) return { additive: orthonormalBasis([intercept, colsA, colsB], R), interactionColumns };
  if (type === 2) {
    return {
      additive: orthonormalBasis([intercept, colsA, colsB], R),
      aLast: orthonormalBasis([intercept, colsB, colsA], R),
      interactionColumns,
    };
  }
  const colsAB: Float64Array[] = [];
  for (let j = 0; j < nA - 1; j++) {
    for (let k = 0; k < nB - 1; k++) colsAB.push(column((r) => code(r.ai, nA, j) * code(r.bi, nB, k)));
  }
  return {
    full: orthonormalBasis([intercept, colsA, colsB, colsAB], R),
    interceptLast: orthonormalBasis([colsA, colsB, colsAB, intercept], R),
    aLast: orthonormalBasis([intercept, colsB, colsAB, colsA], R),
    bLast: orthonormalBasis([intercept, colsA, colsAB, colsB], R),
    interactionColumns,
  };
}

/**
 * Orthonormalise the blocks of columns in order (modified Gram–Schmidt, two passes for stability); a column whose
 * remainder is below 1e-10 of its length is a linear combination of earlier ones (a non-estimable interaction
 * column of an empty cell) and is dropped.
 */
function orthonormalBasis(blocks: readonly (readonly Float64Array[])[], R: number): Basis {
  const vectors: Float64Array[] = [];
  const tags: number[] = [];
  const df: number[] = [];
  blocks.forEach((block, b) => {
    let kept = 0;
    for (const col of block) {
      const v = Float64Array.from(col);
      const norm0 = Math.sqrt(dot(v, v));
      if (norm0 === 0) continue;
      for (let pass = 0; pass < 2; pass++) {
        for (const q of vectors) {
          const c = dot(q, v);
          for (let i = 0; i < R; i++) v[i]! -= c * q[i]!;
        }
      }
      const norm = Math.sqrt(dot(v, v));
      if (norm <= 1e-10 * norm0) continue;
      for (let i = 0; i < R; i++) v[i]! /= norm;
      vectors.push(v);
      tags.push(b);
      kept++;
    }
    df.push(kept);
  });
  const q = new Float64Array(vectors.length * R);
  vectors.forEach((v, k) => q.set(v, k * R));
  return { q, block: Int32Array.from(tags), rank: vectors.length, df };
}

/**
 * The SS each block adds: Σ (qᵀr)² over its basis vectors, r the running residual (sequential projection, so the
 * SS of a block is the squared length of what it explains after the blocks before it; no large sums subtracted).
 */
function project(basis: Basis, y: Float64Array): { ss: number[]; residual2: number } {
  const R = y.length;
  const residual = Float64Array.from(y);
  const ss = basis.df.map(() => 0);
  for (let k = 0; k < basis.rank; k++) {
    const off = k * R;
    let c = 0;
    for (let i = 0; i < R; i++) c += basis.q[off + i]! * residual[i]!;
    for (let i = 0; i < R; i++) residual[i]! -= c * basis.q[off + i]!;
    ss[basis.block[k]!]! += c * c;
  }
  return { ss, residual2: dot(residual, residual) };
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
