import { mkdtempSync, writeFileSync, readdirSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/runner/progress.js';
import type { RunEvent } from '../../src/runner/campaign.js';
import type { IterationJob } from '../../src/runner/knb.js';
import type { ClusterPlan } from '../../src/runner/plan.js';
import { acquireLock, inCampaign, iterationState, writeAtomic } from '../../src/runner/store.js';
import { CnibenchError } from '../../src/model/errors.js';
import { runnerMessages as msg } from '../../src/runner/messages.js';

const cluster = { cell: 'ATH/k3s/flannel' } as ClusterPlan;
const job = (iteration: number) => ({ cluster, iteration }) as IterationJob;

function feed(isTTY: boolean, events: RunEvent[], clock: number[]): string {
  const out: string[] = [];
  let tick = 0;
  const p = progressReporter({
    write: (t) => out.push(t),
    isTTY,
    clock: () => clock[Math.min(tick++, clock.length - 1)]!,
  });
  events.forEach(p.onEvent);
  p.finish();
  return out.join('');
}

const EVENTS: RunEvent[] = [
  { type: 'start', cells: 1, iterations: 4, expectedSeconds: 400, lanes: 1 },
  { type: 'skipped', job: job(1) },
  { type: 'attempt', job: job(2), attempt: 1 },
  { type: 'done', job: job(2), seconds: 60 },
  { type: 'attempt', job: job(3), attempt: 1 },
  { type: 'retry', job: job(3), reason: 'exited with status 3', delaySeconds: 10 },
  { type: 'attempt', job: job(3), attempt: 2 },
  { type: 'failed', job: job(3), reason: 'exited with status 3' },
];

describe('progress', () => {
  it('prints plain lines without a terminal, with cells, iterations, elapsed and estimated remaining', () => {
    const text = feed(false, EVENTS, [75]);
    expect(text.split('\n')).toEqual([
      'skip  ATH/k3s/flannel #1 (already complete)',
      'start ATH/k3s/flannel #2',
      'done  ATH/k3s/flannel #2 in 60.0 s',
      // 2 of 4 left, 60 s per measured iteration
      'cells 0/1  iterations 2/4  elapsed 1 min 15 s  remaining ~2 min 00 s',
      'start ATH/k3s/flannel #3',
      'retry ATH/k3s/flannel #3: exited with status 3; next attempt in 10 s',
      'start ATH/k3s/flannel #3 (attempt 2)',
      'FAIL  ATH/k3s/flannel #3: exited with status 3',
      '',
    ]);
    expect(text).not.toContain('\x1b');
  });

  it('redraws one status line in place on a terminal and clears it at the end', () => {
    const text = feed(true, EVENTS, [75]);
    expect(text).toContain('\r\x1b[Kdone  ATH/k3s/flannel #2 in 60.0 s\ncells 0/1  iterations 2/4');
    expect(text).toContain('failed 1');
    expect(text.endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('progress ticking', () => {
  it('redraws the status line between events on a terminal, and stops at finish', async () => {
    const out: string[] = [];
    let now = 0;
    const p = progressReporter({ write: (t) => out.push(t), isTTY: true, clock: () => now, tickMs: 20 });
    p.onEvent(EVENTS[0]!);
    p.onEvent(EVENTS[2]!);
    now = 3725;
    await new Promise((r) => setTimeout(r, 80));
    p.finish();
    const count = out.length;
    expect(out.some((t) => t.includes('elapsed 1 h 02 min'))).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(out.length).toBe(count);
  });
});

describe('store', () => {
  const made: string[] = [];
  const dir = () => {
    made.push(mkdtempSync(join(tmpdir(), 'cnibench-store-')));
    return made.at(-1)!;
  };
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('refuses paths outside the campaign directory', () => {
    const d = dir();
    expect(() => inCampaign(d, '../evil')).toThrow(CnibenchError);
    expect(() => writeAtomic(d, '/etc/evil', 'x')).toThrow(msg.outsideCampaign('/etc/evil', d));
    expect(inCampaign(d, 'a/b.knbdata')).toBe(join(d, 'a/b.knbdata'));
  });

  it('does not follow a symbolic link out of the campaign', () => {
    const d = dir();
    const outside = dir();
    symlinkSync(outside, join(d, 'ATH'));
    expect(() => writeAtomic(d, 'ATH/k3s/01.failed.json', '{}')).toThrow(/outside the campaign directory/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('writes atomically through .cnibench/tmp and leaves no temporary behind', () => {
    const d = dir();
    writeAtomic(d, 'A/b/c/01.failed.json', '{}\n');
    expect(iterationState(d, { archive: 'A/b/c/01.knbdata', failed: 'A/b/c/01.failed.json' })).toBe('failed');
    writeFileSync(join(d, 'A/b/c/01.knbdata'), 'x');
    expect(iterationState(d, { archive: 'A/b/c/01.knbdata', failed: 'A/b/c/01.failed.json' })).toBe('complete');
    expect(readdirSync(join(d, '.cnibench/tmp/atomic'))).toEqual([]);
  });

  it('holds one lock per campaign; a lock left by a dead process is taken over', () => {
    const d = dir();
    mkdirSync(join(d, '.cnibench'));
    // pid 1 is alive (init): the lock is held by someone else
    writeFileSync(join(d, '.cnibench/lock'), '1\n');
    expect(() => acquireLock(d)).toThrow(/another cnibench run \(pid 1\)/);
    // a pid far above pid_max is never alive
    writeFileSync(join(d, '.cnibench/lock'), '99999999\n');
    const release = acquireLock(d);
    release();
    expect(readdirSync(join(d, '.cnibench'))).not.toContain('lock');
  });
});
