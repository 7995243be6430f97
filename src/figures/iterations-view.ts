/**
 * Iterations view: every iteration a point, in run order, so that outliers and drift are visible. One figure
 * per testbed and metric; a panel per condition (rows) and plugin (columns); in a panel, x = iteration,
 * y = value, one thin line per distribution, flagged outliers ringed (they are kept in every statistic).
 */
import { keyedFigures, type FigureSet } from './types.js';
import { factorLevelLabel } from '../present/index.js';
import type { Metric } from '../model/index.js';
import type { Analysis, CellSummary } from '../stats/index.js';
import * as msg from './messages.js';
import {
  axisFormat,
  byGroup,
  conditionRows,
  figureId,
  inGroup,
  levelsIn,
  matchesCell,
  metricTitle,
  resolveCommon,
  round,
} from './data.js';
import type { ConditionRow, FigureGroup, ResolvedOptions } from './data.js';
import { factorTitle } from './paper-grid.js';
import { gridSpec, legendLayout } from './grid.js';
import type { PanelPlace, SpecObject } from './grid.js';
import { distributionPalette, figureWidth } from './theme.js';
import type { CommonFigureOptions, FigureSpec } from './types.js';

export interface IterationsViewOptions extends CommonFigureOptions {
  /** height of a panel in SVG units; default 48 for 'page', 40 for 'column' */
  readonly panelHeight?: number;
}

/** One measured iteration of one cell. */
export interface IterationPoint {
  readonly x: string;
  readonly color: string;
  readonly iteration: number;
  readonly value: number;
  readonly outlier: boolean;
}

function iterationPoints(
  summaries: readonly CellSummary[],
  o: Pick<ResolvedOptions, 'x' | 'color'>,
  group: FigureGroup,
  row: ConditionRow,
  metric: Metric,
): IterationPoint[] {
  const cells = summaries.filter((s) => inGroup(s.factors, group) && matchesCell(s, row, metric));
  const points: IterationPoint[] = [];
  for (const xLevel of o.x.levels) {
    for (const cLevel of o.color.levels) {
      const s = cells.find((c) => c.factors[o.x.name] === xLevel && c.factors[o.color.name] === cLevel);
      if (s === undefined) continue;
      s.values.forEach((value, i) => {
        const iteration = s.iterations[i] ?? i + 1;
        points.push({
          x: factorLevelLabel(o.x, xLevel),
          color: factorLevelLabel(o.color, cLevel),
          iteration,
          value: round(value),
          outlier: s.outliers.includes(iteration),
        });
      });
    }
  }
  return points;
}

/** y domain shared by a row: the values' range padded by 10 % so outlier rings stay inside (a flat series gets ±1 % of its level). */
function rowDomain(points: readonly IterationPoint[]): [number, number] {
  const values = points.map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.max(Math.abs(hi) * 0.01, 1e-9);
  return [round(lo - pad), round(hi + pad)];
}

/** Narrowest panel of the iterations view (one column per x level); more levels are left out and named. */
const MIN_ITERATION_PANEL = 28;
/** The figure's height for its panels at most: a page's text height less the title and legend. */
const MAX_PANELS_HEIGHT = 600;

/** Row titles short enough for a panel's height (rotated): the metric and its unit. */
const SHORT_METRIC_TITLES: Partial<Record<Metric, string>> = { cpu: 'CPU %', ram: 'RAM MiB', bandwidth: 'Mbit/s' };

/**
 * Iterations view: one figure per combination of the factors on neither x nor colour (at most `maxFigures`), every
 * metric in it: a panel row per metric and condition, a column per x level (the levels present, as many as fit).
 */
export function iterationsView(analysis: Analysis, options: IterationsViewOptions = {}): FigureSet {
  const o = resolveCommon(analysis, options, 'iterations view');
  const conditionRowList = conditionRows(o.conditions, o.nodes);
  const allColorLabels = o.color.levels.map((l) => factorLevelLabel(o.color, l));
  const fullPalette = distributionPalette(allColorLabels.length);
  const rowHeaderAllowance = o.size === 'page' ? 58 : 64;

  const summariesOf = byGroup(o.summaries, (s) => s.factors, o.groups);
  return keyedFigures(
    o.groups.flatMap((group): FigureSpec[] => {
      const summaries = summariesOf.get(group)!;
      const xPresent = levelsIn(summaries, group, o.x);
      const columnsFit = Math.max(
        1,
        Math.floor((figureWidth(o.size) - 4 - rowHeaderAllowance + 6) / (MIN_ITERATION_PANEL + 6)),
      );
      const xFactor = { ...xPresent, levels: xPresent.levels.slice(0, columnsFit) };
      const xLabels = xFactor.levels.map((l) => factorLevelLabel(o.x, l));
      const colorFactor = levelsIn(summaries, group, o.color);
      const colorLabels = colorFactor.levels.map((l) => factorLevelLabel(o.color, l));
      const palette = colorLabels.map((l) => fullPalette[allColorLabels.indexOf(l)] ?? fullPalette[0]!);
      const view = { ...o, x: xFactor, color: colorFactor };
      const present = o.metrics.flatMap((metric) =>
        conditionRowList
          .map((row) => ({ row, metric, points: iterationPoints(summaries, view, group, row, metric) }))
          .filter((r) => r.points.length > 0),
      );
      if (present.length === 0) return [];
      const maxIteration = Math.max(...present.flatMap((r) => r.points.map((p) => p.iteration)));
      const defaultHeight = o.size === 'page' ? 48 : 40;
      const panelHeight =
        options.panelHeight ??
        Math.max(24, Math.min(defaultHeight, Math.floor(MAX_PANELS_HEIGHT / present.length) - 6));

      const panel = (place: PanelPlace): SpecObject | null => {
        const { row, metric, points: rowPoints } = present[place.row]!;
        const xLabel = xLabels[place.column]!;
        const values = rowPoints.filter((p) => p.x === xLabel);
        if (values.length === 0) return null;
        const domain = rowDomain(rowPoints);
        return {
          data: { values },
          encoding: {
            x: {
              field: 'iteration',
              type: 'quantitative',
              // Half an iteration of room each side, so that points and rings at the ends stay inside the panel.
              scale: { domain: [0.5, maxIteration + 0.5], nice: false },
              axis: place.lastRow
                ? // no axis title: 'iteration' is wider than a narrow panel (the caption says what x is)
                  // end labels flush inside the panel: centred on the edge they would widen every column
                  { title: null, tickMinStep: 1, format: 'd', tickCount: Math.min(4, maxIteration), labelFlush: true }
                : { title: null, labels: false, tickMinStep: 1, tickCount: Math.min(4, maxIteration) },
            },
            y: {
              field: 'value',
              type: 'quantitative',
              scale: { domain, nice: false, zero: false },
              axis: place.firstColumn
                ? {
                    // two short lines that fit a panel's height: the condition, then the metric with its unit
                    title: [row.rowLabel, SHORT_METRIC_TITLES[metric] ?? metricTitle(metric)],
                    tickCount: 3,
                    ...axisFormat(domain[1]),
                    grid: true,
                  }
                : // no ticks left of inner panels: they would widen every column by their length
                  { title: null, labels: false, ticks: false, domain: false, tickCount: 3, grid: true },
            },
            color: {
              field: 'color',
              type: 'nominal',
              sort: colorLabels,
              scale: { domain: colorLabels, range: palette },
              legend: {
                title: factorTitle(o.color.name),
                titleOrient: 'left',
                ...legendLayout(factorTitle(o.color.name), colorLabels, o.size),
              },
            },
          },
          layer: [
            { mark: { type: 'line', strokeWidth: 0.6, opacity: 0.7 }, encoding: { detail: { field: 'color' } } },
            { mark: { type: 'point', filled: true, size: 8, opacity: 1 } },
            // rings only where there is an outlier: a layer costs compile and render time in each of dozens of panels
            ...(values.some((p) => p.outlier)
              ? [
                  {
                    transform: [{ filter: { field: 'outlier', equal: true } }],
                    // The ring takes its series' colour (the colour encoding applies to every layer), which tells
                    // whose outlier it is.
                    mark: { type: 'point', filled: false, size: 45, strokeWidth: 0.9 },
                  },
                ]
              : []),
          ],
        };
      };
      const title = `Iterations${group.label === '' ? '' : `: ${group.label}`}`;
      const caption = [
        msg.iterationsCaption(),
        msg.nodeLabel(o.node),
        ...(xFactor.levels.length < xPresent.levels.length
          ? [msg.levelsLeftOut(xFactor.levels.length, xPresent.levels.length, o.x.name)]
          : []),
        ...(o.leftOut !== null ? [o.leftOut] : []),
      ].join('; ');
      const spec = gridSpec({
        size: o.size,
        rowCount: present.length,
        columnCount: xLabels.length,
        title,
        subtitle: caption,
        panelHeight,
        // the x axis' end labels (`10`) reach up to 2 pt past each side of a panel
        axisAllowance: 4,
        rowHeaderAllowance,
        columnHeader: (column) => xLabels[column]!,
        // one column per x level: small plain headers unless there are few
        headerStyle: o.size === 'page' && xLabels.length <= 6 ? 'bold' : 'small',
        panel,
        emptyText: () => msg.noData(),
      });
      return [{ id: figureId('iterations', group.idSuffix), title, caption, shows: group.factors, spec }];
    }),
  );
}
