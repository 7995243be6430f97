/** Helpers shared by the table builders: condition columns and row grouping. */
import type { FactorInfo } from '../model/dataset.js';
import { METRIC_UNITS } from '../model/vocabulary.js';
import type { Metric } from '../model/vocabulary.js';
import type { CellKey } from '../stats/types.js';
import { conditionLabel, factorHeader, levelLabelOf, metricLabel, nodeSelected } from './labels.js';
import type { NodeSelection } from './labels.js';
import { DEFAULT_TABLE_METRICS, type TableOptions } from './options.js';
import { text, type DisplayCell, type DisplayColumn } from './table.js';

export const CONDITION_COLUMNS: readonly DisplayColumn[] = [
  { label: 'Condition', align: 'left' },
  { label: 'Node', align: 'left' },
  { label: 'Metric', align: 'left' },
];

export function factorColumns(names: readonly string[]): DisplayColumn[] {
  return names.map((n) => ({ label: factorHeader(n), align: 'left' as const }));
}

/** Factor level labels then condition, node, metric (with unit). */
export function keyCells(factors: readonly FactorInfo[], names: readonly string[], cell: CellKey): DisplayCell[] {
  return [
    ...names.map((n) => text(levelLabelOf(factors, n, cell.factors[n] ?? ''))),
    text(conditionLabel(cell)),
    text(cell.node ?? ''),
    text(metricLabel(cell.metric)),
  ];
}

/** Raw key values for CSV: factor levels, test, protocol, node, metric, unit. */
export function keyRecord(names: readonly string[], cell: CellKey): (string | null)[] {
  return [
    ...names.map((n) => cell.factors[n] ?? null),
    cell.test,
    cell.protocol,
    cell.node,
    cell.metric,
    METRIC_UNITS[cell.metric] ?? null,
  ];
}

export const KEY_RECORD_COLUMNS = ['test', 'protocol', 'node', 'metric', 'unit'] as const;

/** Display-table filter from the options (node role, metrics). */
export function displayFilter(options: TableOptions): (cell: CellKey) => boolean {
  const node: NodeSelection = options.node ?? 'both';
  const metrics: readonly Metric[] = options.metrics ?? DEFAULT_TABLE_METRICS;
  return (cell) => metrics.includes(cell.metric) && nodeSelected(cell.node, node);
}

/** Row identity of a cell once `without` (the pivoted factor) is taken out. */
export function rowKey(cell: CellKey, names: readonly string[]): string {
  return JSON.stringify([...names.map((n) => cell.factors[n] ?? ''), cell.test, cell.protocol, cell.node, cell.metric]);
}
