/**
 * The bundled example campaign (fixtures/example-campaign): the reference study's design (FACTS.md) — 2 testbeds ×
 * 4 distributions × 5 plugins × 10 iterations of knb — with every cell's ground truth chosen so that each number
 * and pattern stated in FACTS.md holds in the generated data. SYNTHETIC: the study's raw data was never published.
 *
 * Each parameter row says where it comes from: a FACTS.md line, or `assumed` where the paper states nothing.
 * The most specific row wins (exact testbed / distribution / plugin before `*`).
 */
import type {
  CampaignFault,
  CampaignOptions,
  CampaignCell,
  CellParameters,
  LevelSpec,
  RunFormat,
  TestbedSpec,
} from './campaign.js';
import { generateCampaign, writeCampaign } from './campaign.js';
import type { KnbTest } from '../knb/index.js';
import type { TestTarget } from './workdir.js';
import { missingParameter } from './messages.js';

/** One row of the parameter table. */
export interface ExampleParameter {
  /** what the value sets (see PARAMETER_MEANINGS) */
  readonly parameter: string;
  /** a testbed id or `*` */
  readonly testbed: string;
  /** a distribution id or `*` */
  readonly distribution: string;
  /** a plugin id or `*` */
  readonly plugin: string;
  readonly value: number;
  readonly unit: string;
  /** `FACTS.md: …` (the stated fact it implements) or `assumed: …` (why this value) */
  readonly source: string;
}

/** What each parameter name means, for printing the table. */
export const PARAMETER_MEANINGS: Readonly<Record<string, string>> = {
  'cpu.idle': 'CPU total of both nodes during the idle test, on vanilla K8s',
  'cpu.tcp': 'CPU total of both nodes during pod-to-pod TCP, on vanilla K8s',
  'cpu.udp': 'CPU total of both nodes during pod-to-pod UDP, on vanilla K8s',
  'cpu.tcp.distribution': 'multiplier of TCP CPU for a distribution (vs vanilla K8s)',
  'cpu.p2s': 'multiplier of CPU for pod-to-Service vs pod-to-pod (kube-proxy DNAT)',
  'ram.k8s': 'used memory of the client node, idle, vanilla K8s',
  'ram.distribution': 'multiplier of RAM of every test and node for a distribution (vs vanilla K8s)',
  'ram.load': 'multiplier of RAM during a loaded test vs idle (same for TCP and UDP)',
  'ram.server': 'extra RAM of the server node on vanilla K8s (iperf3 server pod), scaled with the distribution',
  'bw.tcp': 'pod-to-pod TCP throughput on vanilla K8s',
  'bw.udp': 'pod-to-pod UDP throughput on vanilla K8s',
  'bw.tcp.distribution': 'multiplier of TCP throughput for a distribution',
  'bw.udp.distribution': 'multiplier of UDP throughput for a distribution',
  'bw.p2s': 'multiplier of throughput for pod-to-Service vs pod-to-pod',
  'spread.cpu': 'relative sd of CPU between iterations',
  'spread.ram': 'relative sd of RAM between iterations',
  'spread.bw': 'relative sd of throughput between iterations',
  mtu: 'MTU of the pod interface (the `mtu` file)',
};

const FIG1 = 'FACTS.md, stated results intra-host (ATH, Fig. 1)';
const FIG2 = 'FACTS.md, stated results inter-host (UOM, Fig. 2)';
const KNB2020 = 'FACTS.md, other public numbers: knb CNI benchmark August 2020';

function p(
  parameter: string,
  scope: [string, string, string],
  value: number,
  unit: string,
  source: string,
): ExampleParameter {
  const [testbed, distribution, plugin] = scope;
  return { parameter, testbed, distribution, plugin, value, unit, source };
}

const PARAMETERS: readonly ExampleParameter[] = [
  // ---- CPU, idle: the 2020 knb benchmark's idle server CPU (bare metal) × 1.5 for 4 vCPU nodes
  p('cpu.idle', ['*', '*', 'flannel'], 1.1, '%', `assumed: ${KNB2020} (Flannel 0.74 %) × 1.5 for 4 vCPU VMs`),
  p('cpu.idle', ['*', '*', 'calico'], 3.0, '%', `assumed: ${KNB2020} (Calico 2.0 %) × 1.5`),
  p('cpu.idle', ['*', '*', 'cilium'], 3.9, '%', `assumed: ${KNB2020} (Cilium 2.61 %) × 1.5`),
  p('cpu.idle', ['*', '*', 'kube-router'], 1.4, '%', `assumed: ${KNB2020} (Kube-router 0.92 %) × 1.5`),
  p('cpu.idle', ['*', '*', 'kube-ovn'], 7.5, '%', `assumed: ${KNB2020} (Kube-OVN 5.02 %) × 1.5`),
  // ---- CPU, ATH
  p('cpu.tcp', ['ATH', '*', 'flannel'], 10, '%', `${FIG1}: CPU, TCP: Flannel, Cilium about 10 % on average`),
  p('cpu.tcp', ['ATH', '*', 'cilium'], 10, '%', `${FIG1}: CPU, TCP: Flannel, Cilium about 10 % on average`),
  p('cpu.tcp', ['ATH', '*', 'calico'], 25, '%', `${FIG1}: CPU, TCP: Calico, Kube-router about 25 % on average`),
  p('cpu.tcp', ['ATH', '*', 'kube-router'], 25, '%', `${FIG1}: CPU, TCP: Calico, Kube-router about 25 % on average`),
  p(
    'cpu.tcp',
    ['ATH', '*', 'kube-ovn'],
    15,
    '%',
    'assumed: not stated; between Flannel/Cilium and Calico, below its UDP 37 %',
  ),
  p('cpu.udp', ['ATH', '*', '*'], 30, '%', `${FIG1}: CPU, UDP: all plugins but Kube-ovn about 30 % (UDP above TCP)`),
  p('cpu.udp', ['ATH', '*', 'kube-ovn'], 37, '%', `${FIG1}: CPU, UDP: Kube-ovn 37 %`),
  // ---- CPU, UOM: TCP up and UDP down vs ATH (Kube-router, Calico excepted), Flannel lowest, Kube-ovn highest
  p('cpu.tcp', ['UOM', '*', 'flannel'], 13, '%', `${FIG2}: TCP up vs intra-host; Flannel lowest (value assumed)`),
  p('cpu.tcp', ['UOM', '*', 'cilium'], 16, '%', `${FIG2}: TCP up vs intra-host (value assumed)`),
  p('cpu.tcp', ['UOM', '*', 'calico'], 25, '%', `${FIG2}: Calico excepted from the intra/inter-host change`),
  p('cpu.tcp', ['UOM', '*', 'kube-router'], 25, '%', `${FIG2}: Kube-router excepted from the intra/inter-host change`),
  p('cpu.tcp', ['UOM', '*', 'kube-ovn'], 27, '%', `${FIG2}: TCP up vs intra-host; Kube-ovn highest (value assumed)`),
  p(
    'cpu.udp',
    ['UOM', '*', 'flannel'],
    19,
    '%',
    `${FIG2}: UDP down, smaller TCP/UDP gap; Flannel lowest (value assumed)`,
  ),
  p('cpu.udp', ['UOM', '*', 'cilium'], 22, '%', `${FIG2}: UDP down, smaller TCP/UDP gap (value assumed)`),
  p('cpu.udp', ['UOM', '*', 'calico'], 30, '%', `${FIG2}: Calico excepted from the intra/inter-host change`),
  p('cpu.udp', ['UOM', '*', 'kube-router'], 30, '%', `${FIG2}: Kube-router excepted from the intra/inter-host change`),
  p('cpu.udp', ['UOM', '*', 'kube-ovn'], 33, '%', `${FIG2}: UDP down vs intra-host; Kube-ovn highest (value assumed)`),
  // ---- CPU across distributions: unchanged except Calico on K0s and MicroK8s (TCP, −20 %)
  p(
    'cpu.tcp.distribution',
    ['*', '*', '*'],
    1,
    '×',
    `${FIG1} and ${FIG2}: CPU across distributions: no significant change`,
  ),
  p(
    'cpu.tcp.distribution',
    ['*', 'k0s', 'calico'],
    0.8,
    '×',
    `${FIG1}: CPU, TCP: Calico on K0s and MicroK8s reduced by 20 %`,
  ),
  p(
    'cpu.tcp.distribution',
    ['*', 'mk8s', 'calico'],
    0.8,
    '×',
    `${FIG1}: CPU, TCP: Calico on K0s and MicroK8s reduced by 20 %`,
  ),
  p('cpu.p2s', ['*', '*', '*'], 1.03, '×', 'assumed: kube-proxy DNAT adds a little CPU to pod-to-Service'),
  // ---- RAM: base on vanilla K8s = 2020 idle server RAM + 300 MiB for a k8s 1.28 node (kubelet, containerd)
  p(
    'ram.k8s',
    ['*', '*', 'flannel'],
    900,
    'MiB',
    `assumed: ${KNB2020} (Flannel 597 MiB) + ~300 MiB for k8s 1.28 agents`,
  ),
  p('ram.k8s', ['*', '*', 'calico'], 960, 'MiB', `assumed: ${KNB2020} (Calico 657 MiB) + ~300 MiB`),
  p('ram.k8s', ['*', '*', 'cilium'], 1170, 'MiB', `assumed: ${KNB2020} (Cilium 866 MiB) + ~300 MiB`),
  p('ram.k8s', ['*', '*', 'kube-router'], 905, 'MiB', `assumed: ${KNB2020} (Kube-router 602 MiB) + ~300 MiB`),
  p('ram.k8s', ['*', '*', 'kube-ovn'], 1090, 'MiB', `assumed: ${KNB2020} (Kube-OVN 790 MiB) + ~300 MiB`),
  p('ram.distribution', ['*', 'k8s', '*'], 1, '×', 'FACTS.md, design: vanilla k8s is the baseline'),
  p('ram.distribution', ['*', '*', '*'], 1, '×', 'assumed: no stated change for this distribution × plugin'),
  p(
    'ram.distribution',
    ['*', 'k3s', 'flannel'],
    0.72,
    '×',
    `${FIG2}: RAM vs vanilla K8s: Flannel −28 % on K3s (ATH: same pattern, Flannel lowest on K3s)`,
  ),
  p('ram.distribution', ['*', 'mk8s', 'flannel'], 0.85, '×', `${FIG2}: RAM vs vanilla K8s: Flannel −15 % on MicroK8s`),
  p(
    'ram.distribution',
    ['*', 'k0s', 'flannel'],
    0.8,
    '×',
    'assumed: not stated; makes Kube-router on K0s "close to Flannel" (FACTS.md ATH RAM)',
  ),
  p(
    'ram.distribution',
    ['*', 'k0s', 'kube-router'],
    0.79,
    '×',
    `${FIG2}: RAM vs vanilla K8s: Kube-router −21 % on K0s (ATH: minimal on K0s)`,
  ),
  p('ram.distribution', ['*', 'k3s', 'calico'], 0.94, '×', `${FIG2}: RAM vs vanilla K8s: Calico −6 % on K3s`),
  p('ram.distribution', ['*', 'k0s', 'calico'], 0.84, '×', `${FIG2}: RAM vs vanilla K8s: Calico −16 % on K0s`),
  p('ram.distribution', ['*', 'mk8s', 'calico'], 0.63, '×', `${FIG2}: RAM vs vanilla K8s: Calico −37 % on MicroK8s`),
  p(
    'ram.distribution',
    ['*', 'mk8s', 'kube-ovn'],
    1.16,
    '×',
    `${FIG2}: RAM vs vanilla K8s: Kube-ovn +16 % on MicroK8s`,
  ),
  p('ram.distribution', ['*', 'k3s', 'cilium'], 1.14, '×', `${FIG2}: RAM vs vanilla K8s: Cilium +14 % on K3s`),
  p(
    'ram.load',
    ['*', '*', '*'],
    1.015,
    '×',
    'FACTS.md ATH: TCP vs UDP does not change RAM (same multiplier for both; +1.5 % assumed for iperf3 buffers)',
  ),
  p('ram.server', ['*', '*', '*'], 12, 'MiB', 'assumed: the server node also runs the iperf3 server pod'),
  // ---- Throughput, ATH
  p(
    'bw.tcp',
    ['ATH', '*', 'calico'],
    9400,
    'Mbit/s',
    `${FIG1}: Throughput, TCP: Calico, Kube-router above 9000 Mbit/s`,
  ),
  p(
    'bw.tcp',
    ['ATH', '*', 'kube-router'],
    9600,
    'Mbit/s',
    `${FIG1}: Throughput, TCP: Calico, Kube-router above 9000 Mbit/s`,
  ),
  p(
    'bw.tcp',
    ['ATH', '*', 'flannel'],
    1000,
    'Mbit/s',
    `${FIG1}: Throughput, TCP: Flannel, Cilium, Kube-ovn about 1000 Mbit/s`,
  ),
  p(
    'bw.tcp',
    ['ATH', '*', 'cilium'],
    1050,
    'Mbit/s',
    `${FIG1}: Throughput, TCP: Flannel, Cilium, Kube-ovn about 1000 Mbit/s`,
  ),
  p(
    'bw.tcp',
    ['ATH', '*', 'kube-ovn'],
    980,
    'Mbit/s',
    `${FIG1}: Throughput, TCP: Flannel, Cilium, Kube-ovn about 1000 Mbit/s`,
  ),
  p('bw.udp', ['ATH', '*', '*'], 980, 'Mbit/s', `${FIG1}: Throughput, UDP: all near 1000 Mbit/s`),
  p('bw.udp', ['ATH', '*', 'kube-router'], 1020, 'Mbit/s', `${FIG1}: Throughput, UDP: all near 1000 Mbit/s`),
  p('bw.udp', ['ATH', '*', 'kube-ovn'], 940, 'Mbit/s', `${FIG1}: Throughput, UDP: all near 1000 Mbit/s`),
  // ---- Throughput, UOM: none above 1000; Kube-router > Calico > Cilium/Kube-ovn > Flannel (TCP lowest)
  p('bw.tcp', ['UOM', '*', 'kube-router'], 940, 'Mbit/s', `${FIG2}: no plugin above 1000 Mbit/s; Kube-router highest`),
  p('bw.tcp', ['UOM', '*', 'calico'], 900, 'Mbit/s', `${FIG2}: Calico and Kube-router above Flannel and Cilium`),
  p(
    'bw.tcp',
    ['UOM', '*', 'cilium'],
    780,
    'Mbit/s',
    `${FIG2}: Calico and Kube-router above Flannel and Cilium (value assumed)`,
  ),
  p('bw.tcp', ['UOM', '*', 'kube-ovn'], 800, 'Mbit/s', 'assumed: not stated; overlay (Geneve) like Cilium'),
  p('bw.tcp', ['UOM', '*', 'flannel'], 610, 'Mbit/s', `${FIG2}: Flannel low, especially TCP`),
  p('bw.udp', ['UOM', '*', 'kube-router'], 950, 'Mbit/s', `${FIG2}: Kube-router highest (TCP and UDP)`),
  p('bw.udp', ['UOM', '*', 'calico'], 880, 'Mbit/s', `${FIG2}: Calico and Kube-router above Flannel and Cilium`),
  p(
    'bw.udp',
    ['UOM', '*', 'cilium'],
    800,
    'Mbit/s',
    `${FIG2}: Calico and Kube-router above Flannel and Cilium (value assumed)`,
  ),
  p('bw.udp', ['UOM', '*', 'kube-ovn'], 810, 'Mbit/s', 'assumed: not stated; overlay (Geneve) like Cilium'),
  p('bw.udp', ['UOM', '*', 'flannel'], 760, 'Mbit/s', `${FIG2}: Flannel low, especially TCP (UDP less so)`),
  p(
    'bw.tcp.distribution',
    ['*', '*', '*'],
    1,
    '×',
    `${FIG2}: Kube-ovn and Cilium gain nothing on lightweight distributions (others not stated)`,
  ),
  p(
    'bw.udp.distribution',
    ['*', '*', '*'],
    1,
    '×',
    `${FIG1}: Throughput, UDP: all near 1000 Mbit/s across distributions`,
  ),
  p(
    'bw.tcp.distribution',
    ['ATH', 'k0s', 'calico'],
    0.55,
    '×',
    `${FIG1}: Throughput, TCP: Calico on K0s and MicroK8s decreased (size assumed: overlay)`,
  ),
  p(
    'bw.tcp.distribution',
    ['ATH', 'mk8s', 'calico'],
    0.55,
    '×',
    `${FIG1}: Throughput, TCP: Calico on K0s and MicroK8s decreased (size assumed: overlay)`,
  ),
  p(
    'bw.tcp.distribution',
    ['UOM', 'k0s', 'calico'],
    0.85,
    '×',
    `${FIG2}: Calico lower on K0s and MicroK8s (size assumed)`,
  ),
  p(
    'bw.tcp.distribution',
    ['UOM', 'mk8s', 'calico'],
    0.85,
    '×',
    `${FIG2}: Calico lower on K0s and MicroK8s (size assumed)`,
  ),
  p(
    'bw.udp.distribution',
    ['UOM', 'k0s', 'calico'],
    0.88,
    '×',
    `${FIG2}: Calico lower on K0s and MicroK8s (size assumed)`,
  ),
  p(
    'bw.udp.distribution',
    ['UOM', 'mk8s', 'calico'],
    0.88,
    '×',
    `${FIG2}: Calico lower on K0s and MicroK8s (size assumed)`,
  ),
  p(
    'bw.p2s',
    ['*', '*', '*'],
    0.98,
    '×',
    'assumed: pod-to-Service a little below pod-to-pod (DNAT), as in the 2020 knb numbers',
  ),
  // ---- iteration-to-iteration spread
  p('spread.cpu', ['*', '*', '*'], 0.05, 'sd', 'assumed: CPU sd ~5 % between iterations (task brief)'),
  p('spread.ram', ['*', '*', '*'], 0.015, 'sd', 'assumed: RAM sd ~1.5 % between iterations (task brief)'),
  p('spread.bw', ['*', '*', '*'], 0.03, 'sd', 'assumed: throughput sd 3 % between iterations'),
  p('spread.bw', ['*', '*', 'kube-router'], 0.012, 'sd', `${FIG2}: Kube-router the most consistent`),
  p('spread.bw', ['*', '*', 'flannel'], 0.05, 'sd', 'assumed: lightweight overlay, least steady'),
  // ---- MTU of the pod interface
  p('mtu', ['*', '*', '*'], 1450, 'bytes', 'assumed: VXLAN overlay on a 1500-byte network (Flannel, Cilium)'),
  p('mtu', ['*', '*', 'calico'], 1480, 'bytes', 'assumed: Calico IP-in-IP (underlay routing) on vanilla K8s and K3s'),
  p(
    'mtu',
    ['*', 'k0s', 'calico'],
    1450,
    'bytes',
    'FACTS.md: Calico on K0s/MicroK8s shifts from underlay to overlay (VXLAN)',
  ),
  p(
    'mtu',
    ['*', 'mk8s', 'calico'],
    1450,
    'bytes',
    'FACTS.md: Calico on K0s/MicroK8s shifts from underlay to overlay (VXLAN)',
  ),
  p('mtu', ['*', '*', 'kube-router'], 1500, 'bytes', 'assumed: Kube-router routes pod traffic without encapsulation'),
  p('mtu', ['*', '*', 'kube-ovn'], 1400, 'bytes', 'assumed: Kube-OVN Geneve overlay default MTU'),
];

export const EXAMPLE_TESTBEDS: readonly TestbedSpec[] = [
  {
    id: 'ATH',
    label: 'ATH (intra-host)',
    description:
      'intra-host: all VMs on one Dell PowerEdge T640 (Intel Xeon Silver 4210R); 1 master + 2 workers, 4 vCPU, 4 GB RAM, Ubuntu 22.04.2, kernel 5.15.0-71, XCP-ng',
    cpuModel: 'Intel(R) Xeon(R) Silver 4210R CPU @ 2.40GHz',
    kernel: '5.15.0-71-generic',
  },
  {
    id: 'UOM',
    label: 'UOM (inter-host)',
    description:
      'inter-host: two Dell PowerEdge R630 (2× Intel Xeon E5-2620 v4); master + one worker on the first, the other worker on the second; 4 vCPU, 4 GB RAM, Ubuntu 22.04.2, kernel 5.15.0-71, XCP-ng',
    cpuModel: 'Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz',
    kernel: '5.15.0-71-generic',
  },
];

export const EXAMPLE_DISTRIBUTIONS: readonly LevelSpec[] = [
  { id: 'k8s', label: 'K8s' },
  { id: 'k3s', label: 'K3s' },
  { id: 'k0s', label: 'K0s' },
  { id: 'mk8s', label: 'MicroK8s' },
];

export const EXAMPLE_PLUGINS: readonly LevelSpec[] = [
  { id: 'flannel', label: 'Flannel' },
  { id: 'calico', label: 'Calico' },
  { id: 'cilium', label: 'Cilium' },
  { id: 'kube-router', label: 'Kube-router' },
  { id: 'kube-ovn', label: 'Kube-OVN' },
];

/** Realistic faults planted in the example (each noted in campaign.yaml). */
export const EXAMPLE_FAULTS: readonly CampaignFault[] = [
  {
    testbed: 'UOM',
    distribution: 'k0s',
    plugin: 'cilium',
    iteration: 4,
    kind: 'empty-bandwidth',
    test: 'p2s-udp',
    note: 'failed iteration: pod-to-Service UDP client log empty (kubectl logs returned nothing), so the bandwidth is empty',
  },
  {
    testbed: 'ATH',
    distribution: 'k3s',
    plugin: 'cilium',
    iteration: 7,
    kind: 'outlier',
    factor: 0.45,
    note: 'outlier run: throughput of every loaded test at 45 % of the cell (a noisy neighbour on the hypervisor)',
  },
  {
    testbed: 'UOM',
    distribution: 'mk8s',
    plugin: 'kube-ovn',
    iteration: 2,
    kind: 'no-samples',
    test: 'p2s-tcp',
    node: 'server',
    note: 'server monitor returned no samples during pod-to-Service TCP (.avg has its header only: empty CPU and RAM)',
  },
];

/** Cells whose runs are stored as rendered reports instead of archives, so that every knb format is exercised. */
export const EXAMPLE_FORMATS: readonly {
  readonly cell: CampaignCell;
  readonly format: RunFormat;
  readonly why: string;
}[] = [
  { cell: { testbed: 'ATH', distribution: 'k3s', plugin: 'flannel' }, format: 'json', why: 'knb -o json reports' },
  {
    cell: { testbed: 'UOM', distribution: 'k0s', plugin: 'kube-router' },
    format: 'yaml',
    why: 'knb -o yaml reports',
  },
  { cell: { testbed: 'ATH', distribution: 'mk8s', plugin: 'calico' }, format: 'text', why: 'knb text reports' },
  {
    cell: { testbed: 'UOM', distribution: 'k3s', plugin: 'flannel' },
    format: 'ibdbench',
    why: 'knb -o ibdbench rows',
  },
];

/** The example campaign's seed and size. */
export const EXAMPLE_SEED = 20240115;
export const EXAMPLE_ITERATIONS = 10;

/** The parameter table of the example campaign, with each value's source. */
export const EXAMPLE_CAMPAIGN = {
  name: 'Synthetic replica of Koukis et al. 2024 (ISCC) — CNI plugins across K8s distributions',
  seed: EXAMPLE_SEED,
  iterations: EXAMPLE_ITERATIONS,
  testbeds: EXAMPLE_TESTBEDS,
  distributions: EXAMPLE_DISTRIBUTIONS,
  plugins: EXAMPLE_PLUGINS,
  parameters: PARAMETERS,
  faults: EXAMPLE_FAULTS,
  formats: EXAMPLE_FORMATS,
} as const;

function specificity(row: ExampleParameter): number {
  return (row.testbed !== '*' ? 4 : 0) + (row.distribution !== '*' ? 2 : 0) + (row.plugin !== '*' ? 1 : 0);
}

/**
 * The value of a parameter for a cell: the most specific matching row.
 * @throws RangeError when no row matches (a gap in the table)
 */
export function exampleParameter(parameter: string, key: CampaignCell): number {
  let best: ExampleParameter | undefined;
  for (const row of PARAMETERS) {
    if (row.parameter !== parameter) continue;
    if (row.testbed !== '*' && row.testbed !== key.testbed) continue;
    if (row.distribution !== '*' && row.distribution !== key.distribution) continue;
    if (row.plugin !== '*' && row.plugin !== key.plugin) continue;
    if (!best || specificity(row) > specificity(best)) best = row;
  }
  if (!best) throw new RangeError(missingParameter(parameter, `${key.testbed}/${key.distribution}/${key.plugin}`));
  return best.value;
}

/** The ground truth of one example cell (the means its 10 runs are drawn around). */
export function exampleCell(key: CampaignCell): CellParameters {
  const v = (name: string): number => exampleParameter(name, key);
  // RAM is multiplicative everywhere (node, test, distribution), so a stated % delta holds exactly for every
  // test and both nodes: the cell's runs are drawn around base × factor (iteration effects are ordinary noise, not
  // centred: the cell mean misses it by about sd/√10, as a measured one would)
  const ram = (node: 'client' | 'server', loaded: boolean): number =>
    (v('ram.k8s') + (node === 'server' ? v('ram.server') : 0)) * v('ram.distribution') * (loaded ? v('ram.load') : 1);
  const target = (cpu: number, bandwidth: number, loaded: boolean): TestTarget => ({
    bandwidth,
    // FACTS.md does not say which node the figures show: both nodes carry the stated CPU
    client: { cpu, ram: ram('client', loaded) },
    server: { cpu, ram: ram('server', loaded) },
  });
  const tcpCpu = v('cpu.tcp') * v('cpu.tcp.distribution');
  const udpCpu = v('cpu.udp');
  const tcpBw = v('bw.tcp') * v('bw.tcp.distribution');
  const udpBw = v('bw.udp') * v('bw.udp.distribution');
  const p2sCpu = v('cpu.p2s');
  const p2sBw = v('bw.p2s');
  const targets: Record<KnbTest, TestTarget> = {
    idle: target(v('cpu.idle'), 0, false),
    'p2p-tcp': target(tcpCpu, tcpBw, true),
    'p2p-udp': target(udpCpu, udpBw, true),
    'p2s-tcp': target(tcpCpu * p2sCpu, tcpBw * p2sBw, true),
    'p2s-udp': target(udpCpu * p2sCpu, udpBw * p2sBw, true),
  };
  return {
    targets,
    mtu: String(v('mtu')),
    spread: { cpu: v('spread.cpu'), ram: v('spread.ram'), bandwidth: v('spread.bw') },
  };
}

const DESCRIPTION = `SYNTHETIC DATA — not measurements. Generated by \`cnibench fixtures generate\` (src/synth) to mirror the
design of Koukis et al., "Performance Evaluation of Kubernetes Networking Approaches across Constraint Edge
Environments" (IEEE ISCC 2024, arXiv 2401.07674), whose raw data was never published: 2 testbeds x 4 distributions
x 5 CNI plugins x 10 knb 1.5.0 runs. Every cell's runs are drawn around a mean set so that the numbers and patterns
stated in the paper hold, with ordinary sampling noise: a cell's mean misses its parameter by about sd/sqrt(10), as a
measured one would (e.g. inter-host RAM vs vanilla K8s: Flannel -28 % on K3s and -15 % on MicroK8s, Kube-router -21 % on K0s,
Calico -6/-16/-37 % on K3s/K0s/MicroK8s, Kube-OVN +16 % on MicroK8s, Cilium +14 % on K3s; intra-host TCP CPU ~10 %
Flannel/Cilium, ~25 % Calico/Kube-router, Calico -20 % on K0s/MicroK8s; UDP CPU ~30 %, Kube-OVN 37 %). Values the
paper does not state are assumed. The full parameter table with the source of each value is EXAMPLE_CAMPAIGN in
src/synth/example.ts. Runs are mostly .knbdata archives; some cells are knb json/yaml/text/ibdbench reports.`;

/** Options of generateCampaign for the bundled example (pass another seed or iteration count to vary it). */
export function exampleCampaignOptions(overrides: { seed?: number; iterations?: number } = {}): CampaignOptions {
  return {
    seed: overrides.seed ?? EXAMPLE_SEED,
    iterations: overrides.iterations ?? EXAMPLE_ITERATIONS,
    name: EXAMPLE_CAMPAIGN.name,
    description: DESCRIPTION,
    testbeds: EXAMPLE_TESTBEDS,
    distributions: EXAMPLE_DISTRIBUTIONS,
    plugins: EXAMPLE_PLUGINS,
    baseline: 'k8s',
    cell: exampleCell,
    format: (key) =>
      EXAMPLE_FORMATS.find(
        (f) =>
          f.cell.testbed === key.testbed && f.cell.distribution === key.distribution && f.cell.plugin === key.plugin,
      )?.format ?? 'knbdata',
    faults: EXAMPLE_FAULTS.filter((f) => f.iteration <= (overrides.iterations ?? EXAMPLE_ITERATIONS)),
    start: '2023-10-02 09:00:00',
    knbVersion: '1.5.0',
    // ordinary sampling noise in the cell means (issue 13): the example must not be more exact than a real campaign
    centred: false,
  };
}

/** The example campaign's files (see generateCampaign). */
export function generateExampleCampaign(overrides: { seed?: number; iterations?: number } = {}) {
  return generateCampaign(exampleCampaignOptions(overrides));
}

/** Write the example campaign into `dir`. */
export function writeExampleCampaign(dir: string, overrides: { seed?: number; iterations?: number } = {}) {
  return writeCampaign(dir, exampleCampaignOptions(overrides));
}
