/**
 * Interaction plot: for each testbed, a panel per condition (rows) and metric (columns); in a panel, one line
 * per plugin across the distributions (baseline first), y = cell mean. Parallel lines mean the distribution's
 * effect does not depend on the plugin; crossing or diverging lines are the distribution × plugin interaction.
 */
import { keyedFigures, type FigureSet } from './types.js';
import { factorLevelLabel } from '../present/index.js';
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
import {
  conditionMetricFacet,
  facetColumnHeaders,
  legendLayout,
  panelNote,
  panelNoteLayer,
  panelPlace,
  panelYAxis,
  panelWidth,
} from './grid.js';
import { MIN_X_STEP, SLANTED_X_STEP } from './paper-grid.js';
import type { SpecObject } from './grid.js';
import { FONT_SIZES, LINE_DASHES, LINE_SHAPES, OKABE_ITO } from './theme.js';
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
      // 14 for the row header: a facet's sits left of its y axes, and with 12 shape B's look-alike came out 2 pt too wide
      const width = panelWidth(o.size, o.metrics.length, axisAllowance, 14);
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
      const fs = FONT_SIZES[o.size];
      const panelHeight = options.panelHeight ?? (o.size === 'page' ? 62 : 48);
      // One facet, a panel per (condition, metric) with a y axis of its own: one view for vega-lite to compile and
      // vega to parse instead of one per panel. A panel without lines (idle throughput) holds its note, and its
      // axis shows nothing (read from its place, `parent`, in the axis' expressions).
      const columnHeaders = facetColumnHeaders(o.metrics.map(metricTitle), width + axisAllowance, o.size);
      const values: SpecObject[] = [];
      const siCells: string[] = [];
      const noteCells: string[] = [];
      for (const row of rows) {
        o.metrics.forEach((metric, column) => {
          const where = { row: row.rowLabel, column: columnHeaders[column]! };
          const cell = panelPlace(where);
          // The same rows as the paper grid: lines are levels of the other factor, x the compared factor's levels.
          const lines = barRows(summaries, group, row, metric, lineFactor, acrossFactor).map((b) => ({
            ...where,
            line: b.x,
            x: b.color,
            mean: b.mean,
            n: b.n,
          }));
          if (lines.length === 0) {
            noteCells.push(cell);
            // mean 0: the panel's y scale has a domain (else vega warns of an infinite extent); the axis hides it
            values.push({ ...where, ...panelNote(emptyCellText(row, metric), width, panelHeight, fs.label), mean: 0 });
            return;
          }
          if (axisFormat(maxOf(lines.map((v) => v.mean))).format !== undefined) siCells.push(cell);
          values.push(...lines);
        });
      }
      const x = {
        field: 'x',
        type: 'ordinal',
        sort: xLabels,
        scale: { domain: xLabels, padding: 0.3 },
        axis: slanted
          ? { title: null, labelAngle: -45, labelAlign: 'right', labelBaseline: 'top' }
          : { title: null, labelAngle: -90, labelAlign: 'right', labelBaseline: 'middle' },
      };
      const y = {
        field: 'mean',
        type: 'quantitative',
        scale: { zero: false, nice: true },
        axis: panelYAxis(siCells, noteCells),
      };
      // A layer whose data is empty in a panel makes vega warn of an infinite y extent there: the lines' layers take
      // every row, the note's too (at y 0, the only value of its panel's scale), and draw it with opacity 0.
      const unlessNote = { condition: { test: 'isValid(datum.note)', value: 0 }, value: 1 };
      const layers: SpecObject[] = [
        {
          // what a screen reader says of a point (the note, for the hidden one)
          transform: [
            {
              calculate: `isValid(datum.note) ? datum.note : datum.line + ' at ' + datum.x + ': ' + format(datum.mean, '.4~g')`,
              as: 'description',
            },
          ],
          encoding: {
            x,
            y,
            color: encodingOf('color'),
            opacity: unlessNote,
            description: { field: 'description', type: 'nominal' },
          },
          layer: [
            { mark: { type: 'line', strokeWidth: 1 }, encoding: { strokeDash: encodingOf('strokeDash') } },
            {
              mark: { type: 'point', filled: true, size: 14 },
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
        },
        ...(noteCells.length > 0 ? [panelNoteLayer(width, fs.label)] : []),
      ];
      const title = group.label === '' ? 'Interaction' : `Interaction: ${group.label}`;
      const caption = [
        msg.interactionCaption(factorTitle(acrossFull.name).toLowerCase(), msg.nodeLabel(o.node)),
        ...leftOut,
      ].join('; ');
      const spec = conditionMetricFacet({
        title,
        caption,
        size: o.size,
        values,
        rowLabels: rows.map((r) => r.rowLabel),
        columnHeaders,
        columnRoom: width + axisAllowance,
        width,
        height: panelHeight,
        layers,
        resolve: { scale: { y: 'independent' } },
      });
      return { id: figureId('interaction', group.idSuffix), title, caption, shows: group.factors, spec };
    }),
  );
}
