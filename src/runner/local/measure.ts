/**
 * One knb-equivalent run on this host: the iperf3 server in the "server" namespace, knb's client commands in the
 * "client" namespace, the host's CPU and memory sampled once a second, and every file knb's work directory would
 * hold (FORMATS.md §2, §6), packed by the project's knb writer.
 *
 * Differences from knb on a cluster, by necessity: pod-to-service tests are not run (there is no Service; their
 * pod names are empty in `env`, as when knb's `-ot` skips them); client and server monitors read the same host, so
 * their samples are the same; `k8s-version` is empty.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { release } from 'node:os';
import {
  averageFile,
  metricsFile,
  podName,
  writeKnbdata,
  type KnbFile,
  type KnbTest,
  type KnbWorkDir,
  cFixed,
} from '../../knb/index.js';
import { cpuPercent, parseProcStat, usedMemoryMiB, type CpuTimes } from './proc.js';
import type { LocalArgs, LocalTest } from './args.js';
import { run, type Topology } from './netns.js';

type MetricsLine = readonly [string, string, string, string, string, string, string];

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The monitor: one line a second, `%user %nice %system %iowait %steal used-MiB timestamp`, like knb's monit.sh. */
export class HostMonitor {
  private readonly lines: MetricsLine[] = [];
  private timer: NodeJS.Timeout | null = null;
  private last: CpuTimes;

  constructor(private readonly read: (path: string) => string = (p) => readFileSync(p, 'utf8')) {
    this.last = parseProcStat(this.read('/proc/stat'));
  }

  start(): void {
    this.timer = setInterval(() => this.sample(), 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sample(): void {
    const next = parseProcStat(this.read('/proc/stat'));
    const cpu = cpuPercent(this.last, next);
    this.last = next;
    const ram = usedMemoryMiB(this.read('/proc/meminfo'));
    this.lines.push([
      cFixed(cpu.user, 2),
      cFixed(cpu.nice, 2),
      cFixed(cpu.system, 2),
      cFixed(cpu.iowait, 2),
      cFixed(cpu.steal, 2),
      String(ram),
      String(nowSeconds()),
    ]);
  }

  /** True once a sample of second `t` (or later) exists. */
  reached(t: number): boolean {
    const last = this.lines.at(-1);
    return last !== undefined && Number(last[6]) >= t;
  }

  /** stats.sh START STOP: the lines whose timestamp is in [start, end]. */
  window(start: number, end: number): MetricsLine[] {
    return this.lines.filter((l) => Number(l[6]) >= start && Number(l[6]) <= end);
  }
}

/** knb's iperf3 client command line for a test (FORMATS.md §2). */
export function clientCommand(
  test: LocalTest,
  target: string,
  args: Pick<LocalArgs, 'duration' | 'socketBufferSize'>,
): string[] {
  if (test === 'idle') return ['sleep', String(args.duration)];
  const udp = test === 'p2p-udp';
  return [
    'iperf3',
    ...(udp ? ['-u', '-b', '0'] : []),
    '-c',
    target,
    '-O',
    '1',
    ...(udp && args.socketBufferSize !== null ? ['-w', args.socketBufferSize] : []),
    '-f',
    'm',
    '-t',
    String(args.duration),
  ];
}

/** The 7th field of the `receiver` line (what knb writes to `.bw`), or '' when iperf3 printed none. */
export function receiverBandwidth(log: string): string {
  const line = log.split('\n').find((l) => l.includes('receiver'));
  return line === undefined ? '' : (line.trim().split(/\s+/)[6] ?? '');
}

function envFile(args: LocalArgs, date: string, execId: number): string {
  const pods = (['idle', 'p2p-tcp', 'p2p-udp', 'p2s-tcp', 'p2s-udp'] as const).map((t) => {
    const key = { idle: 'IDLE_POD_NAME', 'p2p-tcp': 'CLIENT_TCP_P2P_POD_NAME', 'p2p-udp': 'CLIENT_UDP_P2P_POD_NAME',
      'p2s-tcp': 'CLIENT_TCP_P2S_POD_NAME', 'p2s-udp': 'CLIENT_UDP_P2S_POD_NAME' }[t]; // prettier-ignore
    return `${key}="${(args.tests as readonly string[]).includes(t) ? podName(t, execId) : ''}"`;
  });
  return [
    `BENCHMARK_RUN_NAME="${args.name}"`,
    'GENERATOR="knb"',
    'VERSION="1.5.0"',
    `BENCHMARK_DATE="${date}"`,
    `SERVER_NODE="${args.serverNode}"`,
    `CLIENT_NODE="${args.clientNode}"`,
    '',
    `SOCKET_BUFFER_SIZE="${args.socketBufferSize ?? 'auto'}"`,
    '',
    `MONITOR_SERVER_POD_NAME="knb-monitor-server-${execId}"`,
    `MONITOR_CLIENT_POD_NAME="knb-monitor-client-${execId}"`,
    `SERVER_POD_NAME="knb-server-${execId}"`,
    '',
    ...pods,
    '',
    // not knb's: says these numbers come from two network namespaces on one host, not from a cluster
    'CNIBENCH_BACKEND="local"',
    '',
  ].join('\n');
}

function cpuModel(): string {
  try {
    const lines = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('model name'));
    // knb: grep "model name" | tail -n 1 | awk -F: '{print $2}', echoed unquoted (blanks collapsed)
    return (lines.at(-1)?.split(':')[1] ?? '').trim().replace(/\s+/g, ' ');
  } catch {
    return '';
  }
}

function collect(child: ChildProcess): Promise<{ output: string; code: number | null }> {
  return new Promise((resolvePromise) => {
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => resolvePromise({ output: output + `${e.message}\n`, code: null }));
    child.on('close', (code) => resolvePromise({ output, code }));
  });
}

/**
 * Run the tests on an existing topology and return knb's work directory. `children` receives every process started,
 * so that the caller can kill them on a signal.
 */
export async function measure(args: LocalArgs, topology: Topology, children: Set<ChildProcess>): Promise<KnbWorkDir> {
  const execId = process.pid;
  const files: KnbFile[] = [];
  const add = (name: string, content: string) => files.push({ name, content, mtime: nowSeconds() });
  const start = nowSeconds();
  const date = new Date(start * 1000).toISOString().replace('T', ' ').slice(0, 19);
  add('env', envFile(args, date, execId));
  const monitor = new HostMonitor();
  monitor.start();
  const server = spawn('ip', ['netns', 'exec', topology.server, 'iperf3', '-s'], { stdio: 'ignore' });
  children.add(server);
  try {
    add('cpu', `${cpuModel()}\n`);
    add('kernel', `${release()}\n`);
    add('k8s-version', '\n');
    add('mtu', `${topology.mtu}\n`);
    await waitForServer(topology);
    for (const test of args.tests) {
      const pod = podName(test as KnbTest, execId);
      const argv = clientCommand(test, topology.serverAddress, args);
      const windowStart = nowSeconds();
      const windowEnd = windowStart + args.duration;
      let log: string;
      if (test === 'idle') {
        await sleep(args.duration * 1000);
        log = '0 0 0 0 0 0 0 receiver\n';
      } else {
        const client = spawn('ip', ['netns', 'exec', topology.client, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
        children.add(client);
        log = (await collect(client)).output;
        children.delete(client);
      }
      // knb collects the monitors after the window: wait for the sample of its last second
      while (!monitor.reached(windowEnd)) await sleep(100);
      add(`${pod}.log`, log);
      add(`${pod}.bw`, `${test === 'idle' ? '0' : receiverBandwidth(log)}\n`);
      const metrics = metricsFile(monitor.window(windowStart, windowEnd));
      for (const node of ['server', 'client'] as const) {
        add(`${pod}-${node}.metrics`, metrics);
        add(`${pod}-${node}.avg`, averageFile(metrics));
      }
    }
  } finally {
    monitor.stop();
    server.kill('SIGKILL');
    children.delete(server);
  }
  return { files, mtime: nowSeconds() };
}

/** iperf3 -s takes a moment to listen: probe with a 1-second TCP test until it answers (at most ~5 s). */
async function waitForServer(topology: Topology): Promise<void> {
  for (let i = 0; i < 25; i++) {
    try {
      const out = await run('ip', ['netns', 'exec', topology.server, 'ss', '-Hltn', 'sport', '=', ':5201']);
      if (out.trim() !== '') return;
    } catch {
      // ss not ready or absent: fall through to the delay
    }
    await sleep(200);
  }
}

export { writeKnbdata };
