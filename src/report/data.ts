/**
 * data/: the tidy observations as CSV (streamed in chunks: a 40,000-archive campaign holds millions of rows) and as
 * Apache Arrow IPC (file format) through arquero.
 */
import { table as aqTable, toArrowIPC } from 'arquero';
import type { ColumnTable } from 'arquero';
import type { Dataset } from '../model/dataset.js';
import { METRIC_UNITS } from '../model/vocabulary.js';
import { escapeCsv } from '../tables/escape.js';
import { csvNumber } from '../tables/numbers.js';

/**
 * The tidy table of a dataset, built here from the observations (the same columns as ingest's `tidyTable`): one per
 * factor, iteration, test, protocol, node, metric, unit, value, missing, source, format, knb_version, run_name, date.
 * Used when the ingest stage's own builder is not given.
 */
export function tidyFromDataset(dataset: Dataset): ColumnTable {
  const names = dataset.factors.map((f) => f.name);
  const obs = dataset.observations;
  const columns: Record<string, unknown[]> = {};
  for (const name of names) columns[name] = obs.map((o) => o.factors[name] ?? null);
  columns['iteration'] = obs.map((o) => o.iteration);
  columns['test'] = obs.map((o) => o.test);
  columns['protocol'] = obs.map((o) => o.protocol);
  columns['node'] = obs.map((o) => o.node);
  columns['metric'] = obs.map((o) => o.metric);
  columns['unit'] = obs.map((o) => METRIC_UNITS[o.metric] ?? null);
  columns['value'] = obs.map((o) => o.value);
  columns['missing'] = obs.map((o) => o.missing);
  columns['source'] = obs.map((o) => o.provenance.source);
  columns['format'] = obs.map((o) => o.provenance.format);
  columns['knb_version'] = obs.map((o) => o.provenance.knbVersion);
  columns['run_name'] = obs.map((o) => o.provenance.runName);
  columns['date'] = obs.map((o) => o.provenance.date);
  return aqTable(columns);
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  if (value instanceof Date) return value.toISOString();
  return escapeCsv(String(value));
}

/**
 * A column's values as CSV fields. Strings repeat a lot in a tidy table (levels, units, sources), so each distinct
 * value is escaped once.
 */
function fieldsOf(table: ColumnTable, name: string): (i: number) => string {
  const column = table.column(name)!;
  const cache = new Map<unknown, string>();
  return (i) => {
    const value = column.at(i);
    if (typeof value === 'number') return csvNumber(value);
    let text = cache.get(value);
    if (text === undefined) {
      text = csvField(value);
      if (cache.size < 100_000) cache.set(value, text);
    }
    return text;
  };
}

/** CSV text of a table in chunks of `rowsPerChunk` rows (header first). */
export function* csvChunks(table: ColumnTable, rowsPerChunk = 20_000): Generator<string> {
  const names = table.columnNames();
  const fields = names.map((n) => fieldsOf(table, n));
  yield `${names.map(escapeCsv).join(',')}\n`;
  const rows = table.numRows();
  const width = fields.length;
  for (let start = 0; start < rows; start += rowsPerChunk) {
    const end = Math.min(rows, start + rowsPerChunk);
    const lines: string[] = new Array(end - start);
    const row: string[] = new Array(width);
    for (let i = start; i < end; i++) {
      for (let c = 0; c < width; c++) row[c] = fields[c]!(i);
      lines[i - start] = row.join(',');
    }
    yield `${lines.join('\n')}\n`;
  }
}

/** Arrow IPC file bytes of a table. */
export function arrowBytes(table: ColumnTable): Uint8Array {
  return toArrowIPC(table, { format: 'file' }) as Uint8Array;
}
