/**
 * Interaction plot: for each testbed, a panel per condition (rows) and metric (columns); in a panel, one line
 * per plugin across the distributions (baseline first), y = cell mean. Parallel lines mean the distribution's
 * effect does not depend on the plugin; crossing or diverging lines are the distribution × plugin interaction.
 */
import type { Metric } from '../model/vocabulary.js';
import type { Analysis } from '../stats/types.js';
import { CnibenchError } from '../model/errors.js';
import {
  emptyCellText,
  axisFormat,
  barRows,
  conditionRows,
  figureGroups,
  figureId,
  levelLabelOf,
  metricTitle,
  resolveCommon,
} from './data.js';
import { factorTitle } from './paper-grid.js';
import { gridSpec, legendLayout } from './grid.js';
import type { PanelPlace, SpecObject } from './grid.js';
import { LINE_DASHES, LINE_SHAPES, OKABE_ITO } from './theme.js';
import type { CommonFigureOptions, FigureSpec } from './types.js';
import * as msg from '../messages/figures.js';
import { displayableFigure } from './display.js';

export interface InteractionPlotOptions extends CommonFigureOptions {
  /** height of a panel in SVG units; default 62 for 'page', 48 for 'column' */
  readonly panelHeight?: number;
}

export function interactionPlot(analysis: Analysis, options: InteractionPlotOptions = {}): FigureSpec[] {
  const o = resolveCommon(analysis, options);
  const rows = conditionRows(o.conditions, o.nodes);
  const lineLabels = o.x.levels.map((l) => levelLabelOf(o.x, l));
  const xLabels = o.color.levels.map((l) => levelLabelOf(o.color, l));
  if (lineLabels.length > OKABE_ITO.length) {
    throw new CnibenchError('figure-too-many-lines', msg.tooManyLines(o.x.name, lineLabels.length, OKABE_ITO.length));
  }
  const lineStyle = {
    color: { domain: lineLabels, range: OKABE_ITO.slice(0, lineLabels.length) },
    shape: { domain: lineLabels, range: LINE_SHAPES.slice(0, lineLabels.length) },
    strokeDash: { domain: lineLabels, range: lineLabels.map((_, i) => LINE_DASHES[i % LINE_DASHES.length]) },
  };
  const legendTitle = factorTitle(o.x.name);

  return figureGroups(analysis, [o.x.name, o.color.name]).map((group) => {
    const panel = (place: PanelPlace): SpecObject | null => {
      const row = rows[place.row]!;
      const metric: Metric = o.metrics[place.column]!;
      // The same rows as the paper grid, with the roles swapped: lines are x-factor levels, x is the colour factor.
      const values = barRows(analysis.summaries, group, row, metric, o.x, o.color).map((b) => ({
        line: b.x,
        x: b.color,
        mean: b.mean,
      }));
      if (values.length === 0) return null;
      const encodingOf = (channel: 'color' | 'shape' | 'strokeDash') => ({
        field: 'line',
        type: 'nominal',
        sort: lineLabels,
        scale: lineStyle[channel],
        legend: {
          title: legendTitle,
          titleOrient: 'left',
          // thin, small symbols: the merged legend draws each plugin's shape with its dash pattern
          symbolStrokeWidth: 1,
          symbolSize: 30,
          ...legendLayout(legendTitle, lineLabels, o.size),
        },
      });
      return {
        data: { values },
        encoding: {
          x: {
            field: 'x',
            type: 'ordinal',
            sort: xLabels,
            scale: { domain: xLabels, padding: 0.3 },
            axis: place.lastRow
              ? { title: null, labelAngle: -45, labelAlign: 'right', labelBaseline: 'top' }
              : { title: null, labels: false },
          },
          y: {
            field: 'mean',
            type: 'quantitative',
            scale: { zero: false, nice: true },
            axis: {
              title: place.firstColumn ? row.rowLabel : null,
              tickCount: 3,
              ...axisFormat(Math.max(...values.map((v) => v.mean))),
              grid: true,
            },
          },
          color: encodingOf('color'),
        },
        layer: [
          { mark: { type: 'line', strokeWidth: 1 }, encoding: { strokeDash: encodingOf('strokeDash') } },
          { mark: { type: 'point', filled: true, size: 14, opacity: 1 }, encoding: { shape: encodingOf('shape') } },
        ],
      };
    };
    const title = group.label === '' ? 'Interaction' : `Interaction: ${group.label}`;
    const caption = msg.interactionCaption(factorTitle(o.color.name).toLowerCase(), msg.nodeLabel(o.node));
    const spec = gridSpec({
      size: o.size,
      rowCount: rows.length,
      columnCount: o.metrics.length,
      title,
      subtitle: caption,
      panelHeight: options.panelHeight ?? (o.size === 'page' ? 62 : 48),
      axisAllowance: o.size === 'page' ? 24 : 23,
      rowHeaderAllowance: 12,
      columnHeader: (column) => metricTitle(o.metrics[column]!),
      panel,
      emptyText: (place) => emptyCellText(rows[place.row]!, o.metrics[place.column]!),
    });
    return displayableFigure({ id: figureId('interaction', group.idSuffix), title, caption, spec });
  });
}
