/**
 * Over time: every run at the hour it started, coloured by the compared factor, one panel per metric (columns) and
 * condition (rows), one figure per testbed. Why: a level measured in a block before or after the others (the
 * baseline run last) is confounded with time; drift over the campaign (RAM creeping up) is visible here and nowhere
 * else. Times come from analysis.drift (knb's run dates); without them there is no figure.
 */
import type { Metric } from '../model/index.js';
import { factorLevelLabel } from '../present/index.js';
import type { Analysis } from '../stats/index.js';
import * as msg from './messages.js';
import {
  axisFormat,
  conditionId,
  conditionRows,
  figureGroups,
  figureId,
  inGroup,
  matchesCell,
  metricTitle,
  resolveCommon,
  round,
} from './data.js';
import { factorTitle } from './paper-grid.js';
import { colorEncoding, gridSpec } from './grid.js';
import type { PanelPlace, SpecObject } from './grid.js';
import { distributionPalette } from './theme.js';
import { keyedFigures, type CommonFigureOptions, type FigureSet, type FigureSpec } from './types.js';
import { maxOf, minOf } from '../model/index.js';

export interface OverTimeOptions extends CommonFigureOptions {
  /** height of a panel in SVG units; default 70 for 'page', 56 for 'column' */
  readonly panelHeight?: number;
  /**
   * runs a panel draws one point each at most; beyond, each level's mean over `timeSlices` equal slices of the
   * campaign's time (the figure's size is bounded by the design, not by the number of runs); default 2,000
   */
  readonly maxPointsPerPanel?: number;
  /** slices of the campaign's time for panels beyond maxPointsPerPanel; default 200 */
  readonly timeSlices?: number;
}

/**
 * Each colour level's mean (hours and value) in each of `slices` equal slices of [min, max]: at most slices × levels
 * points, in the order of the points drawn (hours, level, value).
 */
function sliceMeans(points: readonly TimePoint[], min: number, max: number, slices: number): TimePoint[] {
  const width = max > min ? (max - min) / slices : 1;
  const sums = new Map<string, { hours: number; value: number; n: number; color: string }>();
  for (const p of points) {
    const slice = Math.min(slices - 1, Math.max(0, Math.floor((p.hours - min) / width)));
    const key = `${slice}|${p.color}`;
    const sum = sums.get(key);
    if (sum) {
      sum.hours += p.hours;
      sum.value += p.value;
      sum.n++;
    } else sums.set(key, { hours: p.hours, value: p.value, n: 1, color: p.color });
  }
  return [...sums.values()]
    .map((s) => ({ hours: round(s.hours / s.n), value: round(s.value / s.n), color: s.color }))
    .sort((a, b) => a.hours - b.hours || a.color.localeCompare(b.color) || a.value - b.value);
}

/** One run of one cell: hours since the campaign's first run, its value, its colour level. */
interface TimePoint {
  readonly hours: number;
  readonly value: number;
  readonly color: string;
}

/**
 * The over-time figures of an analysis (one per testbed). Conditions default to the loaded TCP test (`p2p-tcp`,
 * which carries CPU, RAM and throughput) when present, else the first condition measured.
 * @returns [] when the analysis has no run times
 */
export function overTime(analysis: Analysis, options: OverTimeOptions = {}): FigureSet {
  const drift = analysis.drift;
  const allTimed = drift?.cells.filter((c) => c.basis === 'time') ?? [];
  if (!drift || drift.origin === null || allTimed.length === 0) return {};
  const resolved = resolveCommon(analysis, options);
  const timed = allTimed.filter((c) => resolved.keep(c.cell.factors));
  const conditions =
    options.conditions !== undefined
      ? resolved.conditions
      : resolved.conditions.filter((c) => c.id === conditionId('p2p', 'tcp')).length > 0
        ? resolved.conditions.filter((c) => c.id === conditionId('p2p', 'tcp'))
        : resolved.conditions.slice(0, 1);
  const rows = conditionRows(conditions, resolved.nodes);
  const color = resolved.color;
  const colorLabels = color.levels.map((l) => factorLevelLabel(color, l));
  const palette = distributionPalette(colorLabels.length);
  const legendTitle = factorTitle(color.name);

  return keyedFigures(
    figureGroups(analysis, [resolved.x.name, color.name])
      .filter((group) => resolved.keep(group.factors))
      .flatMap((group): FigureSpec[] => {
        const inThisGroup = timed.filter((c) => inGroup(c.cell.factors, group));
        // a panel's points are asked for up to three times (is the row present, is the panel sliced, the panel):
        // gathered and sorted once (tens of thousands of runs in a large campaign)
        const panelPoints = new Map<string, TimePoint[]>();
        const pointsOf = (rowIndex: number, metric: Metric): TimePoint[] => {
          const key = `${rowIndex}|${metric}`;
          let points = panelPoints.get(key);
          if (points === undefined) {
            points = inThisGroup
              .filter((c) => matchesCell(c.cell, rows[rowIndex]!, metric) && c.cell.factors[color.name] !== undefined)
              .flatMap((c) =>
                c.x.map((hours, i) => ({
                  hours: round(hours),
                  value: round(c.values[i]!),
                  color: factorLevelLabel(color, c.cell.factors[color.name]!),
                })),
              )
              .sort((a, b) => a.hours - b.hours || a.color.localeCompare(b.color) || a.value - b.value);
            panelPoints.set(key, points);
          }
          return points;
        };
        const present = rows.map((_, i) => i).filter((i) => resolved.metrics.some((m) => pointsOf(i, m).length > 0));
        if (present.length === 0) return [];
        const maxHours = maxOf(inThisGroup.flatMap((c) => c.x));
        const minHours = minOf(inThisGroup.flatMap((c) => c.x));
        const maxPoints = options.maxPointsPerPanel ?? 2000;
        const slices = options.timeSlices ?? 200;
        // the largest panel beyond maxPoints: the figure's subtitle says its panels show time-slice means
        const largestSliced = maxOf(
          present.flatMap((row) =>
            resolved.metrics.map((metric) => pointsOf(row, metric).length).filter((n) => n > maxPoints),
          ),
        );

        const panel = (place: PanelPlace): SpecObject | null => {
          const rowIndex = present[place.row]!;
          const metric = resolved.metrics[place.column]!;
          const runs = pointsOf(rowIndex, metric);
          if (runs.length === 0) return null;
          const values = runs.length > maxPoints ? sliceMeans(runs, minHours, maxHours, slices) : runs;
          return {
            data: { values },
            mark: { type: 'point', filled: true, size: 7, opacity: 0.85 },
            encoding: {
              x: {
                field: 'hours',
                type: 'quantitative',
                scale: { domain: [round(Math.floor(minHours)), round(Math.ceil(maxHours))], nice: false },
                axis: place.lastRow
                  ? { title: 'hours since the first run', tickCount: 5, format: 'd' }
                  : { title: null, labels: false, tickCount: 5 },
              },
              y: {
                field: 'value',
                type: 'quantitative',
                scale: { zero: false, nice: true },
                axis: {
                  title: place.firstColumn ? rows[rowIndex]!.rowLabel : null,
                  tickCount: 3,
                  ...axisFormat(maxOf(values.map((v) => v.value))),
                  grid: true,
                },
              },
              color: colorEncoding(legendTitle, colorLabels, palette, resolved.size),
            },
          };
        };
        const title = `Over time${group.label === '' ? '' : `: ${group.label}`}`;
        const caption =
          msg.overTimeCaption(legendTitle.toLowerCase(), drift.origin!, msg.nodeLabel(resolved.node)) +
          (largestSliced > 0 ? `; ${msg.overTimeSliced(maxPoints, slices, largestSliced)}` : '');
        const spec = gridSpec({
          size: resolved.size,
          rowCount: present.length,
          columnCount: resolved.metrics.length,
          title,
          subtitle: caption,
          panelHeight: options.panelHeight ?? (resolved.size === 'page' ? 70 : 56),
          axisAllowance: resolved.size === 'page' ? 24 : 23,
          rowHeaderAllowance: 12,
          columnHeader: (column) => metricTitle(resolved.metrics[column]!),
          panel,
          emptyText: () => msg.noData(),
        });
        return [{ id: figureId('over-time', group.idSuffix), title, caption, shows: group.factors, spec }];
      }),
  );
}
