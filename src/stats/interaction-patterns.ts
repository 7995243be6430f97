import type { FactorInfo, Metric } from '../model/index.js';
import { statsMessages } from './messages.js';
import { anovaTwoWay, type AnovaCell, type AnovaTwoWayFit } from './anova-two-way.js';
import { tQuantile, tTwoSidedP } from './dist/t.js';
import { anovaFitWarnings, anovaGroupOf, tablesOfAB, withoutTests } from './interaction-groups.js';
import { checkLevelAndAlpha, HEADLINE_METRICS } from './options.js';
import { adjustP } from './p-adjust.js';
import type {
  AnovaTable,
  CellSummary,
  InteractionContrast,
  InteractionDeparture,
  InteractionPattern,
  InteractionResult,
  PatternGroup,
  StatWarning,
} from './types.js';
import { maxOf } from '../model/index.js';

export interface InteractionPatternOptions {
  /** the two crossed factors [A, B]; default ['distribution', 'plugin'] */
  readonly factors?: readonly [string, string];
  /** baseline level of A; default 'k8s' */
  readonly baseline?: string;
  /** ANOVA sums of squares type; default 2 */
  readonly anovaType?: 1 | 2 | 3;
  /** 'log' (default): ratios, the scale of % wording; 'raw': the metric's unit */
  readonly scale?: 'log' | 'raw';
  /** threshold of the omnibus test (after adjustment over tables) and of the Bonferroni family; default 0.05 */
  readonly alpha?: number;
  /** confidence level of the simultaneous intervals; default 0.95 */
  readonly level?: number;
  /** adjustment of the omnibus interaction p over every table of the analysis; default 'bh' */
  readonly adjust?: 'holm' | 'bh' | 'none';
  readonly factorInfo?: readonly FactorInfo[];
  /** metrics analysed; default HEADLINE_METRICS */
  readonly metrics?: readonly Metric[];
}

/**
 * Relative resolution below which a residual standard deviation is rounding residue, not noise: measured values carry
 * at most ~15 significant digits and knb prints far fewer, so a within-cell sd under 1e-9 of the values' magnitude is
 * "no within-cell variance" (an F of 1e30 from it would mean nothing).
 */
export const RESIDUAL_RESOLUTION = 1e-9;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One cell's mean and within-cell SS on the analysis scale, and its raw mean (for % of the baseline). */
interface ScaledCell extends AnovaCell {
  readonly rawMean: number;
}

/**
 * Interactions on the scale of the words. Per group (levels of the other factors + test, protocol, node, metric):
 *
 * 1. Omnibus: the two-way ANOVA A × B (anova-two-way.ts, the code checked against statsmodels) on log values when
 *    `scale` is 'log' — an additive table of logs is a multiplicative table of values, so "every plugin changes by the
 *    same % at a distribution" is no interaction — or on raw values ('raw', differences of differences). Its A:B p is
 *    adjusted over every table of the analysis (`adjust`, BH by default); structure is looked for only where that
 *    adjusted p < alpha.
 * 2. Structure, per level a of A: each level b of B has its change r_b = ȳ(a, b) − ȳ(a0, b) (a log ratio, or a
 *    difference), Var r_b = MSE (1/n_ab + 1/n_a0b) with the model's residual mean square; the r_b are sorted and
 *    split where two neighbours differ by more than a Bonferroni critical t over the m = (J choose 2)·(I − 1) pairwise
 *    differences of the table (J levels of B, I of A; residual df of the two-way model). Within a group of equal true
 *    changes any gap is one of those pairwise differences, so a false split anywhere in the table has probability
 *    ≤ alpha (Bonferroni), before the omnibus gate. Groups are levels that move together; a single level apart from
 *    all the others is a *departing cell*, whose prediction is the others' pooled change (inverse-variance weights) —
 *    the additive (multiplicative on the log scale) pattern — with a simultaneous interval of the departure at the same
 *    critical t. With two levels of B the single df is one finding (kind 'pair'), not two opposite ones.
 *
 * The per-cell contrasts (tables) are each cell's change versus the pooled change of the other levels of B, with the
 * same simultaneous intervals and Bonferroni-adjusted p; `flagged` = the cell is a departing cell of its pattern.
 * Tests: test/stats/interaction-patterns.test.ts (known truth over 200+ seeded datasets each).
 * References: Kirk, Experimental Design (2013) §9 (interaction as a table property, contrasts); Bonferroni
 * simultaneous intervals (Miller, Simultaneous Statistical Inference, 1981, §1.2); log scale for ratios: Keene (1995)
 * "The log transformation is special", Statistics in Medicine 14.
 * @example interactionPatterns(describe(observations)).patterns?.filter((p) => p.kind === 'cell')
 */
export function interactionPatterns(
  summaries: readonly CellSummary[],
  options: InteractionPatternOptions = {},
): InteractionResult {
  const settings = settingsOf(options);
  checkLevelAndAlpha('interactionPatterns', settings.level, settings.alpha);
  const fitted: FittedTable[] = [];
  for (const [groupKey, list] of tablesOfAB(summaries, settings.factorA, settings.factorB, settings.metrics)) {
    const table = fitTable(groupKey, list, settings);
    if (table !== null) fitted.push(table);
  }
  adjustOmnibus(fitted, settings);
  const anova: AnovaTable[] = [];
  const contrasts: InteractionContrast[] = [];
  const patterns: InteractionPattern[] = [];
  for (const f of fitted) {
    anova.push(f.table);
    patternsOfTable(f, settings, contrasts, patterns);
  }
  return { anova, contrasts, patterns };
}

/** The options with their defaults, and the declared level orders of A and B. */
interface PatternSettings {
  readonly factorA: string;
  readonly factorB: string;
  readonly baseline: string;
  readonly type: 1 | 2 | 3;
  readonly scale: 'log' | 'raw';
  readonly alpha: number;
  readonly level: number;
  readonly adjust: 'holm' | 'bh' | 'none';
  readonly metrics: readonly Metric[];
  readonly declaredA: readonly string[];
  readonly declaredB: readonly string[];
}

function settingsOf(options: InteractionPatternOptions): PatternSettings {
  const [factorA, factorB] = options.factors ?? ['distribution', 'plugin'];
  const info = options.factorInfo ?? [];
  return {
    factorA,
    factorB,
    baseline: options.baseline ?? 'k8s',
    type: options.anovaType ?? 2,
    scale: options.scale ?? 'log',
    alpha: options.alpha ?? 0.05,
    level: options.level ?? 0.95,
    adjust: options.adjust ?? 'bh',
    metrics: options.metrics ?? HEADLINE_METRICS,
    declaredA: info.find((f) => f.name === factorA)?.levels ?? [],
    declaredB: info.find((f) => f.name === factorB)?.levels ?? [],
  };
}

/** One table's ANOVA on its analysis scale; its warnings array stays open for a baseline warning. */
interface FittedTable {
  readonly table: Mutable<AnovaTable>;
  readonly fit: AnovaTwoWayFit;
  readonly cells: ScaledCell[];
  readonly scale: 'log' | 'raw';
  readonly noVariance: boolean;
  readonly warnings: StatWarning[];
}

/**
 * The omnibus ANOVA of one table, on log values unless a value is not positive (then raw, with a warning); null
 * when no cell has a value.
 */
function fitTable(groupKey: string, list: readonly CellSummary[], s: PatternSettings): FittedTable | null {
  const { factorA, factorB, baseline, type } = s;
  const present = list.filter((c) => c.n > 0 && c.mean !== null);
  if (present.length === 0) return null;
  const logWarnings: StatWarning[] = [];
  let scale = s.scale;
  if (scale === 'log' && present.some((c) => c.values.some((v) => !(v > 0)))) {
    scale = 'raw';
    logWarnings.push({ code: 'log-not-positive', message: statsMessages.logNotPositive() });
  }
  const cells = present.map((c) => scaledCell(c, factorA, factorB, scale));
  const fit = anovaTwoWay(cells, {
    anovaType: type,
    levelsA: [baseline, ...s.declaredA.filter((l) => l !== baseline)],
    levelsB: s.declaredB,
    nameA: factorA,
    nameB: factorB,
  });
  // rounding residue: a residual sd below the data's numeric resolution is no variance; F would be meaningless
  const magnitude = scale === 'log' ? 1 : maxOf(cells.map((c) => Math.abs(c.mean)));
  const noVariance = fit.dfResidual > 0 && !(Math.sqrt(fit.mse) > RESIDUAL_RESOLUTION * magnitude);
  const warnings = [...logWarnings, ...anovaFitWarnings(fit, noVariance, factorA, factorB)];
  const table: Mutable<AnovaTable> = {
    group: anovaGroupOf(list[0]!, factorA, factorB),
    key: groupKey,
    factorA,
    factorB,
    type,
    terms: noVariance ? withoutTests(fit.terms) : fit.terms,
    n: fit.n,
    emptyCells: fit.emptyCells,
    balanced: fit.balanced,
    scale,
    interactionPAdjusted: null,
    warnings,
  };
  return { table, fit, cells, scale, noVariance, warnings };
}

/** The omnibus p of every table, adjusted together: the findings are a selection from all of them. */
function adjustOmnibus(fitted: readonly FittedTable[], s: PatternSettings): void {
  const ab = `${s.factorA}:${s.factorB}`;
  const omnibus = adjustP(
    fitted.map((f) => f.table.terms.find((t) => t.term === ab)?.p ?? null),
    s.adjust,
  );
  fitted.forEach((f, i) => (f.table.interactionPAdjusted = omnibus[i] ?? null));
}

/** What one table allows to test: the Bonferroni family, its critical t for splits and intervals, and the gate. */
interface TableTests {
  /** m = (J choose 2)·(I − 1) pairwise differences of changes */
  readonly family: number;
  readonly testable: boolean;
  /** Bonferroni critical t at alpha (splits), null when untestable */
  readonly critical: number | null;
  /** Bonferroni critical t at the confidence level (intervals), null when untestable */
  readonly intervalCritical: number | null;
  /** the adjusted omnibus p is below alpha: structure is looked for */
  readonly gate: boolean;
}

function tableTests(f: FittedTable, nonBaseline: number, s: PatternSettings): TableTests {
  const { fit, table } = f;
  const J = fit.levelsB.length;
  const family = Math.max(1, ((J * (J - 1)) / 2) * nonBaseline);
  const testable = !f.noVariance && fit.dfResidual > 0 && fit.mse > 0 && Number.isFinite(fit.mse);
  const critical = testable ? tQuantile(1 - s.alpha / (2 * family), fit.dfResidual) : null;
  const intervalCritical = testable ? tQuantile(1 - (1 - s.level) / (2 * family), fit.dfResidual) : null;
  const gate = testable && table.interactionPAdjusted !== null && table.interactionPAdjusted! < s.alpha;
  return { family, testable, critical, intervalCritical, gate };
}

/** The pattern of every non-baseline level of A in one table, and its per-cell contrasts. */
function patternsOfTable(
  f: FittedTable,
  s: PatternSettings,
  contrasts: InteractionContrast[],
  patterns: InteractionPattern[],
): void {
  const { fit, table } = f;
  const a0 = fit.levelsA.indexOf(s.baseline);
  if (a0 < 0) {
    f.warnings.push({ code: 'baseline-missing', message: statsMessages.contrastBaselineMissing(s.baseline) });
    return;
  }
  const term = table.terms.find((t) => t.term === `${s.factorA}:${s.factorB}`);
  const byCell = new Map(f.cells.map((c) => [`${c.a}|${c.b}`, c]));
  const nonBaseline = fit.levelsA.filter((_, i) => i !== a0);
  const tests = tableTests(f, nonBaseline.length, s);
  for (const levelA of nonBaseline) {
    const changes = changesAt(levelA, byCell, f, s.baseline, tests.testable);
    if (changes.length === 0) continue;
    const parts = splitChanges(changes, fit.levelsB, tests);
    const { kind, departure } = patternKind(parts, changes, fit, tests, s.level, f.scale);
    for (const c of changes) contrasts.push(cellContrast(c, changes, levelA, kind, departure, f, tests, s));
    const scaleBase = weightedBase(changes);
    patterns.push({
      group: table.group,
      groupKey: table.key,
      factorA: s.factorA,
      factorB: s.factorB,
      levelA,
      baselineA: s.baseline,
      scale: f.scale,
      kind,
      groups: parts.map((members) => patternGroup(members, scaleBase, tests.intervalCritical, s.level, f.scale)),
      departure,
      f: term?.f ?? null,
      df: term?.df ?? 0,
      dfResidual: fit.dfResidual,
      interactionP: term?.p ?? null,
      interactionPAdjusted: table.interactionPAdjusted ?? null,
      family: tests.family,
      criticalT: tests.critical,
      warnings: f.warnings,
    });
  }
}

/** The change of each level of B from the baseline level of A to levelA (cells present at both), in level order. */
function changesAt(
  levelA: string,
  byCell: ReadonlyMap<string, ScaledCell>,
  f: FittedTable,
  baseline: string,
  testable: boolean,
): Change[] {
  const changes: Change[] = [];
  for (const levelB of f.fit.levelsB) {
    const at = byCell.get(`${levelA}|${levelB}`);
    const base = byCell.get(`${baseline}|${levelB}`);
    if (!at || !base) continue;
    changes.push({
      levelB,
      r: at.mean - base.mean,
      v: testable ? f.fit.mse * (1 / at.n + 1 / base.n) : NaN,
      pct: toPct(at, base, f.scale),
      base,
    });
  }
  return changes;
}

/**
 * The changes sorted and split where two neighbours differ by more than the critical t (only past the omnibus gate);
 * one part, all of them, otherwise.
 */
function splitChanges(changes: readonly Change[], levelsB: readonly string[], tests: TableTests): Change[][] {
  const sorted = [...changes].sort((x, y) => x.r - y.r || levelsB.indexOf(x.levelB) - levelsB.indexOf(y.levelB));
  const parts: Change[][] = [];
  if (tests.gate && tests.critical !== null && sorted.length >= 2) {
    let current: Change[] = [sorted[0]!];
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const next = sorted[k]!;
      const t = (next.r - prev.r) / Math.sqrt(prev.v + next.v);
      if (t > tests.critical) {
        parts.push(current);
        current = [];
      }
      current.push(next);
    }
    parts.push(current);
  } else parts.push(sorted);
  return parts;
}

/** The kind of pattern the parts make, and for a departing cell or a pair the departure of the level alone. */
function patternKind(
  parts: readonly Change[][],
  changes: readonly Change[],
  fit: AnovaTwoWayFit,
  tests: TableTests,
  level: number,
  scale: 'log' | 'raw',
): { kind: InteractionPattern['kind']; departure: InteractionDeparture | null } {
  let kind: InteractionPattern['kind'];
  if (!tests.testable || changes.length < 2) kind = 'untested';
  else if (parts.length === 1) kind = 'together';
  else if (parts.length === 2 && changes.length === 2) kind = 'pair';
  else if (parts.length === 2 && (parts[0]!.length === 1 || parts[1]!.length === 1)) kind = 'cell';
  else kind = 'groups';
  if (kind !== 'cell' && kind !== 'pair') return { kind, departure: null };
  // the single df: the level alone (for a pair, the second in level order) against the other's change
  const lone =
    kind === 'cell'
      ? (parts[0]!.length === 1 ? parts[0]! : parts[1]!)[0]!
      : [...changes].sort((x, y) => fit.levelsB.indexOf(y.levelB) - fit.levelsB.indexOf(x.levelB))[0]!;
  const departure = departureOf(lone, changes, tests.intervalCritical!, fit.dfResidual, tests.family, level, scale);
  return { kind, departure };
}

/** Levels of B that move together: their changes, pooled change and its simultaneous interval, in % of the baseline. */
function patternGroup(
  members: readonly Change[],
  scaleBase: ScaledCell,
  intervalCritical: number | null,
  level: number,
  scale: 'log' | 'raw',
): PatternGroup {
  const pctOf = (r: number): number =>
    scale === 'log' ? 100 * Math.expm1(r) : scaleBase.rawMean === 0 ? NaN : (100 * r) / scaleBase.rawMean;
  const pooled = pool(members);
  const ci =
    intervalCritical !== null && pooled.v > 0
      ? {
          lo: pctOf(pooled.r - intervalCritical * Math.sqrt(pooled.v)),
          hi: pctOf(pooled.r + intervalCritical * Math.sqrt(pooled.v)),
          level,
          method: 'bonferroni-t' as const,
        }
      : null;
  return {
    levels: members.map((m) => m.levelB),
    changesPct: members.map((m) => m.pct),
    pooledPct: pctOf(pooled.r),
    pooledCi: ci,
  };
}

/** A cell's contrast (tables): its change against the pooled change of the other levels of B. */
function cellContrast(
  c: Change,
  changes: readonly Change[],
  levelA: string,
  kind: InteractionPattern['kind'],
  departure: InteractionDeparture | null,
  f: FittedTable,
  tests: TableTests,
  s: PatternSettings,
): InteractionContrast {
  const d = departureOf(c, changes, tests.intervalCritical, f.fit.dfResidual, tests.family, s.level, f.scale);
  return {
    group: f.table.group,
    groupKey: f.table.key,
    factorA: s.factorA,
    factorB: s.factorB,
    levelA,
    levelB: c.levelB,
    baselineA: s.baseline,
    observedPct: c.pct,
    additivePct: d?.predictedPct ?? null,
    contrastPct: d?.departurePct ?? null,
    contrastCi: d?.ci ?? null,
    contrast: d === null ? null : d.departure,
    p: d?.p ?? null,
    pAdjusted: d?.pAdjusted ?? null,
    flagged: departure !== null && kind === 'cell' && departure.levelB === c.levelB,
    warnings: NO_WARNINGS,
  };
}

const NO_WARNINGS: readonly StatWarning[] = Object.freeze([]);

interface Change {
  readonly levelB: string;
  /** change on the analysis scale: log ratio or difference */
  readonly r: number;
  /** its variance from the model's MSE */
  readonly v: number;
  /** the change in % of the baseline cell */
  readonly pct: number;
  readonly base: ScaledCell;
}

function scaledCell(s: CellSummary, factorA: string, factorB: string, scale: 'log' | 'raw'): ScaledCell {
  const a = s.factors[factorA]!;
  const b = s.factors[factorB]!;
  if (scale === 'raw') {
    return { a, b, n: s.n, mean: s.mean!, ssWithin: s.n > 1 ? s.variance! * (s.n - 1) : 0, rawMean: s.mean! };
  }
  let sum = 0;
  for (const v of s.values) sum += Math.log(v);
  const mean = sum / s.values.length;
  let ss = 0;
  for (const v of s.values) ss += (Math.log(v) - mean) ** 2;
  return { a, b, n: s.values.length, mean, ssWithin: ss, rawMean: s.mean! };
}

function toPct(at: ScaledCell, base: ScaledCell, scale: 'log' | 'raw'): number {
  if (scale === 'log') return 100 * Math.expm1(at.mean - base.mean);
  return base.rawMean === 0 ? NaN : (100 * (at.rawMean - base.rawMean)) / base.rawMean;
}

/** Inverse-variance weighted mean of changes and its variance (equal weights when variances are unknown). */
function pool(members: readonly Change[]): { r: number; v: number } {
  if (members.every((m) => m.v > 0)) {
    let w = 0;
    let s = 0;
    for (const m of members) {
      w += 1 / m.v;
      s += m.r / m.v;
    }
    return { r: s / w, v: 1 / w };
  }
  return { r: members.reduce((s, m) => s + m.r, 0) / members.length, v: NaN };
}

/** The baseline a raw-scale pooled change is a % of: the mean of the members' baseline cells (unused on log). */
function weightedBase(changes: readonly Change[]): ScaledCell {
  const rawMean = changes.reduce((s, c) => s + c.base.rawMean, 0) / changes.length;
  return { ...changes[0]!.base, rawMean };
}

/** A change against the pooled change of all the others, with its simultaneous interval and Bonferroni p. */
function departureOf(
  own: Change,
  all: readonly Change[],
  critical: number | null,
  df: number,
  family: number,
  level: number,
  scale: 'log' | 'raw',
): InteractionDeparture | null {
  const others = all.filter((c) => c !== own);
  if (others.length === 0) return null;
  const pooled = pool(others);
  const departure = own.r - pooled.r;
  const toPoints = (x: number): number =>
    scale === 'log' ? 100 * Math.expm1(x) : own.base.rawMean === 0 ? NaN : (100 * x) / own.base.rawMean;
  const predictedPct =
    scale === 'log'
      ? 100 * Math.expm1(pooled.r)
      : (100 * pooled.r) / (others.reduce((s, c) => s + c.base.rawMean, 0) / others.length);
  const v = own.v + pooled.v;
  const known = critical !== null && v > 0;
  const p = known ? tTwoSidedP(departure / Math.sqrt(v), df) : null;
  return {
    levelB: own.levelB,
    observedPct: own.pct,
    predictedPct,
    departurePct: toPoints(departure),
    ci: known
      ? {
          lo: toPoints(departure - critical * Math.sqrt(v)),
          hi: toPoints(departure + critical * Math.sqrt(v)),
          level,
          method: 'bonferroni-t',
        }
      : null,
    departure,
    p,
    pAdjusted: p === null ? null : Math.min(1, p * family),
  };
}
