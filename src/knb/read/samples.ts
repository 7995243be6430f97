/**
 * Per-second monitor samples, stored compactly: a campaign of 40,000 archives holds ~4 million samples, so they are
 * kept as one typed array per series (7 columns) instead of 4 million objects. sar and free print CPU with 2 decimals
 * and RAM/timestamps as integers, so values are stored exactly as integers in hundredths (Int32Array); a series with
 * any value that is not exactly a hundredth (never seen from knb) falls back to a Float64Array.
 */
import type { Sample, SampleSeries, NodeRole, Protocol, Test } from '../../model/index.js';

/** Column order of a packed series: user, nice, system, iowait, steal, ram, timestamp. */
export interface PackedSamples {
  readonly count: number;
  /** hundredths for the 5 cpu columns; whole numbers for ram and timestamp (Int32Array), or raw values (Float64Array) */
  readonly data: Int32Array | Float64Array;
}

const CPU_COLUMNS = 5;
const COLUMNS = 7;

/**
 * Store flat rows as integers at `out[offset...]`: hundredths for the cpu columns, whole numbers for ram and timestamp.
 * False when a value is not exactly such an integer (the series then needs a Float64Array).
 */
function packInto(flat: Float64Array | readonly number[], count: number, out: Int32Array, offset: number): boolean {
  for (let i = 0; i < count * COLUMNS; i++) {
    const v = flat[i]!;
    const cpu = i % COLUMNS < CPU_COLUMNS;
    const stored = cpu ? Math.round(v * 100) : v;
    const back = cpu ? stored / 100 : stored;
    if (back !== v || !Number.isInteger(stored) || stored > 2147483647 || stored < -2147483648) return false;
    out[offset + i] = stored;
  }
  return true;
}

function floatSeries(flat: Float64Array | readonly number[], count: number): PackedSamples {
  return { count, data: Float64Array.from(flat.slice(0, count * COLUMNS) as ArrayLike<number>) };
}

/** Pack flat rows of 7 numbers (user nice system iowait steal ram timestamp). */
export function packSamples(flat: Float64Array | readonly number[]): PackedSamples {
  const count = Math.floor(flat.length / COLUMNS);
  const ints = new Int32Array(count * COLUMNS);
  return packInto(flat, count, ints, 0) ? { count, data: ints } : floatSeries(flat, count);
}

/** Integers of the series being packed (grown when needed; packing is synchronous, one packer at a time fills it). */
let packerScratch = new Int32Array(7 * 1024);

/**
 * Packs the series of one run into a single Int32Array, each series a view of it: the same numbers as packSamples
 * per series, but one allocation per run instead of one per series (typed arrays of this size live outside the heap,
 * and their allocation was a measurable cost per archive). Call `finish` before another packer's `add`.
 */
export class RunSamplePacker {
  private used = 0;
  private readonly series: (PackedSamples | { readonly count: number; readonly offset: number })[] = [];

  /** Pack one series of flat rows of 7 numbers (copied: `flat` may be reused afterwards). */
  add(flat: Float64Array | readonly number[]): void {
    const count = Math.floor(flat.length / COLUMNS);
    const need = this.used + count * COLUMNS;
    if (packerScratch.length < need) {
      const grown = new Int32Array(Math.max(need, 2 * packerScratch.length));
      grown.set(packerScratch.subarray(0, this.used));
      packerScratch = grown;
    }
    if (packInto(flat, count, packerScratch, this.used)) {
      this.series.push({ count, offset: this.used });
      this.used = need;
    } else this.series.push(floatSeries(flat, count));
  }

  /** The packed series, in the order they were added. */
  finish(): PackedSamples[] {
    const shared = packerScratch.slice(0, this.used);
    return this.series.map((s) =>
      'offset' in s ? { count: s.count, data: shared.subarray(s.offset, s.offset + s.count * COLUMNS) } : s,
    );
  }
}

/** Rebuild the Sample objects of a packed series (exactly the numbers that were read). */
export function unpackSamples(packed: PackedSamples): Sample[] {
  const out: Sample[] = new Array(packed.count);
  const d = packed.data;
  const cpu = d instanceof Int32Array ? (v: number) => v / 100 : (v: number) => v;
  for (let r = 0; r < packed.count; r++) {
    const o = r * COLUMNS;
    out[r] = {
      user: cpu(d[o]!),
      nice: cpu(d[o + 1]!),
      system: cpu(d[o + 2]!),
      iowait: cpu(d[o + 3]!),
      steal: cpu(d[o + 4]!),
      ram: d[o + 5]!,
      timestamp: d[o + 6]!,
    };
  }
  return out;
}

/**
 * A SampleSeries whose `samples` are rebuilt from the packed array on each access (not cached, so memory stays
 * proportional to the packed size). Read `samples` once into a variable when looping.
 */
export class PackedSampleSeries implements SampleSeries {
  constructor(
    readonly factors: Readonly<Record<string, string>>,
    readonly iteration: number,
    readonly test: Test,
    readonly protocol: Protocol | null,
    readonly node: NodeRole,
    readonly source: string,
    readonly member: string,
    readonly packed: PackedSamples,
  ) {}

  get samples(): readonly Sample[] {
    return unpackSamples(this.packed);
  }

  toJSON(): SampleSeries {
    return {
      factors: this.factors,
      iteration: this.iteration,
      test: this.test,
      protocol: this.protocol,
      node: this.node,
      source: this.source,
      member: this.member,
      samples: this.samples,
    };
  }
}
