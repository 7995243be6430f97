/**
 * Look-alikes of two real campaign shapes that do not follow the reference study's design (issue 10), for tests and
 * benchmarks. Both are seeded and deterministic; run means are drawn around each cell's truth with ordinary noise
 * (NOT centred: a cell's sample mean differs from its truth by sampling noise, as in real data).
 *
 * - Shape A — a public CNI benchmark of one distribution (modelled on InfraBuilder/benchmark-k8s-cni-2020-08, knb
 *   1.4.1): kubeadm on three OS/kernel variants, 9 CNI setups, tuning variants, not fully crossed, 3 runs each; files
 *   `doc-calico.u18.04-default-run1.knbdata` in directories `doc-calico.u18.04-default`, or
 *   `tuning-calico-3.16-mtu-encryption.u18.04-default-run1.knbdata`; beside each archive the `.tsv` (`-o ibdbench`) of
 *   the same run; per directory an asciinema `.cast` and a `.networkpolicies.txt`.
 * - Shape B — a knb-fork MTU study (modelled on FilipKatulski/k8s-bench-suite, fork 1.5.1): archives named after
 *   host names with dots (`pc-tbed-k8s-01.cern.ch_3.knbdata`) with `.knbdata.json` and `.knbdata.yaml` renderings
 *   beside each; factors testbed (2) × network (a CNI network, host networking) × MTU (15 numeric levels 1000…1500
 *   and `auto`); NaN where a monitor returned no samples; runs one after another over hours.
 *
 * The numbers are plausible, not measured: they exist to exercise cnibench on these designs.
 */
import { renderKnb, writeKnbdata, KNB_TESTS, type KnbTest, type KnbWorkDir, type KnbFile } from '../knb/index.js';
// yaml through the lazily loaded module (model/lazy-yaml.ts): not loaded with every bundled command
import { yamlModule } from '../model/index.js';
import { createRng, type Rng } from './rng.js';
import { DEFAULT_TARGETS, formatKnbDate, parseKnbDate, synthesizeRun, type TestTarget } from './workdir.js';
import type { CampaignFile } from './campaign.js';
import { invalidOption } from './messages.js';

/** The OS/kernel variants of shape A, with the kernel each reports. */
export const SHAPE_A_OS: Readonly<Record<string, string>> = {
  'u18.04-default': '4.15.0-112-generic',
  'u18.04-hwe': '5.4.0-42-generic',
  'u20.04-default': '5.4.0-42-generic',
};

/** Shape A's 9 CNI setups with their relative throughput, CPU and RAM (assumed, plausible for 10 GbE). */
const SHAPE_A_SETUPS: Readonly<Record<string, { bw: number; cpu: number; ram: number; mtu: string }>> = {
  antrea: { bw: 8.3, cpu: 1.25, ram: 1.1, mtu: '1450' },
  calico: { bw: 9.2, cpu: 1.05, ram: 1.05, mtu: '1440' },
  'calico-3.16': { bw: 9.3, cpu: 1.0, ram: 1.06, mtu: '1440' },
  canal: { bw: 8.9, cpu: 1.15, ram: 1.08, mtu: '1450' },
  cilium: { bw: 9.0, cpu: 1.3, ram: 1.35, mtu: '1500' },
  flannel: { bw: 9.1, cpu: 1.1, ram: 1.0, mtu: '1450' },
  'kube-ovn': { bw: 7.2, cpu: 1.6, ram: 1.4, mtu: '1400' },
  'kube-router': { bw: 9.25, cpu: 1.0, ram: 1.02, mtu: '1500' },
  weavenet: { bw: 8.1, cpu: 1.35, ram: 1.12, mtu: '1376' },
};

/** Tuning variants of shape A: multipliers of throughput and CPU (encryption is costly; a larger MTU helps). */
const SHAPE_A_TUNINGS: Readonly<Record<string, { bw: number; cpu: number; mtu?: string }>> = {
  default: { bw: 1, cpu: 1 },
  mtu: { bw: 1.04, cpu: 0.95, mtu: '8950' },
  encryption: { bw: 0.38, cpu: 1.9 },
  'mtu-encryption': { bw: 0.52, cpu: 1.7, mtu: '8950' },
  ebpf: { bw: 1.03, cpu: 0.9 },
};

/** One directory of shape A: a setup on an OS variant with a tuning. Not fully crossed, as in the real campaign. */
export interface ShapeACell {
  readonly plugin: string;
  readonly os: string;
  readonly tuning: string;
}

/** The 27 directories of the full shape A (19 with default settings, 8 tunings): 81 archives at 3 runs. */
export const SHAPE_A_CELLS: readonly ShapeACell[] = [
  ...Object.keys(SHAPE_A_SETUPS).map((plugin) => ({ plugin, os: 'u18.04-default', tuning: 'default' })),
  ...['antrea', 'calico', 'cilium', 'flannel', 'weavenet'].map((plugin) => ({
    plugin,
    os: 'u18.04-hwe',
    tuning: 'default',
  })),
  ...['calico', 'calico-3.16', 'cilium', 'flannel', 'kube-router'].map((plugin) => ({
    plugin,
    os: 'u20.04-default',
    tuning: 'default',
  })),
  { plugin: 'calico', os: 'u18.04-default', tuning: 'mtu' },
  { plugin: 'flannel', os: 'u18.04-default', tuning: 'mtu' },
  { plugin: 'weavenet', os: 'u18.04-default', tuning: 'mtu' },
  { plugin: 'cilium', os: 'u18.04-default', tuning: 'encryption' },
  { plugin: 'weavenet', os: 'u18.04-default', tuning: 'encryption' },
  { plugin: 'weavenet', os: 'u18.04-default', tuning: 'mtu-encryption' },
  { plugin: 'cilium', os: 'u18.04-hwe', tuning: 'encryption' },
  { plugin: 'calico-3.16', os: 'u20.04-default', tuning: 'ebpf' },
];

export interface ShapeAOptions {
  /** default 2020 */
  readonly seed?: number;
  /** runs per directory, 1–20; default 3 */
  readonly runs?: number;
  /** keep only these setups (default: all 9) */
  readonly plugins?: readonly string[];
  /** keep only these OS variants (default: all 3) */
  readonly os?: readonly string[];
  /** keep only these tunings (default: all) */
  readonly tunings?: readonly string[];
}

export interface ShapeBOptions {
  /** default 2022 */
  readonly seed?: number;
  /** runs per cell, 1–20; default 3 */
  readonly runs?: number;
  /** MTU levels (numbers as text, or `auto`); default the 15 levels 1000…1500 and `auto` */
  readonly mtus?: readonly string[];
  /** testbeds (default `tbed`, `openstack`) */
  readonly testbeds?: readonly string[];
  /** every how many runs one monitor returns no samples (NaN in the fork's output); default 7, 0 for never */
  readonly nanEvery?: number;
}

/** The 16 MTU levels of the full shape B. */
export const SHAPE_B_MTUS: readonly string[] = [
  '1000',
  '1100',
  '1200',
  '1300',
  '1400',
  '1410',
  '1420',
  '1430',
  '1440',
  '1450',
  '1460',
  '1470',
  '1480',
  '1490',
  '1500',
  'auto',
];

/** Shape B's testbeds: the host whose name the files carry, and what the hosts report. */
const SHAPE_B_TESTBEDS: Readonly<Record<string, { host: string; client: string; cpu: string; kernel: string }>> = {
  tbed: {
    host: 'pc-tbed-k8s-01.cern.ch',
    client: 'pc-tbed-tpu-08021.cern.ch',
    cpu: 'Intel(R) Xeon(R) CPU E5-2680 v3 @ 2.50GHz',
    kernel: '3.10.0-1160.45.1.el7.x86_64',
  },
  openstack: {
    host: 'mtu-k8s-node-0.openstack.cern.ch',
    client: 'mtu-k8s-node-1.openstack.cern.ch',
    cpu: 'Intel Core Processor (Haswell, no TSX, IBRS)',
    kernel: '4.18.0-305.el8.x86_64',
  },
};

const SHAPE_B_NETWORKS = ['caliconetwork', 'hostnetwork'] as const;

function checkRuns(runs: number): number {
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
    throw new RangeError(invalidOption('runs', String(runs), 'an integer from 1 to 20'));
  }
  return runs;
}

function checkSubset(option: string, chosen: readonly string[] | undefined, known: readonly string[]): Set<string> {
  for (const value of chosen ?? []) {
    if (!known.includes(value)) throw new RangeError(invalidOption(option, value, `one of ${known.join(', ')}`));
  }
  return new Set(chosen ?? known);
}

/** A cell's truth, scaled: per-run effects are drawn here (uncentred), per-second noise by synthesizeRun. */
function runTargets(
  truth: Readonly<Record<KnbTest, TestTarget>>,
  rng: Rng,
  cv: { cpu: number; ram: number; bandwidth: number },
): Record<KnbTest, TestTarget> {
  const ramClient = 1 + rng.normal(0, cv.ram);
  const ramServer = 1 + rng.normal(0, cv.ram);
  const out = {} as Record<KnbTest, TestTarget>;
  for (const test of KNB_TESTS) {
    const t = truth[test];
    const cpu = 1 + rng.normal(0, cv.cpu);
    const bw = 1 + rng.normal(0, cv.bandwidth);
    out[test] = {
      bandwidth: Math.max(0, t.bandwidth * bw),
      client: { cpu: Math.max(0, t.client.cpu * cpu), ram: t.client.ram * ramClient },
      server: { cpu: Math.max(0, t.server.cpu * cpu), ram: t.server.ram * ramServer },
    };
  }
  return out;
}

function scaled(bw: number, cpu: number, ram: number): Record<KnbTest, TestTarget> {
  const out = {} as Record<KnbTest, TestTarget>;
  for (const test of KNB_TESTS) {
    const t = DEFAULT_TARGETS[test];
    out[test] = {
      bandwidth: t.bandwidth * bw,
      client: { cpu: t.client.cpu * cpu, ram: t.client.ram * ram },
      server: { cpu: t.server.cpu * cpu, ram: t.server.ram * ram },
    };
  }
  return out;
}

/** Shape A's directory (and file stem prefix) of a cell. */
export function shapeADirectory(cell: ShapeACell): string {
  return cell.tuning === 'default'
    ? `doc-${cell.plugin}.${cell.os}`
    : `tuning-${cell.plugin}-${cell.tuning}.${cell.os}`;
}

/** An asciinema v2 recording of the benchmark script's terminal (header line, then [time, "o", text] events). */
function castFile(directory: string, start: number, lines: readonly string[]): string {
  const header = JSON.stringify({ version: 2, width: 160, height: 48, timestamp: start, env: { SHELL: '/bin/bash' } });
  const events = lines.map((line, i) => JSON.stringify([Number((i * 0.5).toFixed(6)), 'o', `${line}\r\n`]));
  return `${header}\n${JSON.stringify([0, 'o', `$ ./benchmark.sh ${directory}\r\n`])}\n${events.join('\n')}\n`;
}

/** `kubectl get networkpolicies -A` as the benchmark saved it. */
function networkPoliciesFile(cell: ShapeACell): string {
  return [
    'NAMESPACE   NAME                 POD-SELECTOR   AGE',
    `default     knb-deny-${cell.plugin.replace(/[^a-z0-9-]/g, '-')}   app=knb        12s`,
    '',
  ].join('\n');
}

/** campaign.yaml reading shape A as it is: two layout alternatives (default settings, tunings), ignore globs. */
export function shapeACampaignYaml(): string {
  const os = 'u[0-9.]+-[a-z]+';
  const tunings = Object.keys(SHAPE_A_TUNINGS)
    .filter((t) => t !== 'default')
    .sort((a, b) => b.length - a.length)
    .join('|');
  return yamlModule().stringify(
    {
      name: 'Look-alike of a public CNI benchmark (shape A)',
      description:
        'SYNTHETIC. Generated by `cnibench fixtures generate` (--shape a): kubeadm on three OS/kernel variants, ' +
        '9 CNI setups, tuning variants, not fully crossed; each archive has the .tsv of the same run beside it.',
      layout: [
        `{_}/doc-{plugin:[a-z0-9.-]+?}.{os:${os}}-run{iteration}{tuning=default}`,
        `{_}/tuning-{plugin:[a-z0-9.-]+?}-{tuning:${tunings}}.{os:${os}}-run{iteration}`,
      ],
      ignore: ['*.cast', '*.networkpolicies.txt'],
      baseline: { plugin: 'flannel', os: 'u18.04-default', tuning: 'default' },
      analysis: { factor: 'plugin', baseline: 'flannel' },
    },
    { lineWidth: 0 },
  );
}

/**
 * Every file of a shape A look-alike, campaign.yaml first, then directory by directory. Deterministic for a seed.
 * @throws RangeError naming the option when runs or a subset is invalid
 */
export function generateShapeA(options: ShapeAOptions = {}): CampaignFile[] {
  const seed = options.seed ?? 2020;
  const runs = checkRuns(options.runs ?? 3);
  const plugins = checkSubset('plugins', options.plugins, Object.keys(SHAPE_A_SETUPS));
  const oses = checkSubset('os', options.os, Object.keys(SHAPE_A_OS));
  const tunings = checkSubset('tunings', options.tunings, Object.keys(SHAPE_A_TUNINGS));
  const cells = SHAPE_A_CELLS.filter((c) => plugins.has(c.plugin) && oses.has(c.os) && tunings.has(c.tuning));
  const encoder = new TextEncoder();
  const files: CampaignFile[] = [{ path: 'campaign.yaml', bytes: encoder.encode(shapeACampaignYaml()) }];
  let clock = parseKnbDate('2020-08-24 09:00:00');
  for (const cell of cells) {
    const setup = SHAPE_A_SETUPS[cell.plugin]!;
    const tuning = SHAPE_A_TUNINGS[cell.tuning]!;
    const hwe = cell.os === 'u18.04-default' ? 1 : 1.02;
    const truth = scaled(setup.bw * tuning.bw, setup.cpu * tuning.cpu * hwe, setup.ram);
    const directory = shapeADirectory(cell);
    const rng = createRng(seed, `shape-a/${directory}`);
    const castLines: string[] = [];
    const dirStart = clock;
    for (let run = 1; run <= runs; run++) {
      const stem = `${directory}-run${run}`;
      const workdir = synthesizeRun({
        seed: rng.int(0, 2 ** 31 - 1),
        name: stem,
        date: formatKnbDate(clock),
        version: '1.4.1',
        serverNode: 's04',
        clientNode: 's03',
        socketBufferSize: '256K',
        cpuModel: 'Intel(R) Xeon(R) CPU E5-2630 v3 @ 2.40GHz',
        kernel: SHAPE_A_OS[cell.os]!,
        k8sVersion: 'v1.19.0',
        mtu: tuning.mtu ?? setup.mtu,
        duration: 60,
        targets: runTargets(truth, rng, { cpu: 0.05, ram: 0.015, bandwidth: 0.03 }),
        // data taken before knb's `kubectl exec -i` fix (Dec 2020): cpu/kernel end with \r\n
        legacyTty: true,
      });
      clock = workdir.mtime + 30 + rng.int(0, 60);
      files.push({ path: `${directory}/${stem}.knbdata`, bytes: writeKnbdata(workdir) });
      files.push({ path: `${directory}/${stem}.tsv`, bytes: encoder.encode(renderKnb(workdir, 'ibdbench')) });
      castLines.push(`=== ${stem} ===`, `knb ${stem}: done`);
    }
    files.push({
      path: `${directory}/${directory}.cast`,
      bytes: encoder.encode(castFile(directory, dirStart, castLines)),
    });
    files.push({
      path: `${directory}/${directory}.networkpolicies.txt`,
      bytes: encoder.encode(networkPoliciesFile(cell)),
    });
    // the cluster is re-deployed for the next setup
    clock += 900 + rng.int(0, 600);
  }
  return files;
}

/** The fork's env: hostNetwork flags after the nodes, and its custom test's pod names (empty). */
function forkEnv(content: string, hostNetwork: boolean): string {
  const flag = hostNetwork ? 'true' : 'false';
  return content
    .replace(/^(CLIENT_NODE=.*)$/m, `$1\nHOST_NETWORK_SERVER="${flag}"\nHOST_NETWORK_CLIENT="${flag}"`)
    .replace(/^(CLIENT_UDP_P2S_POD_NAME=.*)$/m, '$1\nCLIENT_CUSTOM_P2P_POD_NAME=""\nCLIENT_CUSTOM_P2S_POD_NAME=""');
}

/** The fork's awk prints NaN averages where a monitor returned no samples (upstream prints the header only). */
const FORK_NAN_AVG =
  'cpu-user cpu-nice cpu-system cpu-iowait cpu-steal memory-used records-number\nNaN NaN NaN NaN NaN NaN NaN\n';

function forkWorkDir(run: KnbWorkDir, hostNetwork: boolean): KnbWorkDir {
  const files: KnbFile[] = run.files.map((f) => {
    if (f.name === 'env') return { ...f, content: forkEnv(f.content, hostNetwork) };
    if (f.name.endsWith('.avg') && f.content.split('\n').filter((l) => l !== '').length === 1) {
      return { ...f, content: FORK_NAN_AVG };
    }
    return f;
  });
  return { files, mtime: run.mtime };
}

/** The fork's reports print the CPU total of NaN components as a bare `nan` (FORMATS.md §3.1, 7). */
function forkRendering(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    if (/^\s*"?total"?:/.test(lines[i]!) && /NaN/.test(lines[i + 1]!)) {
      lines[i] = lines[i]!.replace(/(:\s*)[^,]*/, '$1nan');
    }
  }
  return lines.join('\n');
}

/** campaign.yaml reading shape B as it is. */
export function shapeBCampaignYaml(): string {
  return yamlModule().stringify(
    {
      name: 'Look-alike of a knb-fork MTU study (shape B)',
      description:
        'SYNTHETIC. Generated by `cnibench fixtures generate` (--shape b): knb 1.5.1 (fork) archives with their ' +
        '.knbdata.json and .knbdata.yaml renderings, testbed × network × MTU, runs one after another.',
      layout: 'mtu-tests/{testbed}/results/{network}/{mtu}/{_:[a-z0-9.-]+}_{iteration:[0-9]+}',
      baseline: { network: 'hostnetwork', mtu: '1500' },
      analysis: { factor: 'mtu', baseline: '1500', interaction: ['network', 'mtu'] },
    },
    { lineWidth: 0 },
  );
}

/**
 * Every file of a shape B look-alike, campaign.yaml first. Runs are executed one after another (timestamps increase
 * across the whole campaign). Deterministic for a seed.
 * @throws RangeError naming the option when runs, testbeds or nanEvery is invalid
 */
export function generateShapeB(options: ShapeBOptions = {}): CampaignFile[] {
  const seed = options.seed ?? 2022;
  const runs = checkRuns(options.runs ?? 3);
  const testbeds = [...checkSubset('testbeds', options.testbeds, Object.keys(SHAPE_B_TESTBEDS))];
  const mtus = options.mtus ?? SHAPE_B_MTUS;
  for (const mtu of mtus) {
    if (!/^(?:auto|[1-9][0-9]{2,4})$/.test(mtu)) {
      throw new RangeError(invalidOption('mtus', mtu, '`auto` or a number of bytes such as 1450'));
    }
  }
  const nanEvery = options.nanEvery ?? 7;
  if (!Number.isInteger(nanEvery) || nanEvery < 0) {
    throw new RangeError(invalidOption('nanEvery', String(nanEvery), 'an integer ≥ 0'));
  }
  const encoder = new TextEncoder();
  const files: CampaignFile[] = [{ path: 'campaign.yaml', bytes: encoder.encode(shapeBCampaignYaml()) }];
  let clock = parseKnbDate('2022-01-26 08:00:00');
  let runIndex = 0;
  for (const testbed of testbeds) {
    const bed = SHAPE_B_TESTBEDS[testbed]!;
    const bedScale = testbed === 'tbed' ? 9.5 : 4.2;
    for (const network of SHAPE_B_NETWORKS) {
      const host = network === 'hostnetwork';
      for (const mtu of mtus) {
        // an overlay loses throughput at small MTUs (header overhead, more packets); host networking barely does
        const bytes = mtu === 'auto' ? 1450 : Number(mtu);
        const efficiency = host ? 1 - 0.08 * ((1500 - bytes) / 500) : 0.88 - 0.35 * ((1500 - bytes) / 500);
        const truth = scaled(bedScale * efficiency, host ? 0.8 : 1.1 + 0.2 * ((1500 - bytes) / 500), 3.1);
        const rng = createRng(seed, `shape-b/${testbed}/${network}/${mtu}`);
        for (let run = 1; run <= runs; run++) {
          runIndex++;
          const noSamples = nanEvery > 0 && runIndex % nanEvery === 0;
          const workdir = synthesizeRun({
            seed: rng.int(0, 2 ** 31 - 1),
            date: formatKnbDate(clock),
            version: '1.5.1',
            serverNode: bed.host,
            clientNode: bed.client,
            cpuModel: bed.cpu,
            kernel: bed.kernel,
            k8sVersion: 'v1.21.2',
            mtu: mtu === 'auto' ? (host ? '1500' : '1480') : mtu,
            targets: runTargets(truth, rng, { cpu: 0.06, ram: 0.01, bandwidth: 0.025 }),
            ...(noSamples ? { faults: { noSamples: [{ test: 'idle' as const, node: 'client' as const }] } } : {}),
          });
          // runs one after another: the next starts a little after this one ended
          clock = workdir.mtime + 20 + rng.int(0, 40);
          const fork = forkWorkDir(workdir, host);
          const stem = `mtu-tests/${testbed}/results/${network}/${mtu}/${bed.host}_${run}.knbdata`;
          files.push({ path: stem, bytes: writeKnbdata(fork) });
          files.push({ path: `${stem}.json`, bytes: encoder.encode(forkRendering(renderKnb(fork, 'json'))) });
          files.push({ path: `${stem}.yaml`, bytes: encoder.encode(forkRendering(renderKnb(fork, 'yaml'))) });
        }
      }
    }
  }
  return files;
}
