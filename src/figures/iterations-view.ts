/**
 * Iterations view: every iteration a point, in run order, so that outliers and drift are visible. One figure
 * per testbed and metric; a panel per condition (rows) and plugin (columns); in a panel, x = iteration,
 * y = value, one thin line per distribution, flagged outliers ringed (they are kept in every statistic).
 */
import type { Metric } from '../model/vocabulary.js';
import type { Analysis } from '../stats/types.js';
import * as msg from '../messages/figures.js';
import {
  axisFormat,
  conditionRows,
  figureGroups,
  figureId,
  inGroup,
  levelLabelOf,
  matchesCell,
  metricTitle,
  resolveCommon,
  round,
} from './data.js';
import type { ConditionRow, FigureGroup, ResolvedOptions } from './data.js';
import { factorTitle } from './paper-grid.js';
import { gridSpec, legendLayout } from './grid.js';
import type { PanelPlace, SpecObject } from './grid.js';
import { distributionPalette } from './theme.js';
import type { CommonFigureOptions, FigureSpec } from './types.js';
import { displayableFigure } from './display.js';

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
  analysis: Analysis,
  o: ResolvedOptions,
  group: FigureGroup,
  row: ConditionRow,
  metric: Metric,
): IterationPoint[] {
  const cells = analysis.summaries.filter((s) => inGroup(s.factors, group) && matchesCell(s, row, metric));
  const points: IterationPoint[] = [];
  for (const xLevel of o.x.levels) {
    for (const cLevel of o.color.levels) {
      const s = cells.find((c) => c.factors[o.x.name] === xLevel && c.factors[o.color.name] === cLevel);
      if (s === undefined) continue;
      s.values.forEach((value, i) => {
        const iteration = s.iterations[i] ?? i + 1;
        points.push({
          x: levelLabelOf(o.x, xLevel),
          color: levelLabelOf(o.color, cLevel),
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

export function iterationsView(analysis: Analysis, options: IterationsViewOptions = {}): FigureSpec[] {
  const o = resolveCommon(analysis, options);
  const rows = conditionRows(o.conditions, o.nodes);
  const xLabels = o.x.levels.map((l) => levelLabelOf(o.x, l));
  const colorLabels = o.color.levels.map((l) => levelLabelOf(o.color, l));
  const palette = distributionPalette(colorLabels.length);

  return figureGroups(analysis, [o.x.name, o.color.name]).flatMap((group) =>
    o.metrics.flatMap((metric): FigureSpec[] => {
      const byRow = rows.map((row) => iterationPoints(analysis, o, group, row, metric));
      const present = rows.map((row, i) => ({ row, points: byRow[i]! })).filter((r) => r.points.length > 0);
      if (present.length === 0) return [];
      const maxIteration = Math.max(...present.flatMap((r) => r.points.map((p) => p.iteration)));

      const panel = (place: PanelPlace): SpecObject | null => {
        const { row, points: rowPoints } = present[place.row]!;
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
                ? { title: 'iteration', tickMinStep: 1, format: 'd', tickCount: Math.min(5, maxIteration) }
                : { title: null, labels: false, tickMinStep: 1, tickCount: Math.min(5, maxIteration) },
            },
            y: {
              field: 'value',
              type: 'quantitative',
              scale: { domain, nice: false, zero: false },
              axis: place.firstColumn
                ? { title: row.rowLabel, tickCount: 3, ...axisFormat(domain[1]), grid: true }
                : { title: null, labels: false, tickCount: 3, grid: true },
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
            {
              transform: [{ filter: { field: 'outlier', equal: true } }],
              // The ring takes its series' colour (the colour encoding applies to every layer), which tells whose outlier it is.
              mark: { type: 'point', filled: false, size: 45, strokeWidth: 0.9 },
            },
          ],
        };
      };
      const title = `Iterations, ${metricTitle(metric)}${group.label === '' ? '' : `: ${group.label}`}`;
      const caption = `${msg.iterationsCaption()}; ${msg.nodeLabel(o.node)}`;
      const spec = gridSpec({
        size: o.size,
        rowCount: present.length,
        columnCount: xLabels.length,
        title,
        subtitle: caption,
        panelHeight: options.panelHeight ?? (o.size === 'page' ? 48 : 40),
        axisAllowance: 0,
        rowHeaderAllowance: o.size === 'page' ? 48 : 58,
        columnHeader: (column) => xLabels[column]!,
        // one column per plugin: at column width, bold title-size headers would not fit
        headerStyle: o.size === 'page' ? 'bold' : 'small',
        panel,
        emptyText: () => msg.noData(),
      });
      return [displayableFigure({ id: figureId('iterations', metric, group.idSuffix), title, caption, spec })];
    }),
  );
}
