/**
 * Look of every figure: palette, fonts and sizes for IEEE two-column papers.
 *
 * SVG units are points: 72 px per inch, so a font size of 8 in the spec prints at 8 pt and an IEEE column
 * (3.5 in) is 252 px wide, a full page width (7.16 in) 515.5 px.
 */

import { FIGURE_SIZES, type FigureSize } from '../model/index.js';

/** Where the figure goes in an IEEE paper. `column` = 3.5 in (one column), `page` = 7.16 in (both columns). */
export { FIGURE_SIZES, type FigureSize };

/** Pixels (SVG user units) per inch: 72, so 1 unit = 1 pt. */
export const PX_PER_INCH = 72;

/** Width in inches of an IEEE column and of the full text width. */
export const IEEE_WIDTH_IN: Readonly<Record<FigureSize, number>> = { column: 3.5, page: 7.16 };

/** Target width of a figure in SVG units. */
export function figureWidth(size: FigureSize): number {
  return Math.floor(IEEE_WIDTH_IN[size] * PX_PER_INCH);
}

/**
 * Font family used in specs and registered with the rasteriser and the PDF writer, from the dejavu-fonts-ttf
 * package, so that text is measured and drawn identically on every machine.
 */
export const FONT_FAMILY = 'DejaVu Sans';

export interface FontSizes {
  /** axis labels, legend labels, numbers in cells */
  readonly label: number;
  /** axis titles, panel titles, legend titles */
  readonly title: number;
  /** figure title */
  readonly figureTitle: number;
}

/** IEEE asks for figure text no smaller than about 7 pt at print size; the column size is the tightest. */
export const FONT_SIZES: Readonly<Record<FigureSize, FontSizes>> = {
  column: { label: 6.5, title: 7, figureTitle: 8 },
  page: { label: 7.5, title: 8, figureTitle: 9 },
};

/**
 * Stops of matplotlib's viridis colormap (van der Walt & Smith, 2015), every 1/8: perceptually uniform,
 * readable with the common colour-vision deficiencies, and of strictly increasing lightness, so that the
 * order of distributions survives grayscale printing.
 */
const VIRIDIS_STOPS: readonly string[] = [
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#fde725',
];

/**
 * The sequential part of viridis used for distributions: 0 (darkest) to 0.85; the yellow end is left out
 * because a light yellow bar next to a white background is too faint.
 */
const DISTRIBUTION_RAMP: readonly [number, number] = [0, 0.85];

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: readonly [number, number, number]): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/** viridis at t ∈ [0, 1], linear interpolation between the stops. */
export function viridis(t: number): string {
  const clamped = Math.min(1, Math.max(0, t));
  const scaled = clamped * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const a = hexToRgb(VIRIDIS_STOPS[i]!);
  const b = hexToRgb(VIRIDIS_STOPS[i + 1]!);
  return rgbToHex([a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])]);
}

/**
 * Colours of the levels of the colour factor (distributions), baseline first: a viridis ramp, darkest first,
 * so that hues differ and lightness increases monotonically from the baseline.
 */
export function distributionPalette(count: number): string[] {
  const [lo, hi] = DISTRIBUTION_RAMP;
  if (count <= 1) return [viridis(lo)];
  return Array.from({ length: count }, (_, i) => viridis(lo + ((hi - lo) * i) / (count - 1)));
}

/**
 * Okabe & Ito (2008) colour-universal-design palette, for lines of the interaction plot (plugins). Its hues
 * are not ordered by lightness, so the lines also differ by point shape and dash pattern for grayscale prints.
 */
export const OKABE_ITO: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

/** Point shapes and dash patterns that go with OKABE_ITO, for readers without colour. */
export const LINE_SHAPES: readonly string[] = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'cross',
  'triangle-down',
  'triangle-left',
  'triangle-right',
];
export const LINE_DASHES: readonly (readonly number[])[] = [
  [1, 0],
  [4, 2],
  [1, 1.5],
  [6, 2, 1, 2],
  [2, 2],
  [8, 2],
];

/**
 * Diverging scheme of the delta heatmap, centred on 0: vega's `blueorange` (blue = lower than the baseline,
 * orange = higher), which colour-blind readers tell apart.
 */
export const DIVERGING_SCHEME = 'blueorange';

/** Opacity of heatmap cells whose delta is not significant: visibly muted but still readable. */
export const MUTED_OPACITY = 0.3;

/** Colours of plain marks. */
export const INK = { text: '#000000', mutedText: '#555555', rule: '#000000', grid: '#e0e0e0', outlier: '#d55e00' };

/** Relative luminance (WCAG 2.x) of an sRGB hex colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const linear = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
}

/** Hue angle in degrees (HSL), to check that palette entries differ in hue and not only in lightness. */
export function hueDegrees(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/** The vega-lite `config` block shared by all figures at a size: fonts, sizes, no chart-junk, white background. */
export function themeConfig(size: FigureSize): Record<string, unknown> {
  const fs = FONT_SIZES[size];
  return {
    font: FONT_FAMILY,
    background: 'white',
    padding: 2,
    view: { stroke: '#b0b0b0', strokeWidth: 0.5 },
    title: { font: FONT_FAMILY, fontSize: fs.figureTitle, fontWeight: 'bold', anchor: 'start', offset: 4 },
    axis: {
      labelFont: FONT_FAMILY,
      titleFont: FONT_FAMILY,
      labelFontSize: fs.label,
      titleFontSize: fs.title,
      titleFontWeight: 'normal',
      gridColor: INK.grid,
      gridWidth: 0.5,
      domainWidth: 0.5,
      tickWidth: 0.5,
      tickSize: 3,
      labelPadding: 2,
      titlePadding: 3,
    },
    header: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelFontSize: fs.title, titleFontSize: fs.title },
    legend: {
      labelFont: FONT_FAMILY,
      titleFont: FONT_FAMILY,
      labelFontSize: fs.label,
      titleFontSize: fs.title,
      titleFontWeight: 'normal',
      orient: 'top',
      direction: 'horizontal',
      symbolSize: 40,
      columnPadding: 6,
      padding: 0,
      offset: 4,
    },
    concat: { spacing: 6 },
    text: { font: FONT_FAMILY, fontSize: fs.label },
  };
}
