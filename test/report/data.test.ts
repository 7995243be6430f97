import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/model/dataset.js';
import type { Observation, Provenance } from '../../src/model/observation.js';
import { tidyTable } from '../../src/ingest/tidy.js';
import {
  arrowBytes,
  csvChunks,
  tidyColumns,
  tidyCsvChunks,
  tidyFromDataset,
  writeTidyArrow,
} from '../../src/report/data.js';
import { makeDataset } from '../tables/fixture.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-report-data-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Observations as ingest makes them: the observations of a file share one factors object and one provenance
 * object; with hostile strings (commas, quotes, line breaks), nulls, a missing value, -0 and a non-integer.
 */
function sharedObjectsDataset(): Pick<Dataset, 'factors' | 'observations'> {
  const observations: Observation[] = [];
  const plugins = ['flannel', 'ca,lico', 'say "hi"', 'multi\nline'];
  for (const [p, plugin] of plugins.entries()) {
    const factors = { testbed: 'UOM', plugin };
    for (let iteration = 1; iteration <= 3; iteration++) {
      const provenance: Provenance = {
        source: `UOM/${plugin}/${iteration}.knbdata`,
        format: 'knbdata',
        knbVersion: p === 0 ? null : '1.5.0',
        runName: p === 1 ? 'run, "quoted"' : null,
        date: iteration === 2 ? null : '2024-01-05 10:00:00',
      };
      observations.push(
        {
          factors,
          iteration,
          test: 'idle',
          protocol: null,
          node: 'server',
          metric: 'cpu',
          value: -0,
          missing: null,
          provenance,
        },
        {
          factors,
          iteration,
          test: 'p2p',
          protocol: 'tcp',
          node: null,
          metric: 'bandwidth',
          value: 9123.456 + p,
          missing: null,
          provenance,
        },
        {
          factors,
          iteration,
          test: 'p2p',
          protocol: 'udp',
          node: 'client',
          metric: 'ram',
          value: null,
          missing: 'nan',
          provenance,
        },
      );
    }
  }
  return {
    factors: [
      { name: 'testbed', levels: ['UOM'] },
      { name: 'plugin', levels: plugins },
    ] as unknown as Dataset['factors'],
    observations,
  };
}

const datasets: [string, Pick<Dataset, 'factors' | 'observations'>][] = [
  ['a hand-made dataset (a provenance object per observation)', makeDataset()],
  ['observations sharing factors and provenance objects, hostile strings', sharedObjectsDataset()],
];

describe.each(datasets)('tidy data files of %s', (_, dataset) => {
  const reference = tidyFromDataset(dataset as Dataset);

  it('has the same columns as ingest’s tidyTable, in the same order', () => {
    expect(tidyColumns(dataset).map((c) => c.name)).toEqual(tidyTable(dataset).columnNames());
    expect(reference.columnNames()).toEqual(tidyTable(dataset).columnNames());
  });

  it('streams the CSV, whatever the chunk size, with the bytes of the table’s CSV', () => {
    const expected = [...csvChunks(reference)].join('');
    expect(expected.startsWith(`${reference.columnNames().join(',')}\n`)).toBe(true);
    for (const rows of [1, 2, 7, 2_000]) {
      const chunks = [...tidyCsvChunks(dataset, rows)];
      expect(chunks.length).toBe(1 + Math.ceil(dataset.observations.length / rows));
      expect(chunks.join('')).toBe(expected);
    }
  });

  it('writes the Arrow file with the bytes of the table’s Arrow IPC, strings dictionary-encoded', () => {
    const path = join(scratch, 'tidy.arrow');
    writeTidyArrow(path, dataset);
    const bytes = readFileSync(path);
    expect(bytes.equals(Buffer.from(arrowBytes(reference)))).toBe(true);
    const table = tableFromIPC(bytes);
    expect(table.numRows).toBe(dataset.observations.length);
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, f.type.typeId]));
    // -1 is Arrow's dictionary type id, 3 floating point
    for (const name of ['testbed', 'test', 'protocol', 'metric', 'unit', 'source', 'date'])
      expect(types[name]).toBe(-1);
    expect(types['value']).toBe(3);
    const values = table.getChild('value')!.toArray();
    const sources = table.getChild('source')!.toArray();
    dataset.observations.forEach((o, i) => {
      expect(values[i]).toBe(o.value);
      expect(sources[i]).toBe(o.provenance.source);
    });
  });
});
