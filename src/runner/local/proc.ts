/**
 * What knb's monitor pods measure, read the same way from this host's /proc (FORMATS.md §2.2):
 * CPU like `sar 1 1`'s "all" line (percent of all CPUs over a one-second interval, from /proc/stat deltas) and
 * memory like `free -m`'s "used" column.
 */

/** Cumulative CPU times of the `cpu` line of /proc/stat, in clock ticks. */
export interface CpuTimes {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
  readonly guest: number;
  readonly guestNice: number;
}

/** One monitor sample: sar's five percentages, used MiB and the Unix second it was taken. */
export interface CpuPercent {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly iowait: number;
  readonly steal: number;
}

/** The aggregate `cpu ` line of /proc/stat. */
export function parseProcStat(text: string): CpuTimes {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no aggregate "cpu" line');
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const at = (i: number) => v[i] ?? 0;
  return {
    user: at(0),
    nice: at(1),
    system: at(2),
    idle: at(3),
    iowait: at(4),
    irq: at(5),
    softirq: at(6),
    steal: at(7),
    guest: at(8),
    guestNice: at(9),
  };
}

/**
 * sar's `-u` percentages between two readings, as sysstat computes them: guest time is already counted in user
 * (and guest_nice in nice) by the kernel, so it is subtracted; %system includes irq and softirq time; the
 * denominator is every tick of the interval. A zero interval gives zeros.
 */
export function cpuPercent(before: CpuTimes, after: CpuTimes): CpuPercent {
  const d = (k: keyof CpuTimes) => Math.max(0, after[k] - before[k]);
  const user = Math.max(0, d('user') - d('guest'));
  const nice = Math.max(0, d('nice') - d('guestNice'));
  const system = d('system') + d('irq') + d('softirq');
  const total = user + nice + system + d('idle') + d('iowait') + d('steal') + d('guest') + d('guestNice');
  if (total === 0) return { user: 0, nice: 0, system: 0, iowait: 0, steal: 0 };
  const pct = (x: number) => (100 * x) / total;
  return { user: pct(user), nice: pct(nice), system: pct(system), iowait: pct(d('iowait')), steal: pct(d('steal')) };
}

/**
 * `free -m` "used" (procps-ng 4: MemTotal − MemAvailable), in MiB, truncated as free's integer division does.
 * Falls back to MemTotal − MemFree − Buffers − Cached − SReclaimable (procps 3.3) where MemAvailable is absent.
 */
export function usedMemoryMiB(meminfo: string): number {
  const kb = (key: string): number | undefined => {
    const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(meminfo);
    return m ? Number(m[1]) : undefined;
  };
  const total = kb('MemTotal');
  if (total === undefined) throw new Error('/proc/meminfo has no MemTotal line');
  const available = kb('MemAvailable');
  const usedKb =
    available !== undefined
      ? total - available
      : total - (kb('MemFree') ?? 0) - (kb('Buffers') ?? 0) - (kb('Cached') ?? 0) - (kb('SReclaimable') ?? 0);
  return Math.max(0, Math.floor(usedKb / 1024));
}
