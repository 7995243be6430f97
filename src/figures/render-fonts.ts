/** Where the DejaVu fonts are: inside the installed dejavu-fonts-ttf package, never the system's fonts. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CnibenchError } from '../model/index.js';
import * as msg from './messages.js';

/** The four DejaVu Sans faces cnibench draws with. */
export interface FontFaces<T> {
  readonly regular: T;
  readonly bold: T;
  readonly oblique: T;
  readonly boldOblique: T;
}

/** The name of one of the four faces. */
export type FaceName = keyof FontFaces<unknown>;

/**
 * The face that draws text of a CSS font-weight and font-style (bold from 600, oblique for italic), or null for a
 * value outside what cnibench draws. One rule for the PDF writer and the PNG's glyph outlines.
 */
export function faceOf(fontWeight: string, fontStyle: string): FaceName | null {
  const bold = /^(bold|bolder|[6-9]00)$/.test(fontWeight);
  if (!bold && !/^(normal|lighter|[1-5]00)$/.test(fontWeight)) return null;
  if (fontStyle !== 'normal' && fontStyle !== 'italic' && fontStyle !== 'oblique') return null;
  const italic = fontStyle !== 'normal';
  return bold ? (italic ? 'boldOblique' : 'bold') : italic ? 'oblique' : 'regular';
}

/** The DejaVu font files, resolved inside the installed dejavu-fonts-ttf package. */
export function fontPaths(): FontFaces<string> {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const paths = {
    regular: join(dir, 'DejaVuSans.ttf'),
    bold: join(dir, 'DejaVuSans-Bold.ttf'),
    oblique: join(dir, 'DejaVuSans-Oblique.ttf'),
    boldOblique: join(dir, 'DejaVuSans-BoldOblique.ttf'),
  };
  for (const path of Object.values(paths)) {
    if (!existsSync(path)) throw new CnibenchError('figure-font-missing', msg.fontMissing(path));
  }
  return paths;
}

/**
 * A font parsed by fontkit, the font engine inside pdfkit. pdfkit accepts such an object wherever it accepts a font
 * file (`doc.registerFont(name, font)`, `doc.font(font)`): it recognises it by its `layout` method.
 */
export interface ParsedFont {
  layout(text: string, ...rest: readonly unknown[]): unknown;
}

let parsedFonts: FontFaces<ParsedFont> | undefined;

/** fontkit, as far as cnibench uses it. */
export interface FontEngine {
  create(bytes: Uint8Array): ParsedFont;
}

let fontEngine: FontEngine | undefined;

/**
 * Give this stage the fontkit to parse fonts with: a render worker's start-up snapshot bundles fontkit (with pdfkit)
 * and cannot require it while the snapshot is made. Default: the fontkit of pdfkit's own dependencies.
 */
export function provideFontEngine(engine: FontEngine): void {
  fontEngine = engine;
}

/**
 * The DejaVu faces parsed once per thread and shared by every PDF document and by text measurement. Given a file
 * path, pdfkit reads and parses the font anew for each document (its tables — GSUB, GPOS, cmap, hmtx — decoded
 * again, its layouts recomputed): about a tenth of a second per figure. fontkit's font objects only cache what they
 * decode, so sharing one between documents changes no output byte (each document still makes its own subset).
 * fontkit is loaded from pdfkit's own dependencies, so the engine is the one pdfkit would have used.
 */
export function parsedFontFaces(): FontFaces<ParsedFont> {
  if (parsedFonts) return parsedFonts;
  const paths = fontPaths();
  const fontkit = (fontEngine ??= createRequire(createRequire(import.meta.url).resolve('pdfkit'))(
    'fontkit',
  ) as FontEngine);
  const open = (path: string): ParsedFont => fontkit.create(readFileSync(path));
  parsedFonts = {
    regular: open(paths.regular),
    bold: open(paths.bold),
    oblique: open(paths.oblique),
    boldOblique: open(paths.boldOblique),
  };
  return parsedFonts;
}
