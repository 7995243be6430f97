/**
 * Rendering a spec: SVG by vega's headless View (no canvas), PNG by resvg with the DejaVu fonts loaded
 * explicitly (no system fonts, so every machine rasterises the same pixels), PDF (vector, text embedded) by
 * cnibench's own writer on pdfkit (svg-pdf.ts; svg-to-pdfkit for an SVG outside its vocabulary). All three are
 * deterministic: the same spec gives the same bytes.
 */
import { specOf, type Drawable } from './types.js';
import { CnibenchError, visibleControls } from '../model/index.js';
import { fontPaths, parsedFontFaces } from './render-fonts.js';
import { installTextMetrics } from './text-metrics.js';
import { svgTextAsPaths } from './text-paths.js';
import * as msg from './messages.js';
import { loadPackage, loadVega, loadVegaLite } from './load.js';
import { FONT_FAMILY } from './theme.js';
import {
  drawSvgPlan,
  isUnsupported,
  planSvgDrawing,
  type PdfCanvas,
  type SvgPlan,
  type UnsupportedSvg,
} from './svg-pdf.js';

/**
 * vega numbers clip paths and gradients with process-wide counters, so the second render of the same spec
 * would name them differently; renumber them in order of appearance.
 */
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = match[1]!;
    if (!ids.has(id)) ids.set(id, `${id.replace(/\d+$/, '')}${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg.replace(/\b(id="|url\(#)([^")]+)/g, (whole, prefix: string, id: string) => {
    const renamed = ids.get(id);
    return renamed === undefined ? whole : `${prefix}${renamed}`;
  });
}

export interface SvgOptions {
  /** called with each warning vega-lite or vega logs while compiling and running the spec; default: ignored */
  readonly onWarning?: (message: string) => void;
}

/** SVG text of a spec (user units = pt at 72 per inch). */
export async function renderSvg(figure: Drawable, options: SvgOptions = {}): Promise<string> {
  const spec = specOf(figure);
  const vl = await loadVegaLite();
  const vega = await loadVega();
  await installTextMetrics(vega);
  const logger = warningLogger(options.onWarning ?? (() => undefined));
  const compiled = vl.compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger, logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    // defence: a control character from data would make the SVG invalid XML (and every PNG and PDF from it fail)
    return visibleControls(renumberIds(svg));
  } finally {
    view.finalize();
  }
}

/** A vega logger that hands warnings and errors to a callback and prints nothing (library code never logs). */
function warningLogger(warn: (message: string) => void) {
  let level = 0;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      warn(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warn(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger as never;
}

export interface PngOptions {
  /** pixels per SVG unit: 1 = 72 dpi, 300 / 72 ≈ 4.17 for print; default 2 */
  readonly scale?: number;
}

/** PNG bytes of a spec, rasterised at `scale` pixels per pt. */
export async function renderPng(figure: Drawable, options: PngOptions = {}): Promise<Uint8Array> {
  const scale = options.scale ?? 2;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new CnibenchError('figure-bad-scale', msg.badScale(scale));
  const svg = await renderSvg(figure);
  return svgToPng(svg, scale);
}

export async function svgToPng(svg: string, scale: number): Promise<Uint8Array> {
  const { Resvg } = await loadPackage<typeof import('@resvg/resvg-js')>('@resvg/resvg-js');
  const fonts = fontPaths();
  // text drawn as glyph outlines: resvg would read the whole font file again for every glyph (text-paths.ts)
  const resvg = new Resvg(svgTextAsPaths(svg), {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: [fonts.regular, fonts.bold, fonts.oblique, fonts.boldOblique],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** Width and height of an SVG document from its root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(root)?.[1]);
  return { width, height };
}

/** Fixed document dates: a PDF must not depend on when it was made. */
const PDF_DATE = new Date(Date.UTC(2000, 0, 1));

/** Vector PDF of a spec, one page the size of the figure, DejaVu Sans embedded (subset). */
export async function renderPdf(figure: Drawable): Promise<Uint8Array> {
  return svgToPdf(await renderSvg(figure));
}

/**
 * A dash array whose gaps are all zero draws a solid line (vega writes `1,0` for the solid line of a strokeDash
 * scale), but pdfkit rejects zero lengths: drop such attributes before converting.
 */
export function dropSolidDashes(svg: string): string {
  return svg.replace(/ stroke-dasharray="([^"]*)"/g, (whole, list: string) => {
    const lengths = list
      .split(/[\s,]+/)
      .filter((t) => t !== '')
      .map(Number);
    const gaps = lengths.length % 2 === 0 ? lengths.filter((_, i) => i % 2 === 1) : lengths;
    return gaps.every((g) => g === 0) ? '' : whole;
  });
}

/** The registered name of each DejaVu face in a figure's PDF document. */
const FACE_NAMES = {
  regular: FONT_FAMILY,
  bold: `${FONT_FAMILY} Bold`,
  oblique: `${FONT_FAMILY} Oblique`,
  boldOblique: `${FONT_FAMILY} Bold Oblique`,
} as const;

/**
 * Vector PDF of an SVG, one page its size, the DejaVu faces embedded (subset). The SVG that cnibench draws is
 * written by its own PDF writer (svg-pdf.ts); an SVG with anything outside that writer's vocabulary is converted by
 * svg-to-pdfkit instead, so that nothing is drawn approximately.
 */
export async function svgToPdf(svgText: string): Promise<Uint8Array> {
  return pdfOf(svgText, planSvgDrawing(svgText));
}

/**
 * The PDF svg-to-pdfkit makes of an SVG (what svgToPdf does outside its own writer's vocabulary): the reference the
 * tests compare cnibench's writer with.
 */
export async function svgToPdfBySvgToPdfkit(svgText: string): Promise<Uint8Array> {
  return pdfOf(svgText, { unsupported: 'asked for svg-to-pdfkit' });
}

async function pdfOf(svgText: string, plan: SvgPlan | UnsupportedSvg): Promise<Uint8Array> {
  const svg = isUnsupported(plan) ? dropSolidDashes(svgText) : svgText;
  const { width, height } = isUnsupported(plan) ? svgSize(svg) : plan;
  const { default: PDFDocument } = await import('pdfkit');
  // parsed once per thread: pdfkit would otherwise read and parse each face again for every document
  const fonts = parsedFontFaces();
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    compress: true,
    info: { Producer: 'cnibench', Creator: 'cnibench', CreationDate: PDF_DATE, ModDate: PDF_DATE },
    // no default font for cnibench's writer, which names the face of every text: pdfkit's default (Helvetica) would
    // be read from its metrics file for every document; svg-to-pdfkit keeps pdfkit's default
    ...(isUnsupported(plan) ? {} : { font: null as never }),
  });
  // pdfkit (0.20) takes a parsed fontkit font as a source; its typings list only files and bytes
  for (const face of ['regular', 'bold', 'oblique', 'boldOblique'] as const) {
    doc.registerFont(FACE_NAMES[face], fonts[face] as never);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  if (isUnsupported(plan)) await drawBySvgToPdfkit(doc, svg, width, height);
  else drawSvgPlan(doc as unknown as PdfCanvas, plan, FACE_NAMES);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/** The general converter, for an SVG outside the vocabulary of cnibench's own writer. */
async function drawBySvgToPdfkit(doc: unknown, svg: string, width: number, height: number): Promise<void> {
  // svg-to-pdfkit ships no types; it is one function (doc, svg, x, y, options).
  const { default: SVGtoPDF } = await loadPackage<{
    default: (doc: unknown, svg: string, x: number, y: number, options: Record<string, unknown>) => void;
  }>('svg-to-pdfkit');
  SVGtoPDF(doc, svg, 0, 0, {
    width,
    height,
    assumePt: true,
    // Every family maps onto the registered DejaVu faces: text is embedded, never substituted by a viewer.
    fontCallback: (_family: string, bold: boolean, italic: boolean) =>
      FACE_NAMES[bold ? (italic ? 'boldOblique' : 'bold') : italic ? 'oblique' : 'regular'],
  });
}
