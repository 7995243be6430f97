import type { FactorInfo, Observation, Metric } from '../model/index.js';
import { statsMessages } from './messages.js';
import { anovaTwoWay, type AnovaCell } from './anova-two-way.js';
import { describe } from './describe.js';
import { interactionContrast, type AdditiveReference } from './interaction-contrast.js';
import { RESIDUAL_RESOLUTION } from './interaction-patterns.js';
import { cellKeyWith, omitFactors } from './keys.js';
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
  readonly type?: 1 | 2 | 3;
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
  const [factorA, factorB] = options.factors ?? ['distribution', 'plugin'];
  const baseline = options.baseline ?? 'k8s';
  const type = options.type ?? 2;
  const alpha = options.alpha ?? 0.05;
  const level = options.level ?? 0.95;
  const minPct = options.minInteractionPct ?? 5;
  const adjust = options.adjust ?? 'holm';
  const reference = options.reference ?? 'median';
  const metrics = options.metrics ?? HEADLINE_METRICS;
  checkLevelAndAlpha('interactions', level, alpha);
  const info = options.factorInfo ?? [];
  const declaredA = info.find((f) => f.name === factorA)?.levels;
  const declaredB = info.find((f) => f.name === factorB)?.levels;

  // group once by (other factors, condition), in first-seen order
  const groups = new Map<string, CellSummary[]>();
  let names: readonly string[] = [];
  let namesOf: Readonly<Record<string, string>> | null = null;
  for (const s of summaries) {
    if (s.factors[factorA] === undefined || s.factors[factorB] === undefined) continue;
    if (!metrics.includes(s.metric)) continue;
    if (s.factors !== namesOf) {
      names = Object.keys(s.factors);
      namesOf = s.factors;
    }
    const key = cellKeyWith(names, s.factors, s, factorA, null, factorB);
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }

  const anova: AnovaTable[] = [];
  const contrasts: InteractionContrast[] = [];
  for (const [groupKey, cells] of groups) {
    const first = cells[0]!;
    const group = {
      factors: omitFactors(first.factors, [factorA, factorB]),
      test: first.test,
      protocol: first.protocol,
      node: first.node,
      metric: first.metric,
    };
    const used: AnovaCell[] = cells
      .filter((c) => c.n > 0 && c.mean !== null)
      .map((c) => ({
        a: c.factors[factorA]!,
        b: c.factors[factorB]!,
        n: c.n,
        mean: c.mean!,
        ssWithin: c.n > 1 ? c.variance! * (c.n - 1) : 0,
      }));
    if (used.length === 0) continue;
    const levelsA = orderWithBaseline(declaredA ?? [], baseline);
    const raw = anovaTwoWay(used, { type, levelsA, levelsB: declaredB ?? [], nameA: factorA, nameB: factorB });
    // rounding residue is no variance: no F (and no contrast test) rather than F = 1e32
    const noVariance =
      raw.dfResidual > 0 &&
      !(Math.sqrt(raw.mse) > RESIDUAL_RESOLUTION * Math.max(...used.map((c) => Math.abs(c.mean))));
    const fit = noVariance
      ? { ...raw, mse: NaN, terms: raw.terms.map((t) => (t.f === null ? t : { ...t, f: null, p: null })) }
      : raw;
    // empty cells are those of the levels seen in the group (cells with only missing values count as empty)
    const warnings: StatWarning[] = [];
    if (noVariance) warnings.push({ code: 'anova-no-within-variance', message: statsMessages.anovaNoWithinVariance() });
    if (fit.emptyCells.length > 0)
      warnings.push({ code: 'anova-empty-cells', message: statsMessages.anovaEmptyCells(fit.emptyCells) });
    if (fit.lostInteractionDf > 0)
      warnings.push({ code: 'anova-lost-df', message: statsMessages.anovaLostDf(fit.lostInteractionDf) });
    if (fit.dfResidual <= 0)
      warnings.push({ code: 'anova-no-residual-df', message: statsMessages.anovaNoResidualDf() });
    if (fit.levelsA.length < 2)
      warnings.push({ code: 'anova-one-level', message: statsMessages.anovaOneLevel(factorA) });
    if (fit.levelsB.length < 2)
      warnings.push({ code: 'anova-one-level', message: statsMessages.anovaOneLevel(factorB) });
    if (type === 3 && fit.emptyCells.length > 0)
      warnings.push({ code: 'anova-type3-empty', message: statsMessages.anovaType3Empty() });
    const table: AnovaTable = {
      group,
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
    anova.push(table);
    const interactionP = fit.terms.find((t) => t.term === `${factorA}:${factorB}`)?.p ?? null;

    // contrasts, on a levelsA × levelsB grid of the cells present
    const nB = fit.levelsB.length;
    const grid: (AnovaCell | undefined)[] = new Array(fit.levelsA.length * nB);
    for (const c of used) grid[fit.levelsA.indexOf(c.a) * nB + fit.levelsB.indexOf(c.b)] = c;
    const groupContrasts: Mutable<InteractionContrast>[] = [];
    const a0 = fit.levelsA.indexOf(baseline);
    if (a0 < 0) {
      // no contrasts without the baseline level; the table says why
      warnings.push({ code: 'baseline-missing', message: statsMessages.contrastBaselineMissing(baseline) });
      continue;
    }
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
          group,
          groupKey,
          factorA,
          factorB,
          levelA: fit.levelsA[ai]!,
          levelB: fit.levelsB[bi]!,
          baselineA: baseline,
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
    const adjusted = adjustP(
      groupContrasts.map((c) => c.p),
      adjust,
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
    for (const c of groupContrasts) contrasts.push(c);
  }
  return { anova, contrasts };
}

/** Shared, frozen empty warning list of the contrasts without warnings (most): no array per record. */
const NO_WARNINGS: readonly StatWarning[] = Object.freeze([]);

function orderWithBaseline(levels: readonly string[], baseline: string): string[] {
  return [baseline, ...levels.filter((l) => l !== baseline)];
}
