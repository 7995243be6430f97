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
import {
  colorEncoding,
  conditionMetricFacet,
  facetColumnHeaders,
  panelNote,
  panelNoteLayer,
  panelPlace,
  panelYAxis,
  PANEL_PLACE,
  panelWidth,
} from './grid.js';
import type { SpecObject } from './grid.js';
import { distributionPalette, FONT_SIZES } from './theme.js';
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

  const summariesOf = byGroup(o.summaries, (s) => s.factors, o.groups);
  return keyedFigures(
    o.groups.map((group): FigureSpec => {
      const summaries = summariesOf.get(group)!;
      const colorFactor = levelsIn(summaries, group, o.color);
      const colorLabels = colorFactor.levels.map((l) => factorLevelLabel(o.color, l));
      const palette = colorLabels.map((l) => fullPalette[allColorLabels.indexOf(l)] ?? fullPalette[0]!);
      const xPresent = levelsIn(summaries, group, o.x);
      // bars of an x group: only the colour levels present there, so the step needs room for the fullest group
      const fullest = fullestGroup(summaries, o.x.name, o.color.name);
      const step = o.numericX ? MIN_X_STEP : Math.max(MIN_X_STEP, MIN_BAR * fullest * 1.2);
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
      // every bar of the figure has one width: the band divided among the fullest group's levels
      const barWidth = round3(bandWidth(width, xLabels.length) / Math.max(1, fullestBars(bars)));
      const clipped = [...bars.values()].some((values) => values.some((b) => b.loComputed !== undefined));
      const metricMax = new Map(
        o.metrics.map((m) => [
          m,
          axisMax(rows.flatMap((r) => bars.get(cellKey(r, m))!.flatMap((b) => [b.mean, b.hi]))),
        ]),
      );
      const colorOf = colorEncoding(factorTitle(o.color.name), colorLabels, palette, o.size);
      const fs = FONT_SIZES[o.size];
      const panelHeight = options.panelHeight ?? (o.size === 'page' ? 62 : 48);
      // One facet (a panel per condition and metric, each with a y axis of its own) instead of a concat of panels:
      // one view for vega-lite to compile and vega to parse. A panel's place in the facet is its row and column
      // header; its y domain ([0, the largest bar or interval end + 5 %]) and its axis format are looked up by that
      // place in the axis' and scale's expressions (parent.row, parent.column), and a panel with nothing to draw
      // (idle throughput) holds its note and hides its axis.
      const rowHeaders = metricsFirst ? o.metrics.map((m) => metricTitle(m)) : rows.map((r) => r.rowLabel);
      const columnTitles = metricsFirst ? rows.map((r) => r.rowLabel) : o.metrics.map((m) => metricTitle(m));
      const columnHeaders = facetColumnHeaders(columnTitles, width + axisAllowance, o.size);
      const values: object[] = [];
      const yMaxOf: Record<string, number> = {};
      const siCells: string[] = [];
      const noteCells: string[] = [];
      rows.forEach((row, r) => {
        o.metrics.forEach((metric, m) => {
          const where = metricsFirst
            ? { row: rowHeaders[m]!, column: columnHeaders[r]! }
            : { row: rowHeaders[r]!, column: columnHeaders[m]! };
          const cell = panelPlace(where);
          const cellBars = bars.get(cellKey(row, metric))!;
          if (cellBars.length === 0) {
            noteCells.push(cell);
            yMaxOf[cell] = 1;
            values.push({ ...where, ...panelNote(emptyCellText(row, metric), width, panelHeight, fs.label) });
            return;
          }
          const yMax = yScale === 'metric' ? metricMax.get(metric)! : axisMax(cellBars.flatMap((b) => [b.mean, b.hi]));
          yMaxOf[cell] = yMax;
          // 10k reads better than 10,000 in a narrow panel; below that, plain numbers keep precision (axisFormat)
          if (axisFormat(yMax).format !== undefined) siCells.push(cell);
          const drawn = o.numericX
            ? cellBars
            : centredBars(cellBars, colorLabels, bandWidth(width, xLabels.length), barWidth);
          for (const b of drawn) values.push({ ...where, ...b });
        });
      });
      const y = {
        field: 'mean',
        type: 'quantitative',
        // the panel's own domain: domainRaw replaces the data's extent (so a panel without bars has one too)
        scale: {
          domain: [0, Math.max(1, ...Object.values(yMaxOf))],
          domainRaw: { expr: `[0, ${JSON.stringify(yMaxOf)}[${PANEL_PLACE}]]` },
          nice: false,
        },
        axis: panelYAxis(siCells, noteCells),
      };
      const slanted = width / Math.max(1, xLabels.length) >= SLANTED_X_STEP;
      const xAxis = slanted
        ? { title: null, labelAngle: -45, labelAlign: 'right', labelBaseline: 'top', ticks: false }
        : { title: null, labelAngle: -90, labelAlign: 'right', labelBaseline: 'middle', ticks: false };
      const drawn: SpecObject = o.numericX
        ? {
            // an ordered axis (MTU): one line per colour level across it, points at the means, rules for the intervals
            transform: [{ filter: 'isValid(datum.mean)' }],
            encoding: {
              x: { field: 'x', type: 'ordinal', sort: xLabels, scale: { domain: xLabels, padding: 0.5 }, axis: xAxis },
              color: colorOf,
            },
            layer: [
              { mark: { type: 'line', strokeWidth: 1 }, encoding: { y } },
              { mark: { type: 'point', filled: true, size: 12, opacity: 1 }, encoding: { y, tooltip: CELL_TOOLTIP } },
              {
                mark: { type: 'rule', strokeWidth: 0.6 },
                encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
              },
            ],
          }
        : {
            transform: [{ filter: 'isValid(datum.mean)' }],
            encoding: {
              x: {
                field: 'x',
                type: 'nominal',
                sort: xLabels,
                scale: { domain: xLabels, paddingInner: X_PADDING_INNER, paddingOuter: X_PADDING_OUTER },
                axis: xAxis,
              },
              // the offset of each bar from its band's start, in pt, computed per x group (centredBars): a group
              // shows only the colour levels present there, centred on its label
              xOffset: { field: 'offset', type: 'quantitative', scale: { domain: [0, width], range: [0, width] } },
            },
            layer: [
              {
                mark: { type: 'bar', stroke: '#000000', strokeWidth: 0.25, width: barWidth },
                encoding: { y, color: colorOf, tooltip: CELL_TOOLTIP },
              },
              {
                mark: { type: 'rule', strokeWidth: 0.6, color: '#000000' },
                encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
              },
            ],
          };

      const title = group.label === '' ? 'Resource use and throughput' : `Resource use and throughput: ${group.label}`;
      const caption = [
        msg.gridCaption(analysis.options.level, msg.nodeLabel(o.node), o.numericX, clipped),
        ...notes,
      ].join('; ');
      const spec = conditionMetricFacet({
        title,
        caption,
        size: o.size,
        values,
        rowLabels: rowHeaders,
        columnHeaders,
        columnRoom: width + axisAllowance,
        width,
        height: panelHeight,
        layers: [drawn, ...(noteCells.length > 0 ? [panelNoteLayer(width, fs.label)] : [])],
        resolve: { scale: { y: 'independent' } },
      });
      return { id: figureId('paper-grid', group.idSuffix), title, caption, shows: group.factors, spec };
    }),
  );
}

/** Padding of the bars' x bands (fractions of a step), as vega's band scale takes them. */
const X_PADDING_INNER = 0.15;
const X_PADDING_OUTER = 0.08;

/** Width of one x band of a panel `width` pt wide with `count` levels: vega's band scale with the paddings above. */
export function bandWidth(width: number, count: number): number {
  const step = width / Math.max(1, count - X_PADDING_INNER + 2 * X_PADDING_OUTER);
  return step * (1 - X_PADDING_INNER);
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Most colour levels any x level has in the design (the widest group of bars a figure can need). */
function fullestGroup(
  summaries: readonly { readonly factors: Readonly<Record<string, string>> }[],
  x: string,
  color: string,
): number {
  const levels = new Map<string, Set<string>>();
  for (const s of summaries) {
    const key = s.factors[x] ?? '';
    if (!levels.has(key)) levels.set(key, new Set());
    levels.get(key)!.add(s.factors[color] ?? '');
  }
  return Math.max(1, ...[...levels.values()].map((l) => l.size));
}

/** Most bars in one x group of any panel. */
function fullestBars(panels: ReadonlyMap<string, readonly BarRow[]>): number {
  let most = 0;
  for (const values of panels.values()) {
    const counts = new Map<string, number>();
    for (const b of values) counts.set(b.x, (counts.get(b.x) ?? 0) + 1);
    most = Math.max(most, ...counts.values());
  }
  return most;
}

/**
 * Each bar with its offset from its band's start (pt): the bars of one x group side by side in colour order, the
 * group centred on the band (its label), so that a plugin measured under 2 of 4 tunings shows 2 bars in the middle
 * rather than 2 of 4 slots, off to one side. Colours stay the figure's (the colour scale is shared).
 */
export function centredBars(
  values: readonly BarRow[],
  colorOrder: readonly string[],
  band: number,
  barWidth: number,
): (BarRow & { readonly offset: number })[] {
  const groups = new Map<string, BarRow[]>();
  for (const b of values) {
    if (!groups.has(b.x)) groups.set(b.x, []);
    groups.get(b.x)!.push(b);
  }
  return [...groups.values()].flatMap((group) => {
    const sorted = [...group].sort((a, b) => colorOrder.indexOf(a.color) - colorOrder.indexOf(b.color));
    return sorted.map((b, i) => ({ ...b, offset: round3(band / 2 + (i - (sorted.length - 1) / 2) * barWidth) }));
  });
}

/** `distribution` → `Distribution`. */
export function factorTitle(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
