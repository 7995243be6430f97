import type { FactorInfo, Observation, Metric } from '../model/index.js';
import { statsMessages } from './messages.js';
import { anovaTwoWay, type AnovaCell, type AnovaTwoWayFit } from './anova-two-way.js';
import { describe } from './describe.js';
import { interactionContrast, type AdditiveReference } from './interaction-contrast.js';
import { RESIDUAL_RESOLUTION } from './interaction-patterns.js';
import { anovaFitWarnings, anovaGroupOf, tablesOfAB, withoutTests } from './interaction-groups.js';
import { checkLevelAndAlpha, HEADLINE_METRICS } from './options.js';
import { adjustP } from './p-adjust.js';
import type { AnovaTable, CellSummary, InteractionContrast, InteractionResult, StatWarning } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface InteractionOptions {
  /** the two crossed factors [A, B]; default ['distribution', 'plugin'] */
  readonly factors?: readonly [string, string];
  /** baseline level of A, against which contrasts are taken; default 'k8s' */
  readonly baseline?: string;
  /** ANOVA sums of squares type; default 2 */
  readonly anovaType?: 1 | 2 | 3;
  /** threshold for the interaction term and for the adjusted contrast p; default 0.05 */
  readonly alpha?: number;
  /** confidence level of contrast intervals; default 0.95 */
  readonly level?: number;
  /** minimum |contrast| in percentage points of the baseline cell mean for a flag; default 5 */
  readonly minInteractionPct?: number;
  /** adjustment of contrast p-values within each ANOVA group; default 'holm' */
  readonly adjust?: 'holm' | 'bh' | 'none';
  /** the dataset's factors: level order (baseline first) and labels for sentences; default conventional labels */
  readonly factorInfo?: readonly FactorInfo[];
  /** additive prediction of a contrast: 'median' of the deltas over B, 'median-others', or 'mean'; default 'median' */
  readonly reference?: AdditiveReference;
  /** metrics analysed; default HEADLINE_METRICS ['cpu', 'ram', 'bandwidth'] (not the CPU components) */
  readonly metrics?: readonly Metric[];
  /** summaries already computed by describe() (skips describing the observations again) */
  readonly summaries?: readonly CellSummary[];
}

/**
 * Two-way ANOVA A × B with interaction in each group (levels of every other factor + test, protocol, node, metric),
 * for the headline metrics by default, and per-cell interaction contrasts with intervals (interaction-contrast.ts:
 * the cell's delta minus the median delta over the levels of B, with an interval conditional on which cells the
 * median selected). A contrast is *flagged* when
 * (1) the group's A:B term has p < alpha, (2) the contrast's Holm-adjusted p (within the group) is < alpha and
 * (3) |contrast| ≥ minInteractionPct points of the baseline cell's mean. analyse() does not use this rule any more
 * (it misreads multiplicative effects as interactions, see interaction-patterns.ts); kept for direct callers.
 * @example interactions(observations).contrasts.filter((c) => c.flagged)
 */
export function interactions(
  observations: readonly Observation[],
  options: InteractionOptions = {},
): InteractionResult {
  const summaries =
    options.summaries ?? describe(observations, options.factorInfo ? { factors: options.factorInfo } : {});
  return interactionsFromSummaries(summaries, options);
}

/** interactions() on summaries from describe(): the ANOVA needs only n, mean and variance of each cell. */
export function interactionsFromSummaries(
  summaries: readonly CellSummary[],
  options: InteractionOptions = {},
): InteractionResult {
  const settings = settingsOf(options);
  checkLevelAndAlpha('interactions', settings.level, settings.alpha);
  const { factorA, factorB } = settings;
  const anova: AnovaTable[] = [];
  const contrasts: InteractionContrast[] = [];
  for (const [groupKey, cells] of tablesOfAB(summaries, factorA, factorB, settings.metrics)) {
    const fitted = fitTable(groupKey, cells, settings);
    if (fitted === null) continue;
    anova.push(fitted.table);
    const a0 = fitted.fit.levelsA.indexOf(settings.baseline);
    if (a0 < 0) {
      // no contrasts without the baseline level; the table says why
      fitted.warnings.push({
        code: 'baseline-missing',
        message: statsMessages.contrastBaselineMissing(settings.baseline),
      });
      continue;
    }
    const groupContrasts = contrastsOfTable(fitted, a0, settings);
    flagContrasts(groupContrasts, fitted.fit, settings);
    for (const c of groupContrasts) contrasts.push(c);
  }
  return { anova, contrasts };
}

/** The options with their defaults, and the declared level orders of A and B. */
interface InteractionSettings {
  readonly factorA: string;
  readonly factorB: string;
  readonly baseline: string;
  readonly type: 1 | 2 | 3;
  readonly alpha: number;
  readonly level: number;
  readonly minPct: number;
  readonly adjust: 'holm' | 'bh' | 'none';
  readonly reference: AdditiveReference;
  readonly metrics: readonly Metric[];
  readonly declaredA: readonly string[] | undefined;
  readonly declaredB: readonly string[] | undefined;
}

function settingsOf(options: InteractionOptions): InteractionSettings {
  const [factorA, factorB] = options.factors ?? ['distribution', 'plugin'];
  const info = options.factorInfo ?? [];
  return {
    factorA,
    factorB,
    baseline: options.baseline ?? 'k8s',
    type: options.anovaType ?? 2,
    alpha: options.alpha ?? 0.05,
    level: options.level ?? 0.95,
    minPct: options.minInteractionPct ?? 5,
    adjust: options.adjust ?? 'holm',
    reference: options.reference ?? 'median',
    metrics: options.metrics ?? HEADLINE_METRICS,
    declaredA: info.find((f) => f.name === factorA)?.levels,
    declaredB: info.find((f) => f.name === factorB)?.levels,
  };
}

/** One table's ANOVA: its record (the warnings array is the table's, still open for a baseline warning). */
interface FittedTable {
  readonly table: AnovaTable;
  readonly fit: AnovaTwoWayFit;
  readonly used: readonly AnovaCell[];
  readonly warnings: StatWarning[];
}

/** The two-way ANOVA of one table on raw values; null when no cell has a value. */
function fitTable(groupKey: string, cells: readonly CellSummary[], s: InteractionSettings): FittedTable | null {
  const { factorA, factorB, type } = s;
  const used: AnovaCell[] = cells
    .filter((c) => c.n > 0 && c.mean !== null)
    .map((c) => ({
      a: c.factors[factorA]!,
      b: c.factors[factorB]!,
      n: c.n,
      mean: c.mean!,
      ssWithin: c.n > 1 ? c.variance! * (c.n - 1) : 0,
    }));
  if (used.length === 0) return null;
  const levelsA = orderWithBaseline(s.declaredA ?? [], s.baseline);
  const raw = anovaTwoWay(used, {
    anovaType: type,
    levelsA,
    levelsB: s.declaredB ?? [],
    nameA: factorA,
    nameB: factorB,
  });
  // rounding residue is no variance: no F (and no contrast test) rather than F = 1e32
  const noVariance =
    raw.dfResidual > 0 && !(Math.sqrt(raw.mse) > RESIDUAL_RESOLUTION * Math.max(...used.map((c) => Math.abs(c.mean))));
  const fit = noVariance ? { ...raw, mse: NaN, terms: withoutTests(raw.terms) } : raw;
  const warnings = anovaFitWarnings(fit, noVariance, factorA, factorB);
  if (type === 3 && fit.emptyCells.length > 0)
    warnings.push({ code: 'anova-type3-empty', message: statsMessages.anovaType3Empty() });
  const table: AnovaTable = {
    group: anovaGroupOf(cells[0]!, factorA, factorB),
    key: groupKey,
    factorA,
    factorB,
    type,
    terms: fit.terms,
    n: fit.n,
    emptyCells: fit.emptyCells,
    balanced: fit.balanced,
    warnings,
  };
  return { table, fit, used, warnings };
}

/**
 * The contrast of every cell of a non-baseline level of A (in level order), on a levelsA × levelsB grid of the cells
 * present; p not yet adjusted, nothing flagged yet.
 */
function contrastsOfTable(fitted: FittedTable, a0: number, s: InteractionSettings): Mutable<InteractionContrast>[] {
  const { fit, used, table } = fitted;
  const { level, reference } = s;
  const nB = fit.levelsB.length;
  const grid: (AnovaCell | undefined)[] = new Array(fit.levelsA.length * nB);
  for (const c of used) grid[fit.levelsA.indexOf(c.a) * nB + fit.levelsB.indexOf(c.b)] = c;
  const groupContrasts: Mutable<InteractionContrast>[] = [];
  for (let ai = 0; ai < fit.levelsA.length; ai++) {
    if (ai === a0) continue;
    // the levels of B present at both ai and the baseline, and their (at, base) pairs, built once per level of A
    const paired: number[] = [];
    const pairs: { at: AnovaCell; base: AnovaCell }[] = [];
    for (let bi = 0; bi < nB; bi++) {
      const at = grid[ai * nB + bi];
      const base = grid[a0 * nB + bi];
      if (at && base) {
        paired.push(bi);
        pairs.push({ at, base });
      }
    }
    for (let bi = 0; bi < nB; bi++) {
      const at = grid[ai * nB + bi];
      if (!at) continue;
      const base = grid[a0 * nB + bi];
      const record: Mutable<InteractionContrast> = {
        group: table.group,
        groupKey: table.key,
        factorA: s.factorA,
        factorB: s.factorB,
        levelA: fit.levelsA[ai]!,
        levelB: fit.levelsB[bi]!,
        baselineA: s.baseline,
        observedPct: null,
        additive: reference,
        additivePct: null,
        contrastPct: null,
        contrastCi: null,
        contrast: null,
        p: null,
        pAdjusted: null,
        flagged: false,
        warnings: NO_WARNINGS,
      };
      groupContrasts.push(record);
      if (!base) {
        record.warnings = [{ code: 'no-baseline-cell', message: statsMessages.contrastNoPartner() }];
        continue;
      }
      const others: { at: AnovaCell; base: AnovaCell }[] = [];
      for (let o = 0; o < paired.length; o++) if (paired[o] !== bi) others.push(pairs[o]!);
      const v = interactionContrast({ at, base }, others, fit.mse, fit.dfResidual, level, reference);
      if (base.mean === 0) continue; // no % of a zero baseline
      const pct = 100 / base.mean;
      record.observedPct = v.observed * pct;
      record.additivePct = v.additive * pct;
      record.contrastPct = v.contrast * pct;
      record.contrast = v.contrast;
      record.p = v.p;
      if (v.lo !== null && v.hi !== null) {
        const lo = v.lo * pct;
        const hi = v.hi * pct;
        record.contrastCi = { lo: Math.min(lo, hi), hi: Math.max(lo, hi), level, method: 'contrast-t' };
      }
    }
  }
  return groupContrasts;
}

/**
 * p adjusted within the table; flagged when the table's A:B term has p < alpha, the adjusted p < alpha and
 * |contrast| ≥ minInteractionPct points.
 */
function flagContrasts(
  groupContrasts: Mutable<InteractionContrast>[],
  fit: AnovaTwoWayFit,
  s: InteractionSettings,
): void {
  const { alpha, minPct } = s;
  const interactionP = fit.terms.find((t) => t.term === `${s.factorA}:${s.factorB}`)?.p ?? null;
  const adjusted = adjustP(
    groupContrasts.map((c) => c.p),
    s.adjust,
  );
  for (let i = 0; i < groupContrasts.length; i++) {
    const c = groupContrasts[i]!;
    const pAdjusted = adjusted[i]!;
    c.pAdjusted = pAdjusted;
    c.flagged =
      interactionP !== null &&
      interactionP < alpha &&
      pAdjusted !== null &&
      pAdjusted < alpha &&
      c.contrastPct !== null &&
      Math.abs(c.contrastPct) >= minPct;
  }
}

/** Shared, frozen empty warning list of the contrasts without warnings (most): no array per record. */
const NO_WARNINGS: readonly StatWarning[] = Object.freeze([]);

function orderWithBaseline(levels: readonly string[], baseline: string): string[] {
  return [baseline, ...levels.filter((l) => l !== baseline)];
}
