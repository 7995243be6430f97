/**
 * Ingest on more than one thread (IngestOptions.threads, `cnibench ingest --threads`): the same dataset, ledger and
 * tidy CSV bytes as one thread, on a campaign with rejected, warned, duplicate, failed and rendered files; a parse
 * worker that stops is an error naming the file it held, never a wait without end.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ingestCampaign, type IngestOptions } from '../../src/ingest/campaign.js';
import { parseCampaignFile, unpackParsed, packParsed, type ParseJob } from '../../src/ingest/parse-file.js';
import { othersRunning, PARALLEL_MIN_FILES, ParsePool, workersFor } from '../../src/ingest/parse-pool.js';
import { tidyCsvChunks } from '../../src/ingest/tidy-files.js';
import { DEFAULT_READ_LIMITS, renderKnb, writeKnbdata } from '../../src/knb/index.js';
import { CnibenchError } from '../../src/model/errors.js';
import type { Dataset } from '../../src/model/index.js';
import { synthesizeRun } from '../../src/synth/index.js';

let root: string;
let campaign: string;
/** archives and reports placed in the campaign (what the workers may read) */
let files = 0;

function put(rel: string, content: string | Uint8Array): void {
  const path = join(campaign, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  files++;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cnibench-parallel-'));
  campaign = join(root, 'c');
  const runs = Array.from({ length: 12 }, (_, i) => synthesizeRun({ seed: 100 + i }));
  const archives = runs.map((r) => writeKnbdata(r));
  // a run with empty bandwidth and a monitor without samples: ingested with a missing-values warning
  const warned = writeKnbdata(
    synthesizeRun({
      seed: 99,
      faults: { emptyBandwidth: ['p2p-tcp'], noSamples: [{ test: 'idle', node: 'client' }] },
    }),
  );
  const count = PARALLEL_MIN_FILES + 150;
  for (let i = 0; i < count; i++) {
    const cell = `T/d${i % 3}/p${Math.floor(i / 3) % 5}`;
    const it = String(Math.floor(i / 15) + 1).padStart(3, '0');
    if (i % 37 === 5)
      put(`${cell}/${it}.knbdata`, archives[i % 12]!.subarray(0, 900)); // truncated gzip
    else if (i % 41 === 7)
      put(`${cell}/${it}.json`, '{\n  "metadata": {\n    "name": 12,\n'); // broken JSON
    else if (i % 43 === 9) put(`${cell}/${it}.yaml`, renderKnb(runs[i % 12]!, 'yaml'));
    else if (i % 47 === 11) put(`${cell}/${it}.knbdata`, warned);
    else if (i % 53 === 13) {
      put(
        `${cell}/${it}.failed.json`,
        JSON.stringify({
          kind: 'cnibench-failed-iteration',
          version: 1,
          iteration: Number(it),
          reason: 'knb timed out',
          attempts: [],
          command: ['knb'],
        }),
      );
    } else put(`${cell}/${it}.knbdata`, archives[i % 12]!);
  }
  // a second file for a cell and iteration already counted, a rendering that agrees with its archive, one that does not
  put('T/d0/p0/1.json', renderKnb(runs[3]!, 'json'));
  put('T/d1/p1/002.knbdata.json', renderKnb(runs[19 % 12]!, 'json'));
  put('T/d2/p2/003.knbdata.json', renderKnb(runs[11]!, 'json'));
  put('T/d2/p2/notes.md', '# not data\n');
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function csvOf(dataset: Dataset): string {
  return [...tidyCsvChunks(dataset)].join('');
}

/** `ms` of this thread per file (a slow consumer): the workers then read a good share of the files. */
function slowProgress(ms: number): () => void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return () => void Atomics.wait(cell, 0, 0, ms);
}

/**
 * Ingest, recording how many files parse workers read (0 when none was started); workers start from `minFiles` files,
 * whatever other processes run (the machine's load must not decide what the test checks).
 */
async function ingestCounting(
  options: IngestOptions,
  dir = campaign,
  msPerFile = 0.3,
  minFiles = PARALLEL_MIN_FILES,
): Promise<{ dataset: Dataset; workerFiles: number }> {
  const start = ParsePool.start.bind(ParsePool);
  vi.spyOn(ParsePool, 'start').mockImplementation((jobs, context, threads) =>
    start(jobs, context, threads, minFiles, () => 0),
  );
  let workerFiles = 0;
  const close = ParsePool.prototype.close;
  vi.spyOn(ParsePool.prototype, 'close').mockImplementation(function (this: ParsePool) {
    workerFiles = this.workerFiles();
    return close.call(this);
  });
  const dataset = await ingestCampaign(dir, { onProgress: slowProgress(msPerFile), ...options });
  vi.restoreAllMocks();
  return { dataset, workerFiles };
}

describe('ingest on several threads', () => {
  it('gives the same dataset, ledger and tidy CSV as one thread, with the files shared', async () => {
    const one = await ingestCounting({ threads: 1 });
    expect(one.workerFiles).toBe(0);
    const summary = one.dataset.ledger.summary;
    // the campaign holds every kind of outcome
    expect(summary.rejected).toBeGreaterThanOrEqual(30);
    expect(summary.warning).toBeGreaterThan(5);
    expect(summary.failedRuns).toBeGreaterThan(5);
    const statuses = new Set(one.dataset.ledger.entries.map((e) => e.status));
    expect([...statuses].sort()).toEqual(['auxiliary', 'failed-run', 'ingested', 'rejected', 'warning']);
    const reasons = one.dataset.ledger.entries.map((e) => e.reason ?? '').join('\n');
    expect(reasons).toMatch(/same cell and iteration as/);
    expect(reasons).toMatch(/a rendering of the same run as T\/d1\/p1\/002\.knbdata/);
    expect(reasons).toMatch(/T\/d\d\/p\d\/\d+\.json:\d+: /); // a broken JSON file, with its line

    for (const threads of [2, 3]) {
      const many = await ingestCounting({ threads });
      expect(many.workerFiles).toBeGreaterThan(50);
      expect(many.workerFiles).toBeLessThan(files);
      expect(JSON.stringify(many.dataset.ledger)).toBe(JSON.stringify(one.dataset.ledger));
      expect(many.dataset.factors).toEqual(one.dataset.factors);
      expect(csvOf(many.dataset)).toBe(csvOf(one.dataset));
      // samples kept (the library default): the same series, packed values and all
      expect(many.dataset.samples.length).toBe(one.dataset.samples.length);
      expect(many.dataset.samples.length).toBeGreaterThan(1000);
      for (let i = 0; i < one.dataset.samples.length; i += 97) {
        const a = one.dataset.samples[i]!;
        const b = many.dataset.samples[i]!;
        expect([b.source, b.test, b.protocol, b.node, b.iteration, b.factors]).toEqual([
          a.source,
          a.test,
          a.protocol,
          a.node,
          a.iteration,
          a.factors,
        ]);
        expect(b.samples).toEqual(a.samples);
      }
    }
  }, 120_000);

  it('gives the example campaign the same dataset on two threads (workers started whatever its size)', async () => {
    const example = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'example-campaign');
    const one = await ingestCounting({ threads: 1 }, example);
    // 400 files: the main thread waits 3 ms a file, so that a worker started from TypeScript sources reads some
    const two = await ingestCounting({ threads: 2 }, example, 3, 0);
    expect(one.dataset.observations.length).toBeGreaterThan(10_000);
    expect(two.workerFiles).toBeGreaterThan(20);
    expect(JSON.stringify(two.dataset.ledger)).toBe(JSON.stringify(one.dataset.ledger));
    expect(two.dataset.factors).toEqual(one.dataset.factors);
    expect(two.dataset.campaign).toEqual(one.dataset.campaign);
    expect(csvOf(two.dataset)).toBe(csvOf(one.dataset));
    expect(two.dataset.samples.map((s) => s.samples)).toEqual(one.dataset.samples.map((s) => s.samples));
  }, 120_000);

  it('stays in one thread below the file count that pays for a worker', async () => {
    const small = join(root, 'small');
    mkdirSync(join(small, 'T', 'd', 'p'), { recursive: true });
    writeFileSync(join(small, 'T', 'd', 'p', '01.knbdata'), writeKnbdata(synthesizeRun({ seed: 1 })));
    const start = vi.spyOn(ParsePool, 'start');
    const dataset = await ingestCampaign(small, { threads: 4, samples: 'none' });
    expect(dataset.ledger.summary.ingested).toBe(1);
    expect(start).toHaveReturnedWith(null);
  });

  it('starts no more workers than the cores other processes leave free (none on a busy machine)', () => {
    expect(workersFor(4, 2, 0)).toBe(1);
    expect(workersFor(4, 2, 1)).toBe(0);
    expect(workersFor(4, 8, 2)).toBe(3);
    expect(workersFor(8, 8, 0)).toBe(7);
    expect(workersFor(3, 8, null)).toBe(2);
    expect(workersFor(1, 8, 0)).toBe(0);
    const jobs: ParseJob[] = Array.from({ length: 10 }, (_, i) => ({ abs: `/x/${i}`, rel: `${i}`, kind: 'file' }));
    const context = { rootReal: '/x', limits: DEFAULT_READ_LIMITS, keepSamples: false };
    expect(ParsePool.start(jobs, context, 2, 0, () => 1)).toBeNull();
    const others = othersRunning();
    if (process.platform === 'linux') {
      expect(Number.isInteger(others)).toBe(true);
      expect(others).toBeGreaterThanOrEqual(0);
    } else {
      expect(others).toBeNull();
    }
  });

  it('refuses a thread count that is not a number from 1 to 256', async () => {
    await expect(ingestCampaign(campaign, { threads: 0 })).rejects.toThrow(/threads/);
    const io = memoryIO(root);
    expect(await main(['ingest', 'c', '--threads', 'x'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/--threads expects an integer ≥ 1, got "x"/);
  });

  it('cnibench ingest --threads 2 writes the same files as --threads 1', async () => {
    const outputs: string[][] = [];
    for (const threads of ['1', '2']) {
      const io = memoryIO(root);
      const code = await main(['ingest', 'c', '-o', `out-${threads}`, '--threads', threads, '-q'], io);
      expect(code).toBe(1); // some files rejected
      outputs.push(['tidy.csv', 'ledger.json'].map((f) => readFileSync(join(root, `out-${threads}`, f), 'utf8')));
      expect(io.err.join('')).toMatch(/rejected: T\/d\d\/p\d\/\d+\.json:\d+: /);
    }
    expect(outputs[1]).toEqual(outputs[0]);
  }, 60_000);
});

describe('a parse worker that stops', () => {
  it('makes the file it held an error naming that file, without waiting for it', async () => {
    const jobs: ParseJob[] = [];
    for (let i = 0; i < 2000; i++) {
      const rel = `T/d${i % 3}/p${Math.floor(i / 3) % 5}/${String(Math.floor(i / 15) + 1).padStart(3, '0')}.knbdata`;
      jobs.push({ abs: join(campaign, rel), rel, kind: 'file' });
    }
    const context = { rootReal: campaign, limits: DEFAULT_READ_LIMITS, keepSamples: false };
    // Stopping a thread lands at an arbitrary point of its work: almost always it holds a file it has not posted,
    // but on a loaded machine it can be stopped just after posting everything it held (seen once in CI). Such a
    // round loses nothing and must deliver every file; the error path must show within a few rounds.
    let lost: unknown = null;
    for (let round = 0; round < 5 && lost === null; round++) {
      const pool = ParsePool.start(jobs, context, 2, PARALLEL_MIN_FILES, () => 0);
      expect(pool).not.toBeNull();
      // stop the worker as soon as it holds a file (long before it has read a batch of them)
      const deadline = Date.now() + 30_000;
      while (pool!.workerFiles() === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      expect(pool!.workerFiles()).toBeGreaterThan(0);
      await pool!.close();
      for (let i = 0; i < jobs.length && lost === null; i++) {
        try {
          await pool!.take(i);
        } catch (error) {
          lost = error;
          expect(error).toBeInstanceOf(CnibenchError);
          expect((error as CnibenchError).code).toBe('ingest-worker');
          expect((error as CnibenchError).file).toBe(jobs[i]!.rel);
          expect((error as CnibenchError).message).toMatch(/worker thread reading this file stopped/);
        }
      }
    }
    expect(lost).not.toBeNull();
  }, 60_000);
});

describe('the compact form a worker posts', () => {
  it('gives back the values, reasons, metadata, issues and samples of the parsed run', async () => {
    const dir = join(root, 'one');
    mkdirSync(dir, { recursive: true });
    const run = synthesizeRun({ seed: 5, faults: { emptyBandwidth: ['p2s-udp'] } });
    writeFileSync(join(dir, 'a.knbdata'), writeKnbdata(run));
    const job: ParseJob = { abs: join(dir, 'a.knbdata'), rel: 'a.knbdata', kind: 'file' };
    const parsed = await parseCampaignFile(job, { rootReal: dir, limits: DEFAULT_READ_LIMITS, keepSamples: true });
    if ('ok' in parsed) throw new Error(parsed.message);
    const back = unpackParsed(structuredClone(packParsed(parsed)));
    if ('ok' in back) throw new Error(back.message);
    expect(back.issues).toEqual(parsed.issues);
    expect(back.issues.map((i) => i.code)).toContain('missing-values');
    expect(back.run!.metadata).toEqual(parsed.run!.metadata);
    expect(back.run!.samples).toEqual(parsed.run!.samples);
    // every test and number as parsed, without the text knb printed
    const strip = (m: { value: number | null; missing: unknown } | null) =>
      m === null ? null : { value: m.value, missing: m.missing };
    const node = (n: NonNullable<typeof parsed.run>['tests'][number]['client']) =>
      n === null
        ? null
        : { cpu: Object.fromEntries(Object.entries(n.cpu).map(([k, m]) => [k, strip(m)])), ram: strip(n.ram) };
    expect(back.run!.tests).toEqual(
      parsed.run!.tests.map((t) => ({
        test: t.test,
        protocol: t.protocol,
        bandwidth: strip(t.bandwidth),
        client: node(t.client),
        server: node(t.server),
      })),
    );
    expect(back.run!.tests.some((t) => t.bandwidth !== null && t.bandwidth.value === null)).toBe(true);
  });
});
