/**
 * The compact rows ingest keeps while it reads (ObservationRows) and the dataset whose `observations` are made from them
 * when first read: the same objects a run always gave, in the same order, sharing the run's factors and provenance;
 * tidyCsvBytes writes the same bytes from the rows as from the objects; a campaign's dataset is the same whether its
 * observations were read before or after its tidy CSV was written.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCampaign } from '../../src/ingest/campaign.js';
import {
  ObservationRows,
  observationRowsOf,
  withObservationRows,
  type RunValues,
  type Value,
} from '../../src/ingest/observations.js';
import { tidyCsvBytes } from '../../src/ingest/tidy-files.js';
import { renderKnb, writeKnbdata } from '../../src/knb/index.js';
import type { FactorInfo, MissingReason, Observation } from '../../src/model/index.js';
import { synthesizeRun } from '../../src/synth/index.js';

const present = (value: number): Value => ({ value, missing: null });
const absent = (missing: MissingReason): Value => ({ value: null, missing });

function node(base: number, missingRam = false) {
  return {
    cpu: {
      total: present(base),
      user: present(base / 2),
      nice: present(0),
      system: present(-0),
      iowait: absent('nan'),
      steal: present(0.01),
    },
    ram: missingRam ? absent('no-monitor-samples') : present(1024 + base),
  };
}

function runValues(seed: number): RunValues {
  return {
    format: seed % 2 === 0 ? 'knbdata' : 'json',
    metadata: { version: seed % 3 === 0 ? null : '1.5.0', name: `run "${seed}", ✓`, date: '2024-01-05 10:00:00' },
    tests: [
      { test: 'idle', protocol: null, bandwidth: present(0), client: node(seed), server: node(seed + 1, true) },
      { test: 'p2p', protocol: 'tcp', bandwidth: absent('no-receiver-line'), client: node(2.5), server: null },
      { test: 'p2s', protocol: 'udp', bandwidth: present(9123.456 + seed), client: null, server: node(1e-7) },
    ],
  };
}

/** The observations of one run written out by hand, in the documented order. */
function expectedRows(run: RunValues, factors: Record<string, string>, iteration: number, source: string) {
  const provenance = {
    source,
    format: run.format,
    knbVersion: run.metadata.version,
    runName: run.metadata.name,
    date: run.metadata.date,
  };
  const rows: Observation[] = [];
  for (const t of run.tests) {
    const row = (node: Observation['node'], metric: Observation['metric'], v: Value) =>
      rows.push({ factors, iteration, test: t.test, protocol: t.protocol, node, metric, ...v, provenance });
    if (t.test !== 'idle' && t.bandwidth) row(null, 'bandwidth', t.bandwidth);
    for (const n of ['client', 'server'] as const) {
      const r = t[n];
      if (!r) continue;
      for (const [metric, v] of [
        ['cpu', r.cpu.total],
        ['cpu_user', r.cpu.user],
        ['cpu_nice', r.cpu.nice],
        ['cpu_system', r.cpu.system],
        ['cpu_iowait', r.cpu.iowait],
        ['cpu_steal', r.cpu.steal],
        ['ram', r.ram],
      ] as const) {
        row(n, metric, v);
      }
    }
  }
  return rows;
}

const HOSTILE = ['flannel', 'ca,lico', 'say "hi"', 'multi\nline', '=HYPERLINK("x")', '@SUM(1)', 'wé🚀ve'];

function rowsOf(runs: number): { rows: ObservationRows; expected: Observation[]; factors: FactorInfo[] } {
  const rows = new ObservationRows();
  const expected: Observation[] = [];
  for (let r = 0; r < runs; r++) {
    const factors = Object.freeze({ testbed: r % 3 === 0 ? 'ÜOM' : 'UOM', plugin: HOSTILE[r % HOSTILE.length]! });
    const run = runValues(r);
    // a run without tests has no rows, and must not shift the next run's
    if (r % 5 === 4) rows.appendRun({ ...run, tests: [] }, { factors, iteration: r, source: `empty/${r}` });
    rows.appendRun(run, { factors, iteration: 1 + (r % 9), source: `UOM/${r}.knbdata` });
    expected.push(...expectedRows(run, factors, 1 + (r % 9), `UOM/${r}.knbdata`));
  }
  const factors = [
    { name: 'testbed', levels: ['UOM', 'ÜOM'], originals: {}, labels: {} },
    { name: 'plugin', levels: HOSTILE, originals: {}, labels: {} },
  ];
  return { rows, expected, factors };
}

describe('ObservationRows', () => {
  it('makes the observations a run always gave: same order, values (-0, nulls, reasons) and fields', () => {
    const { rows, expected } = rowsOf(23);
    const made = rows.materialise();
    expect(made).toEqual(expected);
    expect(rows.length).toBe(expected.length);
    expect(rows.nullCount).toBe(expected.filter((o) => o.value === null).length);
    expect(Object.is(made.find((o) => o.metric === 'cpu_system')!.value, -0)).toBe(true);
    // key order of every object, as runObservations wrote its literal
    expect(Object.keys(made[0]!)).toEqual(Object.keys(expected[0]!));
  });

  it('shares one factors and one provenance object across a run, and gives any range of rows', () => {
    const { rows, expected } = rowsOf(12);
    const made = rows.materialise();
    const firstRun = made.filter((o) => o.provenance.source === 'UOM/0.knbdata');
    expect(new Set(firstRun.map((o) => o.provenance)).size).toBe(1);
    expect(new Set(firstRun.map((o) => o.factors)).size).toBe(1);
    for (const [from, to] of [
      [0, 5],
      [30, 77],
      [expected.length - 3, expected.length],
    ] as const) {
      expect(rows.materialise([], from, to)).toEqual(expected.slice(from, to));
    }
  });

  it('lists each distinct test, protocol, node and metric once', () => {
    const { rows, expected } = rowsOf(6);
    const distinct = new Set(expected.map((o) => `${o.test}|${o.protocol}|${o.node}|${o.metric}`));
    expect(rows.rowKeys().map((k) => `${k.test}|${k.protocol}|${k.node}|${k.metric}`)).toEqual([...distinct]);
  });
});

describe('a dataset made from rows', () => {
  function datasetOf(runs: number) {
    const { rows, expected, factors } = rowsOf(runs);
    const dataset = withObservationRows({ factors, observations: [] as readonly Observation[], other: 1 }, rows);
    return { dataset, expected };
  }

  it('writes the tidy CSV from the rows, the same bytes as from the objects (quoting, formulas, both modes)', () => {
    for (const formulas of ['neutralise', 'raw'] as const) {
      const { dataset, expected } = datasetOf(40);
      expect(observationRowsOf(dataset)).toBeDefined();
      const fromRows = Buffer.concat([...tidyCsvBytes(dataset, formulas)]);
      // writing did not make the objects
      expect(observationRowsOf(dataset)).toBeDefined();
      const fromObjects = Buffer.concat([
        ...tidyCsvBytes({ factors: dataset.factors, observations: expected }, formulas),
      ]);
      expect(fromRows.equals(fromObjects)).toBe(true);
      expect(fromRows.toString('utf8')).toContain(
        formulas === 'raw' ? `,"=HYPERLINK(""x"")"` : `,"'=HYPERLINK(""x"")"`,
      );
    }
  });

  it('makes the observations once, when first read, in the place of the property', () => {
    const { dataset, expected } = datasetOf(8);
    expect(Object.keys(dataset)).toEqual(['factors', 'observations', 'other']);
    const first = dataset.observations;
    expect(first).toEqual(expected);
    expect(dataset.observations).toBe(first);
    expect(observationRowsOf(dataset)).toBeUndefined();
    expect(Object.keys(dataset)).toEqual(['factors', 'observations', 'other']);
    expect(JSON.parse(JSON.stringify(dataset)).observations).toHaveLength(expected.length);
    // once made, the objects are what is written, the same bytes
    const again = Buffer.concat([...tidyCsvBytes(dataset)]);
    expect(again.equals(Buffer.concat([...tidyCsvBytes({ factors: dataset.factors, observations: expected })]))).toBe(
      true,
    );
  });
});

describe('an ingested campaign', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cnibench-rows-'));
    const put = (rel: string, content: string | Uint8Array) => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), content);
    };
    for (let i = 0; i < 30; i++) {
      const run = synthesizeRun({
        seed: 500 + i,
        ...(i % 7 === 3
          ? { faults: { emptyBandwidth: ['p2p-tcp'], noSamples: [{ test: 'idle', node: 'client' }] } }
          : {}),
      });
      const cell = `T/d${i % 2}/p${i % 3}/${String(1 + Math.floor(i / 6)).padStart(2, '0')}`;
      if (i % 5 === 2) put(`${cell}.yaml`, renderKnb(run, 'yaml'));
      else put(`${cell}.knbdata`, writeKnbdata(run));
      // a rendering beside its archive is compared with the archive's rows
      if (i % 9 === 1) put(`${cell}.json`, renderKnb(run, 'json'));
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives the same dataset and tidy CSV whether the observations are read before or after the CSV is written', async () => {
    const early = await ingestCampaign(root, { samples: 'none' });
    const earlyObservations = early.observations;
    const earlyCsv = Buffer.concat([...tidyCsvBytes(early)]);
    const late = await ingestCampaign(root, { samples: 'none' });
    expect(observationRowsOf(late)).toBeDefined();
    const lateCsv = Buffer.concat([...tidyCsvBytes(late)]);
    expect(lateCsv.equals(earlyCsv)).toBe(true);
    expect(late.observations).toEqual(earlyObservations);
    expect(late.ledger).toEqual(early.ledger);
    expect(earlyObservations.some((o) => o.value === null && o.missing === 'no-receiver-line')).toBe(true);
    // the renderings were compared with their archives' rows (auxiliary, agreeing)
    const renderings = late.ledger.entries.filter((e) => e.file.endsWith('.json'));
    expect(renderings.length).toBeGreaterThan(0);
    expect(renderings.every((e) => e.status === 'auxiliary')).toBe(true);
  });
});
