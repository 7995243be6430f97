import type { FactorInfo } from '../model/dataset.js';
import type { Observation } from '../model/observation.js';
import { statsMessages } from '../messages/stats.js';
import { anovaTwoWay, type AnovaCell } from './anova-two-way.js';
import { describe } from './describe.js';
import { interactionContrast } from './interaction-contrast.js';
import { cellKeyWith, omitFactors } from './keys.js';
import { adjustP } from './p-adjust.js';
import type { AnovaTable, CellSummary, InteractionContrast, InteractionResult, StatWarning } from './types.js';
import { interactionSentence } from './wording.js';

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
  /** summaries already computed by describe() (skips describing the observations again) */
  readonly summaries?: readonly CellSummary[];
}

/**
 * Two-way ANOVA A × B with interaction in each group (levels of every other factor + test, protocol, node, metric),
 * and per-cell interaction contrasts with intervals (interaction-contrast.ts). A contrast is *flagged* when
 * (1) the group's A:B term has p < alpha, (2) the contrast's Holm-adjusted p (within the group) is < alpha and
 * (3) |contrast| ≥ minInteractionPct points of the baseline cell's mean; flagged contrasts carry a sentence.
 * @example interactions(observations).contrasts.filter((c) => c.flagged).map((c) => c.sentence)
 */
export function interactions(observations: readonly Observation[], options: InteractionOptions = {}): InteractionResult {
  const summaries = options.summaries ?? describe(observations, options.factorInfo ? { factors: options.factorInfo } : {});
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
  const info = options.factorInfo ?? [];
  const declaredA = info.find((f) => f.name === factorA)?.levels;
  const declaredB = info.find((f) => f.name === factorB)?.levels;

  // group once by (other factors, condition), in first-seen order
  const groups = new Map<string, CellSummary[]>();
  let names: readonly string[] = [];
  let namesOf: Readonly<Record<string, string>> | null = null;
  for (const s of summaries) {
    if (s.factors[factorA] === undefined || s.factors[factorB] === undefined) continue;
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
    const fit = anovaTwoWay(used, { type, levelsA, levelsB: declaredB ?? [], nameA: factorA, nameB: factorB });
    // empty cells are those of the levels seen in the group (cells with only missing values count as empty)
    const warnings: StatWarning[] = [];
    if (fit.emptyCells.length > 0) warnings.push({ code: 'anova-empty-cells', message: statsMessages.anovaEmptyCells(fit.emptyCells) });
    if (fit.lostInteractionDf > 0) warnings.push({ code: 'anova-lost-df', message: statsMessages.anovaLostDf(fit.lostInteractionDf) });
    if (fit.dfResidual <= 0) warnings.push({ code: 'anova-no-residual-df', message: statsMessages.anovaNoResidualDf() });
    if (fit.levelsA.length < 2) warnings.push({ code: 'anova-one-level', message: statsMessages.anovaOneLevel(factorA) });
    if (fit.levelsB.length < 2) warnings.push({ code: 'anova-one-level', message: statsMessages.anovaOneLevel(factorB) });
    if (type === 3 && fit.emptyCells.length > 0) warnings.push({ code: 'anova-type3-empty', message: statsMessages.anovaType3Empty() });
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

    // contrasts
    const cellMap = new Map(used.map((c) => [`${c.a}|${c.b}`, c]));
    const groupContrasts: Omit<InteractionContrast, 'pAdjusted' | 'flagged' | 'sentence'>[] = [];
    if (!fit.levelsA.includes(baseline)) {
      // no contrasts without the baseline level; the table says why
      warnings.push({ code: 'baseline-missing', message: statsMessages.contrastBaselineMissing(baseline) });
      continue;
    }
    for (const a of fit.levelsA) {
      if (a === baseline) continue;
      const paired = fit.levelsB.filter((b) => cellMap.has(`${a}|${b}`) && cellMap.has(`${baseline}|${b}`));
      for (const b of fit.levelsB) {
        const at = cellMap.get(`${a}|${b}`);
        if (!at) continue;
        const base = cellMap.get(`${baseline}|${b}`);
        const common = { group, groupKey, factorA, factorB, levelA: a, levelB: b, baselineA: baseline };
        if (!base) {
          groupContrasts.push({
            ...common,
            observedPct: null,
            additivePct: null,
            contrastPct: null,
            contrastCi: null,
            contrast: null,
            p: null,
            warnings: [{ code: 'no-baseline-cell', message: statsMessages.contrastNoPartner() }],
          });
          continue;
        }
        const others = paired.filter((o) => o !== b).map((o) => ({ at: cellMap.get(`${a}|${o}`)!, base: cellMap.get(`${baseline}|${o}`)! }));
        const v = interactionContrast({ at, base }, others, fit.mse, fit.dfResidual, level);
        const pct = (x: number): number | null => (base.mean !== 0 ? (100 * x) / base.mean : null);
        const lo = v.lo === null ? null : pct(v.lo);
        const hi = v.hi === null ? null : pct(v.hi);
        groupContrasts.push({
          ...common,
          observedPct: pct(v.observed),
          additivePct: pct(v.additive),
          contrastPct: pct(v.contrast),
          contrastCi:
            lo === null || hi === null ? null : { lo: Math.min(lo, hi), hi: Math.max(lo, hi), level, method: 'contrast-t' },
          contrast: v.contrast,
          p: v.p,
          warnings: [],
        });
      }
    }
    const adjusted = adjustP(groupContrasts.map((c) => c.p), adjust);
    const finished: InteractionContrast[] = groupContrasts.map((c, i) => {
      const pAdjusted = adjusted[i]!;
      const flagged =
        interactionP !== null &&
        interactionP < alpha &&
        pAdjusted !== null &&
        pAdjusted < alpha &&
        c.contrastPct !== null &&
        Math.abs(c.contrastPct) >= minPct;
      return { ...c, pAdjusted, flagged, sentence: null };
    });
    for (const c of finished) {
      contrasts.push(c.flagged ? { ...c, sentence: interactionSentence(c, finished, table, info) } : c);
    }
  }
  return { anova, contrasts };
}

function orderWithBaseline(levels: readonly string[], baseline: string): string[] {
  return [baseline, ...levels.filter((l) => l !== baseline)];
}
