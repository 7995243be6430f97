/**
 * report.html: one self-contained page. The three vega libraries, the interpreter and the figure specs are inlined;
 * a Content-Security-Policy meta forbids every network request (default-src 'none') and allows only the page's own
 * scripts by hash. Every text from data is escaped; specs travel in a JSON data block with `<` escaped.
 */
import { escapeHtml, jsonForScript, htmlTable, type DisplayTable, type Finding } from '../tables/index.js';
import { scriptHash, type BrowserAssets } from './assets.js';
import { descriptionParagraphs } from './markdown.js';

export interface HtmlFigure {
  readonly id: string;
  readonly title: string;
  readonly spec: unknown;
}

export interface HtmlReport {
  readonly title: string;
  readonly description: string | null;
  /** short facts under the title (files, cells, date) */
  readonly meta: readonly string[];
  readonly findings: readonly Finding[];
  readonly findingsNote: string | null;
  readonly figures: readonly HtmlFigure[];
  readonly tables: readonly DisplayTable[];
  /** rejected / warned files: `file: reason` lines */
  readonly problems: readonly string[];
  readonly method: readonly string[];
}

const STYLE = `
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 76em; padding: 0 1em; color: #222; }
nav.contents { font-size: .9em; border: 1px solid #ddd; padding: .4em 1em; margin: 1em 0; }
nav.contents ul { margin: .2em 0; padding-left: 1.4em; } nav.contents > ul { columns: 2 22em; }
.chart, .chart.vega-embed { display: block !important; width: 100%; }
.chart svg { width: 100% !important; height: auto !important; max-width: 64em; display: block; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
ol.findings li { margin: .3em 0; } ol.findings details { display: inline; color: #555; font-size: .9em; }
h3.findings { font-size: 1em; margin: 1em 0 .2em; }
figure { margin: 1.5em 0; } figure .chart { min-height: 2em; } figcaption { color: #555; font-size: .9em; }
table { border-collapse: collapse; margin: 1em 0; font-size: .85em; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
th, td { padding: .2em .6em; border-bottom: 1px solid #ddd; }
thead th { border-bottom: 2px solid #444; }
td.right, th.right { text-align: right; font-variant-numeric: tabular-nums; } td.left, th.left { text-align: left; }
.mark { color: #a33; } .ci, .n { color: #666; } p.note { font-size: .85em; color: #555; margin: .2em 0; }
.meta { color: #555; }
`.trim();

function bootstrap(interpreter: boolean): string {
  return `(function () {
  var figures = JSON.parse(document.getElementById('cnibench-figures').textContent);
  // tooltips (vega-embed's default handler) give a mark's mean, interval and n on hover
  var options = { renderer: 'svg', actions: false, tooltip: true${interpreter ? ', ast: true, expr: globalThis.vegaExpressionInterpreter' : ''} };
  figures.forEach(function (figure) {
    var element = document.getElementById('chart-' + figure.index);
    vegaEmbed(element, figure.spec, options).then(function () {
      // a viewBox lets the drawing scale with the page (CSS width 100 %): legible at any reading width
      var svg = element.querySelector('svg');
      if (svg && !svg.getAttribute('viewBox')) {
        svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
      }
    }).catch(function (error) {
      element.textContent = 'This figure could not be drawn: ' + error.message;
      console.error(error);
    });
  });
})();
`;
}

/** The page. Deterministic: the same report gives the same bytes. */
export function reportHtml(report: HtmlReport, assets: BrowserAssets): string {
  const boot = bootstrap(assets.interpreter);
  const scripts = [...assets.scripts.map((s) => s.source), boot];
  const scriptSrc = scripts.map(scriptHash).join(' ');
  const csp = [
    "default-src 'none'",
    `script-src ${scriptSrc}${assets.interpreter ? '' : " 'unsafe-eval'"}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  // one short sentence per finding under its heading (testbed · metric); the statistics one click away
  const headings = [...new Set(report.findings.map((f) => f.heading))];
  const findings =
    report.findings.length === 0
      ? '<p>No significant effect and no interaction pattern.</p>'
      : headings
          .map((h) => {
            const items = report.findings
              .filter((f) => f.heading === h)
              .map(
                (f) =>
                  `<li class="${f.kind}">${escapeHtml(f.sentence)} <details><summary>statistics</summary>${escapeHtml(f.details)}</details></li>`,
              );
            const start = report.findings.find((f) => f.heading === h)!.rank;
            return `<h3 class="findings">${escapeHtml(h)}</h3>\n<ol class="findings" start="${start}">\n${items.join('\n')}\n</ol>`;
          })
          .join('\n');
  // the figure draws its own title and caption: no figcaption repeating them; the label names it for screen readers
  const figures = report.figures
    .map(
      (f, index) =>
        `<figure id="figure-${escapeHtml(f.id)}" aria-label="${escapeHtml(f.title)}">\n` +
        `<div class="chart" id="chart-${index}"></div>\n</figure>`,
    )
    .join('\n');
  const link = (href: string, text: string) => `<li><a href="#${escapeHtml(href)}">${escapeHtml(text)}</a></li>`;
  const contents = [
    '<nav class="contents" aria-label="Contents">',
    '<strong>Contents</strong>',
    '<ul>',
    link('findings', 'Findings'),
    `<li><a href="#figures">Figures</a>\n<ul>\n${report.figures.map((f) => link(`figure-${f.id}`, f.title)).join('\n')}\n</ul></li>`,
    `<li><a href="#tables">Tables</a>\n<ul>\n${report.tables.map((t) => link(`table-${t.id}`, t.title)).join('\n')}\n</ul></li>`,
    link('input-files', 'Input files'),
    link('method', 'Method'),
    '</ul>',
    '</nav>',
  ].join('\n');
  const data = jsonForScript(report.figures.map((f, index) => ({ index, id: f.id, spec: f.spec })));
  const list = (items: readonly string[]): string =>
    items.length === 0 ? '' : `<ul>\n${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`;

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="cnibench">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    report.description
      ? descriptionParagraphs(report.description)
          .map((p) => `<p>${p.map((line) => escapeHtml(line)).join('<br>\n')}</p>`)
          .join('\n')
      : '',
    `<p class="meta">${report.meta.map(escapeHtml).join(' · ')}</p>`,
    contents,
    '<h2 id="findings">Findings</h2>',
    findings,
    report.findingsNote ? `<p class="note">${escapeHtml(report.findingsNote)}</p>` : '',
    '<h2 id="figures">Figures</h2>',
    figures,
    '<h2 id="tables">Tables</h2>',
    ...report.tables.map(htmlTable),
    '<h2 id="input-files">Input files</h2>',
    report.problems.length === 0 ? '<p>Every data file was ingested without problems.</p>' : list(report.problems),
    '<h2 id="method">Method</h2>',
    list(report.method),
    `<script type="application/json" id="cnibench-figures">${data}</script>`,
    ...scripts.map((s) => `<script>${s}</script>`),
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
