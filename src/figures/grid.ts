/**
 * How figures lay out their panels.
 * - The condition × metric grid of the paper grid, the delta heatmap and the interaction plot is one facet
 *   (conditionMetricFacet): one view for vega-lite to compile and vega to parse, where a concat had one a panel. A
 *   panel's own y axis, format and domain are looked up by its place in the facet (PANEL_PLACE, panelYAxis), and a
 *   panel with nothing to draw holds a note (panelNote, panelNoteLayer).
 * - gridSpec, a wrapped `concat` of panels with a row of header cells above them and row headers as the first
 *   column's y-axis titles, is what the over-time view still uses.
 */
import type { TopLevelSpec } from 'vega-lite';
import { FONT_SIZES, figureWidth, themeConfig } from './theme.js';
import type { FigureSize } from './theme.js';
import { maxOf } from '../model/index.js';

/** A JSON object of a Vega-Lite spec under construction. */
export type SpecObject = Record<string, unknown>;

/** Where a panel sits, so that it shows only the axis parts it needs. */
export interface PanelPlace {
  readonly row: number;
  readonly column: number;
  readonly firstRow: boolean;
  readonly lastRow: boolean;
  readonly firstColumn: boolean;
  readonly width: number;
  readonly height: number;
}

export interface GridOptions {
  readonly size: FigureSize;
  readonly rowCount: number;
  readonly columnCount: number;
  /** figure title and its subtitle (caption line) */
  readonly title: string;
  readonly subtitle: string;
  /** height of a panel's plotting area */
  readonly panelHeight: number;
  /** horizontal room taken by a y axis with labels (and by the row header on the first column) */
  readonly axisAllowance: number;
  readonly rowHeaderAllowance: number;
  /** header of a column, shown above the first row (also above an empty first-row cell) */
  readonly columnHeader: (column: number) => string;
  /** 'bold' title-size headers (default), or 'small' label-size plain ones for many narrow columns */
  readonly headerStyle?: 'bold' | 'small';
  /** the panel at a place (without width/height, which the grid sets), or null for an empty cell */
  readonly panel: (place: PanelPlace) => SpecObject | null;
  /** text shown in an empty cell */
  readonly emptyText: (place: PanelPlace) => string;
}

/** Room between panels, across and down. */
export const SPACING = 6;

/** Plotting width of a panel such that the whole figure fits the target print width. */
export function panelWidth(
  size: FigureSize,
  columns: number,
  axisAllowance: number,
  rowHeaderAllowance: number,
): number {
  const available = figureWidth(size) - 4 /* padding */ - rowHeaderAllowance - SPACING * (columns - 1);
  return Math.max(20, Math.floor(available / columns - axisAllowance));
}

export function gridSpec(options: GridOptions): TopLevelSpec {
  const width = panelWidth(options.size, options.columnCount, options.axisAllowance, options.rowHeaderAllowance);
  const headers = Array.from({ length: options.columnCount }, (_, column) => headerLines(options, column, width));
  const headerHeight = maxOf(headers.map((h) => h.length)) * (headerFontSize(options) + 2) + 1;
  const panels: SpecObject[] = headers.map((lines) => headerCell(options, lines, width, headerHeight));
  for (let row = 0; row < options.rowCount; row++) {
    for (let column = 0; column < options.columnCount; column++) {
      const place: PanelPlace = {
        row,
        column,
        firstRow: row === 0,
        lastRow: row === options.rowCount - 1,
        firstColumn: column === 0,
        width,
        height: options.panelHeight,
      };
      const panel = options.panel(place);
      panels.push(
        panel === null
          ? emptyPanel(options.emptyText(place), place, options.size)
          : { width, height: options.panelHeight, ...panel },
      );
    }
  }
  const spec: SpecObject = {
    ...figureHead(options.title, options.subtitle, options.size),
    columns: options.columnCount,
    spacing: SPACING,
    concat: panels,
    resolve: { scale: { color: 'shared' } },
  };
  return spec as unknown as TopLevelSpec;
}

/** What every figure's spec begins with: schema, description (alt text), title with the caption under it, theme. */
export function figureHead(title: string, caption: string, size: FigureSize): SpecObject {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // read by screen readers and used as alt text where the figure is embedded
    description: `${title}. ${caption}`,
    title: {
      text: title,
      subtitle: wrapText(caption, figureWidth(size) - 4, FONT_SIZES[size].label),
      subtitleFontSize: FONT_SIZES[size].label,
    },
    config: themeConfig(size),
  };
}

function headerFontSize(options: GridOptions): number {
  const fs = FONT_SIZES[options.size];
  return options.headerStyle === 'small' ? fs.label : fs.title;
}

/**
 * The header's lines: one, or, when a header is wider than its column (`Throughput (Mbit/s)` over a narrow
 * panel), the unit on a second line rather than widening the column past the print width.
 */
function headerLines(options: GridOptions, column: number, width: number): string[] {
  const bold = options.headerStyle !== 'small';
  return columnHeaderLines(options.columnHeader(column), width + options.axisAllowance, headerFontSize(options), bold);
}

/** A column header's lines in `room` units: one, or the unit on a second line when the whole is wider. */
function columnHeaderLines(text: string, room: number, fontSize: number, bold: boolean): string[] {
  const fits = estimateTextWidth(text, fontSize) * (bold ? 1.1 : 1) <= room;
  return fits || !text.includes(' (') ? [text] : text.replace(' (', '\n(').split('\n');
}

/** A text-only cell holding a column header, bottom-aligned so that every header sits just above its panel. */
function headerCell(options: GridOptions, lines: readonly string[], width: number, height: number): SpecObject {
  const fontSize = headerFontSize(options);
  return {
    width,
    height,
    view: { stroke: null },
    data: { values: [{ header: lines.join('\n') }] },
    mark: {
      type: 'text',
      fontSize,
      fontWeight: options.headerStyle === 'small' ? 'normal' : 'bold',
      lineBreak: '\n',
      baseline: 'bottom',
      align: 'center',
      limit: width + options.axisAllowance,
    },
    encoding: {
      text: { field: 'header', type: 'nominal' },
      x: { value: width / 2 },
      // vega stacks further lines below the first: lift a multi-line header so its last line sits at the bottom
      y: { value: height - (lines.length - 1) * (fontSize + 2) },
    },
  };
}

/** A cell with nothing to draw (idle throughput): a short centred note, no frame. */
function emptyPanel(text: string, place: PanelPlace, size: FigureSize): SpecObject {
  const fontSize = FONT_SIZES[size].label;
  const { note, noteY } = panelNote(text, place.width, place.height, fontSize);
  return {
    width: place.width,
    height: place.height,
    view: { stroke: null },
    data: { values: [{ note }] },
    mark: noteMark(place.width, fontSize),
    encoding: { text: { field: 'note', type: 'nominal' }, x: { value: place.width / 2 }, y: { value: noteY } },
  };
}

/**
 * What a panel with nothing to draw says, wrapped to the panel's width (a note wider than its panel would widen the
 * column), and the y of its first line that centres the block (vega stacks further lines below the first).
 */
export function panelNote(
  text: string,
  width: number,
  height: number,
  fontSize: number,
): { readonly note: string; readonly noteY: number } {
  const wrapped = wrapText(text.replace(/; /g, ' '), width, fontSize);
  const lines = Array.isArray(wrapped) ? wrapped : [wrapped];
  return { note: lines.join('\n'), noteY: height / 2 - ((lines.length - 1) * (fontSize + 2)) / 2 };
}

/** The grey italic text of a panel's note. */
function noteMark(width: number, fontSize: number): SpecObject {
  return {
    type: 'text',
    fontSize,
    color: '#777777',
    fontStyle: 'italic',
    lineBreak: '\n',
    baseline: 'middle',
    limit: width,
  };
}

/** The layer of a facet that draws its panels' notes: the rows of its data with a `note` (and `noteY`, panelNote). */
export function panelNoteLayer(width: number, fontSize: number): SpecObject {
  return {
    transform: [{ filter: 'isValid(datum.note)' }],
    mark: noteMark(width, fontSize),
    // noteY without a scale: the notes take no part in the panels' y domains
    encoding: {
      text: { field: 'note', type: 'nominal' },
      x: { value: width / 2 },
      y: { field: 'noteY', type: 'quantitative', scale: null },
    },
  };
}

export interface ConditionMetricFacetOptions {
  readonly title: string;
  readonly caption: string;
  readonly size: FigureSize;
  /** rows of the facet's data, each with its panel's `row` (condition) and `column` (metric header) */
  readonly values: readonly object[];
  readonly rowLabels: readonly string[];
  /** the columns' headers (facetColumnHeaders) */
  readonly columnHeaders: readonly string[];
  /** the room of a column's header */
  readonly columnRoom: number;
  readonly width: number;
  readonly height: number;
  readonly layers: readonly SpecObject[];
  /** room between rows (default SPACING) */
  readonly rowSpacing?: number;
  readonly resolve: SpecObject;
}

/**
 * A figure of conditions (rows) by metrics (columns) as one facet, with the headers the concat grid draws: the
 * condition upright left of each row, the metric in bold over each column. One view for vega-lite to compile and
 * vega to parse, where the concat grid had one a panel.
 */
export function conditionMetricFacet(options: ConditionMetricFacetOptions): TopLevelSpec {
  const spec: SpecObject = {
    ...figureHead(options.title, options.caption, options.size),
    data: { values: options.values },
    facet: {
      row: { field: 'row', type: 'nominal', sort: options.rowLabels, title: null, header: { labelPadding: 3 } },
      column: {
        field: 'column',
        type: 'nominal',
        sort: options.columnHeaders,
        title: null,
        header: {
          labelFontWeight: 'bold',
          labelLimit: options.columnRoom,
          labelPadding: 4,
          labelExpr: "split(datum.value, '\\n')",
        },
      },
    },
    spec: { width: options.width, height: options.height, layer: options.layers },
    spacing: { row: options.rowSpacing ?? SPACING, column: SPACING },
    resolve: options.resolve,
  };
  return spec as unknown as TopLevelSpec;
}

/** A panel's place in a conditionMetricFacet, as its axis and scale expressions read it: `row|column`. */
export const PANEL_PLACE = "parent.row + '|' + parent.column";

/** The same place, from the panel's `row` and `column` in the facet's data (what PANEL_PLACE reads there). */
export function panelPlace(panel: { readonly row: string; readonly column: string }): string {
  return `${panel.row}|${panel.column}`;
}

/**
 * The headers of a conditionMetricFacet's columns, as its data's `column` values: each title on one line, or on two
 * (columnHeaderLines, joined by a newline) where it is wider than `room` in the bold header size.
 */
export function facetColumnHeaders(titles: readonly string[], room: number, size: FigureSize): string[] {
  return titles.map((title) => columnHeaderLines(title, room, FONT_SIZES[size].title, true).join('\n'));
}

/**
 * The y axis of a facet's panels, each with its own scale: labels in SI (10k) in the panels `si` names (axisFormat's
 * choice for that panel), and nothing (labels, grid, ticks, line) in the panels `empty` names, which hold a note.
 */
export function panelYAxis(si: readonly string[], empty: readonly string[]): SpecObject {
  const label =
    si.length > 0
      ? `indexof(${JSON.stringify(si)}, ${PANEL_PLACE}) >= 0 ? (datum.value === 0 ? '0' : format(datum.value, '~s')) : datum.label`
      : 'datum.label';
  if (empty.length === 0) return { title: null, tickCount: 3, grid: true, labelExpr: label };
  const inEmpty = `indexof(${JSON.stringify(empty)}, ${PANEL_PLACE}) >= 0`;
  const hidden = { expr: `${inEmpty} ? 0 : 1` };
  return {
    title: null,
    tickCount: 3,
    grid: true,
    labelExpr: `${inEmpty} ? '' : ${label}`,
    gridOpacity: hidden,
    tickOpacity: hidden,
    domainOpacity: hidden,
  };
}

/** DejaVu Sans is about 0.55 em per character on average: enough to decide where to break a caption. */
export const AVERAGE_CHAR_EM = 0.55;

/** Estimated width of a one-line text in SVG units. */
export function estimateTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * AVERAGE_CHAR_EM;
}

/**
 * Break a caption into lines that fit `width`: at `; ` first (between clauses), then between words.
 * Returns a single string when it fits on one line (the common case at page width).
 */
export function wrapText(text: string, width: number, fontSize: number): string | string[] {
  const fits = (line: string) => estimateTextWidth(line, fontSize) <= width;
  if (fits(text)) return text;
  const lines: string[] = [];
  let current = '';
  for (const clause of text.split('; ')) {
    const candidate = current === '' ? clause : `${current}; ${clause}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current + ';');
    current = '';
    for (const word of clause.split(' ')) {
      const next = current === '' ? word : `${current} ${word}`;
      if (fits(next) || current === '') current = next;
      else {
        lines.push(current);
        current = word;
      }
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * Columns of a horizontal legend so that it fits the figure width: all entries on one line when they fit,
 * otherwise as many equal columns as the widest entry allows. Returns {} or { columns }.
 */
export function legendLayout(title: string, labels: readonly string[], size: FigureSize): { columns?: number } {
  const fs = FONT_SIZES[size];
  const available = figureWidth(size) - 4 - estimateTextWidth(title, fs.title) - 8;
  const entry = (label: string) => 14 + estimateTextWidth(label, fs.label) + 6;
  const total = labels.reduce((sum, l) => sum + entry(l), 0);
  if (total <= available) return {};
  const widest = maxOf(labels.map(entry));
  return { columns: Math.max(1, Math.floor(available / widest)) };
}

/**
 * The colour encoding of the levels a figure compares: in their order, with their palette, and a horizontal legend
 * that fits the figure's width (the same in every panel, so that vega-lite merges them into one legend).
 */
export function colorEncoding(
  title: string,
  labels: readonly string[],
  palette: readonly string[],
  size: FigureSize,
): SpecObject {
  return {
    field: 'color',
    type: 'nominal',
    sort: labels,
    scale: { domain: labels, range: palette },
    legend: { title, titleOrient: 'left', ...legendLayout(title, labels, size) },
  };
}
