import { describe, expect, it } from 'vitest';
import {
  DIVERGING_SCHEME,
  IEEE_WIDTH_IN,
  OKABE_ITO,
  distributionPalette,
  figureWidth,
  hueDegrees,
  relativeLuminance,
  themeConfig,
  viridis,
} from '../../src/figures/theme.js';
import { legendLayout, wrapText, estimateTextWidth } from '../../src/figures/grid.js';

function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

describe('palette', () => {
  it('viridis ends are the published colours', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
  });

  it.each([2, 3, 4, 5, 6, 8])(
    '%i distributions: lightness strictly increases from the baseline (grayscale order)',
    (n) => {
      const palette = distributionPalette(n);
      expect(palette).toHaveLength(n);
      const luminance = palette.map(relativeLuminance);
      for (let i = 1; i < n; i++) expect(luminance[i]!).toBeGreaterThan(luminance[i - 1]!);
    },
  );

  it('the four distributions of the study differ in hue and clearly in gray level', () => {
    const palette = distributionPalette(4);
    const hues = palette.map(hueDegrees);
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++) expect(hueDistance(hues[i]!, hues[j]!)).toBeGreaterThan(20);
    }
    const luminance = palette.map(relativeLuminance);
    for (let i = 1; i < 4; i++) expect(luminance[i]! - luminance[i - 1]!).toBeGreaterThan(0.05);
    // the baseline is the darkest, the last one still visible on white (not the pale yellow end)
    expect(luminance[3]!).toBeLessThan(0.75);
  });

  it('relative luminance follows WCAG (black 0, white 1)', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
  });

  it('Okabe–Ito lines, blueorange diverging', () => {
    expect(OKABE_ITO).toContain('#E69F00');
    expect(DIVERGING_SCHEME).toBe('blueorange');
  });
});

describe('sizes', () => {
  it('IEEE column 3.5 in and page 7.16 in at 72 units per inch', () => {
    expect(IEEE_WIDTH_IN).toEqual({ column: 3.5, page: 7.16 });
    expect(figureWidth('column')).toBe(252);
    expect(figureWidth('page')).toBe(515);
  });

  it('the theme names DejaVu Sans everywhere text is drawn', () => {
    const json = JSON.stringify(themeConfig('page'));
    expect(json.match(/"(?:label|title)?[Ff]ont":"([^"]+)"/g)!.every((m) => m.endsWith('"DejaVu Sans"'))).toBe(true);
  });
});

describe('caption wrapping and legends', () => {
  it('keeps a caption that fits on one line', () => {
    expect(wrapText('short caption', 200, 8)).toBe('short caption');
  });

  it('breaks at clauses, then words, with every line fitting', () => {
    const text = 'mean per cell across distribution; parallel lines: no interaction; CPU and RAM of the server node';
    const lines = wrapText(text, 150, 7);
    expect(Array.isArray(lines)).toBe(true);
    for (const line of lines as string[]) expect(estimateTextWidth(line, 7)).toBeLessThanOrEqual(150);
    expect((lines as string[]).join(' ').replace(/; /g, ' ').replace(/;/g, '')).toBe(text.replace(/; /g, ' '));
  });

  it('wraps a legend into columns only when it would not fit', () => {
    expect(legendLayout('Plugin', ['A', 'B'], 'column')).toEqual({});
    const many = ['Flannel', 'Calico', 'Cilium', 'Kube-router', 'Kube-OVN', 'Antrea', 'Weave'];
    const layout = legendLayout('Plugin', many, 'column');
    expect(layout.columns).toBeGreaterThanOrEqual(1);
    expect(layout.columns).toBeLessThan(many.length);
  });
});
