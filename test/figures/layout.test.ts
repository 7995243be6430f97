/**
 * Every figure fits the design and the page, measured from its SVG: width within the chosen size (column 252,
 * page 515 units = pt), no two texts overlapping (boxes from DejaVu Sans' metrics, rotation included), legend
 * entries = the levels present in the figure — on the reference design, a 12-level factor on either role, the
 * look-alikes of the two real campaign shapes, and 200 × 50 levels (which must stay bounded and say what it left out).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deltaHeatmap,
  figureWidth,
  interactionPlot,
  iterationsView,
  paperGrid,
  renderSvg,
  specJson,
  svgSize,
  svgToPng,
  type FigureSpec,
  type FigureSize,
} from '../../src/figures/index.js';
import { ingestCampaign } from '../../src/ingest/index.js';
import { analyse, type Analysis } from '../../src/stats/index.js';
import { makeAnalysis } from './data.js';
import { writeShapeA, writeShapeB } from '../helpers/lookalikes.js';
import { barGroups, legendLabels, overlappingTexts, textBoxes } from '../helpers/svg-layout.js';
import { inCI, REPO_ROOT } from '../helpers/shared.js';

const BUILDERS = { paperGrid, deltaHeatmap, interactionPlot, iterationsView } as const;

function allFigures(analysis: Analysis, size: FigureSize): FigureSpec[] {
  return Object.values(BUILDERS).flatMap((build) => Object.values(build(analysis, { size })));
}

/** Labels a categorical legend may show: the colour (or line) values in the figure's data. */
function dataLevels(spec: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const values = (record['data'] as { values?: Record<string, unknown>[] } | undefined)?.values;
      for (const v of values ?? []) {
        for (const key of ['color', 'line']) if (typeof v[key] === 'string') found.add(v[key] as string);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(spec);
  return found;
}

async function expectFits(figure: FigureSpec, size: FigureSize): Promise<void> {
  const svg = await renderSvg(figure.spec);
  const { width } = svgSize(svg);
  expect(width, `${figure.id} width`).toBeLessThanOrEqual(figureWidth(size) + 4);
  expect(overlappingTexts(textBoxes(svg)), `${figure.id}: overlapping texts`).toEqual([]);
  const legend = legendLabels(svg);
  if (!figure.id.startsWith('delta-heatmap')) {
    // a categorical legend: exactly the levels drawn in the figure, each once
    expect(new Set(legend).size, `${figure.id} legend repeats`).toBe(legend.length);
    expect(new Set(legend), `${figure.id} legend`).toEqual(dataLevels(figure.spec));
  } else {
    // the gradient legend's tick labels: at most five
    expect(legend.length).toBeLessThanOrEqual(5);
  }
}

const GOLDEN_DIR = join(REPO_ROOT, 'test', 'figures', 'golden');

/**
 * Golden files of a figure: its spec (JSON, stable key order) and its PNG (1 px per pt), written on the first run
 * outside CI (then looked at and committed), compared byte for byte afterwards; a mismatch leaves `.got.` files.
 */
async function expectGolden(name: string, figure: FigureSpec): Promise<void> {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  const spec = specJson(figure.spec);
  const png = Buffer.from(await svgToPng(await renderSvg(figure.spec), 1));
  for (const [ext, data] of [
    ['vl.json', Buffer.from(spec)],
    ['png', png],
  ] as const) {
    const path = join(GOLDEN_DIR, `${name}.${ext}`);
    if (!existsSync(path)) {
      if (inCI) throw new Error(`golden ${path} is missing; run the tests locally, look at it and commit it`);
      writeFileSync(path, data);
      continue;
    }
    const same = readFileSync(path).equals(data);
    if (!same) writeFileSync(join(GOLDEN_DIR, `${name}.got.${ext}`), data);
    expect(same, `${name}.${ext} differs from its golden file (see the .got. file)`).toBe(true);
  }
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('figures fit the design and the page (measured from the SVG)', () => {
  it('the reference design at page and column width', { timeout: 180_000 }, async () => {
    const analysis = makeAnalysis({ iterations: 4 });
    for (const size of ['page', 'column'] as const) {
      const figures = allFigures(analysis, size);
      expect(figures).toHaveLength(8);
      for (const figure of figures) await expectFits(figure, size);
    }
  });

  it(
    'a 12-level factor on x (plugins) and as the compared factor (12 distributions)',
    { timeout: 180_000 },
    async () => {
      const plugins = makeAnalysis({
        testbeds: ['UOM'],
        plugins: Array.from({ length: 12 }, (_, i) => `cni-${i + 1}`),
        iterations: 3,
      });
      const distributions = makeAnalysis({
        testbeds: ['UOM'],
        distributions: ['k8s', ...Array.from({ length: 11 }, (_, i) => `dist-${i + 1}`)],
        iterations: 3,
      });
      for (const analysis of [plugins, distributions]) {
        for (const figure of allFigures(analysis, 'page')) await expectFits(figure, 'page');
      }
      // 12 distributions cannot be coloured: they go on x, and colour shows the plugins (never the same factor)
      const grid = Object.values(paperGrid(distributions))[0]!;
      expect(JSON.stringify(grid.spec)).toContain('"legend":{"title":"Plugin"');
      await expectGolden('twelve-plugins-paper-grid', Object.values(paperGrid(plugins))[0]!);
      await expectGolden('twelve-distributions-paper-grid', grid);
      await expectGolden('twelve-distributions-delta-heatmap', Object.values(deltaHeatmap(distributions))[0]!);
    },
  );

  describe('look-alikes of the real campaign shapes', () => {
    let a: Analysis;
    let b: Analysis;
    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cnibench-layout-'));
      dirs.push(dir);
      const shapeA = writeShapeA(join(dir, 'a'));
      const shapeB = writeShapeB(join(dir, 'b'));
      a = analyse(await ingestCampaign(shapeA.dir, { samples: 'none' }), { factor: 'plugin', baseline: 'flannel' });
      b = analyse(await ingestCampaign(shapeB.dir, { samples: 'none' }), { factor: 'mtu', baseline: '1500' });
    }, 120_000);

    it(
      'shape A (9 CNI setups × OS × tunings, 81 archives): at most 15 figures, all fitting',
      { timeout: 300_000 },
      async () => {
        const figures = allFigures(a, 'page');
        expect(figures.length).toBeLessThanOrEqual(15);
        for (const figure of figures) await expectFits(figure, 'page');
        // plugin (9 levels, compared) is on x, never colour as well
        expect(JSON.stringify(figures[0]!.spec)).not.toContain('"title":"Plugin"');
        await expectGolden('shape-a-paper-grid', Object.values(paperGrid(a))[0]!);
        await expectGolden('shape-a-delta-heatmap', Object.values(deltaHeatmap(a))[0]!);
        await expectGolden('shape-a-interaction', Object.values(interactionPlot(a))[0]!);
      },
    );

    it(
      'shape A: the bars of each x group show only the levels present there, centred on the label, of equal width',
      { timeout: 120_000 },
      async () => {
        let groups = 0;
        let partial = 0;
        for (const figure of Object.values(paperGrid(a))) {
          const measured = barGroups(await renderSvg(figure.spec));
          for (const g of measured) {
            expect(g.offCentre, `${figure.id} ${g.group}: off the label's centre`).toBeLessThanOrEqual(1);
            expect(g.widthSpread, `${figure.id} ${g.group}: bar widths differ`).toBeLessThanOrEqual(0.01);
          }
          groups += measured.length;
          partial += measured.filter((g) => g.bars < Math.max(...measured.map((m) => m.bars))).length;
        }
        // the look-alike has such groups (a setup measured under some tunings only): the test measures them
        expect(groups).toBeGreaterThan(100);
        expect(partial).toBeGreaterThan(50);
      },
    );

    it(
      'shape B (16 MTUs × 2 networks × 2 testbeds): MTU on an ordered axis with lines, all fitting',
      { timeout: 300_000 },
      async () => {
        const figures = allFigures(b, 'page');
        expect(figures.length).toBeLessThanOrEqual(15);
        const grid = JSON.stringify(figures[0]!.spec);
        expect(grid).toContain('"type":"line"');
        expect(grid).toContain('"type":"ordinal"');
        for (const figure of figures) await expectFits(figure, 'page');
        await expectGolden('shape-b-paper-grid', Object.values(paperGrid(b))[0]!);
        await expectGolden('shape-b-delta-heatmap', Object.values(deltaHeatmap(b))[0]!);
        await expectGolden('shape-b-interaction', Object.values(interactionPlot(b))[0]!);
      },
    );
  });

  it(
    '200 × 50 levels: builds, bounded (6 figures a kind), says what it left out, fits',
    { timeout: 600_000 },
    async () => {
      const huge = makeAnalysis({
        testbeds: ['UOM'],
        plugins: Array.from({ length: 200 }, (_, i) => `p${i + 1}`),
        distributions: ['k8s', ...Array.from({ length: 49 }, (_, i) => `d${i + 1}`)],
        iterations: 3,
      });
      const figures = allFigures(huge, 'page');
      expect(figures.length).toBeLessThanOrEqual(24);
      for (const figure of figures) expect(figure.caption).toMatch(/of 200 figures drawn|showing \d+ of/);
      for (const figure of figures.filter((_, i) => i % 6 === 0)) await expectFits(figure, 'page');
      await expectGolden('levels-200x50-paper-grid', figures[0]!);
      await expectGolden('levels-200x50-delta-heatmap', figures[6]!);
    },
  );
});
