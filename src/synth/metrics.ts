/**
 * The node monitors (FORMATS.md §2.2): one line a second `%user %nice %system %iowait %steal used-MiB timestamp`
 * (sar's `%.2f`, free's integer), filtered to the test window by stats.sh, then averaged by knb's awk.
 */
import { cFixed, type MetricsLine } from '../knb/index.js';
import type { Rng } from './rng.js';

/** How a node's CPU time splits between sar's components (fractions of the total; the rest of the total is user). */
export interface CpuSplit {
  readonly nice: number;
  readonly system: number;
  readonly iowait: number;
  readonly steal: number;
}

/** Under iperf3 load most of the time is kernel (system + softirq); idle nodes show more user and iowait. */
export const LOAD_SPLIT: CpuSplit = { nice: 0, system: 0.8, iowait: 0.01, steal: 0.01 };
export const IDLE_SPLIT: CpuSplit = { nice: 0, system: 0.35, iowait: 0.15, steal: 0.02 };

export interface MonitorOptions {
  /** target mean of the CPU total, % of the node */
  readonly cpu: number;
  /** target mean of used memory, MiB */
  readonly ram: number;
  /** relative sd of the per-second CPU total */
  readonly cpuNoise: number;
  /** sd of per-second used memory, MiB */
  readonly ramNoise: number;
  readonly split: CpuSplit;
  /** test window [start, end], Unix seconds, inclusive (knb's STARTTIME, ENDTIME) */
  readonly start: number;
  readonly end: number;
  /** no samples in the window: the monitor restarted or lost its log */
  readonly empty?: boolean;
}

/** One monitor sample as the log holds it (strings exactly as printed). */

/** The per-second samples of one node during one test. */
export function monitorSamples(options: MonitorOptions, rng: Rng): MetricsLine[] {
  if (options.empty) return [];
  // the monitor loop takes a little over a second (sar 1 1, free, date): 10–11 samples in a 10 s window
  const period = 1 + rng.uniform(0.005, 0.06);
  const phase = rng.uniform(0, 0.95);
  const samples: MetricsLine[] = [];
  let ram = options.ram + rng.normal(0, options.ramNoise);
  for (let k = 0; ; k++) {
    const time = Math.floor(options.start + phase + k * period);
    if (time > options.end) break;
    const total = Math.min(99.5, Math.max(0, options.cpu * (1 + rng.normal(0, options.cpuNoise))));
    // each component's share wobbles a little from second to second; shares are renormalised to the total
    const { nice: n, system: s, iowait: i, steal: st } = options.split;
    const weights = [Math.max(0, 1 - n - s - i - st), n, s, i, st].map((w) => w * Math.max(0, 1 + rng.normal(0, 0.15)));
    const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
    const [user, nice, system, iowait, steal] = weights.map((w) => (total * w) / weightSum) as [
      number,
      number,
      number,
      number,
      number,
    ];
    // memory drifts slowly around its level (page cache, buffers), pulled back to the target
    ram += 0.5 * (options.ram - ram) + rng.normal(0, options.ramNoise);
    samples.push([
      cFixed(user, 2),
      cFixed(nice, 2),
      cFixed(system, 2),
      cFixed(iowait, 2),
      cFixed(steal, 2),
      String(Math.max(0, Math.round(ram))),
      String(time),
    ]);
  }
  return samples;
}
