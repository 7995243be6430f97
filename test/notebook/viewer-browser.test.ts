/**
 * A rendered notebook's figure outputs drawn as the common viewers draw them: the Vega-Lite outputs of the committed
 * notebooks (both kernels), embedded in headless Chromium with vega 5 + vega-lite 5 + vega-embed 6 (JupyterLab's and VS Code's
 * renderer stack), must draw marks with no console error, no page error and no network request.
 * Needs /usr/bin/chromium and test/viewers/node_modules: skipped locally when missing, a failure in CI.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inCI, toolAvailable } from '../helpers/shared.js';
import { notebookSpecs } from './notebook-figures.js';
import { VIEWER_SCRIPTS, viewersInstalled } from './viewer-stack.js';

const CHROMIUM = '/usr/bin/chromium';
const available = toolAvailable(CHROMIUM) && viewersInstalled;
const suite = available || inCI ? describe : describe.skip;
const name =
  available || inCI
    ? 'notebook figures in Chromium through vega-embed 6 + vega-lite 5'
    : 'notebook figures in Chromium [skipped: chromium or test/viewers/node_modules missing]';

/** The page: the three UMD builds inline (no request leaves the page), one container per figure. */
function page(count: number): string {
  const scripts = VIEWER_SCRIPTS.map(
    (path) => `<script>${readFileSync(path, 'utf8').replace(/<\/script/gi, '<\\/script')}</script>`,
  );
  const containers = Array.from({ length: count }, (_, i) => `<div id="figure-${i}"></div>`).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${scripts.join('\n')}</head><body>${containers}</body></html>`;
}

suite(name, () => {
  it('draws every Vega-Lite output of the committed notebooks without a console error', async () => {
    if (!available)
      throw new Error(`${CHROMIUM} and test/viewers/node_modules are required in CI (.ci/run installs both)`);
    const figures = notebookSpecs();
    expect(figures.length).toBeGreaterThan(0);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      tab.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') await route.continue();
        else {
          requests.push(url);
          await route.abort();
        }
      });
      await tab.setContent(page(figures.length));
      const versions = await tab.evaluate('[vega.version, vegaLite.version, vegaEmbed.version]');
      expect((versions as string[]).map((v) => v.split('.')[0])).toEqual(['5', '5', '6']);
      // vega-embed as the renderers call it: the spec as given, SVG renderer, no actions menu
      const drawn = (await tab.evaluate(
        `Promise.all(${JSON.stringify(figures.map((f) => f.spec))}.map((spec, i) =>
          vegaEmbed('#figure-' + i, spec, { renderer: 'svg', actions: false }).then(() =>
            document.querySelectorAll('#figure-' + i + ' svg path, #figure-' + i + ' svg text').length)))`,
      )) as number[];
      for (const [i, marks] of drawn.entries()) expect(marks, `${figures[i]!.origin} draws marks`).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
