import type { FactorInfo } from '../model/dataset.js';
import type { Observation } from '../model/observation.js';
import { LEVEL_ORDER } from '../model/levels.js';
import { METRICS, NODES, PROTOCOLS, TESTS } from '../model/vocabulary.js';
import { statsMessages } from '../messages/stats.js';
import { cellKey } from './keys.js';
import { mean } from './mean.js';
import { TUKEY_RULE, tukeyOutliers } from './outliers.js';
import { quantileType7Sorted } from './quantile-type7.js';
import { sampleVariance } from './sample-variance.js';
import { tInterval } from './t-interval.js';
import type { CellSummary, Condition, Interval, StatWarning } from './types.js';

export interface DescribeOptions {
  /** confidence level of the t interval of each mean; default 0.95 */
  readonly level?: number;
  /**
   * factors in display order (names, or the dataset's FactorInfo whose level order is then used to sort cells);
   * factors the observations carry but this list lacks follow in first-seen order. Default: the observations'
   * factor names in first-seen order, levels in conventional order (k8s, k3s, …), then by name
   */
  readonly factors?: readonly (string | FactorInfo)[];
  /** Tukey fence multiplier for outlier flags; default 1.5 */
  readonly outlierK?: number;
}

/**
 * Summarise each cell (all factors + test + protocol + node + metric): n, mean, variance and sd (n − 1), sem, median,
 * min, max, type-7 quartiles, CV, t interval of the mean, and Tukey outlier flags (never dropped).
 * Null values count as missing; NaN/±Infinity values (which a parser should never let through) are excluded with
 * a warning, never averaged. Cells come out sorted by factor level order, then test, protocol, node, metric.
 *
 * Performance: observations are grouped once, by interning each key part to an integer and combining them in
 * mixed radix, then values are laid out per cell in one typed array (counting sort); no per-row closures.
 * @example describe(observations)[0] // { key: 'testbed=UOM|distribution=k8s|plugin=flannel|idle|-|server|ram', n: 10, mean: 591.98, ... }
 */
export function describe(observations: readonly Observation[], options: DescribeOptions = {}): CellSummary[] {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`describe: option level must be in (0, 1), got ${level}`);
  const k = options.outlierK ?? 1.5;
  const factorNames = resolveFactorNames(observations, options.factors);
  const nDims = factorNames.length + 4;
  const N = observations.length;

  // 1. intern every key part per dimension
  const dictionaries: Map<string, number>[] = Array.from({ length: nDims }, () => new Map());
  const levelsSeen: string[][] = Array.from({ length: nDims }, () => []);
  const codes = new Int32Array(N * nDims);
  const nf = factorNames.length;
  for (let i = 0; i < N; i++) {
    const o = observations[i]!;
    const base = i * nDims;
    for (let d = 0; d < nf; d++)
      codes[base + d] = intern(dictionaries[d]!, levelsSeen[d]!, o.factors[factorNames[d]!] ?? '');
    codes[base + nf] = intern(dictionaries[nf]!, levelsSeen[nf]!, o.test);
    codes[base + nf + 1] = intern(dictionaries[nf + 1]!, levelsSeen[nf + 1]!, o.protocol ?? '');
    codes[base + nf + 2] = intern(dictionaries[nf + 2]!, levelsSeen[nf + 2]!, o.node ?? '');
    codes[base + nf + 3] = intern(dictionaries[nf + 3]!, levelsSeen[nf + 3]!, o.metric);
  }
  // 2. one integer per cell (mixed radix); fall back to a string when the product of sizes is too large
  const radix = levelsSeen.map((l) => Math.max(1, l.length));
  const product = radix.reduce((a, b) => a * b, 1);
  const cellOfRow = new Int32Array(N);
  const firstRowOfCell: number[] = [];
  if (product < Number.MAX_SAFE_INTEGER) {
    const cellIndex = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      let code = 0;
      const base = i * nDims;
      for (let d = 0; d < nDims; d++) code = code * radix[d]! + codes[base + d]!;
      let c = cellIndex.get(code);
      if (c === undefined) {
        c = firstRowOfCell.length;
        cellIndex.set(code, c);
        firstRowOfCell.push(i);
      }
      cellOfRow[i] = c;
    }
  } else {
    const cellIndex = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const code = Array.from(codes.subarray(i * nDims, (i + 1) * nDims)).join(',');
      let c = cellIndex.get(code);
      if (c === undefined) {
        c = firstRowOfCell.length;
        cellIndex.set(code, c);
        firstRowOfCell.push(i);
      }
      cellOfRow[i] = c;
    }
  }
  // 3. counting sort of rows by cell
  const nCells = firstRowOfCell.length;
  const offsets = new Int32Array(nCells + 1);
  for (let i = 0; i < N; i++) offsets[cellOfRow[i]! + 1]!++;
  for (let c = 0; c < nCells; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, nCells);
  const rowsByCell = new Int32Array(N);
  for (let i = 0; i < N; i++) rowsByCell[fill[cellOfRow[i]!]!++] = i;

  // 4. order cells
  const rank = levelRanks(factorNames, levelsSeen, options.factors);
  const cellOrder = Array.from({ length: nCells }, (_, c) => c);
  const cellCodes = (c: number): Int32Array =>
    codes.subarray(firstRowOfCell[c]! * nDims, (firstRowOfCell[c]! + 1) * nDims);
  cellOrder.sort((a, b) => {
    const ca = cellCodes(a);
    const cb = cellCodes(b);
    for (let d = 0; d < nDims; d++) {
      const diff = rank[d]![ca[d]!]! - rank[d]![cb[d]!]!;
      if (diff !== 0) return diff;
    }
    return 0;
  });

  // 5. summarise
  const out: CellSummary[] = new Array(nCells);
  const scratchValues = new Float64Array(Math.max(1, maxCellSize(offsets)));
  const factorsOf = factorsResolver(factorNames);
  for (let oi = 0; oi < nCells; oi++) {
    const c = cellOrder[oi]!;
    const first = observations[firstRowOfCell[c]!]!;
    const start = offsets[c]!;
    const end = offsets[c + 1]!;
    out[oi] = summariseCell(
      observations,
      rowsByCell,
      start,
      end,
      first,
      factorNames,
      level,
      k,
      scratchValues,
      factorsOf,
    );
  }
  return out;
}

function summariseCell(
  observations: readonly Observation[],
  rowsByCell: Int32Array,
  start: number,
  end: number,
  first: Observation,
  factorNames: readonly string[],
  level: number,
  k: number,
  scratch: Float64Array,
  factorsOf: (o: Observation) => Readonly<Record<string, string>>,
): CellSummary {
  // rows sorted by iteration in place (insertion sort: cells are small; stable on input order)
  const rows = rowsByCell.subarray(start, end);
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const it = observations[r]!.iteration;
    let j = i - 1;
    while (j >= 0 && observations[rows[j]!]!.iteration > it) {
      rows[j + 1] = rows[j]!;
      j--;
    }
    rows[j + 1] = r;
  }
  const values: number[] = [];
  const iterations: number[] = [];
  let nMissing = 0;
  let nonFiniteIterations: number[] | null = null;
  let duplicates: number[] | null = null;
  let lastIteration = NaN;
  for (let i = 0; i < rows.length; i++) {
    const o = observations[rows[i]!]!;
    if (o.iteration === lastIteration) {
      duplicates ??= [];
      if (!duplicates.includes(o.iteration)) duplicates.push(o.iteration);
    }
    lastIteration = o.iteration;
    const v = o.value;
    if (v === null || v === undefined) nMissing++;
    else if (!Number.isFinite(v)) {
      nMissing++;
      (nonFiniteIterations ??= []).push(o.iteration);
    } else {
      values.push(v);
      iterations.push(o.iteration);
    }
  }
  const factors = factorsOf(first);
  const condition: Condition = { test: first.test, protocol: first.protocol, node: first.node, metric: first.metric };
  const key = cellKey(factorNames, factors, condition);
  const warnings: StatWarning[] = [];
  if (nonFiniteIterations !== null) {
    warnings.push({
      code: 'non-finite-value',
      message: statsMessages.nonFiniteValue(nonFiniteIterations.length, nonFiniteIterations),
    });
  }
  if (duplicates !== null) {
    warnings.push({ code: 'duplicate-iteration', message: statsMessages.duplicateIteration(duplicates) });
  }
  const n = values.length;
  if (n === 0) warnings.push({ code: 'no-values', message: statsMessages.noValues(nMissing) });
  let m: number | null = null;
  let median: number | null = null;
  let q1: number | null = null;
  let q3: number | null = null;
  let min: number | null = null;
  let max: number | null = null;
  let variance: number | null = null;
  let sd: number | null = null;
  let sem: number | null = null;
  let cv: number | null = null;
  let ci: Interval | null = null;
  let outliers: number[] = [];
  if (n > 0) {
    const sorted = scratch.subarray(0, n);
    for (let i = 0; i < n; i++) sorted[i] = values[i]!;
    sorted.sort();
    m = mean(values);
    median = quantileType7Sorted(sorted, 0.5);
    q1 = quantileType7Sorted(sorted, 0.25);
    q3 = quantileType7Sorted(sorted, 0.75);
    min = sorted[0]!;
    max = sorted[n - 1]!;
    if (n === 1) {
      warnings.push({ code: 'single-value', message: statsMessages.singleValue() });
    } else {
      variance = sampleVariance(values, m);
      sd = Math.sqrt(variance);
      sem = sd / Math.sqrt(n);
      cv = m !== 0 ? sd / Math.abs(m) : null;
      if (variance === 0) warnings.push({ code: 'zero-variance', message: statsMessages.zeroVariance() });
      else ci = tInterval(m, sem, n - 1, level);
    }
    if (n >= 4) outliers = tukeyOutliers(values, q1, q3, k).map((i) => iterations[i]!);
  }
  return {
    factors,
    test: condition.test,
    protocol: condition.protocol,
    node: condition.node,
    metric: condition.metric,
    key,
    n,
    nMissing,
    values,
    iterations,
    mean: m,
    variance,
    sd,
    sem,
    median,
    min,
    max,
    q1,
    q3,
    cv,
    ci,
    outliers,
    outlierRule: TUKEY_RULE,
    warnings,
  };
}

/**
 * The factors record of a cell: the observation's own object when it holds exactly the factor names (ingest shares
 * one object per file, so no copy is made), else a copy restricted to them (with '' for an absent factor).
 */
function factorsResolver(factorNames: readonly string[]): (o: Observation) => Readonly<Record<string, string>> {
  const verdict = new Map<Readonly<Record<string, string>>, Readonly<Record<string, string>>>();
  return (o) => {
    const cached = verdict.get(o.factors);
    if (cached !== undefined) return cached;
    const keys = Object.keys(o.factors);
    const exact = keys.length === factorNames.length && factorNames.every((name, i) => keys[i] === name);
    let result = o.factors;
    if (!exact) {
      const copy: Record<string, string> = {};
      for (const name of factorNames) copy[name] = o.factors[name] ?? '';
      result = copy;
    }
    verdict.set(o.factors, result);
    return result;
  };
}

function intern(dict: Map<string, number>, seen: string[], value: string): number {
  let id = dict.get(value);
  if (id === undefined) {
    id = seen.length;
    dict.set(value, id);
    seen.push(value);
  }
  return id;
}

function maxCellSize(offsets: Int32Array): number {
  let max = 0;
  for (let c = 0; c + 1 < offsets.length; c++) max = Math.max(max, offsets[c + 1]! - offsets[c]!);
  return max;
}

/**
 * Factor names: the given ones in their order, then any other factor the observations carry (first-seen), so that
 * cells are never merged across a factor the caller forgot to list.
 */
function resolveFactorNames(
  observations: readonly Observation[],
  factors?: readonly (string | FactorInfo)[],
): string[] {
  const names: string[] = factors ? factors.map((f) => (typeof f === 'string' ? f : f.name)) : [];
  const seen = new Set<Readonly<Record<string, string>>>();
  for (const o of observations) {
    if (seen.has(o.factors)) continue; // the same factors object is shared by all rows of a file
    seen.add(o.factors);
    for (const name of Object.keys(o.factors)) if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Sort rank of every interned level per dimension: declared level order, else conventional/vocabulary order, then by name. */
function levelRanks(
  factorNames: readonly string[],
  levelsSeen: readonly string[][],
  factors?: readonly (string | FactorInfo)[],
): number[][] {
  const vocab: readonly (readonly string[])[] = [TESTS, PROTOCOLS, NODES, METRICS];
  return levelsSeen.map((levels, d) => {
    let declared: readonly string[] | undefined;
    if (d < factorNames.length) {
      const info = factors?.[d];
      // the dataset's order, else the conventional one (k8s, k3s, k0s, mk8s; flannel, calico, ...), else by name
      declared = typeof info === 'object' ? info.levels : LEVEL_ORDER[factorNames[d]!];
    } else {
      declared = vocab[d - factorNames.length];
    }
    const byName = [...levels].sort((a, b) => {
      const ia = declared ? declared.indexOf(a) : -1;
      const ib = declared ? declared.indexOf(b) : -1;
      if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || (a < b ? -1 : a > b ? 1 : 0);
      return a < b ? -1 : a > b ? 1 : 0;
    });
    return levels.map((l) => byName.indexOf(l));
  });
}
