/**
 * Data for any data-frame library, without depending on one: a dataset's tidy table (one row per observation) or an
 * analysis's cell table (one row per cell, every statistic at full precision) as plain records, Arrow IPC bytes or
 * CSV. danfojs (`new dfd.DataFrame(records)`), Polars and DuckDB (Arrow IPC), pandas (CSV or Arrow) read these.
 */
import { table, toArrowIPC } from 'arquero';
import { tidyTable } from '../ingest/index.js';
import * as msg from './messages.js';
import type { Dataset } from '../model/index.js';
import type { Analysis } from '../stats/index.js';
import { cellsRecords, csvTable, type RecordTable } from '../tables/index.js';

export type FrameFormat = 'records' | 'arrow' | 'csv';
/** A row of a frame: column name → value (numbers at full precision, null where not available). */
export type FrameRecord = Record<string, string | number | boolean | null>;

function isAnalysis(source: Dataset | Analysis): source is Analysis {
  return Array.isArray((source as Analysis).summaries) && Array.isArray((source as Analysis).comparisons);
}

/** The source as named columns and rows: tidyTable for a dataset, cellsRecords for an analysis. */
function recordTable(source: Dataset | Analysis): RecordTable {
  if (isAnalysis(source)) return cellsRecords(source);
  const tidy = tidyTable(source);
  const columns = tidy.columnNames();
  const data = columns.map((c) => tidy.array(c) as ArrayLike<string | number | boolean | null>);
  const rows = Array.from({ length: tidy.numRows() }, (_, i) => data.map((column) => column[i] ?? null));
  return { id: 'tidy', columns, rows };
}

/**
 * A dataset (one row per observation: factors, iteration, test, protocol, node, metric, unit, value, provenance) or
 * an analysis (one row per cell: n, mean, sd, quartiles, interval, ...) as a frame for another library:
 * - `'records'`: an array of plain objects, one per row;
 * - `'arrow'`: Arrow IPC stream bytes (Uint8Array);
 * - `'csv'`: RFC 4180 CSV text (numbers in shortest round-trip form, null as an empty field).
 * @example const df = new dfd.DataFrame(frame(dataset, 'records')); // danfojs
 * @example writeFileSync('cells.arrow', frame(analysis, 'arrow')); // pl.read_ipc_stream / duckdb
 */
export function frame(source: Dataset | Analysis, format: 'records'): FrameRecord[];
export function frame(source: Dataset | Analysis, format: 'arrow'): Uint8Array;
export function frame(source: Dataset | Analysis, format: 'csv'): string;
export function frame(source: Dataset | Analysis, format: FrameFormat): FrameRecord[] | Uint8Array | string;
export function frame(source: Dataset | Analysis, format: FrameFormat): FrameRecord[] | Uint8Array | string {
  const records = recordTable(source);
  switch (format) {
    case 'records':
      return records.rows.map((row) => Object.fromEntries(records.columns.map((c, i) => [c, row[i] ?? null])));
    case 'csv':
      return csvTable(records);
    case 'arrow': {
      const columns = Object.fromEntries(records.columns.map((c, i) => [c, records.rows.map((row) => row[i] ?? null)]));
      return toArrowIPC(table(columns), { format: 'stream' }) as Uint8Array;
    }
    default:
      throw new RangeError(msg.unknownFrameFormat(format));
  }
}
