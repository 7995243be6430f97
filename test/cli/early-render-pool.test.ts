import { describe, expect, it } from 'vitest';
import {
  closeEarlyRenderPool,
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
    await closeEarlyRenderPool();
    expect(await takeEarlyRenderPool(threads)).toBeNull();
  });
});
