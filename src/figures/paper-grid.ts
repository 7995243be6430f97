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
  conditionRows,
  figureGroups,
  figureId,
  metricTitle,
  resolveCommon,
} from './data.js';
import type { BarRow, ConditionRow } from './data.js';
import { gridSpec, legendLayout } from './grid.js';
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

/** One paper-grid figure per combination of the other factors (testbed). */
export function paperGrid(analysis: Analysis, options: PaperGridOptions = {}): FigureSet {
  const o = resolveCommon(analysis, options);
  const layout = oneOf(options.layout, 'layout', ['metric-columns', 'metric-rows'] as const, 'metric-columns');
  const yScale = oneOf(options.yScale, 'yScale', ['panel', 'metric'] as const, 'panel');
  const rows = conditionRows(o.conditions, o.nodes);
  const xLabels = o.x.levels.map((l) => factorLevelLabel(o.x, l));
  const colorLabels = o.color.levels.map((l) => factorLevelLabel(o.color, l));
  const palette = distributionPalette(colorLabels.length);
  const metricsFirst = layout === 'metric-rows';

  return keyedFigures(
    figureGroups(analysis, [o.x.name, o.color.name]).map((group): FigureSpec => {
      // Bars of every (row, metric) cell, computed once: the y domains need them all.
      const bars = new Map<string, BarRow[]>();
      const cellKey = (r: ConditionRow, m: Metric) => `${r.rowId}|${m}`;
      for (const r of rows) {
        for (const m of o.metrics) bars.set(cellKey(r, m), barRows(analysis.summaries, group, r, m, o.x, o.color));
      }
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

      const panel = (place: PanelPlace): SpecObject | null => {
        const { row, metric } = at(place);
        const values = bars.get(cellKey(row, metric))!;
        if (values.length === 0) return null;
        const yMax = yScale === 'metric' ? metricMax.get(metric)! : axisMax(values.flatMap((b) => [b.mean, b.hi]));
        const rowHeader = metricsFirst ? metricTitle(metric) : row.rowLabel;
        return {
          data: { values },
          encoding: {
            x: {
              field: 'x',
              type: 'nominal',
              sort: xLabels,
              scale: { domain: xLabels, paddingInner: 0.15, paddingOuter: 0.08 },
              axis: place.lastRow
                ? { title: null, labelAngle: -45, labelAlign: 'right', labelBaseline: 'top', ticks: false }
                : { title: null, labels: false, ticks: false },
            },
            xOffset: { field: 'color', type: 'nominal', sort: colorLabels, scale: { domain: colorLabels } },
          },
          layer: [
            {
              mark: { type: 'bar', stroke: '#000000', strokeWidth: 0.25 },
              encoding: {
                y: {
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
            },
            {
              mark: { type: 'rule', strokeWidth: 0.6, color: '#000000' },
              encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
            },
          ],
        };
      };

      const title = group.label === '' ? 'Resource use and throughput' : `Resource use and throughput: ${group.label}`;
      const caption = msg.gridCaption(analysis.options.level, msg.nodeLabel(o.node));
      const spec = gridSpec({
        size: o.size,
        rowCount: metricsFirst ? o.metrics.length : rows.length,
        columnCount: metricsFirst ? rows.length : o.metrics.length,
        title,
        subtitle: caption,
        panelHeight: options.panelHeight ?? (o.size === 'page' ? 62 : 48),
        axisAllowance: o.size === 'page' ? 26 : 24,
        rowHeaderAllowance: 12,
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
