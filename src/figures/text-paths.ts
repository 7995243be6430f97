/**
 * Text as glyph outlines, for resvg (PNG). resvg 2.6's font database reads the whole font file again (757 kB for
 * DejaVu Sans) each time it shapes or outlines a glyph: about 8,000 reads and 6 GB copied for the 12 figures of the
 * A-shaped look-alike, more than half the CPU of their PNGs (0.47 s of system time in 0.9 s). The text cnibench
 * draws is simple: vega writes each label as one `<text>` with a transform, an anchor, a font size, weight and style
 * and a paint. Its glyphs are laid out here by fontkit with the very DejaVu faces resvg would use (the same kerning,
 * the same outlines) and the element becomes a group of paths, which resvg fills as it fills text. A `<text>` with
 * anything else (x, y, dx, dy, child elements, other whitespace, a character its face lacks) is left to resvg.
 * Rasterised both ways, the figures differ by less than a grey level on average (test/figures/text-paths.test.ts).
 */
import { faceOf, parsedFontFaces, type FontFaces, type ParsedFont } from './render-fonts.js';
import { decodeCharacterData } from './svg-pdf.js';
import { FONT_FAMILY } from './theme.js';

/** A glyph of a fontkit layout: its id and outline. */
interface LaidOutGlyph {
  readonly id: number;
  readonly path: { toSVG(): string };
}

/** What a fontkit layout gives; ParsedFont types only the advances. */
interface GlyphRun {
  readonly glyphs: readonly LaidOutGlyph[];
  readonly positions: readonly { xAdvance: number; xOffset: number; yOffset: number }[];
}

interface OutlineFont extends ParsedFont {
  readonly unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** Attributes a converted `<text>` may have; any other keeps the element as text. */
const TEXT_ATTRIBUTES = new Set([
  'text-anchor',
  'transform',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'fill',
  'fill-opacity',
  'opacity',
]);

/** Attributes that paint the glyphs, moved onto the group that replaces the text. */
const PAINT_ATTRIBUTES = ['fill', 'fill-opacity', 'opacity'] as const;

/** The face of a text's weight and style; null for a family other than the report's, or a weight or style it lacks. */
function faceFor(attributes: ReadonlyMap<string, string>, fonts: FontFaces<ParsedFont>): OutlineFont | null {
  const family = attributes.get('font-family');
  if (family !== undefined && family !== FONT_FAMILY && family !== 'sans-serif') return null;
  const face = faceOf(attributes.get('font-weight') ?? 'normal', attributes.get('font-style') ?? 'normal');
  return face === null ? null : (fonts[face] as OutlineFont);
}

/** A number as SVG writes it: at most 4 decimals, no trailing zeros (the same for the same value). */
function num(value: number): string {
  const rounded = Math.round(value * 10_000) / 10_000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** One `<text>` as a group of glyph paths, or null to keep it as text. */
function textAsPaths(
  attributeText: string,
  content: string,
  fonts: FontFaces<ParsedFont>,
  outlines: Map<ParsedFont, Map<number, string>>,
): string | null {
  const attributes = new Map<string, string>();
  const rest = attributeText.replace(/\s([a-z-]+)="([^"]*)"/g, (_whole, name: string, value: string) => {
    attributes.set(name, value);
    return '';
  });
  for (const name of [...attributes.keys()]) {
    // accessibility and styling hooks draw nothing (as leanSvg drops them)
    if (name.startsWith('aria-') || name === 'role' || name === 'class' || name === 'pointer-events') {
      attributes.delete(name);
    }
  }
  if (rest.trim() !== '' || [...attributes.keys()].some((name) => !TEXT_ATTRIBUTES.has(name))) return null;
  const text = decodeCharacterData(content);
  // SVG's default white-space handling (trimmed, runs collapsed, no tabs or newlines) is left to resvg
  if (text === null || text === '' || text !== text.trim() || /\s\s|[\t\n\r]/.test(text)) return null;
  const size = Number((attributes.get('font-size') ?? '').replace(/px$/, ''));
  if (!(size > 0)) return null;
  const anchor = attributes.get('text-anchor') ?? 'start';
  if (anchor !== 'start' && anchor !== 'middle' && anchor !== 'end') return null;
  const font = faceFor(attributes, fonts);
  if (font === null) return null;
  for (const char of text) if (!font.hasGlyphForCodePoint(char.codePointAt(0)!)) return null;

  const { glyphs, pen } = glyphRun(font, text, outlines);
  const scale = size / font.unitsPerEm;
  const shift = anchor === 'middle' ? -pen / 2 : anchor === 'end' ? -pen : 0;
  const transform = attributes.get('transform');
  const paint = PAINT_ATTRIBUTES.filter((name) => attributes.has(name))
    .map((name) => ` ${name}="${attributes.get(name)}"`)
    .join('');
  // the glyphs' y axis points up (font units): flipped by the scale, placed on the baseline at the text's origin
  const place = `translate(${num(shift * scale)},0) scale(${num(scale)},${num(-scale)})`;
  return (
    `<g${transform !== undefined ? ` transform="${transform}"` : ''}${paint}>` +
    `<g transform="${place}">${glyphs}</g></g>`
  );
}

/** A text laid out in a face, in font units: its glyphs' paths and its advance. */
interface LaidOutText {
  readonly glyphs: string;
  readonly pen: number;
}

/**
 * Texts already laid out in this process, by face: the same labels (ticks, levels, units) recur within and across
 * figures, and laying one out with fontkit cost more than the rest of its conversion. Bounded per face.
 */
const LAID_OUT = new Map<ParsedFont, Map<string, LaidOutText>>();
const MAX_LAID_OUT = 20_000;

function glyphRun(font: OutlineFont, text: string, outlines: Map<ParsedFont, Map<number, string>>): LaidOutText {
  let texts = LAID_OUT.get(font);
  if (texts === undefined || texts.size >= MAX_LAID_OUT) LAID_OUT.set(font, (texts = new Map()));
  const known = texts.get(text);
  if (known !== undefined) return known;
  const run = font.layout(text) as unknown as GlyphRun;
  const cache = outlines.get(font) ?? new Map<number, string>();
  outlines.set(font, cache);
  const glyphs: string[] = [];
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    let d = cache.get(glyph.id);
    if (d === undefined) cache.set(glyph.id, (d = glyph.path.toSVG()));
    if (d !== '') {
      const x = pen + position.xOffset;
      glyphs.push(`<path transform="translate(${num(x)},${num(position.yOffset)})" d="${d}"/>`);
    }
    pen += position.xAdvance;
  });
  const laidOut = { glyphs: glyphs.join(''), pen };
  texts.set(text, laidOut);
  return laidOut;
}

/**
 * The SVG with each `<text>` that cnibench draws replaced by its glyphs' outlines (see the module's comment); other
 * text and everything else unchanged. For resvg: the PDF keeps its text as text.
 */
export function svgTextAsPaths(svg: string): string {
  if (!svg.includes('<text')) return svg;
  const fonts = parsedFontFaces();
  return svg.replace(
    /<text(\s[^>]*)?>([^<]*)<\/text>/g,
    (whole, attributeText: string | undefined, content: string) => {
      return textAsPaths(attributeText ?? '', content, fonts, OUTLINES) ?? whole;
    },
  );
}

/** Each face's glyph outlines as SVG path data, by glyph id: the same for every figure of the process. */
const OUTLINES = new Map<ParsedFont, Map<number, string>>();
