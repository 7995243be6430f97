/**
 * The reference study's figure (FACTS.md, "Figure layout"): one figure per testbed; columns CPU | RAM |
 * Throughput, rows Idle, P2P TCP, P2P UDP, P2S TCP, P2S UDP; x = plugin, colour = distribution (baseline first),
 * bar = mean, error bar = the precomputed t interval of the mean (not Vega's random bootstrap).
 */
import { keyedFigures, type FigureSet } from './types.js';
import { factorLevelLabel } from '../present/index.js';
import { oneOf, type Metric } from '../model/index.js';
import type { Analysis } from '../stats/index.js';
import * as msg from './messages.js';
import {
  emptyCellText,
  axisFormat,
  axisMax,
  barRows,
  byGroup,
  conditionRows,
  figureId,
  levelsIn,
  metricTitle,
  resolveCommon,
} from './data.js';
import type { BarRow, ConditionRow } from './data.js';
import { gridSpec, legendLayout, panelWidth } from './grid.js';
import type { PanelPlace, SpecObject } from './grid.js';
import { distributionPalette } from './theme.js';
import type { CommonFigureOptions, FigureSpec } from './types.js';

export interface PaperGridOptions extends CommonFigureOptions {
  /**
   * 'metric-columns' (the study's: a column per metric, a row per condition) or 'metric-rows' (swapped);
   * default 'metric-columns'
   */
  readonly layout?: 'metric-columns' | 'metric-rows';
  /**
   * y scale of each panel: 'panel' (each panel its own, so idle CPU stays readable) or 'metric' (one scale per
   * metric across conditions, for comparing conditions); default 'panel'
   */
  readonly yScale?: 'panel' | 'metric';
  /** height of a panel in SVG units (pt); default 62 for 'page', 48 for 'column' */
  readonly panelHeight?: number;
}

/**
 * Narrowest step of an x level in a panel: labels slanted at 45° need their height / sin 45° (about 10.5 pt at
 * 7.5 pt), upright ones (90°) their height plus a gap (8 pt); below, levels are left out.
 */
export const SLANTED_X_STEP = 10.5;
export const MIN_X_STEP = 8;
/** Narrowest bar drawn. */
const MIN_BAR = 2;

/** Tooltip of a mark: the cell's mean, its interval and n (report.html shows it on hover). */
export const CELL_TOOLTIP = [
  { field: 'x', type: 'nominal', title: 'x' },
  { field: 'color', type: 'nominal', title: 'colour' },
  { field: 'mean', type: 'quantitative', title: 'mean', format: '.4~g' },
  { field: 'lo', type: 'quantitative', title: 'interval from', format: '.4~g' },
  { field: 'hi', type: 'quantitative', title: 'interval to', format: '.4~g' },
  { field: 'n', type: 'quantitative', title: 'n' },
];

/**
 * One paper-grid figure per combination of the factors on neither x nor colour (testbed …), at most `maxFigures`.
 * A panel shows only the levels present in its figure; a numeric x factor (MTU) is drawn as lines across an ordered
 * axis; more x levels than the panel can label are left out and the caption says so.
 */
export function paperGrid(analysis: Analysis, options: PaperGridOptions = {}): FigureSet {
  const o = resolveCommon(analysis, options, 'paper grid');
  const layout = oneOf(options.layout, 'layout', ['metric-columns', 'metric-rows'] as const, 'metric-columns');
  const yScale = oneOf(options.yScale, 'yScale', ['panel', 'metric'] as const, 'panel');
  const rows = conditionRows(o.conditions, o.nodes);
  const allColorLabels = o.color.levels.map((l) => factorLevelLabel(o.color, l));
  const fullPalette = distributionPalette(allColorLabels.length);
  const metricsFirst = layout === 'metric-rows';
  const axisAllowance = o.size === 'page' ? 26 : 24;
  const rowHeaderAllowance = 12;
  const columnCount = metricsFirst ? rows.length : o.metrics.length;
  const width = panelWidth(o.size, columnCount, axisAllowance, rowHeaderAllowance);

  const summariesOf = byGroup(analysis.summaries, (s) => s.factors, o.groups);
  return keyedFigures(
    o.groups.map((group): FigureSpec => {
      const summaries = summariesOf.get(group)!;
      const colorFactor = levelsIn(summaries, group, o.color);
      const colorLabels = colorFactor.levels.map((l) => factorLevelLabel(o.color, l));
      const palette = colorLabels.map((l) => fullPalette[allColorLabels.indexOf(l)] ?? fullPalette[0]!);
      const xPresent = levelsIn(summaries, group, o.x);
      const step = o.numericX ? MIN_X_STEP : Math.max(MIN_X_STEP, MIN_BAR * colorLabels.length * 1.2);
      const maxX = Math.max(1, Math.floor(width / step));
      const xFactor = { ...xPresent, levels: xPresent.levels.slice(0, maxX) };
      const xLabels = xFactor.levels.map((l) => factorLevelLabel(o.x, l));
      const notes = [
        ...(xFactor.levels.length < xPresent.levels.length
          ? [msg.levelsLeftOut(xFactor.levels.length, xPresent.levels.length, o.x.name)]
          : []),
        ...(o.leftOut !== null ? [o.leftOut] : []),
      ];
      // Bars of every (row, metric) cell, computed once: the y domains need them all.
      const bars = new Map<string, BarRow[]>();
      const cellKey = (r: ConditionRow, m: Metric) => `${r.rowId}|${m}`;
      for (const r of rows) {
        for (const m of o.metrics) bars.set(cellKey(r, m), barRows(summaries, group, r, m, xFactor, colorFactor));
      }
      const clipped = [...bars.values()].some((values) => values.some((b) => b.loComputed !== undefined));
      const metricMax = new Map(
        o.metrics.map((m) => [
          m,
          axisMax(rows.flatMap((r) => bars.get(cellKey(r, m))!.flatMap((b) => [b.mean, b.hi]))),
        ]),
      );
      const at = (place: PanelPlace): { row: ConditionRow; metric: Metric } =>
        metricsFirst
          ? { row: rows[place.column]!, metric: o.metrics[place.row]! }
          : { row: rows[place.row]!, metric: o.metrics[place.column]! };

      const colorEncoding = {
        field: 'color',
        type: 'nominal',
        sort: colorLabels,
        scale: { domain: colorLabels, range: palette },
        legend: {
          title: factorTitle(o.color.name),
          titleOrient: 'left',
          ...legendLayout(factorTitle(o.color.name), colorLabels, o.size),
        },
      };
      const panel = (place: PanelPlace): SpecObject | null => {
        const { row, metric } = at(place);
        const values = bars.get(cellKey(row, metric))!;
        if (values.length === 0) return null;
        const yMax = yScale === 'metric' ? metricMax.get(metric)! : axisMax(values.flatMap((b) => [b.mean, b.hi]));
        const rowHeader = metricsFirst ? metricTitle(metric) : row.rowLabel;
        const y = {
          field: 'mean',
          type: 'quantitative',
          scale: { domain: [0, yMax], nice: false },
          axis: {
            title: place.firstColumn ? rowHeader : null,
            tickCount: 3,
            // 10k reads better than 10,000 in a narrow panel; below that, plain numbers keep precision.
            ...axisFormat(yMax),
            grid: true,
          },
        };
        const slanted = width / Math.max(1, xLabels.length) >= SLANTED_X_STEP;
        const xAxis = place.lastRow
          ? slanted
            ? { title: null, labelAngle: -45, labelAlign: 'right', labelBaseline: 'top', ticks: false }
            : { title: null, labelAngle: -90, labelAlign: 'right', labelBaseline: 'middle', ticks: false }
          : { title: null, labels: false, ticks: false };
        if (o.numericX) {
          // an ordered axis (MTU): one line per colour level across it, points at the means, rules for the intervals
          return {
            data: { values },
            encoding: {
              x: { field: 'x', type: 'ordinal', sort: xLabels, scale: { domain: xLabels, padding: 0.5 }, axis: xAxis },
              color: colorEncoding,
            },
            layer: [
              { mark: { type: 'line', strokeWidth: 1 }, encoding: { y } },
              { mark: { type: 'point', filled: true, size: 12, opacity: 1 }, encoding: { y, tooltip: CELL_TOOLTIP } },
              {
                mark: { type: 'rule', strokeWidth: 0.6 },
                encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
              },
            ],
          };
        }
        return {
          data: { values },
          encoding: {
            x: {
              field: 'x',
              type: 'nominal',
              sort: xLabels,
              scale: { domain: xLabels, paddingInner: 0.15, paddingOuter: 0.08 },
              axis: xAxis,
            },
            xOffset: { field: 'color', type: 'nominal', sort: colorLabels, scale: { domain: colorLabels } },
          },
          layer: [
            {
              mark: { type: 'bar', stroke: '#000000', strokeWidth: 0.25 },
              encoding: { y, color: colorEncoding, tooltip: CELL_TOOLTIP },
            },
            {
              mark: { type: 'rule', strokeWidth: 0.6, color: '#000000' },
              encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
            },
          ],
        };
      };

      const title = group.label === '' ? 'Resource use and throughput' : `Resource use and throughput: ${group.label}`;
      const caption = [
        msg.gridCaption(analysis.options.level, msg.nodeLabel(o.node), o.numericX, clipped),
        ...notes,
      ].join('; ');
      const spec = gridSpec({
        size: o.size,
        rowCount: metricsFirst ? o.metrics.length : rows.length,
        columnCount,
        title,
        subtitle: caption,
        panelHeight: options.panelHeight ?? (o.size === 'page' ? 62 : 48),
        axisAllowance,
        rowHeaderAllowance,
        columnHeader: (column) => (metricsFirst ? rows[column]!.rowLabel : metricTitle(o.metrics[column]!)),
        panel,
        emptyText: (place) => emptyCellText(at(place).row, at(place).metric),
      });
      return { id: figureId('paper-grid', group.idSuffix), title, caption, shows: group.factors, spec };
    }),
  );
}

/** `distribution` → `Distribution`. */
export function factorTitle(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
