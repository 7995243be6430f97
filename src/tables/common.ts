/** Helpers shared by the table builders: condition columns and row grouping. */
import {
  DEFAULT_NODE,
  HEADLINE_METRICS,
  NODE_SELECTIONS,
  oneOf,
  type FactorInfo,
  METRIC_UNITS,
  type Metric,
} from '../model/index.js';
import type { CellKey } from '../stats/index.js';
import {
  conditionLabel,
  factorHeader,
  levelLabelOf,
  metricLabel,
  nodeSelected,
  type NodeSelection,
} from '../present/index.js';
import type { TableOptions } from './options.js';
import { text, type DisplayCell, type DisplayColumn } from './table.js';

export const CONDITION_COLUMNS: readonly DisplayColumn[] = [
  { label: 'Condition', align: 'left', key: 'condition' },
  { label: 'Node', align: 'left', key: 'node' },
  { label: 'Metric', align: 'left', key: 'metric' },
];

export function factorColumns(names: readonly string[]): DisplayColumn[] {
  return names.map((n) => ({ label: factorHeader(n), align: 'left' as const, key: n }));
}

/** Factor level labels then condition, node, metric (with unit). */
export function keyCells(factors: readonly FactorInfo[], names: readonly string[], cell: CellKey): DisplayCell[] {
  return [
    ...names.map((n) => text(levelLabelOf(factors, n, cell.factors[n] ?? ''), cell.factors[n] ?? '')),
    text(conditionLabel(cell), cell.protocol === null ? cell.test : `${cell.test}-${cell.protocol}`),
    text(cell.node ?? '', cell.node ?? ''),
    text(metricLabel(cell.metric), cell.metric),
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
  const node: NodeSelection = oneOf(options.node, 'node', NODE_SELECTIONS, DEFAULT_NODE);
  const metrics: readonly Metric[] = options.metrics ?? HEADLINE_METRICS;
  return (cell) => metrics.includes(cell.metric) && nodeSelected(cell.node, node);
}

/** Row identity of a cell once `without` (the pivoted factor) is taken out. */
export function rowKey(cell: CellKey, names: readonly string[]): string {
  return JSON.stringify([...names.map((n) => cell.factors[n] ?? ''), cell.test, cell.protocol, cell.node, cell.metric]);
}
