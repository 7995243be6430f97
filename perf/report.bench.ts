// Report: wall time and peak memory of the whole `cnibench report build` (ingest → statistics → figures → tables →
// data → pages) on the example campaign's design, 2 testbeds × 4 distributions × 5 plugins, at 10 iterations
// (400 archives; target ≤ 5 s) and 1,000 iterations (40,000 archives; target ≤ 60 s and ≤ 1.5 GB peak RSS).
// Each build runs in its own child process so that maxRSS is the build's own (process.resourceUsage().maxRSS).
// Campaign generation is not timed. `npm run bench -- report` runs it; `REPORT_BENCH_LARGE=0` skips the large one,
// REPORT_BENCH_FORMATS=svg,png,pdf sets the figure formats (default all three).
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

interface ChildReport {
  readonly totalMs: number;
  readonly stages: Record<string, number>;
  readonly stageRss: Record<string, number>;
  readonly maxRssMiB: number;
  readonly files: number;
  readonly cells: number;
  readonly renderErrors: number;
}

async function child(campaign: string, out: string, formats: string[]): Promise<void> {
  const { buildReport } = await import('../src/report/build.js');
  const stages: Record<string, number> = {};
  // resident memory sampled every 100 ms, kept per stage, to tell which stage sets the peak
  const stageRss: Record<string, number> = {};
  let last = performance.now();
  let current = 'start';
  const sampler = setInterval(() => {
    stageRss[current] = Math.max(stageRss[current] ?? 0, process.memoryUsage().rss / 2 ** 20);
  }, 100);
  const start = last;
  const result = await buildReport(campaign, {
    out,
    formats: formats as ('svg' | 'png' | 'pdf')[],
    onProgress: (event) => {
      if (event.stage === current) return;
      const now = performance.now();
      stages[current] = (stages[current] ?? 0) + (now - last);
      last = now;
      current = event.stage;
    },
  });
  const end = performance.now();
  clearInterval(sampler);
  stages[current] = (stages[current] ?? 0) + (end - last);
  const report: ChildReport = {
    totalMs: end - start,
    stages,
    stageRss,
    // maxRSS is in KiB
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    files: result.summary.ledger.files,
    cells: result.summary.counts.cells,
    renderErrors: result.summary.renderErrors.length,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/**
 * The example campaign with `iterations` runs per cell. The generator stops at 99 iterations, so larger campaigns
 * reuse its 99 runs per cell in turn (hard links named 001 … 1000): the same design and realistic files, with
 * repeated values, which is what the timing needs.
 */
async function generate(dir: string, iterations: number): Promise<number> {
  const { writeExampleCampaign } = await import('../src/synth/example.js');
  if (iterations <= 99) return writeExampleCampaign(dir, { iterations }).files.length;
  const base = `${dir}-base`;
  writeExampleCampaign(base, { iterations: 99 });
  let count = 0;
  const walk = (rel: string): void => {
    const entries = readdirSync(join(base, rel), { withFileTypes: true });
    const runs = entries
      .filter((e) => e.isFile() && /^\d+\./.test(e.name))
      .map((e) => e.name)
      .sort();
    mkdirSync(join(dir, rel), { recursive: true });
    for (const e of entries) {
      if (e.isDirectory()) walk(join(rel, e.name));
      else if (!/^\d+\./.test(e.name)) copyFileSync(join(base, rel, e.name), join(dir, rel, e.name));
    }
    for (let i = 0; runs.length > 0 && i < iterations; i++) {
      const source = runs[i % runs.length]!;
      const ext = source.slice(source.indexOf('.'));
      linkSync(join(base, rel, source), join(dir, rel, `${String(i + 1).padStart(4, '0')}${ext}`));
      count++;
    }
  };
  walk('.');
  return count;
}

function runChild(campaign: string, out: string, formats: string): ChildReport {
  const tsx = join(here, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', tsx, here, '--child', campaign, out, formats],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (result.status !== 0) throw new Error(`report build failed:\n${result.stderr}`);
  const line = result.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as ChildReport;
}

function print(label: string, r: ChildReport, targetS: number, targetMiB: number | null): void {
  const stages = Object.entries(r.stages)
    .filter(([name]) => name !== 'start')
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)} s (RSS ≤ ${(r.stageRss[name] ?? 0).toFixed(0)} MiB)`)
    .join(', ');
  process.stdout.write(
    `${label}: ${r.files} files, ${r.cells} cells\n` +
      `  total ${(r.totalMs / 1000).toFixed(2)} s (target ≤ ${targetS} s: ${r.totalMs / 1000 <= targetS ? 'met' : 'MISSED'})\n` +
      `  peak RSS ${r.maxRssMiB.toFixed(0)} MiB${targetMiB !== null ? ` (target ≤ ${targetMiB} MiB: ${r.maxRssMiB <= targetMiB ? 'met' : 'MISSED'})` : ''}\n` +
      `  stages: ${stages}\n` +
      (r.renderErrors > 0 ? `  figure files not rendered: ${r.renderErrors}\n` : ''),
  );
}

async function parent(): Promise<void> {
  const formats = process.env['REPORT_BENCH_FORMATS'] ?? 'svg,png,pdf';
  const scratch = mkdtempSync(join(tmpdir(), 'cnibench-report-bench-'));
  try {
    process.stdout.write(`figure formats: ${formats}\n`);
    const small = join(scratch, 'small');
    await generate(small, 10);
    print('400 archives', runChild(small, join(scratch, 'out-small'), formats), 5, null);
    if (process.env['REPORT_BENCH_LARGE'] !== '0') {
      const large = join(scratch, 'large');
      const t0 = performance.now();
      const n = await generate(large, 1000);
      process.stdout.write(`(generated ${n} files in ${((performance.now() - t0) / 1000).toFixed(1)} s, not timed)\n`);
      print('40,000 archives', runChild(large, join(scratch, 'out-large'), formats), 60, 1536);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1]!, args[2]!, args[3] === '' ? [] : args[3]!.split(','));
else await parent();
