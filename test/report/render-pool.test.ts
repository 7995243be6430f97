import { describe, expect, it } from 'vitest';
import { paperGrid } from '../../src/figures/paper-grid.js';
import { renderInWorkers } from '../../src/report/render-pool.js';
import { renderJob, type RenderJob } from '../../src/report/render-worker.js';
import { makeAnalysis } from '../tables/fixture.js';

describe('render pool', () => {
  const jobs: RenderJob[] = paperGrid(makeAnalysis()).map((f, index) => ({
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

  it('declines (null) with fewer than two threads, so the caller renders in-process', async () => {
    expect(await renderInWorkers(jobs, 1, () => undefined)).toBeNull();
  });
});
