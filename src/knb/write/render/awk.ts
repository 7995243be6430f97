/** The three awk programs knb applies to an `.avg` line, reproduced exactly (fields read numerically, C printf). */
import { awkNumber } from '../c-format.js';
import { cFixed } from '../../c-printf.js';
import type { AvgFields } from './knb-dir.js';

/** `awk '{printf "%.2f",$1+$2+$3+$4+$5}'`: the CPU total of the already-rounded components. */
export function cpuTotal(avg: AvgFields): string {
  const [u, n, s, i, t] = [0, 1, 2, 3, 4].map((k) => awkNumber(avg.fields[k])) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return cFixed(u + n + s + i + t, 2);
}

/** `awk '{print $k}'` (1-based k): the field as written, '' when absent. */
export function field(avg: AvgFields, k: number): string {
  return avg.fields[k - 1] ?? '';
}

/** `%.2f` of field k read as a number (empty reads as 0). */
export function fixedField(avg: AvgFields, k: number): string {
  return cFixed(awkNumber(avg.fields[k - 1]), 2);
}
