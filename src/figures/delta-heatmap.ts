/**
 * Delta heatmap: for each testbed, a panel per condition (rows) and metric (columns); in a panel, plugin (y) ×
 * distribution (x), colour = % change of the mean versus the baseline distribution on a diverging scale centred
 * on 0, the number written in each cell, non-significant cells pale, flagged interactions outlined.
 */
import { keyedFigures, type FigureSet } from './types.js';
import { factorLevelLabel } from '../present/index.js';
import type { FactorInfo, Metric } from '../model/index.js';
import type { Analysis, Comparison, InteractionContrast } from '../stats/index.js';
import * as msg from './messages.js';
import {
  byGroup,
  emptyCellText,
  conditionRows,
  figureId,
  formatDeltaPct,
  inGroup,
  levelsIn,
  matchesCell,
  metricTitle,
  resolveCommon,
  round,
} from './data.js';
import type { ConditionRow, FigureGroup } from './data.js';
import {
  conditionMetricFacet,
  estimateTextWidth,
  facetColumnHeaders,
  panelNote,
  panelNoteLayer,
  panelWidth,
  SPACING,
} from './grid.js';
import type { SpecObject } from './grid.js';
import { DIVERGING_SCHEME, FONT_SIZES, INK, MUTED_OPACITY } from './theme.js';
import type { CommonFigureOptions, FigureSpec } from './types.js';
import { maxOf } from '../model/index.js';

export interface DeltaHeatmapOptions extends CommonFigureOptions {
  /**
   * the colour scale's end in %: the scale is symmetric on the log ratio, so 100 means −50 % … +100 %; deltas beyond
   * get the end colour (their number still prints); default: the largest |log ratio| in the figure
   */
  readonly limitPct?: number;
  /** height of one heatmap row (one plugin) in SVG units; default 11 for 'page', 9 for 'column' */
  readonly cellHeight?: number;
}

/** One heatmap cell. */
export interface HeatmapRow {
  readonly x: string;
  readonly y: string;
  readonly pct: number | null;
  /** log2 of the ratio of means (what the colour shows) */
  readonly ratio: number | null;
  readonly label: string;
  readonly significant: boolean;
  readonly flagged: boolean;
  readonly opacity: number;
  /** text on a dark cell is 'light', on a pale (not significant) cell 'muted', otherwise 'dark' */
  readonly tone: 'light' | 'muted' | 'dark';
}

/** A heatmap cell in its panel (row, column), or a panel's note where it has no cells. */
type FacetedHeatmapRow = { readonly row: string; readonly column: string } & (
  HeatmapRow | { readonly note: string; readonly noteY: number }
);

/** The plugin label the default layout was sized for. */
const TUNED_FOR_LABEL = 'Kube-router';

/** Beyond this share of the scale's half-width a cell's colour is dark enough to need white text. */
const WHITE_TEXT_FROM = 0.6;

/** Ratios of the legend's ticks: halvings and doublings, so −50 % and +100 % sit at equal distances from 0. */
const LEGEND_LOG2_TICKS = [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6];
/** The colour scale's floor on the ratio: −98.4 % (a delta of −100 % has no logarithm). */
const MIN_LOG2 = -6;

/** A % change as the log2 of the ratio of means: −50 % → −1, +100 % → +1, −91 % → −3.5, +500 % → +2.6. */
export function logRatio(pct: number): number {
  return Math.max(MIN_LOG2, Math.log2(Math.max(1e-9, 1 + pct / 100)));
}

function heatmapRows(
  analysis: Analysis,
  groupComparisons: readonly Comparison[],
  roles: HeatmapRoles,
  group: FigureGroup,
  row: ConditionRow,
  metric: Metric,
): Omit<HeatmapRow, 'tone'>[] {
  const { compared, other } = roles;
  const comparisons = groupComparisons.filter(
    (c) => c.factor === compared.name && inGroup(c.cell.factors, group) && matchesCell(c.cell, row, metric),
  );
  const contrasts = analysis.interactions.contrasts.filter(
    (c) =>
      ((c.factorA === compared.name && c.factorB === other.name) ||
        (c.factorB === compared.name && c.factorA === other.name)) &&
      inGroup(c.group.factors, group) &&
      matchesCell(c.group, row, metric),
  );
  const rows: Omit<HeatmapRow, 'tone'>[] = [];
  for (const oLevel of other.levels) {
    for (const cLevel of compared.levels) {
      const comparison: Comparison | undefined = comparisons.find(
        (c) => c.level === cLevel && c.cell.factors[other.name] === oLevel,
      );
      if (comparison === undefined) continue;
      const contrast: InteractionContrast | undefined = contrasts.find(
        (c) =>
          (c.factorA === compared.name ? c.levelA : c.levelB) === cLevel &&
          (c.factorA === compared.name ? c.levelB : c.levelA) === oLevel,
      );
      const pct = comparison.deltaPct === null ? null : round(comparison.deltaPct);
      const compLabel = factorLevelLabel(compared, cLevel);
      const otherLabel = factorLevelLabel(other, oLevel);
      rows.push({
        x: roles.comparedOnY ? otherLabel : compLabel,
        y: roles.comparedOnY ? compLabel : otherLabel,
        pct,
        ratio: pct === null ? null : round(logRatio(pct)),
        label: pct === null ? 'n/a' : formatDeltaPct(pct),
        significant: comparison.significant,
        flagged: contrast?.flagged ?? false,
        opacity: comparison.significant ? 1 : MUTED_OPACITY,
      });
    }
  }
  return rows;
}

/** Round the largest |delta| up to a multiple of 10 (at least 10), so the legend has round ends. */
export function colourLimit(values: readonly (number | null)[]): number {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v)).map(Math.abs);
  const max = finite.length === 0 ? 0 : maxOf(finite);
  return Math.max(10, Math.ceil(max / 10) * 10);
}

/** Height of all panels of a heatmap together at most (a page's text height less title and legend). */
const MAX_PANELS_HEIGHT = 600;

/** The compared levels go across the columns up to this many (the study's 3); more go down the rows. */
const COMPARED_ON_X_UP_TO = 6;

/** Which factor the heatmap compares (its columns or rows) and which it is drawn across. */
interface HeatmapRoles {
  /** the compared factor, its levels without the baseline */
  readonly compared: FactorInfo;
  readonly other: FactorInfo;
  /** many compared levels go down the rows (rows have the room: one line of text each) */
  readonly comparedOnY: boolean;
}

/** Legend ticks: ratios that are powers of two inside the domain, at most five, always with 0. */
function legendTicks(limit: number): number[] {
  const inside = LEGEND_LOG2_TICKS.filter((t) => Math.abs(t) <= limit + 1e-9);
  const stride = Math.ceil(inside.length / 5);
  return inside.filter((t) => t % stride === 0);
}

/**
 * Delta heatmap, one figure per combination of the factors other than the two it shows (at most `maxFigures`):
 * a panel per condition (rows) and metric (columns); in a panel, the compared factor's levels against the baseline
 * × the design's other factor, colour = the ratio of means on a log scale symmetric around 0 (so −91 % is as
 * strong as +1000 %, and +500 % is not paler than it should be), the % change written where it fits.
 */
export function deltaHeatmap(analysis: Analysis, options: DeltaHeatmapOptions = {}): FigureSet {
  const o = resolveCommon(analysis, options, 'delta heatmap');
  const rows = conditionRows(o.conditions, o.nodes);
  const fs = FONT_SIZES[o.size];
  const comparedName = analysis.options.factor;
  const comparedFull = o.x.name === comparedName ? o.x : o.color;
  const otherFull = comparedFull === o.x ? o.color : o.x;
  const baseline = analysis.options.baseline;
  const baselineLabel = factorLevelLabel(comparedFull, baseline);
  const cellHeight = options.cellHeight ?? (o.size === 'page' ? 11 : 9);

  const summariesOf = byGroup(o.summaries, (s) => s.factors, o.groups);
  const comparisonsOf = byGroup(
    analysis.comparisons.filter((c) => o.keep(c.cell.factors)),
    (c) => c.cell.factors,
    o.groups,
  );
  return keyedFigures(
    o.groups.map((group): FigureSpec => {
      const summaries = summariesOf.get(group)!;
      const comparedIn = levelsIn(summaries, group, comparedFull);
      const compared = { ...comparedIn, levels: comparedIn.levels.filter((l) => l !== baseline) };
      const other = levelsIn(summaries, group, otherFull);
      const roles: HeatmapRoles = {
        compared,
        other,
        comparedOnY: compared.levels.length > Math.max(other.levels.length, COMPARED_ON_X_UP_TO),
      };
      const xLabels = (roles.comparedOnY ? other : compared).levels.map((l) =>
        factorLevelLabel(roles.comparedOnY ? other : compared, l),
      );
      // rows of every panel together stay within a page's height: further levels are left out (and named)
      const maxY = Math.max(1, Math.floor(MAX_PANELS_HEIGHT / (rows.length * cellHeight)));
      const yFactor = roles.comparedOnY ? compared : other;
      const yAll = yFactor.levels.map((l) => factorLevelLabel(yFactor, l));
      const yLabels = yAll.slice(0, maxY);
      const yLeftOut =
        yLabels.length < yAll.length ? [msg.levelsLeftOut(yLabels.length, yAll.length, yFactor.name)] : [];
      // the row-header room grows with the longest label, up to a limit past which vega truncates it
      const yLabelLimit = o.size === 'page' ? 110 : 60;
      const longest = Math.max(0, ...yLabels.map((l) => estimateTextWidth(l, fs.label)));
      const extraLabelRoom = Math.max(
        0,
        Math.ceil(Math.min(longest, yLabelLimit) - estimateTextWidth(TUNED_FOR_LABEL, fs.label)),
      );
      const rowHeaderAllowance = (o.size === 'page' ? 64 : 66) + extraLabelRoom;
      const width = panelWidth(o.size, o.metrics.length, 0, rowHeaderAllowance);
      const cells = new Map<string, Omit<HeatmapRow, 'tone'>[]>();
      const shownY = new Set(yLabels);
      for (const r of rows) {
        for (const m of o.metrics) {
          const rowCells = heatmapRows(analysis, comparisonsOf.get(group)!, roles, group, r, m).filter((c) =>
            shownY.has(c.y),
          );
          cells.set(`${r.rowId}|${m}`, rowCells);
        }
      }
      const all = [...cells.values()].flat();
      // symmetric on the log ratio; a limit in % (option) is applied to both directions as a ratio
      const limit =
        options.limitPct !== undefined && options.limitPct > 0
          ? logRatio(options.limitPct)
          : Math.max(1, ...all.map((c) => (c.ratio === null ? 0 : Math.abs(c.ratio))));
      const clipped = all.filter((c) => c.ratio !== null && Math.abs(c.ratio) > limit).length;
      const fontSize = cellFontSize(all, width / Math.max(1, xLabels.length), fs.label, cellHeight);

      const tone = (c: Omit<HeatmapRow, 'tone'>): HeatmapRow['tone'] =>
        c.ratio !== null && c.significant && Math.abs(c.ratio) / limit > WHITE_TEXT_FROM
          ? 'light'
          : c.significant
            ? 'dark'
            : 'muted';
      // One facet: a panel per (row, column) that has cells, and one holding a note where a metric has none (idle
      // throughput). Faceting rather than a concat of panels: one view for vega-lite to compile and vega to parse,
      // which drew the A-shaped look-alike's heatmaps in a third of the time. Columns share the x axis (drawn under the
      // last row) and rows the y axis (left of the first column).
      const columnHeaders = facetColumnHeaders(o.metrics.map(metricTitle), width, o.size);
      const panelHeight = cellHeight * yLabels.length;
      // A row's header is its label turned upright and centred on the row: rows lower than their label are spaced
      // so that neighbouring labels do not meet (0.7 em a character: row labels are mostly capitals, P2P TCP).
      const rowLabelLength = maxOf(rows.map((r) => r.rowLabel.length)) * fs.title * 0.7;
      const rowSpacing = Math.max(SPACING, Math.ceil(rowLabelLength - panelHeight + 2));
      const values: FacetedHeatmapRow[] = [];
      rows.forEach((row) => {
        o.metrics.forEach((m, column) => {
          const where = { row: row.rowLabel, column: columnHeaders[column]! };
          const raw = cells.get(`${row.rowId}|${m}`)!;
          if (raw.length === 0) {
            values.push({ ...where, ...panelNote(emptyCellText(row, m), width, panelHeight, fs.label) });
            return;
          }
          // numbers only where they fit; the colour and the tooltip still give the value
          for (const c of raw) values.push({ ...where, ...c, label: fontSize === null ? '' : c.label, tone: tone(c) });
        });
      });
      const x = {
        field: 'x',
        type: 'nominal',
        sort: xLabels,
        scale: { domain: xLabels },
        axis: {
          title: null,
          ticks: false,
          domain: false,
          labelPadding: 3,
          // Upright labels where they fit in a cell, slanted where they would run into each other.
          ...(xLabelsFit(xLabels, width, fs.label)
            ? { labelAngle: 0 }
            : { labelAngle: -40, labelAlign: 'right', labelBaseline: 'top' }),
        },
      };
      const y = {
        field: 'y',
        type: 'nominal',
        sort: yLabels,
        scale: { domain: yLabels },
        axis: { title: null, ticks: false, domain: false, labelLimit: yLabelLimit },
      };
      const cellsOnly = { filter: 'isValid(datum.x)' };
      const layers: SpecObject[] = [
        {
          transform: [cellsOnly],
          mark: { type: 'rect' },
          encoding: {
            x,
            y,
            color: {
              field: 'ratio',
              type: 'quantitative',
              scale: { scheme: DIVERGING_SCHEME, domain: [-limit, limit], domainMid: 0, clamp: true },
              legend: {
                title: `\u0394 vs ${baselineLabel} (%)`,
                titleOrient: 'left',
                gradientLength: 120,
                gradientThickness: 8,
                values: legendTicks(limit),
                // the ticks are ratios; their labels the % change they stand for (−50, 0, +100, +300)
                labelExpr:
                  "datum.value === 0 ? '0' : (datum.value > 0 ? '+' : '\u2212') + format(abs(100 * (pow(2, datum.value) - 1)), '.0f')",
                labelOverlap: true,
              },
            },
            opacity: { field: 'opacity', type: 'quantitative', scale: null },
            tooltip: [
              { field: 'y', type: 'nominal', title: 'row' },
              { field: 'x', type: 'nominal', title: 'column' },
              { field: 'pct', type: 'quantitative', title: '% change', format: '+.3~g' },
              { field: 'significant', type: 'nominal', title: 'significant' },
            ],
          },
        },
        {
          transform: [{ filter: { field: 'flagged', equal: true } }],
          mark: { type: 'rect', fill: null, stroke: '#000000', strokeWidth: 1.4 },
          encoding: { x, y },
        },
      ];
      if (fontSize !== null) {
        layers.push({
          transform: [cellsOnly],
          mark: { type: 'text', fontSize, baseline: 'middle' },
          encoding: {
            x,
            y,
            text: { field: 'label', type: 'nominal' },
            // A condition, not a field with `scale: null`: the layer's colour scale is the quantitative delta scale.
            color: {
              condition: [
                { test: { field: 'tone', equal: 'light' }, value: '#ffffff' },
                { test: { field: 'tone', equal: 'muted' }, value: INK.mutedText },
              ],
              value: INK.text,
            },
          },
        });
      }
      if (values.some((v) => 'note' in v)) layers.push(panelNoteLayer(width, fs.label));

      const title =
        group.label === '' ? `Change versus ${baselineLabel}` : `Change versus ${baselineLabel}: ${group.label}`;
      const caption = [
        msg.heatmapCaption(baselineLabel, analysis.options.alpha, analysis.options.adjust),
        msg.heatmapScale(clipped, fontSize === null),
        ...yLeftOut,
        ...(o.leftOut !== null ? [o.leftOut] : []),
      ].join('; ');
      const spec = conditionMetricFacet({
        title,
        caption,
        size: o.size,
        values,
        rowLabels: rows.map((r) => r.rowLabel),
        columnHeaders,
        columnRoom: width,
        width,
        height: panelHeight,
        layers,
        rowSpacing,
        resolve: { scale: { color: 'shared' } },
      });
      return { id: figureId('delta-heatmap', group.idSuffix), title, caption, shows: group.factors, spec };
    }),
  );
}

function xLabelsFit(labels: readonly string[], panelWidth: number, fontSize: number): boolean {
  const cell = panelWidth / Math.max(1, labels.length);
  return labels.every((l) => estimateTextWidth(l, fontSize) + 4 <= cell);
}

/** Smallest size of a number in a cell: below it, the numbers are left out (colour and tooltip remain). */
const MIN_CELL_FONT = 5;

/**
 * Font size of the numbers in cells: the label size, or smaller where the widest number would not fit its
 * cell (narrow panels at column width, many levels); null when even MIN_CELL_FONT does not fit the width or height.
 */
export function cellFontSize(
  values: readonly { label: string }[],
  cellWidth: number,
  labelSize: number,
  cellHeight = Number.POSITIVE_INFINITY,
): number | null {
  const longest = Math.max(1, ...values.map((v) => v.label.length));
  const fitting = Math.min((cellWidth - 3) / (longest * 0.62), cellHeight - 1);
  if (fitting < MIN_CELL_FONT) return null;
  return Math.min(labelSize, Math.floor(fitting * 2) / 2);
}
