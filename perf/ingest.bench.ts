/**
 * Ingest speed and memory on synthetic .knbdata archives (generated with the project's own synthesizeRun /
 * writeKnbdata). Prints, in the same run: plain read + gunzip of the same files (the floor), ingestCampaign
 * (read, gunzip, tar, parse, recompute-and-check averages, observations), and the heap after N and 2N archives.
 * Targets: ≥ 3,000 archives/s and within 3× of read + gunzip; memory grows with observations, not raw bytes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { ingestCampaign } from '../src/ingest/campaign.js';
import { synthesizeRun } from '../src/synth/index.js';
import { writeKnbdata } from '../src/knb/index.js';

const N = Number(process.env['BENCH_ARCHIVES'] ?? 5000);
// perf/run.mjs passes --expose-gc to node, but tsx runs the file in a child process without it: enable it here.
v8.setFlagsFromString('--expose-gc');
const gc = (globalThis as { gc?: () => void }).gc ?? (runInNewContext('gc') as () => void);

function makeCampaign(count: number, seedBase: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnibench-bench-'));
  // a few distinct archives, written many times: generation is not what is measured
  const distinct = Array.from({ length: 50 }, (_, i) => writeKnbdata(synthesizeRun({ seed: seedBase + i })));
  for (let i = 0; i < count; i++) {
    const cell = join(dir, 'T', `d${i % 5}`, `p${Math.floor(i / 5) % 10}`);
    mkdirSync(cell, { recursive: true });
    writeFileSync(
      join(cell, `${String(Math.floor(i / 50) + 1).padStart(3, '0')}.knbdata`),
      distinct[i % distinct.length]!,
    );
  }
  return dir;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** CPU seconds (user + system) of this process since `since`: unlike wall time, barely affected by other load. */
function cpuSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

function time<T>(f: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9, cpuSince(c0)];
}

async function timeAsync<T>(f: () => Promise<T>): Promise<[T, number, number]> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = await f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9, cpuSince(c0)];
}

/**
 * Full collections, letting concurrent sweeping (and the freeing of external buffers) finish in between. Before each
 * timed section: otherwise that section's CPU time includes the clean-up of the previous one's garbage (the gunzip
 * loop leaves ~300 MB of output buffers to free, which was charged to the ingest timed after it).
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The live heap size after settling. */
async function liveHeap(): Promise<number> {
  await settle();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const dir = makeCampaign(N, 1);
const dir2 = makeCampaign(2 * N, 1000);
try {
  const files = listFiles(dir);
  let rawBytes = 0;
  // warm up both paths once
  for (const f of files.slice(0, 200)) gunzipSync(readFileSync(f));
  await ingestCampaign(dir, { samples: 'none' });

  const rounds = 3;
  let gunzipBest = Infinity;
  let ingestBest = Infinity;
  let ingestKeepBest = Infinity;
  let gunzipCpu = Infinity;
  let ingestCpu = Infinity;
  let ingestKeepCpu = Infinity;
  for (let r = 0; r < rounds; r++) {
    await settle();
    const [, g, gc1] = time(() => {
      let total = 0;
      for (const f of files) total += gunzipSync(readFileSync(f)).length;
      rawBytes = total;
    });
    gunzipBest = Math.min(gunzipBest, g);
    gunzipCpu = Math.min(gunzipCpu, gc1);
    await settle();
    const [ds, t, tc] = await timeAsync(() => ingestCampaign(dir, { samples: 'none' }));
    if (ds.ledger.summary.ingested !== N)
      throw new Error(`expected ${N} ingested, got ${JSON.stringify(ds.ledger.summary)}`);
    ingestBest = Math.min(ingestBest, t);
    ingestCpu = Math.min(ingestCpu, tc);
    await settle();
    const [, k, kc] = await timeAsync(() => ingestCampaign(dir, { samples: 'keep' }));
    ingestKeepBest = Math.min(ingestKeepBest, k);
    ingestKeepCpu = Math.min(ingestKeepCpu, kc);
  }
  console.log(
    `archives: ${N} (${mb(rawBytes)} uncompressed tar), best of ${rounds}; wall time, then CPU time of this process`,
  );
  const cpu = (c: number, base: number) =>
    `cpu ${((c / N) * 1e6).toFixed(0)} µs/archive (${(c / base).toFixed(2)}× gunzip)`;
  console.log(
    `read + gunzipSync only:        ${gunzipBest.toFixed(3)} s  ${(N / gunzipBest).toFixed(0)} archives/s  | ${cpu(gunzipCpu, gunzipCpu)}`,
  );
  console.log(
    `ingestCampaign samples=none:   ${ingestBest.toFixed(3)} s  ${(N / ingestBest).toFixed(0)} archives/s  (${(ingestBest / gunzipBest).toFixed(2)}× gunzip)  | ${cpu(ingestCpu, gunzipCpu)}`,
  );
  console.log(
    `ingestCampaign samples=keep:   ${ingestKeepBest.toFixed(3)} s  ${(N / ingestKeepBest).toFixed(0)} archives/s  (${(ingestKeepBest / gunzipBest).toFixed(2)}× gunzip)  | ${cpu(ingestKeepCpu, gunzipCpu)}`,
  );

  // memory: heap retained by the Dataset after ingesting N and 2N archives (samples kept, the default)
  console.log(`targets: ≥ 3000 archives/s, ≤ 3× gunzip (wall time; CPU time shown because the machine may be shared)`);
  let hold: unknown = null;
  const base = await liveHeap();
  for (const [label, d, count] of [
    ['N', dir, N],
    ['2N', dir2, 2 * N],
    ['N again', dir, N],
  ] as const) {
    hold = null;
    await liveHeap();
    const ds = await ingestCampaign(d, { samples: 'keep' });
    hold = ds;
    // as ingest returns it (observations as compact rows), then with its observations read (made as objects)
    const asRows = (await liveHeap()) - base;
    const observations = ds.observations.length;
    const retained = (await liveHeap()) - base;
    const samples = ds.samples.reduce((a, s) => a + (s as { packed?: { count: number } }).packed!.count, 0);
    console.log(
      `heap retained, ${label}=${count} archives: ${mb(retained)} for ${observations} observations + ${samples} samples ` +
        `(${(retained / observations).toFixed(0)} bytes per observation, raw tar ${mb(rawBytes * (count / N))}); ` +
        `${mb(asRows)} before the observations are read`,
    );
  }
  void hold;
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dir2, { recursive: true, force: true });
}
