import {
  type FactorInfo,
  type Observation,
  LEVEL_ORDER,
  METRICS,
  NODES,
  PROTOCOLS,
  TESTS,
  type Protocol,
} from '../model/index.js';
import { statsMessages } from './messages.js';
import { conditionKey } from './keys.js';
import { tQuantile } from './dist/t.js';
import { mean } from './mean.js';
import { TUKEY_RULE, tukeyOutliers } from './outliers.js';
import { quantileType7Sorted } from './quantile-type7.js';
import { sampleVariance } from './sample-variance.js';
import type { CellSummary, Interval, StatWarning } from './types.js';

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
 * mixed radix (tupleKeyer), then values are laid out per cell in one typed array (counting sort); no per-row closures.
 * @example describe(observations)[0] // { key: 'testbed=UOM|distribution=k8s|plugin=flannel|idle|-|server|ram', n: 10, mean: 591.98, ... }
 */
export function describe(observations: readonly Observation[], options: DescribeOptions = {}): CellSummary[] {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`describe: option level must be in (0, 1), got ${level}`);
  const k = options.outlierK ?? 1.5;
  const factorNames = resolveFactorNames(observations, options.factors);
  const parts = internKeyParts(observations, factorNames);
  const keyOf = tupleKeyer(parts.levelsSeen.map((l) => Math.max(1, l.length)));
  const { cellOfRow, firstRowOfCell } = groupRows(parts, keyOf);
  const { offsets, rowsByCell } = rowsByCellOf(cellOfRow, firstRowOfCell.length);
  const rank = levelRanks(factorNames, parts.levelsSeen, options.factors);
  const cellOrder = orderCells(parts, firstRowOfCell, rank, keyOf);

  const ctx: SummaryContext = {
    level,
    k,
    scratch: new Float64Array(Math.max(1, maxCellSize(offsets))),
    factorsOf: factorsResolver(factorNames),
    factorNames,
    tQuantiles: [],
    keyPrefix: new Map(),
    conditionKeys: new Map(),
  };
  const out: CellSummary[] = new Array(cellOrder.length);
  for (let oi = 0; oi < cellOrder.length; oi++) {
    const c = cellOrder[oi]!;
    const first = observations[firstRowOfCell[c]!]!;
    out[oi] = summariseCell(observations, rowsByCell, offsets[c]!, offsets[c + 1]!, first, ctx);
  }
  return out;
}

/** Every row's key parts (factor levels, then test, protocol, node, metric) interned to integers per dimension. */
interface KeyParts {
  /** factors + 4 */
  readonly nDims: number;
  /** row-major: codes[row * nDims + d] */
  readonly codes: Int32Array;
  /** per dimension, the values in first-seen order (a value's code is its index) */
  readonly levelsSeen: string[][];
}

function internKeyParts(observations: readonly Observation[], factorNames: readonly string[]): KeyParts {
  const nf = factorNames.length;
  const nDims = nf + 4;
  const N = observations.length;
  const dictionaries: Map<string, number>[] = Array.from({ length: nDims }, () => new Map());
  const levelsSeen: string[][] = Array.from({ length: nDims }, () => []);
  const codes = new Int32Array(N * nDims);
  // the factor codes of the previous row's factors record, and the previous condition parts with their codes:
  // consecutive rows mostly share them (one factors record per file), so most rows need no dictionary look-up
  let lastFactors: Readonly<Record<string, string>> | null = null;
  const factorCodes = new Int32Array(nf);
  let lastTest: string | null = null;
  let lastProtocol: string | null = null;
  let lastNode: string | null = null;
  let lastMetric: string | null = null;
  let testCode = 0;
  let protocolCode = 0;
  let nodeCode = 0;
  let metricCode = 0;
  for (let i = 0; i < N; i++) {
    const o = observations[i]!;
    const base = i * nDims;
    if (o.factors !== lastFactors) {
      lastFactors = o.factors;
      for (let d = 0; d < nf; d++)
        factorCodes[d] = intern(dictionaries[d]!, levelsSeen[d]!, o.factors[factorNames[d]!] ?? '');
    }
    for (let d = 0; d < nf; d++) codes[base + d] = factorCodes[d]!;
    const protocol = o.protocol ?? '';
    const node = o.node ?? '';
    if (o.test !== lastTest) testCode = intern(dictionaries[nf]!, levelsSeen[nf]!, (lastTest = o.test));
    if (protocol !== lastProtocol)
      protocolCode = intern(dictionaries[nf + 1]!, levelsSeen[nf + 1]!, (lastProtocol = protocol));
    if (node !== lastNode) nodeCode = intern(dictionaries[nf + 2]!, levelsSeen[nf + 2]!, (lastNode = node));
    if (o.metric !== lastMetric)
      metricCode = intern(dictionaries[nf + 3]!, levelsSeen[nf + 3]!, (lastMetric = o.metric));
    codes[base + nf] = testCode;
    codes[base + nf + 1] = protocolCode;
    codes[base + nf + 2] = nodeCode;
    codes[base + nf + 3] = metricCode;
  }
  return { nDims, codes, levelsSeen };
}

/** A key of the tuple of `nDims` codes at `tuples[base…]`. */
type TupleKey = (tuples: Int32Array, base: number) => number | string;

/**
 * Keys of code tuples (code d < radix[d]) that are equal exactly for equal tuples and order as the tuples do
 * (lexicographically): one number in mixed radix when the product of the radices is a safe integer (the usual case),
 * else a string of fixed-width UTF-16 code units per code (strings compare unit by unit, so in the same order).
 */
function tupleKeyer(radix: readonly number[]): TupleKey {
  const nDims = radix.length;
  const product = radix.reduce((a, b) => a * b, 1);
  if (product < Number.MAX_SAFE_INTEGER) {
    return (tuples, base) => {
      let key = 0;
      for (let d = 0; d < nDims; d++) key = key * radix[d]! + tuples[base + d]!;
      return key;
    };
  }
  // a dimension with more than 65,536 values takes two code units per code
  const wide = radix.map((r) => r > 0x10000);
  return (tuples, base) => {
    let key = '';
    for (let d = 0; d < nDims; d++) {
      const v = tuples[base + d]!;
      key += wide[d] ? String.fromCharCode(v >>> 16, v & 0xffff) : String.fromCharCode(v);
    }
    return key;
  };
}

/** One index per distinct cell (in first-seen order), the cell of every row and the first row of every cell. */
function groupRows(parts: KeyParts, keyOf: TupleKey): { cellOfRow: Int32Array; firstRowOfCell: number[] } {
  const { nDims, codes } = parts;
  const N = codes.length / nDims;
  const cellOfRow = new Int32Array(N);
  const firstRowOfCell: number[] = [];
  const cellIndex = new Map<number | string, number>();
  for (let i = 0; i < N; i++) {
    const key = keyOf(codes, i * nDims);
    let c = cellIndex.get(key);
    if (c === undefined) {
      c = firstRowOfCell.length;
      cellIndex.set(key, c);
      firstRowOfCell.push(i);
    }
    cellOfRow[i] = c;
  }
  return { cellOfRow, firstRowOfCell };
}

/** Counting sort of rows by cell: the rows of cell c are rowsByCell[offsets[c] … offsets[c + 1]), in row order. */
function rowsByCellOf(cellOfRow: Int32Array, nCells: number): { offsets: Int32Array; rowsByCell: Int32Array } {
  const N = cellOfRow.length;
  const offsets = new Int32Array(nCells + 1);
  for (let i = 0; i < N; i++) offsets[cellOfRow[i]! + 1]!++;
  for (let c = 0; c < nCells; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, nCells);
  const rowsByCell = new Int32Array(N);
  for (let i = 0; i < N; i++) rowsByCell[fill[cellOfRow[i]!]!++] = i;
  return { offsets, rowsByCell };
}

/**
 * Cells in level order: the key of each cell's tuple of ranks (ranks are a permutation of the codes per dimension,
 * so the same keyer applies) orders the cells as the ranks do lexicographically.
 */
function orderCells(
  parts: KeyParts,
  firstRowOfCell: readonly number[],
  rank: readonly number[][],
  keyOf: TupleKey,
): number[] {
  const { nDims, codes } = parts;
  const nCells = firstRowOfCell.length;
  const ranks = new Int32Array(nDims);
  const sortKey = new Array<number | string>(nCells);
  const cellOrder = new Array<number>(nCells);
  for (let c = 0; c < nCells; c++) {
    const base = firstRowOfCell[c]! * nDims;
    for (let d = 0; d < nDims; d++) ranks[d] = rank[d]![codes[base + d]!]!;
    sortKey[c] = keyOf(ranks, 0);
    cellOrder[c] = c;
  }
  return cellOrder.sort((a, b) => (sortKey[a]! < sortKey[b]! ? -1 : sortKey[a]! > sortKey[b]! ? 1 : 0));
}

/** Shared, frozen empty list for records without warnings or outliers (most of them): no array per record. */
const NO_WARNINGS: readonly StatWarning[] = Object.freeze([]);
const NO_OUTLIERS: readonly number[] = Object.freeze([]);

/** Per-call caches of describe(): t quantiles by df (integer n − 1, so few distinct) and key prefixes by factors object. */
interface SummaryContext {
  readonly level: number;
  readonly k: number;
  readonly scratch: Float64Array;
  readonly factorsOf: (o: Observation) => Readonly<Record<string, string>>;
  readonly factorNames: readonly string[];
  /** tQuantile(1 − (1 − level)/2, df) by df */
  readonly tQuantiles: number[];
  /** `name=level|…` of each factors record, built once per record (ingest shares one per file) */
  readonly keyPrefix: Map<Readonly<Record<string, string>>, string>;
  /** `test|protocol|node|metric` by condition, built once per distinct condition */
  readonly conditionKeys: Map<string, Map<Protocol | null, Map<string | null, Map<string, string>>>>;
}

function summariseCell(
  observations: readonly Observation[],
  rowsByCell: Int32Array,
  start: number,
  end: number,
  first: Observation,
  ctx: SummaryContext,
): CellSummary {
  // rows sorted by iteration in place (insertion sort: cells are small; stable on input order)
  const rows = rowsByCell.subarray(start, end);
  const nRows = end - start;
  for (let i = 1; i < nRows; i++) {
    const r = rows[i]!;
    const it = observations[r]!.iteration;
    let j = i - 1;
    while (j >= 0 && observations[rows[j]!]!.iteration > it) {
      rows[j + 1] = rows[j]!;
      j--;
    }
    rows[j + 1] = r;
  }
  // exact-size arrays (trimmed below if some values are missing): no growth, no slack kept alive by the record
  let values: number[] = new Array<number>(nRows);
  let iterations: number[] = new Array<number>(nRows);
  let n = 0;
  let nMissing = 0;
  let nonFiniteIterations: number[] | null = null;
  let duplicates: number[] | null = null;
  let lastIteration = NaN;
  for (let i = 0; i < nRows; i++) {
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
      values[n] = v;
      iterations[n] = o.iteration;
      n++;
    }
  }
  if (n < nRows) {
    values = values.slice(0, n);
    iterations = iterations.slice(0, n);
  }
  const factors = ctx.factorsOf(first);
  const key = cellKeyOf(ctx, factors, first);
  let warnings: StatWarning[] | null = null;
  if (nonFiniteIterations !== null) {
    (warnings ??= []).push({
      code: 'non-finite-value',
      message: statsMessages.nonFiniteValue(nonFiniteIterations.length, nonFiniteIterations),
    });
  }
  if (duplicates !== null) {
    (warnings ??= []).push({ code: 'duplicate-iteration', message: statsMessages.duplicateIteration(duplicates) });
  }
  if (n === 0) (warnings ??= []).push({ code: 'no-values', message: statsMessages.noValues(nMissing) });
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
  let outliers: readonly number[] = NO_OUTLIERS;
  if (n > 0) {
    // one sorted typed copy gives min, max and the quartiles; the typed sort is numeric without a comparator
    const sorted = ctx.scratch.subarray(0, n);
    for (let i = 0; i < n; i++) sorted[i] = values[i]!;
    sorted.sort();
    m = mean(values);
    median = quantileType7Sorted(sorted, 0.5);
    q1 = quantileType7Sorted(sorted, 0.25);
    q3 = quantileType7Sorted(sorted, 0.75);
    min = sorted[0]!;
    max = sorted[n - 1]!;
    if (n === 1) {
      (warnings ??= []).push({ code: 'single-value', message: statsMessages.singleValue() });
    } else {
      variance = sampleVariance(values, m);
      sd = Math.sqrt(variance);
      sem = sd / Math.sqrt(n);
      cv = m !== 0 ? sd / Math.abs(m) : null;
      if (variance === 0) (warnings ??= []).push({ code: 'zero-variance', message: statsMessages.zeroVariance() });
      else ci = meanInterval(ctx, m, sem, n - 1);
    }
    if (n >= 4) outliers = flaggedIterations(values, iterations, q1, q3, ctx.k);
  }
  return {
    factors,
    test: first.test,
    protocol: first.protocol,
    node: first.node,
    metric: first.metric,
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
    warnings: warnings ?? NO_WARNINGS,
  };
}

/** tInterval(center, se, df, level), with the t quantile cached by df (the same value, computed once). */
function meanInterval(ctx: SummaryContext, center: number, se: number, df: number): Interval | null {
  if (!(df > 0) || !Number.isFinite(se) || !Number.isFinite(center)) return null;
  let q = ctx.tQuantiles[df];
  if (q === undefined) {
    q = tQuantile(1 - (1 - ctx.level) / 2, df);
    ctx.tQuantiles[df] = q;
  }
  return { lo: center - q * se, hi: center + q * se, level: ctx.level, method: 't' };
}

/** Iterations of the values outside the Tukey fences (tukeyOutliers mapped to iterations), shared empty when none. */
function flaggedIterations(
  values: readonly number[],
  iterations: readonly number[],
  q1: number,
  q3: number,
  k: number,
): readonly number[] {
  const flagged = tukeyOutliers(values, q1, q3, k);
  if (flagged.length === 0) return NO_OUTLIERS;
  for (let i = 0; i < flagged.length; i++) flagged[i] = iterations[flagged[i]!]!;
  return flagged;
}

/** cellKey(factorNames, factors, condition), its two halves each built once and reused. */
function cellKeyOf(ctx: SummaryContext, factors: Readonly<Record<string, string>>, c: Observation): string {
  let prefix = ctx.keyPrefix.get(factors);
  if (prefix === undefined) {
    prefix = '';
    for (const name of ctx.factorNames) prefix += `${name}=${factors[name] ?? ''}|`;
    ctx.keyPrefix.set(factors, prefix);
  }
  let byProtocol = ctx.conditionKeys.get(c.test);
  if (byProtocol === undefined) ctx.conditionKeys.set(c.test, (byProtocol = new Map()));
  let byNode = byProtocol.get(c.protocol);
  if (byNode === undefined) byProtocol.set(c.protocol, (byNode = new Map()));
  let byMetric = byNode.get(c.node);
  if (byMetric === undefined) byNode.set(c.node, (byMetric = new Map()));
  let condition = byMetric.get(c.metric);
  if (condition === undefined) {
    condition = conditionKey({ test: c.test, protocol: c.protocol, node: c.node, metric: c.metric });
    byMetric.set(c.metric, condition);
  }
  return prefix + condition;
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
