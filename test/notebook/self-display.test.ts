/**
 * The objects cnibench makes display themselves (Deno's `Symbol.for('Jupyter.display')`), each with the bundle its
 * stage builds: figures (Vega-Lite 5 + SVG + title), tables (HTML + Markdown twin), analyses, datasets and ledgers
 * (short summaries, names escaped in the HTML).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureBundle, paperGrid } from '../../src/figures/index.js';
import { datasetBundle, ingestCampaign, ledgerSummaryLine } from '../../src/ingest/index.js';
import { displayMessages } from '../../src/model/index.js';
import {
  HTML_MIME,
  isDisplayable,
  JUPYTER_DISPLAY,
  SVG_MIME,
  TEXT_MIME,
  VEGA_LITE_MIME,
  VEGA_LITE_V5_SCHEMA,
  type MimeBundle,
} from '../../src/model/index.js';
import { cellsTable, deltasTable, htmlTable, markdownTable } from '../../src/tables/index.js';
import { analyse } from '../../src/stats/index.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { makeAnalysis, makeDataset } from '../tables/fixture.js';

const bundleOf = async (value: unknown): Promise<MimeBundle> => {
  expect(isDisplayable(value)).toBe(true);
  return await (value as { [JUPYTER_DISPLAY]: () => MimeBundle | Promise<MimeBundle> })[JUPYTER_DISPLAY]();
};

describe('self-displaying objects', () => {
  it('a figure from a builder: its Vega-Lite spec as v5, the SVG fallback and the title', async () => {
    const [figure] = Object.values(paperGrid(makeAnalysis(), { node: 'server' }));
    const bundle = await bundleOf(figure);
    expect(bundle).toEqual(await figureBundle(figure!));
    expect(bundle[VEGA_LITE_MIME]).toEqual({ ...figure!.spec, $schema: VEGA_LITE_V5_SCHEMA });
    expect(bundle[SVG_MIME]).toMatch(/^<svg/);
    expect(bundle[TEXT_MIME]).toBe(`<figure: ${figure!.title}>`);
  });

  it('a table from a builder: its HTML with the Markdown rendering as the text twin', async () => {
    for (const table of [cellsTable(makeAnalysis()), deltasTable(makeAnalysis())]) {
      expect(await bundleOf(table)).toEqual({ [HTML_MIME]: htmlTable(table), [TEXT_MIME]: markdownTable(table) });
    }
  });

  it('an analysis from analyse(): counts of cells, comparisons and reported interaction patterns', async () => {
    const analysis = analyse(makeDataset());
    const text = (await bundleOf(analysis))[TEXT_MIME] as string;
    const significant = analysis.comparisons.filter((c) => c.significant).length;
    expect(text.split('\n')[0]).toBe('Analysis');
    expect(text).toContain(`${analysis.summaries.length} cells`);
    expect(text).toContain(
      `${analysis.comparisons.length} comparisons of distribution versus k8s: ${significant} significant`,
    );
    const patterns = analysis.interactions.patterns ?? [];
    const reported = patterns.filter((p) => p.kind === 'cell' || p.kind === 'pair' || p.kind === 'groups').length;
    expect(text).toContain(`${reported} reported of ${patterns.length} patterns tested`);
  });

  it('an ingested dataset and its ledger: counts, factors with their labels, the ledger line', async () => {
    const dataset = await ingestCampaign(join(REPO_ROOT, 'fixtures', 'example-campaign'));
    const text = (await bundleOf(dataset))[TEXT_MIME] as string;
    const missing = dataset.observations.filter((o) => o.value === null).length;
    expect(text).toContain(displayMessages.datasetCounts(dataset.observations.length, missing, dataset.samples.length));
    for (const f of dataset.factors) expect(text).toContain(`${f.name} (${f.levels.length}): `);
    expect(text).toContain(ledgerSummaryLine(dataset.ledger));
    expect((await bundleOf(dataset.ledger))[TEXT_MIME]).toContain(ledgerSummaryLine(dataset.ledger));
  });

  it('escapes names from the campaign in the HTML summary', () => {
    const dataset = makeDataset();
    const bundle = datasetBundle({ ...dataset, campaign: { ...dataset.campaign, name: '<b>x</b> & "y"' } });
    expect(bundle[HTML_MIME]).toContain('Dataset: &lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;');
    expect(bundle[HTML_MIME]).not.toContain('<b>x</b>');
    expect(bundle[TEXT_MIME]).toContain('Dataset: <b>x</b> & "y"');
  });
});
