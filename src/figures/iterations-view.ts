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
import { colorEncoding, figureHead } from './grid.js';
import type { SpecObject } from './grid.js';
import { distributionPalette, figureWidth, FONT_SIZES } from './theme.js';
import type { TopLevelSpec } from 'vega-lite';
import type { CommonFigureOptions, FigureSpec } from './types.js';
import { maxOf, minOf } from '../model/index.js';

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

/**
 * The top of the range a row draws: its largest value plus a tenth of its range (a flat series: 1 % of its level),
 * the room vega's scale padding leaves above it (a twelfth of the panel's height). It decides the row's axis format.
 */
function rowTop(points: readonly IterationPoint[]): number {
  const values = points.map((p) => p.value);
  const lo = minOf(values);
  const hi = maxOf(values);
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.max(Math.abs(hi) * 0.01, 1e-9);
  return round(hi + pad);
}

/** Narrowest group of the iterations view (one per x level in a row's panel); more levels are left out and named. */
const MIN_ITERATION_PANEL = 28;
/** Empty iteration slots between two x levels' groups in a panel. */
const ITERATION_GAP = 1.5;
/** Room left of a panel for the y axis' tick labels. */
const ROW_AXIS_ALLOWANCE = 26;
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
      const maxIteration = maxOf(present.flatMap((r) => r.points.map((p) => p.iteration)));
      const defaultHeight = o.size === 'page' ? 48 : 40;
      const panelHeight =
        options.panelHeight ??
        Math.max(24, Math.min(defaultHeight, Math.floor(MAX_PANELS_HEIGHT / present.length) - 6));

      // One panel per row (metric × condition), the x levels side by side in it: each level a group of iterations
      // in run order, separated by a gap and a thin rule. One panel a row instead of one a row and x level: a view
      // costs vega-lite and vega most of their time (70–126 views a figure took 0.7–1.8 s to render, most of a report's
      // rendering), and the points, lines and rings drawn are the same.
      const slot = maxIteration + ITERATION_GAP;
      const positionOf = (column: number, iteration: number): number => column * slot + iteration;
      const domainEnd = xLabels.length * slot - ITERATION_GAP + 0.5;
      const plotWidth = Math.max(40, figureWidth(o.size) - 4 - rowHeaderAllowance - ROW_AXIS_ALLOWANCE);
      const groupWidth = (plotWidth * slot) / (domainEnd - 0.5);
      const fs = FONT_SIZES[o.size];
      const centres = xLabels.map((_, column) => round(positionOf(column, (maxIteration + 1) / 2)));
      // the level's label at its group's centre (vega-lite axis values are numbers; the label comes from a lookup)
      const labelExpr = xLabels.reduceRight(
        (rest, label, column) => `datum.value === ${centres[column]} ? ${JSON.stringify(label)} : ${rest}`,
        "''",
      );
      const separators = xLabels
        .slice(1)
        .map((_, k) => ({ separator: round(positionOf(k + 1, 0.5 - ITERATION_GAP / 2)) }));
      // One facet, a row per metric and condition with a y axis of its own: one view for vega-lite to compile and
      // vega to parse instead of one per row (the example's iterations view drew in about two thirds of the time).
      // A row's header is its condition over its metric; the x axis (the levels at their groups' centres) is drawn
      // once, above the first row.
      const rowKeys = present.map(
        ({ row, metric }) => `${row.rowLabel}\n${SHORT_METRIC_TITLES[metric] ?? metricTitle(metric)}`,
      );
      const values: SpecObject[] = [];
      // y axes in SI (10k) where a row reaches 5 000 (axisFormat), read per row from the row's header
      const siRows: string[] = [];
      present.forEach(({ points: rowPoints }, index) => {
        const row = rowKeys[index]!;
        if (axisFormat(rowTop(rowPoints)).format !== undefined) siRows.push(row);
        for (const separator of separators) values.push({ row, ...separator });
        for (const [column, label] of xLabels.entries()) {
          if (!rowPoints.some((p) => p.x === label))
            values.push({ row, position: centres[column]!, note: msg.noData() });
        }
        // every point's x is one of xLabels: iterationPoints draws only the levels kept
        for (const p of rowPoints) values.push({ row, ...p, position: positionOf(xLabels.indexOf(p.x), p.iteration) });
      });
      const x = {
        field: 'position',
        type: 'quantitative',
        scale: { domain: [0.5, domainEnd], nice: false, zero: false },
        axis: {
          orient: 'top',
          title: null,
          values: centres,
          labelExpr,
          ticks: false,
          domain: false,
          grid: false,
          labelFontSize: xLabels.length <= 6 && o.size === 'page' ? fs.title : fs.label,
          labelFontWeight: xLabels.length <= 6 && o.size === 'page' ? 'bold' : 'normal',
          labelLimit: Math.max(8, groupWidth - 2),
          labelOverlap: false,
          labelPadding: 2,
        },
      };
      const layers: SpecObject[] = [
        {
          mark: { type: 'line', strokeWidth: 0.6, opacity: 0.7 },
          encoding: { detail: [{ field: 'x' }, { field: 'color' }] },
        },
        { mark: { type: 'point', filled: true, size: 8, opacity: 1 } },
        // rings only where there is an outlier
        ...(values.some((p) => p['outlier'] === true)
          ? [
              {
                transform: [{ filter: { field: 'outlier', equal: true } }],
                // The ring takes its series' colour (the colour encoding applies to every layer), which tells
                // whose outlier it is.
                mark: { type: 'point', filled: false, size: 45, strokeWidth: 0.9 },
              },
            ]
          : []),
      ];
      const inner: SpecObject[] = [
        ...(separators.length > 0
          ? [
              {
                transform: [{ filter: 'isValid(datum.separator)' }],
                mark: { type: 'rule', color: '#b0b0b0', strokeWidth: 0.5 },
                encoding: { x: { ...x, field: 'separator' } },
              },
            ]
          : []),
        ...(values.some((p) => p['note'] !== undefined)
          ? [
              {
                transform: [{ filter: 'isValid(datum.note)' }],
                mark: { type: 'text', fontSize: fs.label, color: '#777777', fontStyle: 'italic' },
                encoding: { x, y: { value: panelHeight / 2 }, text: { field: 'note', type: 'nominal' } },
              },
            ]
          : []),
        {
          transform: [{ filter: 'isValid(datum.value)' }],
          encoding: {
            x,
            y: {
              field: 'value',
              type: 'quantitative',
              // the values' range and a tenth of it above and below (so that outlier rings stay inside), in pixels:
              // a row's domain is its own data's
              scale: { nice: false, zero: false, padding: round(panelHeight / 12) },
              axis: {
                title: null,
                tickCount: 3,
                grid: true,
                ...(siRows.length > 0
                  ? {
                      labelExpr: `indexof(${JSON.stringify(siRows)}, parent.row) >= 0 ? (datum.value === 0 ? '0' : format(datum.value, '~s')) : datum.label`,
                    }
                  : {}),
              },
            },
            color: colorEncoding(factorTitle(o.color.name), colorLabels, palette, o.size),
          },
          layer: layers,
        },
      ];
      const title = `Iterations${group.label === '' ? '' : `: ${group.label}`}`;
      const caption = [
        msg.iterationsCaption(),
        msg.nodeLabel(o.node),
        ...(xFactor.levels.length < xPresent.levels.length
          ? [msg.levelsLeftOut(xFactor.levels.length, xPresent.levels.length, o.x.name)]
          : []),
        ...(o.leftOut !== null ? [o.leftOut] : []),
      ].join('; ');
      const spec = {
        ...figureHead(title, caption, o.size),
        data: { values },
        facet: {
          row: {
            field: 'row',
            type: 'nominal',
            sort: rowKeys,
            title: null,
            // two short lines that fit a panel's height: the condition, then the metric with its unit
            header: { labelExpr: "split(datum.value, '\\n')", labelPadding: 3, labelFontSize: fs.title },
          },
        },
        spec: { width: plotWidth, height: panelHeight, layer: inner },
        spacing: 6,
        resolve: { scale: { color: 'shared', y: 'independent' } },
      } as unknown as TopLevelSpec;
      return [{ id: figureId('iterations', group.idSuffix), title, caption, shows: group.factors, spec }];
    }),
  );
}
