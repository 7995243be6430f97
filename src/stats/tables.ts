import type { ColumnTable } from 'arquero';
// arquero is loaded by the first table made, not with the statistics stage (report build makes none)
import { arqueroModule } from '../model/index.js';
import type { AnovaTable, CellSummary, Comparison, InteractionContrast } from './types.js';

/**
 * Statistics records as arquero tables (flat columns, one row per record), for notebooks and CSV/Arrow export.
 * Factor columns come first, named after the factors; warnings are joined with `; `.
 */

function factorColumns(
  rows: readonly { readonly factors: Readonly<Record<string, string>> }[],
): Record<string, string[]> {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.factors)) if (!names.includes(k)) names.push(k);
  const cols: Record<string, string[]> = {};
  for (const n of names) cols[n] = rows.map((r) => r.factors[n] ?? '');
  return cols;
}

const warningText = (w: readonly { readonly message: string }[]): string => w.map((x) => x.message).join('; ');

/**
 * One row per cell: factors, test, protocol, node, metric, n, n_missing, mean, variance, sd, sem, median, min, max,
 * q1, q3, cv, ci_lo, ci_hi, outliers (iterations, comma-separated), warnings.
 * @example summariesTable(describe(observations)).print()
 */
export function summariesTable(summaries: readonly CellSummary[]): ColumnTable {
  return arqueroModule().table({
    ...factorColumns(summaries),
    test: summaries.map((s) => s.test),
    protocol: summaries.map((s) => s.protocol),
    node: summaries.map((s) => s.node),
    metric: summaries.map((s) => s.metric),
    n: summaries.map((s) => s.n),
    n_missing: summaries.map((s) => s.nMissing),
    mean: summaries.map((s) => s.mean),
    variance: summaries.map((s) => s.variance),
    sd: summaries.map((s) => s.sd),
    sem: summaries.map((s) => s.sem),
    median: summaries.map((s) => s.median),
    min: summaries.map((s) => s.min),
    max: summaries.map((s) => s.max),
    q1: summaries.map((s) => s.q1),
    q3: summaries.map((s) => s.q3),
    cv: summaries.map((s) => s.cv),
    ci_lo: summaries.map((s) => s.ci?.lo ?? null),
    ci_hi: summaries.map((s) => s.ci?.hi ?? null),
    outliers: summaries.map((s) => s.outliers.join(',')),
    warnings: summaries.map((s) => warningText(s.warnings)),
  });
}

/** One row per comparison: factors of the compared cell, condition, level vs baseline, deltas, tests, p, mark. */
export function comparisonsTable(comparisons: readonly Comparison[]): ColumnTable {
  const cells = comparisons.map((c) => c.cell);
  return arqueroModule().table({
    ...factorColumns(cells),
    test: cells.map((c) => c.test),
    protocol: cells.map((c) => c.protocol),
    node: cells.map((c) => c.node),
    metric: cells.map((c) => c.metric),
    factor: comparisons.map((c) => c.factor),
    baseline: comparisons.map((c) => c.baseline),
    level: comparisons.map((c) => c.level),
    n_baseline: comparisons.map((c) => c.nBaseline),
    n: comparisons.map((c) => c.n),
    mean_baseline: comparisons.map((c) => c.meanBaseline),
    mean: comparisons.map((c) => c.mean),
    delta: comparisons.map((c) => c.delta),
    delta_lo: comparisons.map((c) => c.deltaCi?.lo ?? null),
    delta_hi: comparisons.map((c) => c.deltaCi?.hi ?? null),
    delta_pct: comparisons.map((c) => c.deltaPct),
    delta_pct_lo: comparisons.map((c) => c.deltaPctCi?.lo ?? null),
    delta_pct_hi: comparisons.map((c) => c.deltaPctCi?.hi ?? null),
    welch_t: comparisons.map((c) => c.welch?.statistic ?? null),
    welch_df: comparisons.map((c) => c.welch?.df ?? null),
    welch_p: comparisons.map((c) => c.welch?.p ?? null),
    mw_u: comparisons.map((c) => c.mannWhitney?.u ?? null),
    mw_p: comparisons.map((c) => c.mannWhitney?.p ?? null),
    hedges_g: comparisons.map((c) => c.hedgesG),
    p: comparisons.map((c) => c.p),
    p_adjusted: comparisons.map((c) => c.pAdjusted),
    significant: comparisons.map((c) => c.significant),
    family: comparisons.map((c) => c.family),
    warnings: comparisons.map((c) => warningText(c.warnings)),
  });
}

/** One row per ANOVA term: group factors, condition, term, ss, df, f, p, partial η². */
export function anovaTable(tables: readonly AnovaTable[]): ColumnTable {
  const rows = tables.flatMap((t) => t.terms.map((term) => ({ t, term })));
  return arqueroModule().table({
    ...factorColumns(rows.map((r) => r.t.group)),
    test: rows.map((r) => r.t.group.test),
    protocol: rows.map((r) => r.t.group.protocol),
    node: rows.map((r) => r.t.group.node),
    metric: rows.map((r) => r.t.group.metric),
    type: rows.map((r) => r.t.type),
    term: rows.map((r) => r.term.term),
    ss: rows.map((r) => r.term.ss),
    df: rows.map((r) => r.term.df),
    f: rows.map((r) => r.term.f),
    p: rows.map((r) => r.term.p),
    partial_eta2: rows.map((r) => r.term.partialEta2),
  });
}

/** One row per interaction contrast. */
export function contrastsTable(contrasts: readonly InteractionContrast[]): ColumnTable {
  return arqueroModule().table({
    ...factorColumns(contrasts.map((c) => c.group)),
    test: contrasts.map((c) => c.group.test),
    protocol: contrasts.map((c) => c.group.protocol),
    node: contrasts.map((c) => c.group.node),
    metric: contrasts.map((c) => c.group.metric),
    level_a: contrasts.map((c) => c.levelA),
    level_b: contrasts.map((c) => c.levelB),
    observed_pct: contrasts.map((c) => c.observedPct),
    additive_pct: contrasts.map((c) => c.additivePct),
    contrast_pct: contrasts.map((c) => c.contrastPct),
    contrast_lo: contrasts.map((c) => c.contrastCi?.lo ?? null),
    contrast_hi: contrasts.map((c) => c.contrastCi?.hi ?? null),
    p: contrasts.map((c) => c.p),
    p_adjusted: contrasts.map((c) => c.pAdjusted),
    flagged: contrasts.map((c) => c.flagged),
  });
}
