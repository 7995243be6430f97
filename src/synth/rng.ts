/**
 * Seeded pseudo-random numbers: every synthetic value comes from here, so the same seed gives the same bytes.
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean), seeded through
 * splitmix32 from the seed and a label, so that independent streams (one per run, per test, per node) do not
 * shift when another stream draws more numbers.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform in [min, max) */
  uniform(min: number, max: number): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  /** normal deviate (Box–Muller) with the given mean and standard deviation */
  normal(mean?: number, sd?: number): number;
  /** an independent stream derived from this one's seed and a label */
  fork(label: string): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a label, to turn names into seeds. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A seeded generator. `seed` is any integer (or string); `label` names the stream.
 * @example createRng(42).next() // always the same number
 */
export function createRng(seed: number | string, label = ''): Rng {
  const base = typeof seed === 'number' ? (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) >>> 0 : hashLabel(seed);
  const mix = splitmix32(base ^ hashLabel(label));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const raw = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) raw();
  let spare: number | undefined;
  const rng: Rng = {
    next: () => raw() / 2 ** 32,
    uniform: (min, max) => min + (max - min) * (raw() / 2 ** 32),
    int: (min, max) => min + Math.floor((raw() / 2 ** 32) * (max - min + 1)),
    normal: (mean = 0, sd = 1) => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return mean + sd * value;
      }
      let u = 0;
      while (u === 0) u = raw() / 2 ** 32;
      const v = raw() / 2 ** 32;
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return mean + sd * radius * Math.cos(2 * Math.PI * v);
    },
    fork: (child) => createRng(seed, `${label}/${child}`),
  };
  return rng;
}

/**
 * `count` normal deviates whose sample mean is exactly 0 (before scaling): used for iteration effects, so that a
 * cell's ground-truth mean is exactly the parameter and only measurement noise separates data from truth.
 */
export function centeredNormals(rng: Rng, count: number, sd: number): number[] {
  const values = Array.from({ length: count }, () => rng.normal(0, 1));
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, count);
  return values.map((v) => (count > 1 ? (v - mean) * sd : 0));
}
