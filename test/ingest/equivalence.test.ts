/**
 * One run, many renderings: the real 2020 archives recomputed from their per-second samples must print exactly the
 * ibdbench row knb wrote from them, and every knb rendering of the antrea run (json, yaml, text, ibdbench; knb 1.2.0
 * to 1.5.0) must give the same tidy values as the archive itself.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runObservations } from '../../src/ingest/observations.js';
import { parseKnb } from '../../src/knb/read/parse.js';
import { cFixed2 } from '../../src/knb/c-printf.js';
import type { KnbRun } from '../../src/knb/read/run.js';
import { unpackSamples } from '../../src/knb/read/samples.js';
import { knbAverage } from '../../src/knb/read/workdir.js';
import { describeShared, sharedPath } from '../helpers/shared.js';

const REAL = 'infrabuilder-benchmark-k8s-cni-2020-08';
const RUNS = [
  'doc-antrea.u18.04-default-run1',
  'doc-calico.u18.04-default-run1',
  'tuning-cilium-encryption.u18.04-hwe-run1',
];

function parseCorpusFile(rel: string) {
  return parseKnb(readFileSync(sharedPath('knb', 'corpus', rel)), rel);
}

/** The ibdbench row (FORMATS.md §7) printed from averages recomputed from the archive's per-second samples. */
function ibdbenchFromSamples(run: KnbRun): string {
  const avg = (test: string, protocol: string | null, node: 'client' | 'server') => {
    const series = run.samples.find((s) => s.test === test && s.protocol === protocol && s.node === node)!;
    const rows = unpackSamples(series.packed).map((s) => [
      s.user,
      s.nice,
      s.system,
      s.iowait,
      s.steal,
      s.ram,
      s.timestamp,
    ]);
    const a = knbAverage(rows)!;
    return { ram: a[5]!, formula: `=${a.slice(0, 5).join('+')}` };
  };
  const bw = (test: string, protocol: string) =>
    run.tests.find((t) => t.test === test && t.protocol === protocol)!.bandwidth!.text;
  const fields: string[] = [run.detected.mtu!, ''];
  const idleServer = avg('idle', null, 'server');
  const idleClient = avg('idle', null, 'client');
  fields.push(idleServer.ram, idleServer.formula, idleClient.ram, idleClient.formula);
  for (const [test, protocol] of [
    ['p2p', 'tcp'],
    ['p2p', 'udp'],
    ['p2s', 'tcp'],
    ['p2s', 'udp'],
  ] as const) {
    const s = avg(test, protocol, 'server');
    const c = avg(test, protocol, 'client');
    fields.push(bw(test, protocol), s.ram, s.formula, c.ram, c.formula);
  }
  return fields.join('\t');
}

/** test|protocol|node|metric → value, for comparing renderings. */
function tidyValues(run: KnbRun): Map<string, number | null> {
  const rows = runObservations(run, { factors: {}, iteration: 1, source: 'x' });
  return new Map(rows.map((o) => [`${o.test}|${o.protocol}|${o.node}|${o.metric}`, o.value]));
}

describeShared('knb renderings agree with the archive', () => {
  it.each(RUNS)('%s: recomputed averages print exactly the TSV row knb wrote', (name) => {
    const archive = parseCorpusFile(`${REAL}/${name}.knbdata`);
    expect(archive.issues).toEqual([]);
    const tsv = readFileSync(sharedPath('knb', 'corpus', REAL, `${name}.tsv`), 'utf8').replace(/\n$/, '');
    expect(ibdbenchFromSamples(archive.run!)).toBe(tsv);
    // and the TSV parsed gives the archive's tidy values
    const fromTsv = tidyValues(parseCorpusFile(`${REAL}/${name}.tsv`).run!);
    expect(fromTsv).toEqual(tidyValues(archive.run!));
  });

  it.each(RUNS)('%s: cpu totals follow knb (%%.2f of the sum of the rounded components)', (name) => {
    const run = parseCorpusFile(`${REAL}/${name}.knbdata`).run!;
    for (const t of run.tests) {
      for (const node of [t.client!, t.server!]) {
        const sum =
          node.cpu.user.value! +
          node.cpu.nice.value! +
          node.cpu.system.value! +
          node.cpu.iowait.value! +
          node.cpu.steal.value!;
        expect(node.cpu.total.text).toBe(cFixed2(sum));
      }
    }
  });

  const RENDERINGS = [
    'generated/doc-antrea-run1.render-knb-1.2.0-5abc238.json',
    'generated/doc-antrea-run1.render-knb-1.2.0-5abc238.text',
    'generated/doc-antrea-run1.render-knb-1.2.0-5abc238.yaml',
    'generated/doc-antrea-run1.render-knb-1.3.0-1fc33ba.json',
    'generated/doc-antrea-run1.render-knb-1.3.0-1fc33ba.text',
    'generated/doc-antrea-run1.render-knb-1.3.0-1fc33ba.yaml',
    'generated/doc-antrea-run1.render-knb-1.4.0-2a21202.json',
    'generated/doc-antrea-run1.render-knb-1.4.0-2a21202.text',
    'generated/doc-antrea-run1.render-knb-1.4.0-2a21202.yaml',
    'generated/doc-antrea-run1.render-knb-1.4.1-5b0c6ad.json',
    'generated/doc-antrea-run1.render-knb-1.4.1-5b0c6ad.text',
    'generated/doc-antrea-run1.render-knb-1.4.1-5b0c6ad.yaml',
    'generated/doc-antrea.u18.04-default-run1.knb150.json',
    'generated/doc-antrea.u18.04-default-run1.knb150.yaml',
    'generated/doc-antrea.u18.04-default-run1.knb150.text',
    'generated/doc-antrea.u18.04-default-run1.knb150.ibdbench',
    'generated/scenario-all.knb150.json',
    'generated/scenario-all.knb150.yaml',
    'generated/scenario-all.knb150.text',
    'generated/scenario-all.knb150.ibdbench',
    `${REAL}/doc-antrea.u18.04-default-run1.knb-text-from-asciinema.txt`,
    `${REAL}/doc-antrea.u18.04-default-run1.tsv`,
  ];

  it.each(RENDERINGS)("%s gives the archive's tidy values", (rel) => {
    const archive = tidyValues(parseCorpusFile(`${REAL}/doc-antrea.u18.04-default-run1.knbdata`).run!);
    const parsed = parseCorpusFile(rel);
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const values = tidyValues(parsed.run!);
    if (rel.includes('1.2.0') && rel.endsWith('.yaml')) {
      // knb ≤ 1.2.0 YAML printed pod2pod udp's values under pod2svc udp: dropped with a warning
      expect(parsed.issues.map((i) => i.code)).toContain('yaml-p2s-udp-bug');
      for (const key of [...archive.keys()]) if (key.startsWith('p2s|udp|')) archive.delete(key);
    }
    expect(values).toEqual(archive);
    expect(values.size).toBe(archive.size);
  });

  it("the extracted directory gives the archive's tidy values and samples", async () => {
    const { parseKnbDirectory } = await import('../../src/knb/read/directory.js');
    const dir = parseKnbDirectory(
      sharedPath('knb', 'corpus', REAL, 'doc-antrea.u18.04-default-run1.knbdata.extracted'),
      'd',
    );
    const archive = parseCorpusFile(`${REAL}/doc-antrea.u18.04-default-run1.knbdata`).run!;
    expect(tidyValues(dir.run!)).toEqual(tidyValues(archive));
    expect(dir.run!.samples.map((s) => unpackSamples(s.packed))).toEqual(
      archive.samples.map((s) => unpackSamples(s.packed)),
    );
  });

  it.each(['idle_tcp', 'p2p_only', 'p2s_only', 'udp_only', 'idle_only'])(
    'scenario %s: every format holds the same subset of the archive values',
    (scenario) => {
      const archive = tidyValues(parseCorpusFile(`${REAL}/doc-antrea.u18.04-default-run1.knbdata`).run!);
      const byFormat = ['json', 'yaml', 'text', 'ibdbench'].map((ext) =>
        tidyValues(parseCorpusFile(`generated/scenario-${scenario}.knb150.${ext}`).run!),
      );
      for (const values of byFormat) {
        expect(values).toEqual(byFormat[0]);
        for (const [key, value] of values) expect(archive.get(key)).toBe(value);
      }
    },
  );

  it('empty metrics and empty bandwidth: json, yaml and text agree (nulls with reasons, never 0)', () => {
    const all = ['json', 'yaml', 'text'].map(
      (ext) => parseCorpusFile(`generated/scenario-empty_metrics_and_empty_bw.knb150.${ext}`).run!,
    );
    const rows = all.map((run) =>
      runObservations(run, { factors: {}, iteration: 1, source: 'x' }).map((o) => [
        o.test,
        o.protocol,
        o.node,
        o.metric,
        o.value,
        o.missing,
      ]),
    );
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]).toEqual(rows[0]);
    const bw = rows[0]!.filter((r) => r[3] === 'bandwidth');
    expect(bw.map((r) => r[4])).toEqual([9824, 9822, 9804, null]);
    expect(bw[3]![5]).toBe('no-receiver-line');
    expect(
      rows[0]!.filter((r) => r[3] !== 'bandwidth').every((r) => r[4] === null && r[5] === 'no-monitor-samples'),
    ).toBe(true);
  });
});
