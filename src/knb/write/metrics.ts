/**
 * knb's monitor files as knb writes them (FORMATS.md §2.2): the `.metrics` file of one-second samples and the `.avg`
 * file knb's awk computes from it. Used by the synthetic campaigns and by the runner's local backend.
 */
import { awkNumber } from './c-format.js';
import { cFixed, cInt } from '../c-printf.js';

export const METRICS_HEADER = 'cpu-user cpu-nice cpu-system cpu-iowait cpu-steal memory-used timestamp';
export const AVG_HEADER = 'cpu-user cpu-nice cpu-system cpu-iowait cpu-steal memory-used records-number';

/** One `.metrics` line: `%user %nice %system %iowait %steal used-MiB timestamp`, as printed. */
export type MetricsLine = readonly [string, string, string, string, string, string, string];

/** The `.metrics` file: stats.sh output (`lineEnd` `\r\n` reproduces ≤1.4.1 data taken through `kubectl exec -it`). */
export function metricsFile(samples: readonly MetricsLine[], lineEnd = '\n'): string {
  return [METRICS_HEADER, ...samples.map((s) => s.join(' '))].map((l) => `${l}${lineEnd}`).join('');
}

/**
 * The `.avg` file, exactly as knb's awk computes it from the `.metrics` file: header skipped, column sums over NR
 * lines, `%.2f` means, `%d` (truncated) memory, NR. With no samples awk divides by zero after the header: header only.
 */
export function averageFile(metrics: string): string {
  const lines = metrics.split('\n').slice(1);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return `${AVG_HEADER}\n`;
  const sums = [0, 0, 0, 0, 0, 0];
  for (const line of lines) {
    const fields = line.split(/[ \t\r]+/).filter((f) => f !== '');
    for (let c = 0; c < 6; c++) sums[c] = (sums[c] as number) + awkNumber(fields[c]);
  }
  const n = lines.length;
  const means = sums.map((s) => s / n);
  const cpu = means.slice(0, 5).map((m) => cFixed(m, 2));
  return `${AVG_HEADER}\n${cpu.join(' ')} ${cInt(means[5] as number)} ${n}\n`;
}
