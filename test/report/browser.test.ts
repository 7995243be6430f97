/**
 * report.html in headless Chromium: every figure draws (an svg or canvas in each container), the console shows no
 * error (a CSP violation would be one), and no request leaves the page. A screenshot is kept in test/artifacts/.
 * Needs /usr/bin/chromium: skipped locally when missing, a failure in CI.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/build.js';
import { paperGrid } from '../../src/figures/paper-grid.js';
import { deltaHeatmap, interactionPlot, iterationsView } from '../../src/figures/index.js';
import { REPO_ROOT, inCI, toolAvailable } from '../helpers/shared.js';
import { makeAnalysis, makeDataset } from '../tables/fixture.js';
import { hostileFigure } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = toolAvailable(CHROMIUM);
const scratch = mkdtempSync(join(tmpdir(), 'cnibench-browser-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const suite = available ? describe : inCI ? describe : describe.skip;
const name = available || inCI ? 'report.html in Chromium' : `report.html in Chromium [skipped: ${CHROMIUM} not found]`;

suite(name, () => {
  it('renders every figure offline, without console errors or network requests', async () => {
    if (!available) throw new Error(`${CHROMIUM} is required in CI (apt-get install -y chromium)`);
    const analysis = makeAnalysis();
    const figures = [...Object.values(paperGrid(analysis, { node: 'server' })), hostileFigure()];
    const out = join(scratch, 'report');
    await writeReport(out, { dataset: makeDataset(), analysis, figures }, { formats: [], date: '2024-02-01' });

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')) {
          requests.push(url);
          await route.abort();
        } else await route.continue();
      });
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      const containers = await page.locator('figure .chart').count();
      expect(containers).toBe(figures.length);
      await page.waitForFunction(
        `document.querySelectorAll('figure .chart svg, figure .chart canvas').length >= ${containers}`,
        undefined,
        { timeout: 30_000 },
      );
      for (let i = 0; i < containers; i++) {
        const marks = await page
          .locator(`#chart-${i} svg .mark-rect path, #chart-${i} svg .mark-rect, #chart-${i} svg path`)
          .count();
        expect(marks, `figure ${i} draws marks`).toBeGreaterThan(0);
      }
      // hostile labels are text, not markup
      expect(await page.locator('script:not([type])').count()).toBe(5);
      expect(await page.getByText('<script>alert(1)</script>', { exact: false }).count()).toBeGreaterThan(0);
      mkdirSync(join(REPO_ROOT, 'test', 'artifacts'), { recursive: true });
      await page.screenshot({ path: join(REPO_ROOT, 'test', 'artifacts', 'report-html.png'), fullPage: false });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('reads as a page at 1280 and 800 px: figures at the reading width, a contents list, tooltips with mean, interval and n', async () => {
    if (!available) throw new Error(`${CHROMIUM} is required in CI (apt-get install -y chromium)`);
    const analysis = makeAnalysis();
    const figures = [paperGrid, deltaHeatmap, interactionPlot, iterationsView].flatMap((build) =>
      Object.values(build(analysis, { node: 'server' })),
    );
    const out = join(scratch, 'page');
    await writeReport(out, { dataset: makeDataset(), analysis, figures }, { formats: [], date: '2024-02-01' });
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      for (const width of [1280, 800]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.goto(pathToFileURL(join(out, 'report.html')).href);
        const count = figures.length;
        await page.waitForFunction(`document.querySelectorAll('figure .chart svg').length >= ${count}`, undefined, {
          timeout: 30_000,
        });
        // every figure spans the reading width (never a third of it), and its title is not repeated under it
        const sizes = await page.$$eval('figure .chart', (charts) =>
          charts.map((c) => ({
            // the figure element is as wide as the text column (the chart container may shrink to its content)
            chart: c.closest('figure')!.getBoundingClientRect().width,
            // the drawing itself (its root group), not only the svg element, spans the width
            svg: c.querySelector('svg g')!.getBoundingClientRect().width,
          })),
        );
        for (const s of sizes) expect(s.svg).toBeGreaterThanOrEqual(Math.min(s.chart, 1024) * 0.9);
        expect(await page.locator('figcaption').count()).toBe(0);
        // the contents list jumps to the findings, each figure and each table, and every target exists
        const targets = await page.$$eval('nav.contents a', (links) => links.map((a) => a.getAttribute('href')!));
        expect(targets).toContain('#findings');
        for (const f of figures) expect(targets).toContain(`#figure-${f.id}`);
        expect(targets.filter((t) => t.startsWith('#table-')).length).toBeGreaterThanOrEqual(3);
        for (const t of targets) expect(await page.locator(t).count(), t).toBe(1);
        // hovering a bar shows its cell: mean, interval and n
        const bar = page.locator('#chart-0 .mark-rect path, #chart-0 .role-mark.layer_0_marks path').first();
        await bar.hover();
        const tooltip = page.locator('#vg-tooltip-element');
        await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
        const text = await tooltip.innerText();
        expect(text).toMatch(/mean/);
        expect(text).toMatch(/interval from/);
        expect(text).toMatch(/\bn\b/);
        mkdirSync(join(REPO_ROOT, 'test', 'artifacts'), { recursive: true });
        await page.screenshot({ path: join(REPO_ROOT, 'test', 'artifacts', `report-html-${width}.png`) });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
