/**
 * Per-cell summaries: mean ± sd (n) of the iterations of each cell, pivoted with one column per level of the
 * compared factor (distribution by default, baseline first), as the reference study's figures read.
 */
import type { Analysis, CellSummary } from '../stats/index.js';
import {
  displayFilter,
  factorColumns,
  KEY_RECORD_COLUMNS,
  keyCells,
  keyRecord,
  rowKey,
  CONDITION_COLUMNS,
} from './common.js';
import { cellComparator, levelLabelOf, decimalsFor } from '../present/index.js';
import type { TableOptions } from './options.js';
import type { DisplayCell, DisplayTable, MeanSdCell } from './table.js';
import type { RecordTable } from './to-csv.js';
import { displayableTable } from './display.js';

function meanSd(summary: CellSummary | undefined): MeanSdCell {
  if (!summary) return { kind: 'mean-sd', mean: null, sd: null, n: 0, decimals: 0 };
  return {
    kind: 'mean-sd',
    mean: summary.mean,
    sd: summary.sd,
    n: summary.n,
    decimals: decimalsFor(summary.mean ?? 0),
  };
}

/**
 * mean ± sd (n) per cell, one column per level of `analysis.options.factor` (when the factor exists), rows ordered by
 * factor levels and condition.
 */
export function cellsTable(analysis: Analysis, options: TableOptions = {}): DisplayTable {
  const names = analysis.factors.map((f) => f.name);
  const pivot = analysis.factors.find((f) => f.name === analysis.options.factor);
  const rowNames = pivot ? names.filter((n) => n !== pivot.name) : names;
  const keep = displayFilter(options);
  const summaries = analysis.summaries
    .filter(keep)
    .sort(cellComparator(analysis.factors, [...rowNames, ...(pivot ? [pivot.name] : [])]));

  const rows: DisplayCell[][] = [];
  if (pivot) {
    const byRow = new Map<string, Map<string, CellSummary>>();
    for (const s of summaries) {
      const key = rowKey(s, rowNames);
      let row = byRow.get(key);
      if (!row) byRow.set(key, (row = new Map()));
      row.set(s.factors[pivot.name] ?? '', s);
    }
    for (const cells of byRow.values()) {
      const first = cells.values().next().value as CellSummary;
      rows.push([...keyCells(analysis.factors, rowNames, first), ...pivot.levels.map((l) => meanSd(cells.get(l)))]);
    }
  } else {
    for (const s of summaries) rows.push([...keyCells(analysis.factors, rowNames, s), meanSd(s)]);
  }
  const valueColumns = pivot
    ? pivot.levels.map((l) => ({ label: levelLabelOf(analysis.factors, pivot.name, l), align: 'right' as const }))
    : [{ label: 'Mean ± sd (n)', align: 'right' as const }];
  return displayableTable({
    id: 'cells',
    title: 'Per-cell mean ± standard deviation (number of iterations)',
    columns: [...factorColumns(rowNames), ...CONDITION_COLUMNS, ...valueColumns],
    rows,
    notes: ['n counts iterations with a value; missing iterations are listed in ledger.json.'],
  });
}

/** Every cell with every statistic, full precision, for further analysis. */
export function cellsRecords(analysis: Analysis): RecordTable {
  const names = analysis.factors.map((f) => f.name);
  const summaries = [...analysis.summaries].sort(cellComparator(analysis.factors));
  return {
    id: 'cells',
    columns: [
      ...names,
      ...KEY_RECORD_COLUMNS,
      'n',
      'n_missing',
      'mean',
      'sd',
      'sem',
      'median',
      'min',
      'max',
      'q1',
      'q3',
      'cv',
      'ci_lo',
      'ci_hi',
      'ci_level',
      'outlier_iterations',
      'warnings',
    ],
    rows: summaries.map((s) => [
      ...keyRecord(names, s),
      s.n,
      s.nMissing,
      s.mean,
      s.sd,
      s.sem,
      s.median,
      s.min,
      s.max,
      s.q1,
      s.q3,
      s.cv,
      s.ci?.lo ?? null,
      s.ci?.hi ?? null,
      s.ci?.level ?? null,
      s.outliers.join(';'),
      s.warnings.map((w) => w.code).join(';'),
    ]),
  };
}
