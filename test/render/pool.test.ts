import { describe, expect, it } from 'vitest';
import { paperGrid } from '../../src/figures/paper-grid.js';
import { RenderPool, renderInWorkers } from '../../src/render/pool.js';
import { convertStep, renderJob, WARM_UP_SPEC, WARM_UP_SVG, type RenderJob } from '../../src/render/worker.js';
import { renderSvg } from '../../src/figures/index.js';
import { makeAnalysis } from '../tables/fixture.js';

describe('render pool', () => {
  const jobs: RenderJob[] = Object.values(paperGrid(makeAnalysis())).map((f, index) => ({
    index,
    spec: f.spec,
    formats: ['svg', 'png', 'pdf'],
    pngScale: 1,
  }));

  it('renders on worker threads the same bytes as in this thread, in job order', async () => {
    let done = 0;
    const pooled = await renderInWorkers(jobs, 2, () => done++);
    expect(pooled).not.toBeNull();
    expect(done).toBe(jobs.length);
    for (const job of jobs) {
      const local = await renderJob(job);
      const remote = pooled![job.index]!;
      expect(remote.index).toBe(job.index);
      expect(remote.errors).toEqual(local.errors);
      expect(remote.svg).toBe(local.svg);
      expect(Buffer.from(remote.png!).equals(Buffer.from(local.png!))).toBe(true);
      expect(Buffer.from(remote.pdf!).equals(Buffer.from(local.pdf!))).toBe(true);
    }
  });

  it('starts ahead of the jobs, renders the lean-converted PNG and PDF the in-thread renderer gives, then closes', async () => {
    const pool = RenderPool.start(2);
    try {
      const some = jobs.slice(0, 2).map((job, index) => ({ ...job, index }));
      const pooled = await pool.render(some, () => undefined);
      expect(pooled).not.toBeNull();
      const local = await renderJob(some[1]!);
      expect(Buffer.from(pooled![1]!.pdf!).equals(Buffer.from(local.pdf!))).toBe(true);
    } finally {
      await pool.close();
    }
    // closed: it declines, and closing again is harmless
    expect(await pool.render(jobs, () => undefined)).toBeNull();
    await pool.close();
  });

  it('a figure that does not compile is an svg error of that figure; the others are drawn', async () => {
    // compiling happens on the pool's own thread now: its failure must still be a value, in job order
    const broken = { ...jobs[0]!, index: 1, spec: { mark: 'no-such-mark' } as never };
    const mixed = [{ ...jobs[0]!, index: 0 }, broken, { ...jobs[1]!, index: 2 }];
    let done = 0;
    const pooled = await renderInWorkers(mixed, 2, () => done++);
    expect(done).toBe(3);
    expect(pooled![1]!.svg).toBeNull();
    expect(pooled![1]!.errors.map((e) => e.format)).toEqual(['svg']);
    // the very message vega-lite gives when the whole figure is rendered in this thread
    expect(pooled![1]!.errors).toEqual((await renderJob(broken)).errors);
    expect(pooled![0]!.svg).toBe((await renderJob(mixed[0]!)).svg);
    expect(pooled![2]!.svg).toBe((await renderJob(mixed[2]!)).svg);
  });

  it('the convert worker, with nothing to convert yet, draws the cheapest figure whole: same bytes, errors as values', async () => {
    // dispatch order is fixed: the SVG worker takes the costliest job (largest spec), the idle convert worker the
    // cheapest one whole (the broken spec is the smallest)
    const broken = { ...jobs[0]!, index: 2, spec: { mark: 'no-such-mark' } as never };
    const mixed = [{ ...jobs[0]!, index: 0 }, { ...jobs[1]!, index: 1 }, broken];
    const pooled = await renderInWorkers(mixed, 2, () => undefined);
    expect(pooled![2]!.svg).toBeNull();
    expect(pooled![2]!.png).toBeNull();
    expect(pooled![2]!.errors).toEqual((await renderJob(broken)).errors);
    // and SVG-only jobs (no conversion at all) are shared between the two workers the same way
    const svgOnly = jobs.map((job) => ({ ...job, formats: ['svg'] as const }));
    const drawn = await renderInWorkers(svgOnly, 2, () => undefined);
    for (const job of svgOnly) {
      expect(drawn![job.index]!.svg).toBe((await renderJob(job)).svg);
      expect(drawn![job.index]!.pdf).toBeNull();
    }
  });

  it('declines (null) with fewer than two threads, so the caller renders in-process', async () => {
    expect(await renderInWorkers(jobs, 1, () => undefined)).toBeNull();
  });
});

describe('render workers warm up on a small figure while the campaign is read', () => {
  it('the warm-up figure renders without a warning, and converts to PNG and PDF without an error', async () => {
    const warnings: string[] = [];
    const svg = await renderSvg(WARM_UP_SPEC, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(svg).toContain('<svg');
    const converted = await convertStep({ index: 0, svg: WARM_UP_SVG, formats: ['png', 'pdf'], pngScale: 1 });
    expect(converted.errors).toEqual([]);
    expect(converted.png?.length).toBeGreaterThan(100);
    expect(converted.pdf?.length).toBeGreaterThan(100);
  });
});

describe('render workers are child processes that never outlive the build', () => {
  it('a build killed outright (SIGKILL, no cleanup) leaves no render worker running', async () => {
    if (process.platform !== 'linux') return; // /proc lists the workers
    const { spawn } = await import('node:child_process');
    const { readdirSync, readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const pool = fileURLToPath(new URL('../../src/render/pool.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));
    // a process that starts a pool, says how many workers it has, then waits to be killed
    const code =
      `const { RenderPool } = await import(${JSON.stringify(pool)});` +
      `const pool = RenderPool.start(2); await pool.render([], () => {});` +
      `process.stdout.write('started\\n'); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => parent.stdout.once('data', () => resolve()));
    const workersOf = (pid: number): number[] =>
      readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .filter((name) => {
          try {
            const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
            const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            return ppid === pid && cmdline.includes('cnibench-render-worker');
          } catch {
            return false; // ended meanwhile
          }
        })
        .map(Number);
    // render([]) returns at once; the workers may still be starting: wait until both are up
    for (let i = 0; i < 100 && workersOf(parent.pid!).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const workers = workersOf(parent.pid!);
    expect(workers.length).toBe(2);
    parent.kill('SIGKILL');
    const alive = (pid: number): boolean => {
      try {
        const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return !/^\d+ \(.*\) Z/.test(state); // a zombie has ended
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && workers.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
    expect(workers.filter(alive)).toEqual([]);
  });
});
