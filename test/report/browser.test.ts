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
});
