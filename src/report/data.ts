/**
 * data/: the tidy observations as CSV and as Apache Arrow IPC (file format). The files are written by ingest's tidy
 * writer (src/ingest/tidy-files.ts: streamed from the observations, no table of every value); this module keeps the
 * table-based forms (an arquero table, for notebooks and small data, and for a tidy table given by the caller).
 */
import type { ColumnTable } from 'arquero';
import { cachedCsvField, tidyColumns } from '../ingest/index.js';
// arquero is loaded by the first table made here, not with the report stage (report build streams its files)
import { arqueroModule, escapeCsv, type CsvFormulas, type Dataset } from '../model/index.js';

export {
  tidyColumns,
  tidyCsvChunks,
  tidyCsvBytes,
  tidyArrowTable,
  writeTidyArrow,
  type TidyColumn,
} from '../ingest/index.js';

/**
 * The tidy table of a dataset as an arquero table (every value in memory: for notebooks and small data; the report
 * writes its files with tidyCsvChunks and writeTidyArrow instead).
 */
export function tidyFromDataset(dataset: Dataset): ColumnTable {
  const obs = dataset.observations;
  const columns: Record<string, unknown[]> = {};
  for (const c of tidyColumns(dataset)) columns[c.name] = obs.map(c.of);
  return arqueroModule().table(columns);
}

/**
 * A column's values as CSV fields. Strings repeat a lot in a tidy table (levels, units, sources), so each distinct
 * value is escaped once.
 */
function fieldsOf(table: ColumnTable, name: string, formulas: CsvFormulas): (i: number) => string {
  const column = table.column(name)!;
  const field = cachedCsvField(formulas);
  return (i) => field(column.at(i));
}

/** CSV text of a table in chunks of `rowsPerChunk` rows (header first); formula-like text made inert by default. */
export function* csvChunks(
  table: ColumnTable,
  rowsPerChunk = 20_000,
  formulas: CsvFormulas = 'neutralise',
): Generator<string> {
  const names = table.columnNames();
  const fields = names.map((n) => fieldsOf(table, n, formulas));
  yield `${names.map((n) => escapeCsv(n, formulas)).join(',')}\n`;
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
  return arqueroModule().toArrowIPC(table, { format: 'file' }) as Uint8Array;
}
