/**
 * Measures a rendered figure from its SVG, as a reader would see it: every text's box (position from the nested
 * translate()s, rotation, anchor; width from DejaVu Sans' advance widths — the font the figures are drawn with,
 * measured by pdfkit as src/figures/text-metrics.ts does), the legend's labels, the figure's width.
 */
import PDFDocument from 'pdfkit';
import { fontPaths } from '../../src/figures/render-fonts.js';

export interface TextBox {
  readonly text: string;
  /** corners, clockwise, in SVG units */
  readonly corners: readonly (readonly [number, number])[];
  readonly legendLabel: boolean;
  /** where the text is placed (its anchor, before rotation and vega's label padding), in SVG units */
  readonly origin: readonly [number, number];
}

/** A drawn bar: its rectangle in SVG units, its accessible label (`x: Calico; mean: …`), and its panel's origin. */
export interface BarBox {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** origin of the group the bar is drawn in (one per panel) */
  readonly panel: readonly [number, number];
}

const doc = new PDFDocument({ autoFirstPage: false });
const paths = fontPaths();

function textWidth(text: string, size: number, bold: boolean, italic: boolean): number {
  const path = bold ? (italic ? paths.boldOblique : paths.bold) : italic ? paths.oblique : paths.regular;
  return doc.font(path).fontSize(size).widthOfString(text);
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every drawn text of an SVG as a (possibly rotated) box. */
export function textBoxes(svg: string): TextBox[] {
  const boxes: TextBox[] = [];
  const stack: [number, number][] = [[0, 0]];
  let legendDepth = -1;
  // an empty text is written `<text …/>`: matched as a whole, and skipped (nothing to overlap)
  const token = /<g\b[^>]*>|<\/g>|<text\b[^>]*\/>|<text\b[^>]*>[\s\S]*?<\/text>/g;
  for (const m of svg.matchAll(token)) {
    const tag = m[0];
    // an empty group (`<g …/>`, a mark container with nothing in it) opens nothing
    if (tag.endsWith('/>')) continue;
    if (tag === '</g>') {
      stack.pop();
      if (stack.length <= legendDepth) legendDepth = -1;
      continue;
    }
    if (tag.startsWith('<g')) {
      const [px, py] = stack[stack.length - 1]!;
      const t = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(attr(tag, 'transform') ?? '');
      stack.push(t ? [px + Number(t[1]), py + Number(t[2])] : [px, py]);
      if (/role-legend-label/.test(tag) && legendDepth < 0) legendDepth = stack.length;
      continue;
    }
    const open = /^<text\b[^>]*>/.exec(tag)![0];
    if (attr(open, 'opacity') === '0') continue;
    const size = Number((attr(open, 'font-size') ?? '11').replace('px', ''));
    const bold = attr(open, 'font-weight') === 'bold';
    const italic = attr(open, 'font-style') === 'italic';
    const transform = attr(open, 'transform') ?? '';
    const t = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(transform);
    const angle = (Number(/rotate\(([-\d.e]+)\)/.exec(transform)?.[1] ?? 0) * Math.PI) / 180;
    const anchor = attr(open, 'text-anchor') ?? 'start';
    const [gx, gy] = stack[stack.length - 1]!;
    const ox = gx + Number(t?.[1] ?? 0);
    const oy = gy + Number(t?.[2] ?? 0);
    const inner = tag.slice(open.length, -'</text>'.length);
    const lines = inner.includes('<tspan')
      ? [...inner.matchAll(/<tspan\b([^>]*)>([\s\S]*?)<\/tspan>/g)].map((l) => ({
          dy: Number(attr(l[1]!, 'dy') ?? 0),
          text: unescape(l[2]!),
        }))
      : [{ dy: 0, text: unescape(inner) }];
    let lineY = 0;
    for (const line of lines) {
      lineY += line.dy;
      if (line.text.trim() === '') continue;
      const w = textWidth(line.text, size, bold, italic);
      const x0 = anchor === 'middle' ? -w / 2 : anchor === 'end' ? -w : 0;
      // DejaVu Sans: ascent of capitals ~0.73 em, descent ~0.23 em
      const local: [number, number][] = [
        [x0, lineY - 0.73 * size],
        [x0 + w, lineY - 0.73 * size],
        [x0 + w, lineY + 0.23 * size],
        [x0, lineY + 0.23 * size],
      ];
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      boxes.push({
        text: line.text,
        corners: local.map(([x, y]) => [ox + x * cos - y * sin, oy + x * sin + y * cos] as const),
        legendLabel: legendDepth >= 0,
        origin: [ox, oy],
      });
    }
  }
  return boxes;
}

/** Every bar of an SVG (vega's `M x,y h w v h h -w Z` rectangles with aria-roledescription="bar"), absolute. */
export function barBoxes(svg: string): BarBox[] {
  const bars: BarBox[] = [];
  const stack: [number, number][] = [[0, 0]];
  const token = /<g\b[^>]*>|<\/g>|<path\b[^>]*aria-roledescription="bar"[^>]*>/g;
  for (const m of svg.matchAll(token)) {
    const tag = m[0];
    if (tag === '</g>') {
      stack.pop();
      continue;
    }
    if (tag.startsWith('<g')) {
      // an empty group (`<g …/>`) opens nothing
      if (tag.endsWith('/>')) continue;
      const [px, py] = stack[stack.length - 1]!;
      const t = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(attr(tag, 'transform') ?? '');
      stack.push(t ? [px + Number(t[1]), py + Number(t[2])] : [px, py]);
      continue;
    }
    const d = /^M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h[-\d.e]+Z$/.exec(attr(tag, 'd') ?? '');
    if (!d) throw new Error(`a bar that is not a rectangle: ${attr(tag, 'd') ?? tag}`);
    const [gx, gy] = stack[stack.length - 1]!;
    const [x, y, w, h] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(d[4])];
    bars.push({
      label: unescape(attr(tag, 'aria-label') ?? ''),
      x: gx + Math.min(x, x + w),
      y: gy + Math.min(y, y + h),
      width: Math.abs(w),
      height: Math.abs(h),
      panel: [gx, gy],
    });
  }
  return bars;
}

/**
 * Each x group of bars (the bars of one x level in one panel), measured from the SVG: how far the middle of the group
 * lies from its x label's anchor (the label of the same level in the same column, where vega places it: the band's
 * middle), and the spread of its bars' widths.
 */
export function barGroups(svg: string): { group: string; offCentre: number; widthSpread: number; bars: number }[] {
  const labels = textBoxes(svg).filter((b) => !b.legendLabel);
  const groups = new Map<string, BarBox[]>();
  for (const bar of barBoxes(svg)) {
    const x = /^x: (.*?); /.exec(bar.label)?.[1];
    if (x === undefined) throw new Error(`a bar without its x level: ${bar.label}`);
    const key = `${bar.panel.join(',')}|${x}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(bar);
  }
  return [...groups.entries()].map(([key, bars]) => {
    const x = key.slice(key.indexOf('|') + 1);
    const middle = (Math.min(...bars.map((b) => b.x)) + Math.max(...bars.map((b) => b.x + b.width))) / 2;
    const anchors = labels.filter((l) => l.text === x).map((l) => l.origin[0]);
    if (anchors.length === 0) throw new Error(`no x label ${x}`);
    const offCentre = Math.min(...anchors.map((a) => Math.abs(a - middle)));
    const widths = bars.map((b) => b.width);
    return { group: key, offCentre, widthSpread: Math.max(...widths) - Math.min(...widths), bars: bars.length };
  });
}

/** How deep two convex quadrilaterals overlap along the axis that separates them best (≤ 0: apart). */
function penetration(a: TextBox, b: TextBox): number {
  let least = Number.POSITIVE_INFINITY;
  for (const poly of [a.corners, b.corners]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]!;
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      const len = Math.hypot(x2 - x1, y2 - y1) || 1;
      const nx = -(y2 - y1) / len;
      const ny = (x2 - x1) / len;
      const project = (p: readonly (readonly [number, number])[]) => p.map(([x, y]) => x * nx + y * ny);
      const pa = project(a.corners);
      const pb = project(b.corners);
      const overlap = Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
      least = Math.min(least, overlap);
    }
  }
  return least;
}

/** Pairs of texts whose boxes overlap by more than `tolerance` units. */
export function overlappingTexts(boxes: readonly TextBox[], tolerance = 0.5): [string, string, number][] {
  const found: [string, string, number][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const depth = penetration(boxes[i]!, boxes[j]!);
      if (depth > tolerance) found.push([boxes[i]!.text, boxes[j]!.text, Math.round(depth * 10) / 10]);
    }
  }
  return found;
}

/** The labels of the figure's legends, in drawing order. */
export function legendLabels(svg: string): string[] {
  return textBoxes(svg)
    .filter((b) => b.legendLabel)
    .map((b) => b.text);
}
