/**
 * Text measurement for headless rendering. Without a canvas, vega estimates every string as 0.8 em per
 * character, far wider than DejaVu Sans (about 0.55 em), so layouts reserve too much room for labels and the
 * figure comes out wider than the IEEE column it was sized for. Like vl-convert, we install a width function
 * that measures with the very font files the PNG and PDF renderers embed: layout then matches the drawn text.
 */
import type * as Vega from 'vega';
import { fontPaths } from './render-fonts.js';

interface MeasuredItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: string | number;
  readonly fontStyle?: string;
  /** maximum width: vega truncates longer text with an ellipsis */
  readonly limit?: number;
}

type WidthFont = (text: string, size: number) => number;

let installed: Promise<void> | undefined;

/** Replace vega's text width estimate by DejaVu Sans advance widths (idempotent; same result on every machine). */
export function installTextMetrics(vega: typeof Vega): Promise<void> {
  installed ??= (async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const paths = fontPaths();
    // A document is only a way to open the fonts with pdfkit's font engine; it is never written. No default font:
    // pdfkit's (Helvetica) would be read from its metrics file, a module required at run time (which a render
    // worker's start-up snapshot cannot hold), and every measurement names its DejaVu face
    const doc = new PDFDocument({ autoFirstPage: false, font: null as never });
    // pdfkit's public measuring API: select a face and size, then widthOfString (advance widths, kerning).
    const open =
      (path: string): WidthFont =>
      (text, size) =>
        doc.font(path).fontSize(size).widthOfString(text);
    const faces = {
      regular: open(paths.regular),
      bold: open(paths.bold),
      oblique: open(paths.oblique),
      boldOblique: open(paths.boldOblique),
    };
    const cache = new Map<string, number>();
    // vega re-exports vega-scenegraph's textMetrics (a mutable object) but its typings do not declare it.
    const metrics = (vega as unknown as { textMetrics: { width: (item: MeasuredItem, text: unknown) => number } })
      .textMetrics;
    metrics.width = (item: MeasuredItem, line: unknown): number => {
      const text = line == null ? '' : String(line).trim();
      const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
      if (text === '' || size <= 0) return 0;
      const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
      const italic = item.fontStyle === 'italic' || item.fontStyle === 'oblique';
      const key = `${bold ? 'b' : ''}${italic ? 'i' : ''}${size}|${text}`;
      let width = cache.get(key);
      if (width === undefined) {
        const face = bold ? (italic ? faces.boldOblique : faces.bold) : italic ? faces.oblique : faces.regular;
        width = face(text, size);
        cache.set(key, width);
      }
      // vega truncates text longer than `limit` (with an ellipsis) when drawing; its bounds must say so too
      const limit = Number(item.limit);
      return limit > 0 ? Math.min(width, limit) : width;
    };
  })();
  return installed;
}
