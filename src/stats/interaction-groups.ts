/**
 * The table steps of interactionPatterns(): grouping cell summaries into two-way tables A × B (one per level
 * combination of the other factors and condition) and the warnings an ANOVA fit of a table carries.
 */
import type { Metric } from '../model/index.js';
import type { AnovaTwoWayFit } from './anova-two-way.js';
import { cellKeyWith, omitFactors } from './keys.js';
import { statsMessages } from './messages.js';
import type { AnovaGroup, AnovaTerm, CellSummary, StatWarning } from './types.js';

/**
 * The summaries of the analysed metrics that have both factors, grouped by everything else (the other factors, test,
 * protocol, node, metric), in first-seen order; keyed by the cell key without A and B.
 */
export function tablesOfAB(
  summaries: readonly CellSummary[],
  factorA: string,
  factorB: string,
  metrics: readonly Metric[],
): Map<string, CellSummary[]> {
  const groups = new Map<string, CellSummary[]>();
  // summaries of one file share their factors object: its names are listed once per object, not per summary
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
  return groups;
}

/** What a table is about: the levels of the other factors and the condition of its first cell. */
export function anovaGroupOf(first: CellSummary, factorA: string, factorB: string): AnovaGroup {
  return {
    factors: omitFactors(first.factors, [factorA, factorB]),
    test: first.test,
    protocol: first.protocol,
    node: first.node,
    metric: first.metric,
  };
}

/**
 * Why a table's ANOVA says less than it could: no within-cell variance (rounding residue), empty cells (among the
 * levels seen in the group; cells with only missing values count as empty), lost interaction df, no residual df, a
 * factor with one level.
 */
export function anovaFitWarnings(
  fit: AnovaTwoWayFit,
  noVariance: boolean,
  factorA: string,
  factorB: string,
): StatWarning[] {
  const warnings: StatWarning[] = [];
  if (noVariance) warnings.push({ code: 'anova-no-within-variance', message: statsMessages.anovaNoWithinVariance() });
  if (fit.emptyCells.length > 0)
    warnings.push({ code: 'anova-empty-cells', message: statsMessages.anovaEmptyCells(fit.emptyCells) });
  if (fit.lostInteractionDf > 0)
    warnings.push({ code: 'anova-lost-df', message: statsMessages.anovaLostDf(fit.lostInteractionDf) });
  if (fit.dfResidual <= 0) warnings.push({ code: 'anova-no-residual-df', message: statsMessages.anovaNoResidualDf() });
  if (fit.levelsA.length < 2) warnings.push({ code: 'anova-one-level', message: statsMessages.anovaOneLevel(factorA) });
  if (fit.levelsB.length < 2) warnings.push({ code: 'anova-one-level', message: statsMessages.anovaOneLevel(factorB) });
  return warnings;
}

/** The F and p of a fit whose residual variance is rounding residue are dropped (an F of 1e30 would mean nothing). */
export function withoutTests(terms: readonly AnovaTerm[]): AnovaTerm[] {
  return terms.map((t) => (t.f === null ? t : { ...t, f: null, p: null }));
}
