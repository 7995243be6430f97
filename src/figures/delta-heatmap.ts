/**
 * Delta heatmap: for each testbed, a panel per condition (rows) and metric (columns); in a panel, plugin (y) ×
 * distribution (x), colour = % change of the mean versus the baseline distribution on a diverging scale centred
 * on 0, the number written in each cell, non-significant cells pale, flagged interactions outlined.
 */
import type { Metric } from '../model/vocabulary.js';
import type { Analysis, Comparison, InteractionContrast } from '../stats/types.js';
import * as msg from '../messages/figures.js';
import {
  emptyCellText,
  conditionRows,
  figureGroups,
  figureId,
  formatDeltaPct,
  inGroup,
  levelLabelOf,
  matchesCell,
  metricTitle,
  resolveCommon,
  round,
} from './data.js';
import type { ConditionRow, FigureGroup, ResolvedOptions } from './data.js';
import { estimateTextWidth, gridSpec } from './grid.js';
import type { PanelPlace, SpecObject } from './grid.js';
import { DIVERGING_SCHEME, FONT_SIZES, INK, MUTED_OPACITY } from './theme.js';
import type { CommonFigureOptions, FigureSpec } from './types.js';
import { displayableFigure } from './display.js';

export interface DeltaHeatmapOptions extends CommonFigureOptions {
  /**
   * half-width of the colour scale in % (deltas beyond it get the end colour); default: the largest |delta| in
   * the figure rounded up to a multiple of 10
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
  readonly label: string;
  readonly significant: boolean;
  readonly flagged: boolean;
  readonly opacity: number;
  /** text on a dark cell is 'light', on a pale (not significant) cell 'muted', otherwise 'dark' */
  readonly tone: 'light' | 'muted' | 'dark';
}

/** The plugin label the default layout was sized for. */
const TUNED_FOR_LABEL = 'Kube-router';

/** Beyond this share of the scale's half-width a cell's colour is dark enough to need white text. */
const WHITE_TEXT_FROM = 0.6;

function heatmapRows(
  analysis: Analysis,
  o: ResolvedOptions,
  group: FigureGroup,
  row: ConditionRow,
  metric: Metric,
): Omit<HeatmapRow, 'tone'>[] {
  const comparisons = analysis.comparisons.filter(
    (c) => c.factor === o.color.name && inGroup(c.cell.factors, group) && matchesCell(c.cell, row, metric),
  );
  const contrasts = analysis.interactions.contrasts.filter(
    (c) =>
      c.factorA === o.color.name &&
      c.factorB === o.x.name &&
      inGroup(c.group.factors, group) &&
      matchesCell(c.group, row, metric),
  );
  const rows: Omit<HeatmapRow, 'tone'>[] = [];
  for (const xLevel of o.x.levels) {
    for (const cLevel of o.color.levels) {
      const comparison: Comparison | undefined = comparisons.find(
        (c) => c.level === cLevel && c.cell.factors[o.x.name] === xLevel,
      );
      if (comparison === undefined) continue;
      const contrast: InteractionContrast | undefined = contrasts.find(
        (c) => c.levelA === cLevel && c.levelB === xLevel,
      );
      const pct = comparison.deltaPct === null ? null : round(comparison.deltaPct);
      rows.push({
        x: levelLabelOf(o.color, cLevel),
        y: levelLabelOf(o.x, xLevel),
        pct,
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
  const max = finite.length === 0 ? 0 : Math.max(...finite);
  return Math.max(10, Math.ceil(max / 10) * 10);
}

export function deltaHeatmap(analysis: Analysis, options: DeltaHeatmapOptions = {}): FigureSpec[] {
  const o = resolveCommon(analysis, options);
  const rows = conditionRows(o.conditions, o.nodes);
  const fs = FONT_SIZES[o.size];
  const baselineLevel = o.color.levels[0] ?? analysis.options.baseline;
  const baselineLabel = levelLabelOf(o.color, analysis.options.baseline ?? baselineLevel);
  const compared = o.color.levels.filter((l) => l !== analysis.options.baseline).map((l) => levelLabelOf(o.color, l));
  const yLabels = o.x.levels.map((l) => levelLabelOf(o.x, l));
  const cellHeight = options.cellHeight ?? (o.size === 'page' ? 11 : 9);
  // The row-header room is tuned for the study's longest plugin name; longer names get more room, up to a
  // limit past which vega truncates them with an ellipsis (the figure must keep its print width).
  const yLabelLimit = o.size === 'page' ? 110 : 60;
  const longest = Math.max(0, ...yLabels.map((l) => estimateTextWidth(l, fs.label)));
  const extraLabelRoom = Math.max(
    0,
    Math.ceil(Math.min(longest, yLabelLimit) - estimateTextWidth(TUNED_FOR_LABEL, fs.label)),
  );

  return figureGroups(analysis, [o.x.name, o.color.name]).map((group) => {
    const cells = new Map<string, Omit<HeatmapRow, 'tone'>[]>();
    for (const r of rows)
      for (const m of o.metrics) cells.set(`${r.rowId}|${m}`, heatmapRows(analysis, o, group, r, m));
    const limit = options.limitPct ?? colourLimit([...cells.values()].flat().map((c) => c.pct));

    const panel = (place: PanelPlace): SpecObject | null => {
      const row = rows[place.row]!;
      const metric = o.metrics[place.column]!;
      const raw = cells.get(`${row.rowId}|${metric}`)!;
      if (raw.length === 0) return null;
      const values: HeatmapRow[] = raw.map((c) => ({
        ...c,
        tone:
          c.pct !== null && c.significant && Math.abs(c.pct) / limit > WHITE_TEXT_FROM
            ? 'light'
            : c.significant
              ? 'dark'
              : 'muted',
      }));
      return {
        data: { values },
        encoding: {
          x: {
            field: 'x',
            type: 'nominal',
            sort: compared,
            scale: { domain: compared },
            axis: place.lastRow
              ? {
                  title: null,
                  ticks: false,
                  domain: false,
                  labelPadding: 3,
                  // Upright labels where they fit in a cell, slanted where they would run into each other.
                  ...(xLabelsFit(compared, place.width, fs.label)
                    ? { labelAngle: 0 }
                    : { labelAngle: -40, labelAlign: 'right', labelBaseline: 'top' }),
                }
              : { title: null, labels: false, ticks: false, domain: false },
          },
          y: {
            field: 'y',
            type: 'nominal',
            sort: yLabels,
            scale: { domain: yLabels },
            axis: place.firstColumn
              ? { title: row.rowLabel, ticks: false, domain: false, labelLimit: yLabelLimit }
              : { title: null, labels: false, ticks: false, domain: false },
          },
        },
        layer: [
          {
            mark: { type: 'rect' },
            encoding: {
              color: {
                field: 'pct',
                type: 'quantitative',
                scale: { scheme: DIVERGING_SCHEME, domain: [-limit, limit], domainMid: 0, clamp: true },
                legend: {
                  title: `\u0394 vs ${baselineLabel} (%)`,
                  titleOrient: 'left',
                  gradientLength: 120,
                  gradientThickness: 8,
                  tickCount: 5,
                },
              },
              opacity: { field: 'opacity', type: 'quantitative', scale: null },
            },
          },
          {
            transform: [{ filter: { field: 'flagged', equal: true } }],
            mark: { type: 'rect', fill: null, stroke: '#000000', strokeWidth: 1.4 },
          },
          {
            mark: {
              type: 'text',
              fontSize: cellFontSize(values, place.width / compared.length, fs.label),
              baseline: 'middle',
            },
            encoding: {
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
          },
        ],
      };
    };

    const title =
      group.label === '' ? `Change versus ${baselineLabel}` : `Change versus ${baselineLabel}: ${group.label}`;
    const caption = msg.heatmapCaption(baselineLabel, analysis.options.alpha, analysis.options.adjust);
    const spec = gridSpec({
      size: o.size,
      rowCount: rows.length,
      columnCount: o.metrics.length,
      title,
      subtitle: caption,
      panelHeight: cellHeight * yLabels.length,
      axisAllowance: 0,
      rowHeaderAllowance: (o.size === 'page' ? 64 : 66) + extraLabelRoom,
      columnHeader: (column) => metricTitle(o.metrics[column]!),
      panel,
      emptyText: (place) => emptyCellText(rows[place.row]!, o.metrics[place.column]!),
    });
    return displayableFigure({ id: figureId('delta-heatmap', group.idSuffix), title, caption, spec });
  });
}

function xLabelsFit(labels: readonly string[], panelWidth: number, fontSize: number): boolean {
  const cell = panelWidth / Math.max(1, labels.length);
  return labels.every((l) => estimateTextWidth(l, fontSize) + 4 <= cell);
}

/**
 * Font size of the numbers in cells: the label size, or smaller where the widest number would not fit its
 * cell (narrow panels at column width, many distributions); never below 5 pt.
 */
export function cellFontSize(values: readonly { label: string }[], cellWidth: number, labelSize: number): number {
  const longest = Math.max(1, ...values.map((v) => v.label.length));
  const fitting = (cellWidth - 3) / (longest * 0.62);
  return Math.max(5, Math.min(labelSize, Math.floor(fitting * 2) / 2));
}
