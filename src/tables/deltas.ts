/**
 * Deltas versus the baseline: % change of the mean with its interval and a significance mark (benchstat's `~` where
 * not significant), one column per compared level.
 */
import type { Analysis, Comparison } from '../stats/index.js';
import {
  CONDITION_COLUMNS,
  displayFilter,
  factorColumns,
  KEY_RECORD_COLUMNS,
  keyCells,
  keyRecord,
  rowKey,
} from './common.js';
import { cellComparator, levelLabelOf, significanceMark } from '../present/index.js';
import type { TableOptions } from './options.js';
import type { DeltaCell, DisplayCell, DisplayTable } from './table.js';
import type { RecordTable } from './to-csv.js';
import { displayableTable } from './display.js';

/** The mark of a comparison (significanceMark: `?` untested, `~` not significant, stars of the adjusted p). */
export function comparisonMark(c: Comparison, _alpha?: number): string {
  return significanceMark(c);
}

export function deltaCell(c: Comparison | undefined, alpha: number): DeltaCell {
  if (!c) return { kind: 'delta', pct: null, lo: null, hi: null, mark: '', unit: '%' };
  return {
    kind: 'delta',
    pct: c.deltaPct,
    lo: c.deltaPctCi?.lo ?? null,
    hi: c.deltaPctCi?.hi ?? null,
    mark: comparisonMark(c, alpha),
    unit: '%',
  };
}

function markLegend(analysis: Analysis): string {
  const { alpha, adjust, test, level } = analysis.options;
  const adjusted = adjust === 'none' ? 'unadjusted' : `${adjust === 'holm' ? 'Holm' : 'Benjamini–Hochberg'}-adjusted`;
  return (
    `% change of the mean versus the baseline with its ${Math.round(level * 100)} % interval; ` +
    `${test === 'welch' ? "Welch's t test" : 'Mann–Whitney U test'}, ${adjusted} p: ` +
    `*** < 0.001, ** < 0.01, * < ${alpha}, ~ not significant, ? not testable.`
  );
}

/** Deltas of every compared level versus the baseline, pivoted: one column per compared level. */
export function deltasTable(analysis: Analysis, options: TableOptions = {}): DisplayTable {
  const factor = analysis.options.factor;
  const info = analysis.factors.find((f) => f.name === factor);
  const names = analysis.factors.map((f) => f.name).filter((n) => n !== factor);
  const keep = displayFilter(options);
  const order = cellComparator(analysis.factors, [...names, factor]);
  const sorted = analysis.comparisons
    .filter((c) => c.factor === factor && keep(c.cell))
    .sort((a, b) => order(a.cell, b.cell));
  const baseline = sorted[0]?.baseline ?? analysis.options.baseline;
  const present = new Set(sorted.map((c) => c.level));
  const levels = (info?.levels ?? [...present]).filter((l) => l !== baseline && present.has(l));

  const byRow = new Map<string, Map<string, Comparison>>();
  for (const c of sorted) {
    const key = rowKey(c.cell, names);
    let row = byRow.get(key);
    if (!row) byRow.set(key, (row = new Map()));
    row.set(c.level, c);
  }
  const rows: DisplayCell[][] = [];
  for (const cells of byRow.values()) {
    const first = cells.values().next().value as Comparison;
    rows.push([
      ...keyCells(analysis.factors, names, first.cell),
      ...levels.map((l) => deltaCell(cells.get(l), analysis.options.alpha)),
    ]);
  }
  const baselineLabel = levelLabelOf(analysis.factors, factor, baseline);
  return displayableTable({
    id: 'deltas',
    title: `Change versus ${baselineLabel} (${factor})`,
    columns: [
      ...factorColumns(names),
      ...CONDITION_COLUMNS,
      ...levels.map((l) => ({
        label: `${levelLabelOf(analysis.factors, factor, l)} vs ${baselineLabel}`,
        align: 'right' as const,
      })),
    ],
    rows,
    notes: [markLegend(analysis)],
  });
}

/** Every comparison with its tests and intervals, full precision. */
export function deltasRecords(analysis: Analysis): RecordTable {
  const names = analysis.factors.map((f) => f.name);
  const compare = cellComparator(analysis.factors);
  const comparisons = [...analysis.comparisons].sort(
    (a, b) => compare(a.cell, b.cell) || (a.factor < b.factor ? -1 : a.factor > b.factor ? 1 : 0),
  );
  return {
    id: 'deltas',
    columns: [
      'factor',
      'baseline',
      'level',
      ...names,
      ...KEY_RECORD_COLUMNS,
      'n_baseline',
      'n',
      'mean_baseline',
      'mean',
      'delta',
      'delta_lo',
      'delta_hi',
      'delta_pct',
      'delta_pct_lo',
      'delta_pct_hi',
      'delta_pct_method',
      'welch_t',
      'welch_df',
      'welch_p',
      'mann_whitney_u',
      'mann_whitney_p',
      'mann_whitney_method',
      'hedges_g',
      'p',
      'p_adjusted',
      'family',
      'significant',
      'mark',
      'warnings',
    ],
    rows: comparisons.map((c) => [
      c.factor,
      c.baseline,
      c.level,
      ...keyRecord(names, c.cell),
      c.nBaseline,
      c.n,
      c.meanBaseline,
      c.mean,
      c.delta,
      c.deltaCi?.lo ?? null,
      c.deltaCi?.hi ?? null,
      c.deltaPct,
      c.deltaPctCi?.lo ?? null,
      c.deltaPctCi?.hi ?? null,
      c.deltaPctCi?.method ?? null,
      c.welch?.statistic ?? null,
      c.welch?.df ?? null,
      c.welch?.p ?? null,
      c.mannWhitney?.u ?? null,
      c.mannWhitney?.p ?? null,
      c.mannWhitney?.method ?? null,
      c.hedgesG,
      c.p,
      c.pAdjusted,
      c.family,
      c.significant,
      comparisonMark(c, analysis.options.alpha),
      c.warnings.map((w) => w.code).join(';'),
    ]),
  };
}
