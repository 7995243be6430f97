/**
 * Quick look (c): a metric over run time across the campaign (drift). knb writes each run's date (metadata `date`,
 * `YYYY-MM-DD HH:MM:SS`, UTC since knb 1.1.0), which ingest keeps in every observation's provenance (some formats,
 * e.g. knb's plain-text output, carry none).
 */
import type * as PlotTypes from '@observablehq/plot';
import { quicklookMessages as msg } from './messages.js';
import { METRIC_LABELS, METRIC_UNITS, type Dataset, type Observation, type Displayable } from '../model/index.js';
import { selectObservations, type MetricSelection } from './cell-rows.js';
import { plotSvg, quickLook, type QuickLook } from './render.js';
import { lookId, selectionParts } from './select.js';

export interface DriftLookOptions {
  /** factor whose levels get one panel row each; default the first varying factor (e.g. testbed), none if none */
  readonly by?: string | null;
  /** width in px; default 640 */
  readonly width?: number;
}

const KNB_DATE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/** knb's date as a UTC instant, or null when absent or not in knb's form. */
function runDate(o: Observation): Date | null {
  const m = o.provenance.date === null ? null : KNB_DATE.exec(o.provenance.date);
  return m === null ? null : new Date(`${m[1]}T${m[2]}Z`);
}

/**
 * One metric of one test condition against run time: a dot per run, and Plot's least-squares line per panel (a trend
 * to look at, not a test). x = run date (UTC), leaving out runs without a date (counted in the title); run order (by
 * source file) when no run has a date.
 * @example await driftLook(dataset, { metric: 'cpu', test: 'p2p', protocol: 'tcp', node: 'server' })
 */
export async function driftLook(
  dataset: Pick<Dataset, 'factors' | 'observations'>,
  selection: MetricSelection,
  options: DriftLookOptions = {},
): Promise<QuickLook & Displayable> {
  const all = selectObservations(dataset, selection);
  // on the date axis, runs without a date are left out (and counted in the title); with no date at all, run order
  const axis: 'date' | 'order' = all.some((o) => runDate(o) !== null) ? 'date' : 'order';
  const chosen = axis === 'date' ? all.filter((o) => runDate(o) !== null) : all;
  const undated = all.length - chosen.length;
  const dates = chosen.map(runDate);
  const sources = [...new Set(chosen.map((o) => o.provenance.source))].sort();
  const runIndex = new Map(sources.map((s, i) => [s, i + 1]));
  const by =
    options.by === null
      ? undefined
      : (options.by ??
        dataset.factors.map((f) => f.name).find((name) => new Set(chosen.map((o) => o.factors[name])).size > 1));
  const label = (level: string): string => dataset.factors.find((f) => f.name === by)?.labels[level] ?? level;
  const rows = chosen
    .map((o, i) => ({
      time: axis === 'date' ? dates[i]! : runIndex.get(o.provenance.source)!,
      value: o.value!,
      panel: by === undefined ? null : label(o.factors[by]!),
    }))
    .sort((a, b) => Number(a.time) - Number(b.time));
  const channels = { x: 'time', y: 'value', ...(by ? { fy: 'panel' } : {}) };
  const panels = by === undefined ? 1 : new Set(rows.map((r) => r.panel)).size;
  const Plot = await import('@observablehq/plot');
  const marks: PlotTypes.Markish[] = [
    Plot.frame({ stroke: '#ccc' }),
    Plot.dot(rows, { ...channels, r: 1.8, fill: 'currentColor', fillOpacity: 0.6, stroke: null }),
    Plot.linearRegressionY(rows, { ...channels, stroke: '#ff725c', ci: 0 }),
  ];
  const byInfo = dataset.factors.find((f) => f.name === by);
  const svg = await plotSvg({
    width: options.width ?? 640,
    height: 50 + 140 * panels,
    marginRight: by === undefined ? 20 : 90,
    x: axis === 'date' ? { type: 'utc', label: msg.dateAxis() } : { label: msg.runOrderAxis() },
    y: { label: `${METRIC_LABELS[selection.metric]} (${METRIC_UNITS[selection.metric]})`, grid: true },
    ...(byInfo
      ? { fy: { label: null, domain: byInfo.levels.map(label).filter((l) => rows.some((r) => r.panel === l)) } }
      : {}),
    marks,
  });
  const parts = selectionParts(dataset, selection);
  return quickLook(
    lookId(`drift-${selection.metric}`, parts),
    msg.driftTitle(METRIC_LABELS[selection.metric], axis, parts, undated),
    svg,
  );
}
