/**
 * Every file of the knb corpus (../shared/knb/corpus) has a stated expected outcome here: format, knb version,
 * status, the issue codes it raises, and the tests it holds. A corpus file without an expectation fails the test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseKnbDirectory } from '../../src/knb/read/directory.js';
import { parseKnb, withMissingSummary } from '../../src/knb/read/parse.js';
import type { ParsedKnb } from '../../src/knb/read/run.js';
import { describeShared, sharedPath } from '../helpers/shared.js';

type Status = 'ingested' | 'warning' | 'rejected';
/** [path, format, knb version, status, issue codes, tests held] */
type Expectation = [string, string, string | null, Status, string[], string];

const FK = 'filipkatulski-k8s-bench-suite/tests__';
const ALL = 'idle p2p.tcp p2p.udp p2s.tcp p2s.udp';

const EXPECTED: Expectation[] = [
  ['edgelesssys-constellation/knb-constellation-azure.json', 'json', '1.5.0', 'ingested', [], ALL],
  [
    FK +
      'mtu-tests__openstack__results__caliconetwork__1000__fkatulski-54dyjjojbpkc-node-0_fkatulski-54dyjjojbpkc-node-1.knbdata',
    'knbdata',
    '1.5.1',
    'warning',
    ['missing-values'],
    ALL,
  ],
  [
    FK +
      'mtu-tests__openstack__results__caliconetwork__1000__fkatulski-54dyjjojbpkc-node-0_fkatulski-54dyjjojbpkc-node-1.knbdata.yaml',
    'yaml',
    '1.5.1',
    'warning',
    ['missing-values'],
    ALL,
  ],
  [
    FK + 'mtu-tests__tbed__results__caliconetwork__1400__pc-tbed-k8s-01.cern.ch_pc-tbed-k8s-01.cern.ch.knbdata',
    'knbdata',
    '1.5.1',
    'ingested',
    [],
    ALL,
  ],
  [
    FK + 'mtu-tests__tbed__results__caliconetwork__1400__pc-tbed-k8s-01.cern.ch_pc-tbed-k8s-01.cern.ch.knbdata.json',
    'json',
    '1.5.1',
    'ingested',
    [],
    ALL,
  ],
  [
    FK + 'mtu-tests__tbed__results__caliconetwork__1470__pc-tbed-k8s-03.cern.ch_pc-tbed-tpu-08021.cern.ch.knbdata',
    'knbdata',
    '1.5.1',
    'warning',
    ['missing-values'],
    ALL,
  ],
  [
    FK + 'mtu-tests__tbed__results__caliconetwork__1470__pc-tbed-k8s-03.cern.ch_pc-tbed-tpu-08021.cern.ch.knbdata.json',
    'json',
    '1.5.1',
    'warning',
    ['missing-values'],
    ALL,
  ],
  [
    FK + 'mtu-tests__tbed__results__caliconetwork__1500__pc-tbed-k8s-03.cern.ch_pc-tbed-tpu-08021.cern.ch.knbdata',
    'knbdata',
    '1.5.1',
    'warning',
    ['missing-values'],
    ALL,
  ],
  [
    FK + 'mtu-tests__tbed__results__caliconetwork__1500__pc-tbed-k8s-03.cern.ch_pc-tbed-tpu-08021.cern.ch.knbdata.json',
    'json',
    '1.5.1',
    'warning',
    ['missing-values'],
    ALL,
  ],
  [
    FK +
      'mtu-tests__tbed__results__caliconetwork__1500__pc-tbed-tpu-08021.cern.ch_pc-tbed-tpu-08001.cern.ch.knbdata.yaml',
    'yaml',
    '1.5.1',
    'ingested',
    [],
    ALL,
  ],
  [
    FK +
      'tcp-window-tests__tbed__results__caliconetwork4_1__pc-tbed-tpu-08021.cern.ch_pc-tbed-tpu-08001.cern.ch_custom29.knbdata.yaml',
    'yaml',
    '1.5.1',
    'ingested',
    [],
    'idle p2p.udp p2p.custom p2s.udp p2s.custom',
  ],
  [
    FK +
      'tcp-window-tests__tbed__results__caliconetwork__pc-tbed-tpu-08021.cern.ch_pc-tbed-tpu-08001.cern.ch_custom2.knbdata',
    'knbdata',
    '1.5.1',
    'warning',
    ['missing-values'],
    'idle p2p.custom p2s.custom',
  ],
  [
    FK +
      'tcp-window-tests__tbed__results__caliconetwork__pc-tbed-tpu-08021.cern.ch_pc-tbed-tpu-08001.cern.ch_custom2.knbdata.yaml',
    'yaml',
    '1.5.1',
    'warning',
    ['missing-values'],
    'idle p2p.custom p2s.custom',
  ],
  [FK + 'tdaqweek_files__tdaqweek1.knbdata.yaml', 'yaml', '1.5.1', 'warning', ['missing-values'], ALL],
  ['generated/doc-antrea-run1.render-knb-1.2.0-5abc238.json', 'json', '1.4.1', 'ingested', [], ALL],
  ['generated/doc-antrea-run1.render-knb-1.2.0-5abc238.text', 'text', '1.4.1', 'ingested', [], ALL],
  [
    'generated/doc-antrea-run1.render-knb-1.2.0-5abc238.yaml',
    'yaml',
    '1.4.1',
    'warning',
    ['yaml-p2s-udp-bug'],
    'idle p2p.tcp p2p.udp p2s.tcp',
  ],
  [
    'generated/doc-antrea-run1.render-knb-1.3.0-1fc33ba.json',
    'json',
    '1.4.1',
    'warning',
    ['json-control-character', 'json-missing-comma', 'json-unquoted'],
    ALL,
  ],
  ['generated/doc-antrea-run1.render-knb-1.3.0-1fc33ba.text', 'text', '1.4.1', 'ingested', [], ALL],
  ['generated/doc-antrea-run1.render-knb-1.3.0-1fc33ba.yaml', 'yaml', '1.4.1', 'ingested', [], ALL],
  [
    'generated/doc-antrea-run1.render-knb-1.4.0-2a21202.json',
    'json',
    '1.4.1',
    'warning',
    ['json-control-character', 'json-missing-comma', 'json-unquoted'],
    ALL,
  ],
  ['generated/doc-antrea-run1.render-knb-1.4.0-2a21202.text', 'text', '1.4.1', 'ingested', [], ALL],
  ['generated/doc-antrea-run1.render-knb-1.4.0-2a21202.yaml', 'yaml', '1.4.1', 'ingested', [], ALL],
  [
    'generated/doc-antrea-run1.render-knb-1.4.1-5b0c6ad.json',
    'json',
    '1.4.1',
    'warning',
    ['json-control-character', 'json-missing-comma'],
    ALL,
  ],
  ['generated/doc-antrea-run1.render-knb-1.4.1-5b0c6ad.text', 'text', '1.4.1', 'ingested', [], ALL],
  ['generated/doc-antrea-run1.render-knb-1.4.1-5b0c6ad.yaml', 'yaml', '1.4.1', 'ingested', [], ALL],
  ['generated/doc-antrea.u18.04-default-run1.knb150.ibdbench', 'ibdbench', null, 'ingested', [], ALL],
  ['generated/doc-antrea.u18.04-default-run1.knb150.json', 'json', '1.4.1', 'warning', ['json-control-character'], ALL],
  ['generated/doc-antrea.u18.04-default-run1.knb150.text', 'text', '1.4.1', 'ingested', [], ALL],
  ['generated/doc-antrea.u18.04-default-run1.knb150.yaml', 'yaml', '1.4.1', 'ingested', [], ALL],
  ['generated/scenario-all.knb150.ibdbench', 'ibdbench', null, 'ingested', [], ALL],
  ['generated/scenario-all.knb150.json', 'json', '1.4.1', 'ingested', [], ALL],
  ['generated/scenario-all.knb150.text', 'text', '1.4.1', 'ingested', [], ALL],
  ['generated/scenario-all.knb150.yaml', 'yaml', '1.4.1', 'ingested', [], ALL],
  [
    'generated/scenario-empty_metrics_and_empty_bw.knb150.ibdbench',
    'ibdbench',
    null,
    'warning',
    ['ibdbench-empty-test', 'missing-values'],
    'p2p.tcp p2p.udp p2s.tcp',
  ],
  ['generated/scenario-empty_metrics_and_empty_bw.knb150.json', 'json', '1.4.1', 'warning', ['missing-values'], ALL],
  ['generated/scenario-empty_metrics_and_empty_bw.knb150.text', 'text', '1.4.1', 'warning', ['missing-values'], ALL],
  ['generated/scenario-empty_metrics_and_empty_bw.knb150.yaml', 'yaml', '1.4.1', 'warning', ['missing-values'], ALL],
  ['generated/scenario-idle_only.knb150.ibdbench', 'ibdbench', null, 'warning', ['ibdbench-empty-test'], 'idle'],
  ['generated/scenario-idle_only.knb150.json', 'json', '1.4.1', 'warning', ['json-trailing-comma'], 'idle'],
  ['generated/scenario-idle_only.knb150.text', 'text', '1.4.1', 'ingested', [], 'idle'],
  ['generated/scenario-idle_only.knb150.yaml', 'yaml', '1.4.1', 'ingested', [], 'idle'],
  [
    'generated/scenario-idle_tcp.knb150.ibdbench',
    'ibdbench',
    null,
    'warning',
    ['ibdbench-empty-test'],
    'idle p2p.tcp p2s.tcp',
  ],
  ['generated/scenario-idle_tcp.knb150.json', 'json', '1.4.1', 'ingested', [], 'idle p2p.tcp p2s.tcp'],
  ['generated/scenario-idle_tcp.knb150.text', 'text', '1.4.1', 'ingested', [], 'idle p2p.tcp p2s.tcp'],
  ['generated/scenario-idle_tcp.knb150.yaml', 'yaml', '1.4.1', 'ingested', [], 'idle p2p.tcp p2s.tcp'],
  [
    'generated/scenario-p2p_only.knb150.ibdbench',
    'ibdbench',
    null,
    'warning',
    ['ibdbench-empty-test'],
    'p2p.tcp p2p.udp',
  ],
  ['generated/scenario-p2p_only.knb150.json', 'json', '1.4.1', 'ingested', [], 'p2p.tcp p2p.udp'],
  ['generated/scenario-p2p_only.knb150.text', 'text', '1.4.1', 'ingested', [], 'p2p.tcp p2p.udp'],
  ['generated/scenario-p2p_only.knb150.yaml', 'yaml', '1.4.1', 'ingested', [], 'p2p.tcp p2p.udp'],
  [
    'generated/scenario-p2s_only.knb150.ibdbench',
    'ibdbench',
    null,
    'warning',
    ['ibdbench-empty-test'],
    'p2s.tcp p2s.udp',
  ],
  ['generated/scenario-p2s_only.knb150.json', 'json', '1.4.1', 'ingested', [], 'p2s.tcp p2s.udp'],
  ['generated/scenario-p2s_only.knb150.text', 'text', '1.4.1', 'ingested', [], 'p2s.tcp p2s.udp'],
  ['generated/scenario-p2s_only.knb150.yaml', 'yaml', '1.4.1', 'ingested', [], 'p2s.tcp p2s.udp'],
  [
    'generated/scenario-udp_only.knb150.ibdbench',
    'ibdbench',
    null,
    'warning',
    ['ibdbench-empty-test'],
    'p2p.udp p2s.udp',
  ],
  ['generated/scenario-udp_only.knb150.json', 'json', '1.4.1', 'ingested', [], 'p2p.udp p2s.udp'],
  ['generated/scenario-udp_only.knb150.text', 'text', '1.4.1', 'ingested', [], 'p2p.udp p2s.udp'],
  ['generated/scenario-udp_only.knb150.yaml', 'yaml', '1.4.1', 'ingested', [], 'p2p.udp p2s.udp'],
  [
    'goharbor-harbor-operator/simple-perf-comprasion.md.knb-block.txt',
    'text',
    '1.5.0',
    'warning',
    ['missing-values'],
    ALL,
  ],
  [
    'infrabuilder-benchmark-k8s-cni-2020-08/doc-antrea.u18.04-default-run1.knb-text-from-asciinema.txt',
    'text',
    '1.4.1',
    'ingested',
    [],
    ALL,
  ],
  [
    'infrabuilder-benchmark-k8s-cni-2020-08/doc-antrea.u18.04-default-run1.knbdata',
    'knbdata',
    '1.4.1',
    'ingested',
    [],
    ALL,
  ],
  [
    'infrabuilder-benchmark-k8s-cni-2020-08/doc-antrea.u18.04-default-run1.knbdata.extracted',
    'directory',
    '1.4.1',
    'ingested',
    [],
    ALL,
  ],
  ['infrabuilder-benchmark-k8s-cni-2020-08/doc-antrea.u18.04-default-run1.tsv', 'ibdbench', null, 'ingested', [], ALL],
  [
    'infrabuilder-benchmark-k8s-cni-2020-08/doc-calico.u18.04-default-run1.knbdata',
    'knbdata',
    '1.4.1',
    'ingested',
    [],
    ALL,
  ],
  ['infrabuilder-benchmark-k8s-cni-2020-08/doc-calico.u18.04-default-run1.tsv', 'ibdbench', null, 'ingested', [], ALL],
  [
    'infrabuilder-benchmark-k8s-cni-2020-08/tuning-cilium-encryption.u18.04-hwe-run1.knb-text-from-asciinema.txt',
    'text',
    '1.4.1',
    'ingested',
    [],
    ALL,
  ],
  [
    'infrabuilder-benchmark-k8s-cni-2020-08/tuning-cilium-encryption.u18.04-hwe-run1.knbdata',
    'knbdata',
    '1.4.1',
    'ingested',
    [],
    ALL,
  ],
  [
    'infrabuilder-benchmark-k8s-cni-2020-08/tuning-cilium-encryption.u18.04-hwe-run1.tsv',
    'ibdbench',
    null,
    'ingested',
    [],
    ALL,
  ],
  [
    'infrabuilder-k8s-bench-suite-issue-6/issue-6-comment-excerpt-TRUNCATED.txt',
    'text',
    '1.5.0',
    'rejected',
    ['text-truncated'],
    'idle p2p.tcp',
  ],
  [
    'infrabuilder-k8s-bench-suite-readme-history/README@c38e034-knb-1.0.0-console-output.txt',
    'text',
    null,
    'ingested',
    [],
    ALL,
  ],
  [
    'infrabuilder-k8s-bench-suite-readme-history/README@e2956c9-pre-1.0.0-console-output.txt',
    'text',
    null,
    'ingested',
    [],
    'p2p.tcp p2p.udp p2s.tcp p2s.udp',
  ],
  ['unattributed-knb-text-reports/knb-1290387.txt', 'text', '1.5.0', 'ingested', [], ALL],
  ['unattributed-knb-text-reports/knb-1368898.txt', 'text', '1.5.0', 'ingested', [], ALL],
];

/** Not knb outputs: provenance documents of the corpus itself. */
const DOCUMENTS = new Set(['SOURCES.md', 'SHA256SUMS.txt']);

function corpusEntries(): string[] {
  const root = sharedPath('knb', 'corpus');
  const out: string[] = [];
  for (const d of readdirSync(root).sort()) {
    if (!statSync(join(root, d)).isDirectory()) {
      if (!DOCUMENTS.has(d)) out.push(d);
      continue;
    }
    for (const f of readdirSync(join(root, d)).sort()) out.push(`${d}/${f}`);
  }
  return out;
}

export function parseCorpus(rel: string): ParsedKnb {
  const abs = sharedPath('knb', 'corpus', rel);
  return statSync(abs).isDirectory()
    ? withMissingSummary(parseKnbDirectory(abs, rel))
    : parseKnb(readFileSync(abs), rel);
}

function statusOf(p: ParsedKnb): Status {
  if (p.issues.some((i) => i.severity === 'error') || !p.run) return 'rejected';
  return p.issues.length > 0 ? 'warning' : 'ingested';
}

describeShared('knb corpus: every file has an expected outcome', () => {
  it('lists an expectation for every corpus file and no expectation without a file', () => {
    const files = corpusEntries();
    const expected = EXPECTED.map((e) => e[0]);
    expect(files.filter((f) => !expected.includes(f))).toEqual([]);
    expect(expected.filter((f) => !files.includes(f))).toEqual([]);
  });

  it.each(EXPECTED)('%s', (rel, format, version, status, codes, tests) => {
    const parsed = parseCorpus(rel);
    expect(parsed.format).toBe(format);
    expect(parsed.run?.metadata.version ?? null).toBe(version);
    expect(statusOf(parsed)).toBe(status);
    expect([...new Set(parsed.issues.map((i) => i.code))].sort()).toEqual(codes);
    expect(parsed.run?.tests.map((t) => `${t.test}${t.protocol ? `.${t.protocol}` : ''}`).join(' ') ?? '').toBe(tests);
    for (const issue of parsed.issues) {
      expect(issue.file).toBe(rel);
      expect(issue.message.length).toBeGreaterThan(10);
    }
  });

  it('rejects the truncated issue-6 excerpt at the cut line, keeping the complete part for inspection', () => {
    const parsed = parseCorpus('infrabuilder-k8s-bench-suite-issue-6/issue-6-comment-excerpt-TRUNCATED.txt');
    const error = parsed.issues.find((i) => i.severity === 'error')!;
    expect(error.line).toBe(32);
    expect(error.message).toContain('server cpu = total 11.23% (user 3.52');
    expect(parsed.run!.tests.map((t) => t.bandwidth?.text)).toEqual(['0', '599']);
  });

  it('reads the fork 1.5.1 NaN as missing with reason nan, never 0', () => {
    const parsed = parseCorpus(
      `${FK}mtu-tests__tbed__results__caliconetwork__1470__pc-tbed-k8s-03.cern.ch_pc-tbed-tpu-08021.cern.ch.knbdata.json`,
    );
    const idle = parsed.run!.tests[0]!;
    expect(idle.client!.cpu.total).toMatchObject({ value: null, missing: 'nan' });
    expect(idle.client!.ram).toMatchObject({ value: null, missing: 'nan' });
  });

  it('reads the harbor-operator report: all cpu/ram missing (no monitor samples), bandwidths present', () => {
    const parsed = parseCorpus('goharbor-harbor-operator/simple-perf-comprasion.md.knb-block.txt');
    const tcp = parsed.run!.tests[1]!;
    expect(tcp.bandwidth!.value).toBe(7085);
    expect(tcp.client!.cpu.total).toMatchObject({ value: null, missing: 'no-monitor-samples' });
    expect(tcp.server!.ram).toMatchObject({ value: null, missing: 'no-monitor-samples' });
  });

  it('reads the pre-1.0 console capture (bandwidth only) and the 1.0.0 layout (no cpu total: computed as knb does)', () => {
    const pre = parseCorpus('infrabuilder-k8s-bench-suite-readme-history/README@e2956c9-pre-1.0.0-console-output.txt');
    expect(pre.run!.variant).toBe('text pre-1.0 (bandwidth only)');
    expect(pre.run!.tests.map((t) => t.bandwidth!.value)).toEqual([4957, 4846, 4901, 4943]);
    expect(pre.run!.tests.every((t) => t.client === null)).toBe(true);
    const v100 = parseCorpus('infrabuilder-k8s-bench-suite-readme-history/README@c38e034-knb-1.0.0-console-output.txt');
    expect(v100.run!.variant).toBe('text 1.0.0');
    // 2.29 + 0.00 + 0.81 + 0.00 + 0.00
    expect(v100.run!.tests[0]!.client!.cpu.total.text).toBe('3.10');
  });

  it('keeps decimal bandwidths (81.9, 6.72) and custom tests of the fork', () => {
    const parsed = parseCorpus(
      `${FK}tcp-window-tests__tbed__results__caliconetwork4_1__pc-tbed-tpu-08021.cern.ch_pc-tbed-tpu-08001.cern.ch_custom29.knbdata.yaml`,
    );
    const values = parsed.run!.tests.filter((t) => t.test !== 'idle').map((t) => t.bandwidth!.text);
    expect(values.some((v) => v === '81.9' || v === '6.72')).toBe(true);
    expect(parsed.run!.tests.some((t) => t.protocol === 'custom')).toBe(true);
  });
});
