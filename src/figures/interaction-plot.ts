/**
 * Interaction plot: for each testbed, a panel per condition (rows) and metric (columns); in a panel, one line
 * per plugin across the distributions (baseline first), y = cell mean. Parallel lines mean the distribution's
 * effect does not depend on the plugin; crossing or diverging lines are the distribution × plugin interaction.
 */
import { keyedFigures, type FigureSet } from './types.js';
import { factorLevelLabel } from '../present/index.js';
import type { Metric } from '../model/index.js';
import type { Analysis } from '../stats/index.js';
import {
  emptyCellText,
  axisFormat,
  barRows,
  byGroup,
  conditionRows,
  figureId,
  levelsIn,
  metricTitle,
  resolveCommon,
} from './data.js';
import { factorTitle } from './paper-grid.js';
import { gridSpec, legendLayout, panelWidth } from './grid.js';
import { MIN_X_STEP, SLANTED_X_STEP } from './paper-grid.js';
import type { PanelPlace, SpecObject } from './grid.js';
import { LINE_DASHES, LINE_SHAPES, OKABE_ITO } from './theme.js';
import type { CommonFigureOptions, FigureSpec } from './types.js';
import * as msg from './messages.js';
import { maxOf } from '../model/index.js';

export interface InteractionPlotOptions extends CommonFigureOptions {
  /** height of a panel in SVG units; default 62 for 'page', 48 for 'column' */
  readonly panelHeight?: number;
}

/**
 * The interaction plot: the compared factor across x (an ordered axis when numeric), one line per level of the
 * design's other factor, at most 8 lines (Okabe–Ito's colours with shapes and dashes); further levels are left out
 * and the caption says so.
 */
export function interactionPlot(analysis: Analysis, options: InteractionPlotOptions = {}): FigureSet {
  const o = resolveCommon(analysis, options, 'interaction plot');
  const rows = conditionRows(o.conditions, o.nodes);
  // lines: the factor that is not compared (the study's plugins); across x: the compared factor
  const comparedIsColor = o.color.name === analysis.options.factor;
  const lineFull = comparedIsColor ? o.x : o.color;
  const acrossFull = comparedIsColor ? o.color : o.x;
  const allLineLabels = lineFull.levels.map((l) => factorLevelLabel(lineFull, l));
  const styleOf = (label: string) => Math.max(0, allLineLabels.indexOf(label)) % OKABE_ITO.length;
  const legendTitle = factorTitle(lineFull.name);
  const axisAllowance = o.size === 'page' ? 24 : 23;

  const summariesOf = byGroup(o.summaries, (s) => s.factors, o.groups);
  return keyedFigures(
    o.groups.map((group): FigureSpec => {
      const summaries = summariesOf.get(group)!;
      const linePresent = levelsIn(summaries, group, lineFull);
      const lineFactor = { ...linePresent, levels: linePresent.levels.slice(0, OKABE_ITO.length) };
      const acrossPresent = levelsIn(summaries, group, acrossFull);
      const width = panelWidth(o.size, o.metrics.length, axisAllowance, 12);
      const acrossFactor = {
        ...acrossPresent,
        levels: acrossPresent.levels.slice(0, Math.max(1, Math.floor(width / MIN_X_STEP))),
      };
      const slanted = width / Math.max(1, acrossFactor.levels.length) >= SLANTED_X_STEP;
      const lineLabels = lineFactor.levels.map((l) => factorLevelLabel(lineFull, l));
      const xLabels = acrossFactor.levels.map((l) => factorLevelLabel(acrossFull, l));
      const lineStyle = {
        color: { domain: lineLabels, range: lineLabels.map((l) => OKABE_ITO[styleOf(l)]!) },
        shape: { domain: lineLabels, range: lineLabels.map((l) => LINE_SHAPES[styleOf(l)]!) },
        strokeDash: { domain: lineLabels, range: lineLabels.map((l) => LINE_DASHES[styleOf(l) % LINE_DASHES.length]) },
      };
      const leftOut = [
        ...(acrossFactor.levels.length < acrossPresent.levels.length
          ? [msg.levelsLeftOut(acrossFactor.levels.length, acrossPresent.levels.length, acrossFull.name)]
          : []),
        ...(lineFactor.levels.length < linePresent.levels.length
          ? [msg.levelsLeftOut(lineFactor.levels.length, linePresent.levels.length, lineFull.name)]
          : []),
        ...(o.leftOut !== null ? [o.leftOut] : []),
      ];
      const panel = (place: PanelPlace): SpecObject | null => {
        const row = rows[place.row]!;
        const metric: Metric = o.metrics[place.column]!;
        // The same rows as the paper grid: lines are levels of the other factor, x the compared factor's levels.
        const values = barRows(summaries, group, row, metric, lineFactor, acrossFactor).map((b) => ({
          line: b.x,
          x: b.color,
          mean: b.mean,
          n: b.n,
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
                ? slanted
                  ? { title: null, labelAngle: -45, labelAlign: 'right', labelBaseline: 'top' }
                  : { title: null, labelAngle: -90, labelAlign: 'right', labelBaseline: 'middle' }
                : { title: null, labels: false },
            },
            y: {
              field: 'mean',
              type: 'quantitative',
              scale: { zero: false, nice: true },
              axis: {
                title: place.firstColumn ? row.rowLabel : null,
                tickCount: 3,
                ...axisFormat(maxOf(values.map((v) => v.mean))),
                grid: true,
              },
            },
            color: encodingOf('color'),
          },
          layer: [
            { mark: { type: 'line', strokeWidth: 1 }, encoding: { strokeDash: encodingOf('strokeDash') } },
            {
              mark: { type: 'point', filled: true, size: 14, opacity: 1 },
              encoding: {
                shape: encodingOf('shape'),
                tooltip: [
                  { field: 'line', type: 'nominal', title: lineFull.name },
                  { field: 'x', type: 'nominal', title: acrossFull.name },
                  { field: 'mean', type: 'quantitative', title: 'mean', format: '.4~g' },
                  { field: 'n', type: 'quantitative', title: 'n' },
                ],
              },
            },
          ],
        };
      };
      const title = group.label === '' ? 'Interaction' : `Interaction: ${group.label}`;
      const caption = [
        msg.interactionCaption(factorTitle(acrossFull.name).toLowerCase(), msg.nodeLabel(o.node)),
        ...leftOut,
      ].join('; ');
      const spec = gridSpec({
        size: o.size,
        rowCount: rows.length,
        columnCount: o.metrics.length,
        title,
        subtitle: caption,
        panelHeight: options.panelHeight ?? (o.size === 'page' ? 62 : 48),
        axisAllowance,
        rowHeaderAllowance: 12,
        columnHeader: (column) => metricTitle(o.metrics[column]!),
        panel,
        emptyText: (place) => emptyCellText(rows[place.row]!, o.metrics[place.column]!),
      });
      return { id: figureId('interaction', group.idSuffix), title, caption, shows: group.factors, spec };
    }),
  );
}
