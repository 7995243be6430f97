// Figures stage: time to build every spec of a full campaign (2 testbeds × 4 distributions × 5 plugins ×
// 5 conditions, 10 iterations), to validate one, and to render the paper grid to SVG, PNG and PDF.
import { performance } from 'node:perf_hooks';
import { makeAnalysis } from '../test/figures/data.js';
import {
  deltaHeatmap,
  interactionPlot,
  iterationsView,
  paperGrid,
  renderPdf,
  renderPng,
  renderSvg,
  specJson,
  validateSpec,
} from '../src/figures/index.js';

async function time<T>(label: string, repeat: number, run: () => Promise<T> | T): Promise<T> {
  let result = await run(); // warm-up (module loading, font parsing)
  const start = performance.now();
  for (let i = 0; i < repeat; i++) result = await run();
  const ms = (performance.now() - start) / repeat;
  process.stdout.write(`${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms\n`);
  return result;
}

const analysis = makeAnalysis();
const figures = await time('build all specs (12 figures)', 5, () => [
  ...Object.values(paperGrid(analysis)),
  ...Object.values(deltaHeatmap(analysis)),
  ...Object.values(interactionPlot(analysis)),
  ...Object.values(iterationsView(analysis)),
]);
const bytes = figures.reduce((n, f) => n + specJson(f.spec).length, 0);
process.stdout.write(`spec JSON total                                  ${(bytes / 1024).toFixed(0).padStart(8)} KiB\n`);
const grid = figures[0]!.spec;
await time('validate paper grid (schema + compile)', 3, () => validateSpec(grid));
const svg = await time('render paper grid to SVG', 3, () => renderSvg(grid));
process.stdout.write(
  `paper grid SVG                                   ${(svg.length / 1024).toFixed(0).padStart(8)} KiB\n`,
);
const png = await time('render paper grid to PNG (scale 300/72)', 3, () => renderPng(grid, { scale: 300 / 72 }));
process.stdout.write(
  `paper grid PNG                                   ${(png.length / 1024).toFixed(0).padStart(8)} KiB\n`,
);
const pdf = await time('render paper grid to PDF', 3, () => renderPdf(grid));
process.stdout.write(
  `paper grid PDF                                   ${(pdf.length / 1024).toFixed(0).padStart(8)} KiB\n`,
);
global.gc?.();
process.stdout.write(
  `heap used after gc                               ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0).padStart(8)} MiB\n`,
);
