import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/figures/index.js';
import { compactSvg, SVG_MIME, TEXT_MIME, VEGA_LITE_MIME, vegaLiteBundle } from '../../src/notebook/index.js';

const spec: TopLevelSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'RAM per plugin',
  data: {
    values: [
      { plugin: '<flannel>', ram: 649 },
      { plugin: 'calico', ram: 700 },
    ],
  },
  mark: 'bar',
  encoding: { x: { field: 'plugin', type: 'nominal' }, y: { field: 'ram', type: 'quantitative' } },
};

describe('vegaLiteBundle', () => {
  it('holds the spec itself, its SVG rendering and the title as text', async () => {
    const bundle = await vegaLiteBundle({ id: 'ram', title: 'RAM per plugin', caption: 'bar = mean', shows: {}, spec });
    expect(Object.keys(bundle).sort()).toEqual([VEGA_LITE_MIME, SVG_MIME, TEXT_MIME].sort());
    // the spec itself, declared as vega-lite 5 (what the MIME type's renderers bundle; vega-lite-5.test.ts checks it)
    expect(bundle[VEGA_LITE_MIME]).toEqual({ ...spec, $schema: 'https://vega.github.io/schema/vega-lite/v5.json' });
    const svg = bundle[SVG_MIME] as string;
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('&lt;flannel&gt;');
    expect(svg).toBe(compactSvg(await renderSvg(spec)));
    expect(bundle[TEXT_MIME]).toBe('<figure: RAM per plugin>');
  });

  it('accepts a bare spec (title from the spec) and can leave the SVG out', async () => {
    const bundle = await vegaLiteBundle(spec, { svg: false });
    expect(Object.keys(bundle).sort()).toEqual([VEGA_LITE_MIME, TEXT_MIME].sort());
    expect(bundle[TEXT_MIME]).toBe('<figure: RAM per plugin>');
  });

  it('is deterministic: the same figure gives the same bundle', async () => {
    const a = JSON.stringify(await vegaLiteBundle(spec));
    const b = JSON.stringify(await vegaLiteBundle(spec));
    expect(a).toBe(b);
  });
});

describe('compactSvg', () => {
  it('rounds coordinates of geometry attributes and leaves text, labels and colours alone', () => {
    const svg =
      '<svg width="507.123456" height="461"><path aria-label="mean: 0.0123456" d="M68,10.898499109641314h5.7684630738522955v-0.0001Z" fill="#3b518a"/>' +
      '<g transform="translate(83.60878243512974,22.348168061218175)"><text x="1.23456">0.0123456</text></g></svg>';
    expect(compactSvg(svg)).toBe(
      '<svg width="507.12" height="461"><path aria-label="mean: 0.0123456" d="M68,10.9h5.77v0Z" fill="#3b518a"/>' +
        '<g transform="translate(83.61,22.35)"><text x="1.23">0.0123456</text></g></svg>',
    );
    expect(compactSvg(svg, 0)).toContain('d="M68,11h6v0Z"');
  });

  it('is what vegaLiteBundle stores by default; svgDecimals: null keeps vega’s full precision', async () => {
    const full = await renderSvg(spec);
    expect((await vegaLiteBundle(spec))[SVG_MIME]).toBe(compactSvg(full, 2));
    expect((await vegaLiteBundle(spec, { svgDecimals: null }))[SVG_MIME]).toBe(full);
  });
});
