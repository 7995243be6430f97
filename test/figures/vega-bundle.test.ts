/**
 * The build bundles vega and vega-lite into dist/figures/vega-bundle.js (scripts/bundle-vega.mjs), which the compiled
 * figures stage loads instead of their packages. Same code, so the same drawings: the compiled renderer (from the
 * bundle) and the TypeScript sources (from the packages) must give byte-identical SVG. `npm test` builds first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deltaHeatmap, iterationsView, paperGrid, renderSvg } from '../../src/figures/index.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { makeAnalysis } from '../tables/fixture.js';

const dist = join(REPO_ROOT, 'dist', 'figures');

describe('vega bundled at build time', () => {
  it('is built, and draws the same SVG bytes as vega and vega-lite loaded from their packages', async () => {
    expect(existsSync(join(dist, 'index.js')), 'dist/ is missing: run `npm run build` (npm test does)').toBe(true);
    expect(existsSync(join(dist, 'vega-bundle.js')), 'the build made no dist/figures/vega-bundle.js').toBe(true);
    const compiled = (await import(pathToFileURL(join(dist, 'index.js')).href)) as {
      renderSvg: typeof renderSvg;
      loadVega: () => Promise<{ version: string }>;
    };
    // the compiled stage does load the bundle: its vega is not the package's module
    const fromBundle = await compiled.loadVega();
    const fromPackage = await import('vega');
    expect(fromBundle.version).toBe(fromPackage.version);
    expect(fromBundle).not.toBe(fromPackage);
    const analysis = makeAnalysis();
    const figures = [
      ...Object.values(paperGrid(analysis)),
      ...Object.values(deltaHeatmap(analysis)),
      ...Object.values(iterationsView(analysis)),
    ];
    expect(figures.length).toBeGreaterThan(2);
    for (const figure of figures) {
      const bundled = await compiled.renderSvg(figure.spec);
      expect(bundled).toContain('<svg');
      expect(bundled).toBe(await renderSvg(figure.spec));
    }
  });
});
