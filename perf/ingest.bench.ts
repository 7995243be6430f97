/**
 * Ingest speed and memory on synthetic .knbdata archives (generated with the project's own synthesizeRun /
 * writeKnbdata). Prints, in the same run: plain read + gunzip of the same files (the floor), ingestCampaign
 * (read, gunzip, tar, parse, recompute-and-check averages, observations), and the heap after N and 2N archives.
 * Targets: ≥ 3,000 archives/s and within 3× of read + gunzip; memory grows with observations, not raw bytes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ingestCampaign } from '../src/ingest/campaign.js';
import { synthesizeRun, writeKnbdata } from '../src/synth/index.js';

const N = Number(process.env['BENCH_ARCHIVES'] ?? 5000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function makeCampaign(count: number, seedBase: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnibench-bench-'));
  // a few distinct archives, written many times: generation is not what is measured
  const distinct = Array.from({ length: 50 }, (_, i) => writeKnbdata(synthesizeRun({ seed: seedBase + i })));
  for (let i = 0; i < count; i++) {
    const cell = join(dir, 'T', `d${i % 5}`, `p${Math.floor(i / 5) % 10}`);
    mkdirSync(cell, { recursive: true });
    writeFileSync(join(cell, `${String(Math.floor(i / 50) + 1).padStart(3, '0')}.knbdata`), distinct[i % distinct.length]!);
  }
  return dir;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function time<T>(f: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
}

async function timeAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const r = await f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
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
  for (let r = 0; r < rounds; r++) {
    gc();
    const [, g] = time(() => {
      let total = 0;
      for (const f of files) total += gunzipSync(readFileSync(f)).length;
      rawBytes = total;
    });
    gunzipBest = Math.min(gunzipBest, g);
    gc();
    const [ds, t] = await timeAsync(() => ingestCampaign(dir, { samples: 'none' }));
    if (ds.ledger.summary.ingested !== N) throw new Error(`expected ${N} ingested, got ${JSON.stringify(ds.ledger.summary)}`);
    ingestBest = Math.min(ingestBest, t);
    gc();
    const [, k] = await timeAsync(() => ingestCampaign(dir, { samples: 'keep' }));
    ingestKeepBest = Math.min(ingestKeepBest, k);
  }
  console.log(`archives: ${N} (${mb(rawBytes)} uncompressed tar), best of ${rounds}`);
  console.log(`read + gunzipSync only:        ${gunzipBest.toFixed(3)} s  ${(N / gunzipBest).toFixed(0)} archives/s`);
  console.log(`ingestCampaign samples=none:   ${ingestBest.toFixed(3)} s  ${(N / ingestBest).toFixed(0)} archives/s  (${(ingestBest / gunzipBest).toFixed(2)}× gunzip)`);
  console.log(`ingestCampaign samples=keep:   ${ingestKeepBest.toFixed(3)} s  ${(N / ingestKeepBest).toFixed(0)} archives/s  (${(ingestKeepBest / gunzipBest).toFixed(2)}× gunzip)`);

  // memory: retained heap after ingesting N and 2N archives (samples kept, the default)
  for (const [label, d] of [
    [`N=${N}`, dir],
    [`2N=${2 * N}`, dir2],
  ] as const) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const ds = await ingestCampaign(d, { samples: 'keep' });
    gc();
    const after = process.memoryUsage().heapUsed;
    const perObs = (after - before) / ds.observations.length;
    console.log(
      `heap retained after ${label}: ${mb(after - before)} for ${ds.observations.length} observations, ${ds.samples.length} sample series (${perObs.toFixed(0)} bytes/observation incl. samples)`,
    );
    (globalThis as { keep?: unknown }).keep = ds; // keep alive until measured
    (globalThis as { keep?: unknown }).keep = undefined;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dir2, { recursive: true, force: true });
}
