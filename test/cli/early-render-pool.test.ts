import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { EXIT } from '../../src/model/index.js';
import {
  closeEarlyRenderPools,
  earlyRenderThreads,
  startEarlyRenderPool,
  takeEarlyRenderPool,
} from '../../src/cli/early-render-pool.js';
import { defaultRenderThreads } from '../../src/render/index.js';
import { WARM_UP_SPEC } from '../../src/render/worker.js';

describe('render workers started before the report stage loads', () => {
  it('reads the number of workers from the command line, and none where it renders nothing in workers', () => {
    expect(earlyRenderThreads(['build'], 2)).toBe(2);
    expect(earlyRenderThreads(['build', 'campaign', '-o', 'out'], 4)).toBe(4);
    expect(earlyRenderThreads(['build', '--threads', '3'], 2)).toBe(3);
    expect(earlyRenderThreads(['build', '--threads=3'], 2)).toBe(3);
    // the last one given wins, as in the parser
    expect(earlyRenderThreads(['build', '--threads', '4', '--threads', '2'], 2)).toBe(2);
    expect(earlyRenderThreads(['build', '--threads', '1'], 2)).toBeNull();
    expect(earlyRenderThreads(['build', '--threads', 'many'], 2)).toBeNull();
    expect(earlyRenderThreads(['build'], 1)).toBeNull();
    expect(earlyRenderThreads(['build', '--formats', 'none'], 2)).toBeNull();
    expect(earlyRenderThreads(['build', '--formats=none'], 2)).toBeNull();
    expect(earlyRenderThreads(['build', '--formats', 'svg'], 2)).toBe(2);
    expect(earlyRenderThreads(['build', '--help'], 2)).toBeNull();
    expect(earlyRenderThreads(['build', '-h'], 2)).toBeNull();
    expect(earlyRenderThreads(['other'], 2)).toBeNull();
    expect(earlyRenderThreads([], 2)).toBeNull();
  });

  it('the report command takes the pool when its options want that many workers; another size is closed', async () => {
    if (defaultRenderThreads() < 2) return; // one core: no early pool to take
    const threads = defaultRenderThreads();
    startEarlyRenderPool(['build']);
    const other = await takeEarlyRenderPool(threads + 1);
    expect(other).toBeNull();
    // taken (and closed) once: nothing left to take
    expect(await takeEarlyRenderPool(threads)).toBeNull();

    startEarlyRenderPool(['build']);
    const pool = await takeEarlyRenderPool(threads);
    expect(pool).not.toBeNull();
    expect(pool!.threads).toBe(threads);
    // a working pool: it draws a figure
    const outputs = await pool!.render([{ index: 0, spec: WARM_UP_SPEC, formats: ['svg'], pngScale: 1 }], () => {});
    expect(outputs?.[0]?.svg).toContain('<svg');
    await pool!.close();

    // one that no command takes is closed by main's cleanup
    startEarlyRenderPool(['build']);
    await closeEarlyRenderPools();
    expect(await takeEarlyRenderPool(threads)).toBeNull();
  });

  it('a report build that fails on its options leaves no render worker running (it used to hang the process)', async () => {
    if (process.platform !== 'linux' || defaultRenderThreads() < 2) return; // /proc lists the workers
    const { readdirSync, readFileSync } = await import('node:fs');
    const workers = (): number[] =>
      readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .filter((name) => {
          try {
            const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            const alive = !/^\d+ \(.*\) Z/.test(stat);
            return (
              alive &&
              ppid === process.pid &&
              readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('cnibench-render-worker')
            );
          } catch {
            return false;
          }
        })
        .map(Number);
    const io = memoryIO(mkdtempSync(join(tmpdir(), 'cnibench-early-pool-')));
    // an option read once the report stage has loaded, when the early pool has already been started
    const code = await main(['report', 'build', '--max-file-size', 'bogus'], io);
    expect(code).toBe(EXIT.failure);
    expect(io.err.join('')).toContain('--max-file-size');
    for (let i = 0; i < 100 && workers().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(workers()).toEqual([]);
  });
});
