/**
 * The MIME type decides which renderer draws a figure: JupyterLab (@jupyterlab/vega5-extension: vega 5, vega-lite 5,
 * vega-embed 6) and VS Code's notebook renderers draw `application/vnd.vegalite.v5+json` with vega-lite 5. So every
 * spec cnibench emits must compile with vega-lite 5 — without an error or a warning — for that MIME type to be right.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VEGA_LITE_MIME, VEGA_LITE_V5_SCHEMA } from '../../src/model/index.js';
import { inCI } from '../helpers/shared.js';
import { VIEWERS_MODULES, viewerVersion, viewersInstalled } from './viewer-stack.js';
import { notebookSpecs, snapshotSpecs } from './notebook-figures.js';

interface VegaLite5 {
  version: string;
  compile(spec: unknown, options: { logger: unknown }): { spec: unknown };
}

const suite = viewersInstalled || inCI ? describe : describe.skip;
const title = viewersInstalled || inCI ? 'vega-lite 5' : 'vega-lite 5 [skipped: npm ci --prefix test/viewers not run]';

suite(title, () => {
  it('is the stack the v5 MIME type names', () => {
    if (!viewersInstalled) throw new Error('test/viewers/node_modules is missing in CI; .ci/run installs it');
    expect(viewerVersion('vega-lite')).toMatch(/^5\./);
    expect(viewerVersion('vega')).toMatch(/^5\./);
    expect(viewerVersion('vega-embed')).toMatch(/^6\./);
    expect(VEGA_LITE_MIME).toBe('application/vnd.vegalite.v5+json');
  });

  it('compiles every figure snapshot and every notebook figure without an error or a warning', () => {
    if (!viewersInstalled) throw new Error('test/viewers/node_modules is missing in CI; .ci/run installs it');
    const vl = createRequire(join(VIEWERS_MODULES, 'x.js'))('vega-lite') as VegaLite5;
    expect(vl.version).toMatch(/^5\./);
    const specs = [...snapshotSpecs(), ...notebookSpecs()];
    const fromNotebooks = notebookSpecs();
    expect(fromNotebooks.length, 'the committed notebooks hold Vega-Lite outputs').toBeGreaterThan(0);
    for (const { spec } of fromNotebooks) expect(spec['$schema']).toBe(VEGA_LITE_V5_SCHEMA);
    for (const { origin, spec } of specs) {
      const messages: string[] = [];
      const record =
        (level: string) =>
        (...args: unknown[]) => {
          messages.push(`${level}: ${args.join(' ')}`);
          return logger;
        };
      const logger = {
        level: () => logger,
        error: record('error'),
        warn: record('warn'),
        info: () => logger,
        debug: () => logger,
      };
      expect(() => vl.compile(spec, { logger }), origin).not.toThrow();
      expect(messages, origin).toEqual([]);
    }
  });
});
