/**
 * Seeded pseudo-random numbers (mulberry32, a 32-bit generator by Tommy Ettinger: fast, full period 2^32, good enough
 * for resampling and simulation — not for cryptography). Same seed, same sequence, on every platform.
 * @example const r = mulberry32(1); r() // 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal deviates from a uniform source (Box–Muller, both values used).
 * @example const z = normalGenerator(mulberry32(1)); z() // a deterministic N(0, 1) draw
 */
export function normalGenerator(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
