/**
 * Holm's step-down adjustment (controls the family-wise error rate): sort ascending, p_(i) · (m − i + 1),
 * running maximum, capped at 1; returned in the input order. Null entries are not part of the family and stay null.
 * Definition: Holm (1979), https://en.wikipedia.org/wiki/Holm%E2%80%93Bonferroni_method ; R p.adjust('holm').
 * @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holm(p: readonly (number | null)[]): (number | null)[] {
  const idx = presentIndices(p).sort((a, b) => p[a]! - p[b]! || a - b);
  const m = idx.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 0;
  idx.forEach((original, i) => {
    running = Math.max(running, Math.min(1, p[original]! * (m - i)));
    out[original] = running;
  });
  return out;
}

/**
 * Benjamini–Hochberg step-up adjustment (controls the false discovery rate): sort ascending, p_(i) · m / i,
 * running minimum from the largest, capped at 1; returned in the input order. Nulls stay null.
 * Definition: Benjamini & Hochberg (1995), https://en.wikipedia.org/wiki/False_discovery_rate ; R p.adjust('BH').
 * @example bh([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function bh(p: readonly (number | null)[]): (number | null)[] {
  const idx = presentIndices(p).sort((a, b) => p[a]! - p[b]! || a - b);
  const m = idx.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let i = m - 1; i >= 0; i--) {
    const original = idx[i]!;
    running = Math.min(running, (p[original]! * m) / (i + 1));
    out[original] = Math.min(1, running);
  }
  return out;
}

/**
 * Adjust by the named method ('none' returns the p-values unchanged).
 * @example adjustP([0.01, 0.04], 'holm') // [0.02, 0.04]
 */
export function adjustP(p: readonly (number | null)[], method: 'holm' | 'bh' | 'none'): (number | null)[] {
  if (method === 'holm') return holm(p);
  if (method === 'bh') return bh(p);
  return [...p];
}

function presentIndices(p: readonly (number | null)[]): number[] {
  const idx: number[] = [];
  p.forEach((v, i) => {
    if (v !== null && !Number.isNaN(v)) idx.push(i);
  });
  return idx;
}
