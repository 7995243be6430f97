/** frame(): a dataset or an analysis as plain records, Arrow IPC bytes and CSV, all three holding the same rows. */
import { tableFromIPC } from '@uwdata/flechette';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestCampaign, tidyTable } from '../../src/ingest/index.js';
import type { Dataset } from '../../src/model/index.js';
import { frame } from '../../src/notebook/index.js';
import { analyse, type Analysis } from '../../src/stats/index.js';
import { cellsRecords, csvTable } from '../../src/tables/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

let dataset: Dataset;
let analysis: Analysis;
beforeAll(async () => {
  dataset = await ingestCampaign(join(REPO_ROOT, 'fixtures', 'example-campaign'));
  analysis = analyse(dataset);
});

describe('frame', () => {
  it("gives a dataset's tidy table as records, one per observation, in the tidy table's column order", () => {
    const records = frame(dataset, 'records');
    const tidy = tidyTable(dataset);
    expect(records).toHaveLength(dataset.observations.length);
    expect(Object.keys(records[0]!)).toEqual(tidy.columnNames());
    expect(records).toEqual(tidy.objects());
  });

  it("gives an analysis's cell table (cellsRecords) as records, CSV and Arrow holding the same values", () => {
    const cells = cellsRecords(analysis);
    const records = frame(analysis, 'records');
    expect(records).toHaveLength(analysis.summaries.length);
    expect(records.map((r) => cells.columns.map((c) => r[c]))).toEqual(cells.rows);
    expect(frame(analysis, 'csv')).toBe(csvTable(cells));

    const arrow = tableFromIPC(frame(analysis, 'arrow'));
    expect(arrow.numRows).toBe(records.length);
    expect(arrow.names).toEqual(cells.columns);
    const fromArrow = arrow.toArray() as Record<string, unknown>[];
    for (const [i, record] of records.entries()) {
      for (const column of cells.columns)
        expect(fromArrow[i]![column], `${column} of row ${i}`).toEqual(record[column]);
    }
  });

  it('writes the same Arrow bytes and CSV text on repeat, and a dataset as Arrow keeps every observation', () => {
    expect(frame(analysis, 'arrow')).toEqual(frame(analysis, 'arrow'));
    const arrow = tableFromIPC(frame(dataset, 'arrow'));
    expect(arrow.numRows).toBe(dataset.observations.length);
    const values = arrow.getChild('value')!.toArray() as ArrayLike<number | null>;
    expect(Array.from(values)).toEqual(dataset.observations.map((o) => o.value));
    const csv = frame(dataset, 'csv');
    expect(csv.split('\n')[0]).toBe(tidyTable(dataset).columnNames().join(','));
    expect(csv.trimEnd().split('\n')).toHaveLength(dataset.observations.length + 1);
  });

  it('rejects an unknown format by name', () => {
    expect(() => frame(dataset, 'parquet' as 'csv')).toThrow(
      /format must be 'records', 'arrow' or 'csv', got "parquet"/,
    );
  });
});
