/**
 * The build makes a start-up snapshot of a render worker (scripts/build-render-snapshot.mjs): vega, pdfkit and the
 * fonts loaded, one figure drawn. The compiled pool starts its workers from it. They must draw the same bytes as
 * the TypeScript sources in this thread, reach the packages kept out of the snapshot (resvg's native binding,
 * svg-to-pdfkit), and a snapshot that is not for this Node, place or options, or that does not start, must leave the
 * workers loading their modules as before. `npm test` builds first.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { paperGrid, iterationsView } from '../../src/figures/index.js';
import { FIGURE_KINDS } from '../../src/model/index.js';
import type { RenderPool } from '../../src/render/index.js';
import { renderJob, type RenderJob } from '../../src/render/worker.js';
import type { RenderSnapshotInfo, renderSnapshot as renderSnapshotOf } from '../../src/render/pool.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { makeAnalysis } from '../tables/fixture.js';

interface CompiledPool {
  readonly RenderPool: typeof RenderPool & { start(threads: number): RenderPool & { origins(): Promise<string[]> } };
  readonly renderSnapshot: typeof renderSnapshotOf;
}

const distRender = join(REPO_ROOT, 'dist', 'render');
const scratch = mkdtempSync(join(tmpdir(), 'cnibench-snapshot-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const analysis = makeAnalysis();
const jobs: RenderJob[] = [
  ...Object.values(paperGrid(analysis)).slice(0, 1),
  ...Object.values(iterationsView(analysis)).slice(0, 1),
]
  .map((f) => f.spec)
  .concat([
    // a colour name outside cnibench's PDF writer: that PDF is made by svg-to-pdfkit, required at run time
    {
      data: { values: [{ x: 1, y: 2 }] },
      mark: { type: 'point', color: 'rebeccapurple' },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    } as never,
  ])
  .map((spec, index) => ({ index, spec, formats: ['svg', 'png', 'pdf'], pngScale: 1 }));

async function expectSameAsThisThread(outputs: Awaited<ReturnType<RenderPool['render']>>): Promise<void> {
  expect(outputs).not.toBeNull();
  for (const job of jobs) {
    const local = await renderJob(job);
    const remote = outputs![job.index]!;
    expect(remote.errors).toEqual([]);
    expect(remote.svg).toBe(local.svg);
    expect(Buffer.from(remote.png!).equals(Buffer.from(local.png!))).toBe(true);
    expect(Buffer.from(remote.pdf!).equals(Buffer.from(local.pdf!))).toBe(true);
  }
}

/** Start a pool of 2 from a compiled pool module: its workers' origin, and the bytes they draw. */
async function expectPoolDrawsAsThisThread(compiled: CompiledPool, origin: 'snapshot' | 'modules'): Promise<void> {
  const pool = compiled.RenderPool.start(2);
  try {
    expect(await pool.origins()).toEqual([origin, origin]);
    await expectSameAsThisThread(await pool.render(jobs, () => undefined));
  } finally {
    await pool.close();
  }
}

describe('render workers started from a start-up snapshot', () => {
  it('is built for this Node, and its workers draw the bytes this thread draws (resvg and svg-to-pdfkit too)', async () => {
    expect(existsSync(join(distRender, 'pool.js')), 'dist/ is missing: run `npm run build` (npm test does)').toBe(true);
    const compiled = (await import(pathToFileURL(join(distRender, 'pool.js')).href)) as CompiledPool;
    expect(compiled.renderSnapshot(), 'the build made no usable render snapshot').not.toBeNull();
    await expectPoolDrawsAsThisThread(compiled, 'snapshot');
  });

  it('was warmed up on a figure of each kind the report draws, on two designs (categories, and MTU levels)', () => {
    const info = JSON.parse(readFileSync(join(distRender, 'worker-snapshot.json'), 'utf8')) as RenderSnapshotInfo;
    const drawn = (info.warmUpFigures ?? []).map((file) => file.replace(/-[^-/]+\.vl\.json$/, ''));
    expect(drawn).toEqual(['example', 'mtu'].flatMap((design) => FIGURE_KINDS.map((kind) => `${design}/${kind}`)));
  });

  it('is not used when it was built for another Node, platform, architecture, place or V8 options', async () => {
    const compiled = (await import(pathToFileURL(join(distRender, 'pool.js')).href)) as CompiledPool;
    const info = JSON.parse(readFileSync(join(distRender, 'worker-snapshot.json'), 'utf8')) as RenderSnapshotInfo;
    const dir = join(scratch, 'infos');
    cpSync(distRender, dir, { recursive: true, filter: (source) => !source.endsWith('.blob') });
    writeFileSync(join(dir, 'worker-snapshot.blob'), 'not a snapshot');
    const faithful: RenderSnapshotInfo = { ...info, bundle: join(dir, 'worker-snapshot.cjs') };
    const write = (changed: Partial<RenderSnapshotInfo>): void =>
      writeFileSync(join(dir, 'worker-snapshot.json'), JSON.stringify({ ...faithful, ...changed }));
    write({});
    expect(compiled.renderSnapshot(dir)).toEqual({
      blob: join(dir, 'worker-snapshot.blob'),
      bundle: join(dir, 'worker-snapshot.cjs'),
    });
    for (const changed of [
      { node: 'v0.0.1' },
      { platform: 'plan9' },
      { arch: 'vax' },
      // the place it was built (dist/), not this copy's: its paths are inside the snapshot
      { bundle: info.bundle },
      { v8Options: ['--max-opt=2'] },
    ]) {
      write(changed);
      expect(compiled.renderSnapshot(dir), JSON.stringify(changed)).toBeNull();
    }
    writeFileSync(join(dir, 'worker-snapshot.json'), '{ not json');
    expect(compiled.renderSnapshot(dir)).toBeNull();
    rmSync(join(dir, 'worker-snapshot.json'));
    expect(compiled.renderSnapshot(dir)).toBeNull();
  });

  it('a snapshot that does not start (a damaged blob): the workers load their modules and draw the same bytes', async () => {
    // a copy of the package's dist/ (its node_modules and package.json beside it), whose blob is damaged
    const root = join(scratch, 'package');
    cpSync(join(REPO_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
    cpSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
    const render = join(root, 'dist', 'render');
    const blob = readFileSync(join(render, 'worker-snapshot.blob'));
    writeFileSync(join(render, 'worker-snapshot.blob'), blob.subarray(0, blob.length >> 1));
    const info = JSON.parse(readFileSync(join(render, 'worker-snapshot.json'), 'utf8')) as RenderSnapshotInfo;
    writeFileSync(
      join(render, 'worker-snapshot.json'),
      JSON.stringify({ ...info, bundle: join(render, 'worker-snapshot.cjs') }),
    );
    const copy = (await import(pathToFileURL(join(render, 'pool.js')).href)) as CompiledPool;
    // the copy's snapshot looks usable: only starting it shows that it is not
    expect(copy.renderSnapshot()).not.toBeNull();
    await expectPoolDrawsAsThisThread(copy, 'modules');
  });
});
