/**
 * PNG text is drawn from glyph outlines laid out by fontkit (figures/text-paths.ts) instead of by resvg's own text
 * engine. Checked against resvg's text on every label of the figure kinds: the same ink where it lands (rotated,
 * anchored, bold, italic labels included), and what the conversion does not know is left to resvg.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  deltaHeatmap,
  fontPaths,
  iterationsView,
  overTime,
  paperGrid,
  renderSvg,
  type FigureSpec,
} from '../../src/figures/index.js';
import { svgTextAsPaths } from '../../src/figures/text-paths.js';
import { leanSvg } from '../../src/render/lean-svg.js';
import { makeAnalysis } from '../tables/fixture.js';
import { REPO_ROOT } from '../helpers/shared.js';

const ZOOM = 2;

function pixels(svg: string): { width: number; height: number; alpha: (x: number, y: number) => number } {
  const fonts = fontPaths();
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: ZOOM },
    font: {
      loadSystemFonts: false,
      fontFiles: [fonts.regular, fonts.bold, fonts.oblique, fonts.boldOblique],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  }).render();
  const data = image.pixels;
  return { width: image.width, height: image.height, alpha: (x, y) => data[(y * image.width + x) * 4 + 3]! };
}

/** The box of the drawn (non-transparent) pixels, in pt; null when nothing is drawn. */
function ink(svg: string): { x0: number; x1: number; y0: number; y1: number } | null {
  const { width, height, alpha } = pixels(svg);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (alpha(x, y) === 0) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? null : { x0: x0 / ZOOM, x1: (x1 + 1) / ZOOM, y0: y0 / ZOOM, y1: (y1 + 1) / ZOOM };
}

/** One label alone on a canvas, its first translation moved to the middle of it. */
function alone(text: string): string {
  const moved = text.replace(/transform="translate\([^)]*\)/, 'transform="translate(300,100)');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200" viewBox="0 0 600 200">${moved}</svg>`;
}

const svgCanvas = (body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40">${body}</svg>`;

describe('PNG text from glyph outlines', () => {
  it('draws every label of the figure kinds where resvg draws it, with the same extent', async () => {
    const analysis = makeAnalysis();
    const figures: FigureSpec[] = [
      ...Object.values(paperGrid(analysis)),
      ...Object.values(deltaHeatmap(analysis)),
      ...Object.values(iterationsView(analysis)),
      ...Object.values(overTime(analysis)),
    ];
    let labels = 0;
    const kinds = new Set<string>();
    const seen = new Set<string>();
    for (const figure of figures) {
      const svg = leanSvg(await renderSvg(figure.spec));
      for (const text of svg.match(/<text[^>]*>[^<]*<\/text>/g) ?? []) {
        // a label drawn the same way elsewhere (only its position differs) is checked once
        const drawn = text.replace(/translate\([^)]*\)/, '');
        if (seen.has(drawn)) continue;
        seen.add(drawn);
        const converted = svgTextAsPaths(alone(text));
        expect(converted, text).not.toContain('<text');
        const expected = ink(alone(text));
        const got = ink(converted);
        expect(got === null, text).toBe(expected === null);
        if (expected === null || got === null) continue;
        // fontkit's and resvg's layouts of the same face agree within a pixel on short labels; on a long line
        // resvg's was up to 1 % narrower (the PNG now matches the PDF and the widths the layout was measured with)
        const slackX = 1 + 0.015 * (expected.x1 - expected.x0);
        const slackY = 1 + 0.015 * (expected.y1 - expected.y0);
        expect(Math.abs(got.x0 - expected.x0), text).toBeLessThanOrEqual(slackX);
        expect(Math.abs(got.x1 - expected.x1), text).toBeLessThanOrEqual(slackX);
        expect(Math.abs(got.y0 - expected.y0), text).toBeLessThanOrEqual(slackY);
        expect(Math.abs(got.y1 - expected.y1), text).toBeLessThanOrEqual(slackY);
        labels++;
        if (text.includes('rotate(')) kinds.add('rotated');
        if (text.includes('font-weight="bold"')) kinds.add('bold');
        if (text.includes('font-style="italic"')) kinds.add('italic');
        for (const anchor of ['start', 'middle', 'end'])
          if (text.includes(`text-anchor="${anchor}"`)) kinds.add(anchor);
      }
    }
    expect(labels).toBeGreaterThan(40);
    expect([...kinds].sort()).toEqual(['bold', 'end', 'italic', 'middle', 'rotated', 'start']);
  });

  it('resolves entities and character references, and places a label on its baseline at its anchor', () => {
    const text = (anchor: string, content: string) =>
      `<text text-anchor="${anchor}" transform="translate(100,30)" font-family="DejaVu Sans" font-size="12px" fill="#000">${content}</text>`;
    for (const anchor of ['start', 'middle', 'end']) {
      const source = svgCanvas(text(anchor, 'p &lt; 0.05 &amp; &#8805;1 &#x2212;2'));
      const converted = svgTextAsPaths(source);
      expect(converted).not.toContain('<text');
      const a = ink(source)!;
      const b = ink(converted)!;
      for (const edge of ['x0', 'x1', 'y0', 'y1'] as const) expect(Math.abs(a[edge] - b[edge])).toBeLessThanOrEqual(1);
    }
  });

  it('draws a label the same whether it is the first of the process or laid out before (kept per face)', () => {
    const label = (weight: string, content: string, size = 12) =>
      `<text transform="translate(10,30)" font-family="DejaVu Sans" font-size="${size}px" font-weight="${weight}" fill="#000">${content}</text>`;
    const svg = svgCanvas(label('normal', 'Kube-router 1,400') + label('bold', 'Kube-router 1,400', 9));
    // in a fresh process of the compiled stage (`npm test` builds first): nothing laid out before
    const compiled = join(REPO_ROOT, 'dist', 'figures', 'text-paths.js');
    const fresh = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { svgTextAsPaths } = await import(${JSON.stringify(compiled)});` +
          'process.stdout.write(svgTextAsPaths(process.argv[1]));',
        svg,
      ],
      { encoding: 'utf8' },
    );
    svgTextAsPaths(svgCanvas(label('bold', 'Kube-router') + label('normal', '1,400 Kube-router 1,400')));
    expect(svgTextAsPaths(svg)).toBe(fresh);
    // the bold face's layout is its own: the two labels differ in their glyphs, not only in their scale
    const [regular, bold] = svgTextAsPaths(svg).split('<g transform="translate(10,30)"').slice(1);
    expect(regular!.replace(/scale\([^)]*\)/, '')).not.toBe(bold!.replace(/scale\([^)]*\)/, ''));
  });

  it('leaves to resvg the text it does not know how to draw', () => {
    const keep = [
      // positions by attribute, child elements, spacing SVG would collapse, an unknown entity, another family,
      // another attribute, a character DejaVu Sans lacks
      '<text x="3" y="20" font-size="12px">x and y</text>',
      '<text transform="translate(3,20)" font-size="12px"><tspan>child</tspan></text>',
      '<text transform="translate(3,20)" font-size="12px">two  spaces</text>',
      '<text transform="translate(3,20)" font-size="12px"> leading</text>',
      '<text transform="translate(3,20)" font-size="12px">&nbsp;entity</text>',
      '<text transform="translate(3,20)" font-family="Times" font-size="12px">serif</text>',
      '<text transform="translate(3,20)" letter-spacing="2" font-size="12px">spaced</text>',
      '<text transform="translate(3,20)" font-size="12px">\u{4E2D} CJK</text>',
    ];
    for (const text of keep) expect(svgTextAsPaths(svgCanvas(text))).toBe(svgCanvas(text));
  });
});
