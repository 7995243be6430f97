/** Quick look (a): the per-second monitor samples of one run or one cell over time (ingest keeps them per series). */
import type * as PlotTypes from '@observablehq/plot';
import { conditionLabel } from '../present/index.js';
import { quicklookMessages as msg } from './messages.js';
import { CnibenchError, METRIC_LABELS, type Dataset, type Sample, type Displayable } from '../model/index.js';
import { plotSvg, quickLook, type QuickLook } from './render.js';
import { checkSelection, lookId, selected, selectionParts, type Selection } from './select.js';

export interface SamplesLookOptions {
  /** `cpu` (sar's user + nice + system + iowait + steal, %) or `ram` (`free -m` used, MiB); default `cpu` */
  readonly metric?: 'cpu' | 'ram';
  /** width in px; default 640 */
  readonly width?: number;
}

const sampleValue = (s: Sample, metric: 'cpu' | 'ram'): number =>
  metric === 'ram' ? s.ram : Math.round((s.user + s.nice + s.system + s.iowait + s.steal) * 100) / 100;

/**
 * The per-second samples of the selected series over time: one line per run, x = seconds since the series' first
 * sample, one panel per test condition (rows) and node (columns). Select one run (`iteration`) or a whole cell.
 * @throws CnibenchError `quicklook-nothing-selected` when no series matches; `quicklook-unknown-factor` / `-level`
 * @example await samplesLook(dataset, { factors: { testbed: 'ATH', distribution: 'k8s', plugin: 'flannel' }, iteration: 1 })
 */
export async function samplesLook(
  dataset: Pick<Dataset, 'factors' | 'samples'>,
  selection: Selection = {},
  options: SamplesLookOptions = {},
): Promise<QuickLook & Displayable> {
  checkSelection(dataset, selection);
  const metric = options.metric ?? 'cpu';
  const series = dataset.samples.filter((s) => selected(s, selection) && s.samples.length > 0);
  if (series.length === 0) {
    throw new CnibenchError(
      'quicklook-nothing-selected',
      msg.nothingSelected('sample series', JSON.stringify(selection)),
    );
  }
  const rows = series.flatMap((s, index) => {
    const t0 = s.samples[0]!.timestamp;
    const condition = conditionLabel(s);
    return s.samples.map((sample) => ({
      seconds: sample.timestamp - t0,
      value: sampleValue(sample, metric),
      series: index,
      run: s.iteration,
      condition,
      node: s.node,
    }));
  });
  const conditions = [...new Set(rows.map((r) => r.condition))];
  const runs = new Set(rows.map((r) => r.run)).size;
  const Plot = await import('@observablehq/plot');
  const marks: PlotTypes.Markish[] = [
    Plot.frame({ stroke: '#ccc' }),
    Plot.lineY(rows, { x: 'seconds', y: 'value', z: 'series', stroke: 'run', strokeWidth: 1 }),
  ];
  // with several runs, each line ends in its run number (no HTML legend: a quick look is one SVG)
  if (runs > 1) {
    marks.push(
      Plot.text(rows, Plot.selectLast({ x: 'seconds', y: 'value', z: 'series', text: 'run', dx: 6, fontSize: 8 })),
    );
  }
  const svg = await plotSvg({
    width: options.width ?? 640,
    height: 40 + 110 * conditions.length,
    marginRight: 120,
    x: { label: msg.secondsAxis() },
    y: { label: `${METRIC_LABELS[metric]} (${metric === 'ram' ? 'MiB' : '%'})`, grid: true },
    color: { type: 'ordinal', scheme: 'tableau10' },
    fx: { label: null },
    fy: { label: null, domain: conditions },
    facet: { data: rows, x: 'node', y: 'condition' },
    marks,
  });
  const parts = selectionParts(dataset, selection);
  return quickLook(lookId(`samples-${metric}`, parts), msg.samplesTitle(METRIC_LABELS[metric], parts), svg);
}
