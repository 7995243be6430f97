/** awk's numeric reading of a field: leading number, else 0 (an empty field reads as 0). */
export function awkNumber(field: string | undefined): number {
  const match = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(field ?? '');
  return match ? Number(match[0]) : 0;
}
