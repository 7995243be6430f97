/**
 * Quick look (b): the distribution of iterations per cell — every iteration as a dot, with the cell's median (tick)
 * and interquartile range (bar), computed by Plot's own group reducers (a first look, not the report's statistics).
 */
import type * as PlotTypes from '@observablehq/plot';
import { quicklookMessages as msg } from './messages.js';
import { CnibenchError, METRIC_LABELS, METRIC_UNITS, type Dataset, type Displayable } from '../model/index.js';
import { selectObservations, varyingFactors, type MetricSelection } from './cell-rows.js';
import { plotSvg, quickLook, type QuickLook } from './render.js';
import { lookId, selectionParts } from './select.js';

export interface IterationsLookOptions {
  /** factor on the x axis; default the last varying factor in layout order (the reference study's: plugin) */
  readonly x?: string;
  /** width in px; default 640 */
  readonly width?: number;
}

/**
 * One metric of one test condition: iterations per cell as dots, median and interquartile range. x = one factor;
 * the other varying factors (at most two) become panel columns and rows.
 * @throws CnibenchError when nothing matches, the selection mixes test conditions, or more than three factors vary
 * @example await iterationsLook(dataset, { metric: 'ram', test: 'idle', node: 'server', factors: { testbed: 'UOM' } })
 */
export async function iterationsLook(
  dataset: Pick<Dataset, 'factors' | 'observations'>,
  selection: MetricSelection,
  options: IterationsLookOptions = {},
): Promise<QuickLook & Displayable> {
  const chosen = selectObservations(dataset, selection);
  const varying = varyingFactors(dataset, chosen);
  const x = options.x ?? varying[varying.length - 1] ?? dataset.factors[dataset.factors.length - 1]!.name;
  const panels = varying.filter((f) => f !== x);
  if (panels.length > 2) throw new CnibenchError('quicklook-too-many-factors', msg.tooManyFactors(varying));
  const [fx, fy] = panels;
  const label = (factor: string, level: string): string =>
    dataset.factors.find((f) => f.name === factor)?.labels[level] ?? level;
  const order = (factor: string): string[] => {
    const info = dataset.factors.find((f) => f.name === factor)!;
    const present = new Set(chosen.map((o) => o.factors[factor]));
    return info.levels.filter((l) => present.has(l)).map((l) => label(factor, l));
  };
  const rows = chosen.map((o) => ({
    x: label(x, o.factors[x]!),
    fx: fx === undefined ? null : label(fx, o.factors[fx]!),
    fy: fy === undefined ? null : label(fy, o.factors[fy]!),
    value: o.value!,
  }));
  const channels = { x: 'x', y: 'value', ...(fx ? { fx: 'fx' } : {}), ...(fy ? { fy: 'fy' } : {}) };
  const Plot = await import('@observablehq/plot');
  const marks: PlotTypes.Markish[] = [
    Plot.frame({ stroke: '#ccc' }),
    Plot.ruleX(rows, Plot.groupX({ y1: 'p25', y2: 'p75' }, { ...channels, stroke: '#4269d0', strokeWidth: 4 })),
    Plot.dot(rows, { ...channels, r: 1.8, fill: 'currentColor', fillOpacity: 0.55, stroke: null }),
    Plot.tickY(rows, Plot.groupX({ y: 'median' }, { ...channels, stroke: '#ff725c', strokeWidth: 2 })),
  ];
  const width = options.width ?? 640;
  const rowsOfPanels = fy === undefined ? 1 : order(fy).length;
  const svg = await plotSvg({
    width,
    height: 50 + 150 * rowsOfPanels,
    marginBottom: 60,
    marginRight: fy === undefined ? 20 : 90,
    x: { label: null, domain: order(x), tickRotate: -30 },
    y: { label: `${METRIC_LABELS[selection.metric]} (${METRIC_UNITS[selection.metric]})`, grid: true },
    ...(fx ? { fx: { label: null, domain: order(fx) } } : {}),
    ...(fy ? { fy: { label: null, domain: order(fy) } } : {}),
    marks,
  });
  const parts = selectionParts(dataset, selection);
  return quickLook(
    lookId(`iterations-${selection.metric}`, parts),
    msg.iterationsTitle(METRIC_LABELS[selection.metric], parts),
    svg,
  );
}
