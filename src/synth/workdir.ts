/**
 * One knb run, synthesised: every file knb's work directory would hold (FORMATS.md §2, §6), from target means and
 * a seed. The timeline follows knb's script: env at start, detection files, then the tests one after the other,
 * each with its own pod start delay, a DURATION-second window, logs, metrics and averages.
 */
import { IDLE_SPLIT, LOAD_SPLIT, monitorSamples } from './metrics.js';
import { IDLE_LOG, iperfClientLog } from './iperf3-log.js';
import { createRng } from './rng.js';
import {
  averageFile,
  metricsFile,
  KNB_TESTS,
  podName,
  TEST_ENV_KEYS,
  type KnbFile,
  type KnbTest,
  type KnbWorkDir,
} from '../knb/index.js';
import { invalidOption } from './messages.js';

/** Mean usage of one node during one test. */
export interface NodeLoad {
  /** CPU total, % of the node (sar `all`, 0–100) */
  readonly cpu: number;
  /** used memory, MiB (`free -m`) */
  readonly ram: number;
}

/** What one test should measure: the means the generated samples are drawn around. */
export interface TestTarget {
  /** receiver bitrate, Mbit/s (ignored for idle, which always yields 0) */
  readonly bandwidth: number;
  readonly client: NodeLoad;
  readonly server: NodeLoad;
}

/** Faults real campaigns show; each leaves the traces knb would leave. */
export interface SynthFaults {
  /** tests whose iperf3 output has no `receiver` line (kubectl logs returned nothing): empty `.bw` */
  readonly emptyBandwidth?: readonly KnbTest[];
  /** monitors that returned no samples for a test: `.metrics` header only, `.avg` header only */
  readonly noSamples?: readonly { readonly test: KnbTest; readonly node: 'client' | 'server' }[];
  /**
   * an outlier run: multipliers of the loaded tests' bandwidth and CPU (idle untouched), e.g. `{ bandwidth: 0.45 }`
   * for a noisy neighbour on the hypervisor; default 1 each
   */
  readonly outlier?: { readonly bandwidth?: number; readonly cpu?: number };
}

export interface SynthRunOptions {
  /** seed of every random draw (required: there is no hidden randomness) */
  readonly seed: number;
  /** `--name`; default `knb-<execId>` as knb names runs */
  readonly name?: string;
  /** BENCHMARK_DATE, UTC `YYYY-MM-DD HH:MM:SS`; default `2023-10-02 09:00:00` */
  readonly date?: string;
  /** knb VERSION in env; default `1.5.0` */
  readonly version?: string;
  /** the script's PID, suffix of every pod name; default drawn from the seed (1000–65000) */
  readonly execId?: number;
  /** default `worker-1` */
  readonly serverNode?: string;
  /** default `worker-2` */
  readonly clientNode?: string;
  /** `-sbs`; default `auto` */
  readonly socketBufferSize?: string;
  /** `cpu` file (model name); default `Intel(R) Xeon(R) Silver 4210R CPU @ 2.40GHz` */
  readonly cpuModel?: string;
  /** `kernel` file; default `5.15.0-71-generic` */
  readonly kernel?: string;
  /** `k8s-version` file; default '' (kubectl ≥ 1.28 has no `version --short`, FACTS.md) */
  readonly k8sVersion?: string;
  /** `mtu` file (space-separated when several interfaces are up); default `1450` */
  readonly mtu?: string;
  /** `-d` seconds; default 10 */
  readonly duration?: number;
  /** tests that ran (`-ot`); default all five */
  readonly tests?: readonly KnbTest[];
  /** means per test; default DEFAULT_TARGETS */
  readonly targets?: Partial<Record<KnbTest, TestTarget>>;
  /** per-second noise; defaults: CPU 8 % relative, RAM 1.5 MiB, bitrate 2 % relative */
  readonly noise?: { readonly cpu?: number; readonly ram?: number; readonly bandwidth?: number };
  /**
   * Reproduce ≤1.4.1 data taken before `kubectl exec -i` (commit 7d80e2e): `cpu`/`kernel` end with `\r\n` and
   * `.metrics` lines with CRLF. Default false (1.5.0 data is CRLF-free).
   */
  readonly legacyTty?: boolean;
  readonly faults?: SynthFaults;
}

/** Plausible means of a 4 vCPU / 4 GB worker pair on an overlay network (assumed, not from the paper). */
export const DEFAULT_TARGETS: Readonly<Record<KnbTest, TestTarget>> = {
  idle: { bandwidth: 0, client: { cpu: 2.5, ram: 900 }, server: { cpu: 2.6, ram: 910 } },
  'p2p-tcp': { bandwidth: 1020, client: { cpu: 10, ram: 905 }, server: { cpu: 12, ram: 915 } },
  'p2p-udp': { bandwidth: 980, client: { cpu: 30, ram: 905 }, server: { cpu: 28, ram: 915 } },
  'p2s-tcp': { bandwidth: 1000, client: { cpu: 10.5, ram: 906 }, server: { cpu: 12.5, ram: 916 } },
  'p2s-udp': { bandwidth: 960, client: { cpu: 30.5, ram: 906 }, server: { cpu: 28.5, ram: 916 } },
};

/** `YYYY-MM-DD HH:MM:SS` (UTC) → Unix seconds. */
export function parseKnbDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(date);
  if (!match) throw new RangeError(invalidOption('date', date, 'a UTC date "YYYY-MM-DD HH:MM:SS"'));
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

/** Unix seconds → `YYYY-MM-DD HH:MM:SS` (UTC). */
export function formatKnbDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * Member order of the real archive `doc-antrea.u18.04-default-run1.knbdata` (GNU tar stores readdir order, an ext4
 * hash order): per-test files are named by test and role, detection files by name. Reused for every generated run.
 */
// prettier-ignore
const MEMBER_ORDER: readonly string[] = [
  'p2p-udp:log', 'idle:client.metrics', 'p2s-tcp:server.metrics', 'p2s-udp:client.avg', 'p2s-tcp:log',
  'p2p-tcp:client.metrics', 'p2s-udp:bw', 'idle:server.metrics', 'p2s-tcp:client.metrics', 'p2p-tcp:client.avg',
  'idle:client.avg', 'mtu', 'p2s-udp:server.avg', 'p2s-udp:log', 'p2p-tcp:bw', 'k8s-version', 'p2s-udp:server.metrics',
  'p2p-tcp:server.metrics', 'p2s-tcp:server.avg', 'p2p-tcp:server.avg', 'p2s-tcp:bw', 'p2p-udp:client.metrics',
  'p2s-tcp:client.avg', 'idle:server.avg', 'kernel', 'idle:log', 'p2p-udp:bw', 'cpu', 'p2p-udp:client.avg',
  'p2p-udp:server.metrics', 'p2s-udp:client.metrics', 'p2p-udp:server.avg', 'idle:bw', 'env', 'p2p-tcp:log',
];

function memberKey(name: string, execId: number): string {
  const suffix = new RegExp(`^knb-client-(idle|tcp|udp)-?(p2p|p2s)?-${execId}(?:-(client|server))?\\.(\\w+)$`);
  const match = suffix.exec(name);
  if (!match) return name;
  const [, kind, target, node, ext] = match;
  const test = kind === 'idle' ? 'idle' : `${target}-${kind}`;
  return `${test}:${node ? `${node}.` : ''}${ext}`;
}

function envFile(values: {
  name: string;
  version: string;
  date: string;
  serverNode: string;
  clientNode: string;
  socketBufferSize: string;
  execId: number;
  tests: readonly KnbTest[];
}): string {
  const pods = KNB_TESTS.map(
    (t) => `${TEST_ENV_KEYS[t]}="${values.tests.includes(t) ? podName(t, values.execId) : ''}"`,
  );
  return [
    `BENCHMARK_RUN_NAME="${values.name}"`,
    'GENERATOR="knb"',
    `VERSION="${values.version}"`,
    `BENCHMARK_DATE="${values.date}"`,
    `SERVER_NODE="${values.serverNode}"`,
    `CLIENT_NODE="${values.clientNode}"`,
    '',
    `SOCKET_BUFFER_SIZE="${values.socketBufferSize}"`,
    '',
    `MONITOR_SERVER_POD_NAME="knb-monitor-server-${values.execId}"`,
    `MONITOR_CLIENT_POD_NAME="knb-monitor-client-${values.execId}"`,
    `SERVER_POD_NAME="knb-server-${values.execId}"`,
    '',
    ...pods,
    '',
  ].join('\n');
}

function checkNumber(name: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min)
    throw new RangeError(invalidOption(name, String(value), `a number ≥ ${min}`));
}

/**
 * Everything knb's work directory holds after one run. Deterministic: the same options give the same files.
 * @throws RangeError naming the option when an option is out of range (negative CPU, unknown test, bad date)
 */
export function synthesizeRun(options: SynthRunOptions): KnbWorkDir {
  const rng = createRng(options.seed, 'run');
  const execId = options.execId ?? rng.int(1000, 65000);
  const name = options.name ?? `knb-${execId}`;
  const date = options.date ?? '2023-10-02 09:00:00';
  const start = parseKnbDate(date);
  const duration = options.duration ?? 10;
  checkNumber('duration', duration, 1);
  const tests = KNB_TESTS.filter((t) => (options.tests ?? KNB_TESTS).includes(t));
  for (const t of options.tests ?? []) {
    if (!(KNB_TESTS as readonly string[]).includes(t))
      throw new RangeError(invalidOption('tests', t, KNB_TESTS.join(', ')));
  }
  const mtu = options.mtu ?? '1450';
  const eol = options.legacyTty ? '\r\n' : '\n';
  const noise = { cpu: 0.08, ram: 1.5, bandwidth: 0.02, ...options.noise };
  const emptyBw = new Set(options.faults?.emptyBandwidth ?? []);
  const noSamples = new Set((options.faults?.noSamples ?? []).map((f) => `${f.test}:${f.node}`));

  const files = new Map<string, KnbFile>();
  const add = (fileName: string, content: string, mtime: number): void => {
    files.set(fileName, { name: fileName, content, mtime });
  };
  add(
    'env',
    envFile({
      name,
      version: options.version ?? '1.5.0',
      date,
      serverNode: options.serverNode ?? 'worker-1',
      clientNode: options.clientNode ?? 'worker-2',
      socketBufferSize: options.socketBufferSize ?? 'auto',
      execId,
      tests,
    }),
    start,
  );
  // monitors and the iperf3 server start, then detection runs in the server pod
  let clock = start + rng.int(6, 14);
  add('cpu', `${options.cpuModel ?? 'Intel(R) Xeon(R) Silver 4210R CPU @ 2.40GHz'}${eol}`, clock);
  add('kernel', `${options.kernel ?? '5.15.0-71-generic'}${eol}`, clock);
  add('k8s-version', `${options.k8sVersion ?? ''}\n`, clock);
  add('mtu', `${mtu}\n`, clock);

  const pathMtu = Number(mtu.split(' ')[0]) || 1500;
  const serverIp = `10.${rng.int(0, 3) === 0 ? 42 : 244}.${rng.int(1, 3)}.${rng.int(2, 60)}`;
  const serviceIp = `10.${rng.int(96, 111)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const clientSubnet = `${serverIp.split('.').slice(0, 2).join('.')}.${rng.int(4, 6)}`;
  for (const test of tests) {
    const testRng = rng.fork(test);
    const requested = options.targets?.[test] ?? DEFAULT_TARGETS[test];
    const outlier = test === 'idle' ? {} : (options.faults?.outlier ?? {});
    const cpuFactor = outlier.cpu ?? 1;
    const target: TestTarget = {
      bandwidth: requested.bandwidth * (outlier.bandwidth ?? 1),
      client: { cpu: requested.client.cpu * cpuFactor, ram: requested.client.ram },
      server: { cpu: requested.server.cpu * cpuFactor, ram: requested.server.ram },
    };
    for (const node of ['client', 'server'] as const) {
      checkNumber(`targets.${test}.${node}.cpu`, target[node].cpu, 0);
      checkNumber(`targets.${test}.${node}.ram`, target[node].ram, 0);
    }
    checkNumber(`targets.${test}.bandwidth`, target.bandwidth, 0);
    const pod = podName(test, execId);
    clock += testRng.int(3, 6); // pod scheduled, image present, Ready
    const windowStart = clock;
    const windowEnd = windowStart + duration;
    clock = windowEnd + testRng.int(1, 2); // phase Succeeded
    let log: string;
    if (test === 'idle') log = IDLE_LOG;
    else if (emptyBw.has(test)) log = '';
    else {
      const [kind, protocol] = test.split('-') as ['p2p' | 'p2s', 'tcp' | 'udp'];
      log = iperfClientLog(
        {
          target: kind === 'p2p' ? serverIp : `knb-server-${execId}`,
          connectedTo: kind === 'p2p' ? serverIp : serviceIp,
          localAddress: `${clientSubnet}.${testRng.int(2, 250)}`,
          protocol,
          bandwidth: target.bandwidth,
          duration,
          jitter: noise.bandwidth,
          mtu: pathMtu,
        },
        testRng.fork('iperf3'),
      );
    }
    add(`${pod}.log`, log, clock);
    // grep receiver | awk '{print $7}'
    const receiver = log.split('\n').find((l) => l.includes('receiver'));
    add(`${pod}.bw`, `${receiver !== undefined ? (receiver.split(/\s+/).filter(Boolean)[6] ?? '') : ''}\n`, clock);
    for (const node of ['server', 'client'] as const) {
      const samples = monitorSamples(
        {
          cpu: target[node].cpu,
          ram: target[node].ram,
          cpuNoise: noise.cpu,
          ramNoise: noise.ram,
          split: test === 'idle' ? IDLE_SPLIT : LOAD_SPLIT,
          start: windowStart,
          end: windowEnd,
          empty: noSamples.has(`${test}:${node}`),
        },
        testRng.fork(node),
      );
      const metrics = metricsFile(samples, eol);
      add(`${pod}-${node}.metrics`, metrics, clock);
      add(`${pod}-${node}.avg`, averageFile(metrics), clock);
      clock += testRng.int(0, 1);
    }
  }
  const ordered = [...files.values()].sort(
    (a, b) => MEMBER_ORDER.indexOf(memberKey(a.name, execId)) - MEMBER_ORDER.indexOf(memberKey(b.name, execId)),
  );
  return { files: ordered, mtime: clock };
}
