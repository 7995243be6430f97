/** The tidy table: one row per observation, flat columns, as arquero's ColumnTable (for CSV, JSON and Arrow). */
import type { ColumnTable } from 'arquero';
// arquero is loaded when a table is first asked for (arqueroModule), not with the ingest stage: `cnibench ingest`
// writes its CSV and Arrow files without it
import { arqueroModule, type Dataset, METRIC_UNITS } from '../model/index.js';

/** Column order after the factors. */
export const TIDY_COLUMNS = [
  'iteration',
  'test',
  'protocol',
  'node',
  'metric',
  'unit',
  'value',
  'missing',
  'source',
  'format',
  'knb_version',
  'run_name',
  'date',
] as const;

/**
 * Flat table of a dataset's observations, in the dataset's order: one column per factor (layout order), then
 * iteration, test, protocol, node, metric, unit, value, missing, source, format, knb_version, run_name, date.
 */
export function tidyTable(dataset: Pick<Dataset, 'factors' | 'observations'>): ColumnTable {
  const obs = dataset.observations;
  const n = obs.length;
  const columns: Record<string, unknown[]> = {};
  for (const f of dataset.factors) columns[f.name] = new Array(n);
  for (const c of TIDY_COLUMNS) columns[c] = new Array(n);
  const factorNames = dataset.factors.map((f) => f.name);
  for (let i = 0; i < n; i++) {
    const o = obs[i]!;
    for (const f of factorNames) columns[f]![i] = o.factors[f] ?? null;
    columns['iteration']![i] = o.iteration;
    columns['test']![i] = o.test;
    columns['protocol']![i] = o.protocol;
    columns['node']![i] = o.node;
    columns['metric']![i] = o.metric;
    columns['unit']![i] = METRIC_UNITS[o.metric];
    columns['value']![i] = o.value;
    columns['missing']![i] = o.missing;
    columns['source']![i] = o.provenance.source;
    columns['format']![i] = o.provenance.format;
    columns['knb_version']![i] = o.provenance.knbVersion;
    columns['run_name']![i] = o.provenance.runName;
    columns['date']![i] = o.provenance.date;
  }
  return arqueroModule().table(columns);
}
