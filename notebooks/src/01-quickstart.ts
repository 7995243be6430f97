// %% [markdown]
// # cnibench quickstart
//
// This notebook loads the **example campaign** bundled with cnibench (`fixtures/example-campaign`), checks what was read,
// summarises every cell, compares the lightweight Kubernetes distributions with vanilla K8s, and shows one figure and one
// table.
//
// > The example campaign is **synthetic**: it mirrors the design of Koukis et al. (IEEE ISCC 2024) — 2 testbeds ×
// > 4 distributions × 5 CNI plugins × 10 knb runs — with cell means set so that the numbers the paper states hold.
// > These are not measurements (see `fixtures/README.md`).
//
// %% [markdown] [deno]
// The kernel is **Deno's** (`deno jupyter`). The first cell imports this repository's build (`npm run build` after
// changing the sources); in your own notebooks, `import * as cnibench from 'npm:cnibench'`. cnibench's objects (a
// dataset, its ledger, an analysis, figures, tables, quick looks) **display themselves** when they are the value of a
// cell; `show(x)` displays one in mid-cell.

// %% [markdown] [tslab]
// The kernel is [tslab](https://github.com/yunabe/tslab) (TypeScript). The first cell imports this repository's build
// (`npm run build` after changing the sources); in your own notebooks, `import * as cnibench from 'cnibench'`.
// `show(x)` displays cnibench's objects (a dataset, its ledger, an analysis, figures, tables, quick looks) with their
// whole MIME bundle, as Deno's kernel does: a figure as Vega-Lite (interactive in JupyterLab and VS Code) with its SVG
// (what GitHub shows), a table as HTML with a text twin. tslab's documented `display` sends one representation per
// output, so `show` uses a binding of tslab 1.0.x that is exported but undocumented (see `show`'s documentation).

// %%
import * as cnibench from 'cnibench';
import { recordsView } from 'cnibench/notebook';
import { comparisonSentence, formatInterval, formatP, significanceMark } from 'cnibench/present';
import { compare, describe } from 'cnibench/stats';
import { type DisplayCell, displayableTable, flagsTable } from 'cnibench/tables';

const campaignDir = '../../fixtures/example-campaign';
const dataset = await cnibench.ingestCampaign(campaignDir);
console.log(dataset.campaign.name);
console.log('layout:', dataset.campaign.layout);
for (const f of dataset.factors) console.log(`${f.name}: ${f.levels.map((l) => f.labels[l] ?? l).join(', ')}`);

// %%
await show(dataset);

// %% [markdown]
// ## 1. What was read: the ledger
//
// Every file under the campaign directory is accounted for: ingested, ingested with warnings, rejected (with file, line
// and reason), a failed run, or auxiliary. Nothing is skipped silently.

// %%
await show(dataset.ledger);

// %%
// the files that were not read cleanly, with the reason
const notClean = dataset.ledger.entries
  .filter((e) => e.status !== 'ingested')
  .map((e) => ({
    file: e.file,
    status: e.status,
    missing: e.missing,
    reason: e.reason ?? e.issues.map((i) => i.message).join('; '),
  }));
await show(recordsView(notClean, { caption: 'Ledger entries that are not plainly ingested' }));

// %% [markdown]
// ## 2. The tidy table
//
// One row per number: the factors from the layout, then iteration, test, protocol, node, metric, unit and value, plus
// the provenance of each value. `tidyTable` returns an [arquero](https://idl.uw.edu/arquero/) table.

// %%
const tidy = cnibench.tidyTable(dataset);
console.log(`${tidy.numRows()} rows × ${tidy.numCols()} columns: ${tidy.columnNames().join(', ')}`);
await show(
  recordsView(tidy.filter((d: { metric: string }) => d.metric === 'ram').slice(0, 6), {
    columns: ['testbed', 'distribution', 'plugin', 'iteration', 'test', 'protocol', 'node', 'metric', 'unit', 'value', 'source', 'format'],
  }),
);

// %% [markdown]
// ## 3. describe: one summary per cell
//
// A cell is every factor level plus test, protocol, node and metric. `describe` gives n, mean, sd, quartiles, the 95 %
// t interval of the mean and Tukey outlier flags (flagged, never dropped).

// %%
const summaries = describe(dataset.observations, { factors: dataset.factors });
console.log(`${summaries.length} cells`);
const uomIdleRam = summaries.filter(
  (s) => s.factors.testbed === 'UOM' && s.test === 'idle' && s.node === 'server' && s.metric === 'ram',
);
await show(
  recordsView(
    uomIdleRam.map((s) => ({
      distribution: s.factors.distribution,
      plugin: s.factors.plugin,
      n: s.n,
      'mean (MiB)': s.mean,
      sd: s.sd,
      'CI low': s.ci?.lo ?? null,
      'CI high': s.ci?.hi ?? null,
      outliers: s.outliers,
    })),
    { caption: 'UOM (inter-host), idle, server node: RAM per cell', maxRows: 20 },
  ),
);

// %% [markdown]
// ## 4. compare: each distribution against vanilla K8s
//
// `compare` pairs every cell with the same cell on the baseline distribution (`k8s`): % change of the means with
// Fieller's 95 % interval, Welch's t test (Holm-adjusted within each group of three comparisons), Mann–Whitney U, and
// Hedges' g. Non-significant changes are marked `~`, as benchstat does.

// %%
const comparisons = compare(summaries, { factor: 'distribution', baseline: 'k8s' });
const uomRam = comparisons.filter(
  (c) => c.cell.factors.testbed === 'UOM' && c.cell.test === 'idle' && c.cell.node === 'server' && c.cell.metric === 'ram',
);
await show(
  recordsView(
    uomRam.map((c) => ({
      plugin: c.cell.factors.plugin,
      distribution: c.level,
      'K8s mean': c.meanBaseline,
      mean: c.mean,
      'Δ %': c.deltaPct,
      '95 % CI': c.deltaPctCi ? formatInterval(c.deltaPctCi, { pct: true }) : null,
      'p (Holm)': formatP(c.pAdjusted),
      '': significanceMark(c),
    })),
    { caption: 'UOM (inter-host), idle, server node: RAM versus vanilla K8s', decimals: { 'Δ %': 1 } },
  ),
);

// %%
// the same numbers as sentences (the wording the report uses)
for (const c of uomRam.filter((c) => c.significant && Math.abs(c.deltaPct ?? 0) >= 5)) {
  console.log(comparisonSentence(c, dataset.factors));
}

// %% [markdown]
// ## 5. A figure
//
// `analyse` runs describe, compare and the distribution × plugin interaction analysis at once; the figure builders
// take its result. A figure displays itself as a Jupyter MIME bundle: the Vega-Lite spec (interactive in JupyterLab and
// VS Code) and its SVG rendering, which is what GitHub and nbviewer show.

// %%
const analysis = cnibench.analyse(dataset);
await show(analysis);
// figures come keyed by what they show: here, the testbed
const heatmapUom = cnibench.deltaHeatmap(analysis, { metrics: ['ram'], conditions: ['idle'] }).UOM!;
console.log(`${heatmapUom.id}: ${heatmapUom.title}\n(${heatmapUom.caption})`);
await show(heatmapUom);

// %% [markdown]
// ## 6. A table
//
// The table builders (`cellsTable`, `deltasTable`, `anovaTermsTable`, `flagsTable`) return display tables that render
// to Markdown, LaTeX or HTML. Here the CPU cells that depart alone from the distribution × plugin pattern (interaction
// flags), inter-host:

// %%
const flags = flagsTable(analysis, { metrics: ['cpu'], node: 'server' });
// a display table is plain data: keep the inter-host rows (the first cell is the testbed); displayableTable gives the
// filtered copy its display again
const cellText = (cell: DisplayCell) => (cell.kind === 'text' ? cell.text : '');
const uomFlags = displayableTable({ ...flags, rows: flags.rows.filter((r) => cellText(r[0]) === 'UOM (inter-host)') });
console.log(`${uomFlags.rows.length} of ${flags.rows.length} flagged CPU interactions are UOM`);
await show(uomFlags);

// %% [markdown]
// ## 7. Quick looks before the report
//
// Small [Observable Plot](https://observablehq.com/plot/) figures for exploring, each one SVG (byte-identical on
// repeat). First the **per-second samples** that knb's monitor recorded during one run (all five tests, both nodes):

// %%
await show(await cnibench.samplesLook(dataset, { factors: { testbed: 'ATH', distribution: 'k8s', plugin: 'flannel' }, iteration: 1 }));

// %% [markdown]
// The **iterations of each cell**: every run as a dot, with the cell's median (tick) and interquartile range (bar):

// %%
await show(await cnibench.iterationsLook(dataset, { metric: 'ram', test: 'idle', node: 'server', factors: { testbed: 'UOM' } }));

// %% [markdown]
// A metric over **run time** across the campaign (drift): knb records each run's date (UTC), and a trend line per
// testbed shows whether the values moved while the campaign ran. Runs from a format without a date are left out and
// counted in the title.

// %%
await show(await cnibench.driftLook(dataset, { metric: 'cpu', test: 'p2p', protocol: 'tcp', node: 'server' }));

// %% [markdown]
// ## 8. The data in another library
//
// `frame(dataset | analysis, format)` gives the tidy table (one row per observation) or the analysis's cell table
// (one row per cell, every statistic at full precision) as plain `'records'`, Arrow IPC bytes (`'arrow'`) or `'csv'`:
// what any data-frame library reads, without cnibench depending on one.

// %%
const records = cnibench.frame(analysis, 'records');
const arrowBytes = cnibench.frame(dataset, 'arrow');
const csv = cnibench.frame(analysis, 'csv');
console.log(`${records.length} cell records; ${arrowBytes.length} bytes of Arrow IPC for ${dataset.observations.length} observations`);
console.log(csv.split('\n').slice(0, 2).join('\n'));

// %% [markdown]
// **Not executed here** (danfojs is not a dependency of cnibench: it is large, and `danfojs-node` does not install on
// every machine). With danfojs installed in your own project, the records make a DataFrame:
//
// ```ts
// import * as dfd from 'danfojs-node'; // or 'danfojs' in a browser, 'npm:danfojs' under Deno
// const df = new dfd.DataFrame(cnibench.frame(analysis, 'records'));
// df.head().print();
// ```
//
// Polars or DuckDB read `cnibench.frame(dataset, 'arrow')` (an Arrow IPC stream); pandas reads the CSV.
