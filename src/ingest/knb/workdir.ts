/**
 * knb's work directory (what `-o data` packs and `-fd` reads back): `env`, the detection files and, per test,
 * `<pod>.bw`, `<pod>-{client,server}.metrics` and `.avg`. Used for `.knbdata` archives and extracted directories.
 * Values are knb's own `.avg` lines (what every other format renders); the per-second `.metrics` are averaged again
 * exactly as knb does and a difference is a warning naming the member.
 */
import { ingestMessages as msg } from '../../messages/ingest.js';
import type { CpuComponent, KnbFormat, NodeRole, Protocol, Test } from '../../model/vocabulary.js';
import { cFixed2, cInt } from './printf.js';
import { EMPTY_METADATA, type KnbNodeResult, type KnbRun, type KnbSamples, type KnbTestResult, type Measured } from './run.js';
import { packSamples } from './samples.js';
import { absent, type IssueSink, nodeResult, readMeasured } from './values.js';

/** env variable naming each test's client pod, in knb's order (node2node from PR #13, custom from the 1.5.1 fork). */
export const POD_VARIABLES: readonly { variable: string; test: Test; protocol: Protocol | null }[] = [
  { variable: 'IDLE_POD_NAME', test: 'idle', protocol: null },
  { variable: 'CLIENT_TCP_N2N_POD_NAME', test: 'n2n', protocol: 'tcp' },
  { variable: 'CLIENT_UDP_N2N_POD_NAME', test: 'n2n', protocol: 'udp' },
  { variable: 'CLIENT_TCP_P2P_POD_NAME', test: 'p2p', protocol: 'tcp' },
  { variable: 'CLIENT_UDP_P2P_POD_NAME', test: 'p2p', protocol: 'udp' },
  { variable: 'CLIENT_CUSTOM_P2P_POD_NAME', test: 'p2p', protocol: 'custom' },
  { variable: 'CLIENT_TCP_P2S_POD_NAME', test: 'p2s', protocol: 'tcp' },
  { variable: 'CLIENT_UDP_P2S_POD_NAME', test: 'p2s', protocol: 'udp' },
  { variable: 'CLIENT_CUSTOM_P2S_POD_NAME', test: 'p2s', protocol: 'custom' },
];

/** Access to the members of a work directory by name (`env`, `cpu`, ...), with the label used in messages. */
export interface WorkDirSource {
  get(name: string): Uint8Array | undefined;
  label(name: string): string;
}

export interface WorkDirOptions {
  /** keep the per-second samples in the run (default true) */
  readonly samples?: boolean;
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** env: `KEY="value"` lines (1.1.1 wrote unquoted values); blank lines allowed. */
export function parseEnv(content: string, sink: IssueSink): Map<string, string> {
  const env = new Map<string, string>();
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z_0-9]*)=(?:"(.*)"|'(.*)'|(.*))$/.exec(line);
    if (!m) {
      sink.warn('env-line', msg.envLine(line), i + 1);
      continue;
    }
    env.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return env;
}

/** First line of a detection file, without `\r` (≤1.4.1 data) and surrounding blanks. */
function detection(source: WorkDirSource, name: string): string | null {
  const bytes = source.get(name);
  if (!bytes) return null;
  const t = text(bytes);
  const nl = t.indexOf('\n');
  return (nl >= 0 ? t.slice(0, nl) : t).replace(/\r/g, '').trim();
}

const HEADER = /^[a-z]/i;

interface MetricsRead {
  rows: number[][];
}

/** `stats.sh` output: header line(s) then `user nice system iowait steal ram timestamp` per second. */
function readMetrics(content: string, sink: IssueSink): MetricsRead {
  const rows: number[][] = [];
  let start = 0;
  let lineNo = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end < 0) end = content.length;
    lineNo++;
    let line = content.slice(start, end);
    start = end + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '' || HEADER.test(line)) continue;
    const fields = line.trim().split(/\s+/);
    const row = fields.map(Number);
    if (fields.length < 7 || row.slice(0, 7).some((v) => !Number.isFinite(v))) {
      sink.warn('metrics-line', msg.metricsLine(line), lineNo);
      continue;
    }
    rows.push(row.length === 7 ? row : row.slice(0, 7));
  }
  return { rows };
}

/** knb's averaging of one `.metrics` file: the `.avg` data line it would write, as strings. Null without records. */
export function knbAverage(rows: readonly (readonly number[])[]): string[] | null {
  if (rows.length === 0) return null;
  const sums = [0, 0, 0, 0, 0, 0];
  for (const row of rows) for (let c = 0; c < 6; c++) sums[c]! += row[c]!;
  const n = rows.length;
  return [...sums.slice(0, 5).map((s) => cFixed2(s / n)), cInt(sums[5]! / n), String(n)];
}

const COMPONENTS: readonly CpuComponent[] = ['user', 'nice', 'system', 'iowait', 'steal'];

function nodeFromAvgFields(fields: readonly string[] | null, path: string, sink: IssueSink, line: number): KnbNodeResult {
  const cpu = {} as Record<CpuComponent, Measured>;
  COMPONENTS.forEach((c, i) => {
    cpu[c] = fields ? readMeasured(fields[i], `${path}.cpu.${c}`, 'no-monitor-samples', sink, line) : absent('no-monitor-samples');
  });
  const ram = fields ? readMeasured(fields[5], `${path}.ram`, 'no-monitor-samples', sink, line) : absent('no-monitor-samples');
  return nodeResult(null, cpu, ram);
}

/** Build the normalised run of a work directory. */
export function runFromWorkDir(
  format: KnbFormat,
  source: WorkDirSource,
  sink: IssueSink,
  options: WorkDirOptions = {},
): KnbRun | null {
  const envBytes = source.get('env');
  if (!envBytes) {
    sink.error('no-env', msg.noEnv());
    return null;
  }
  const env = parseEnv(text(envBytes), sink);
  const v = (k: string) => env.get(k) ?? null;
  const metadata = {
    ...EMPTY_METADATA,
    name: v('BENCHMARK_RUN_NAME'),
    generator: v('GENERATOR'),
    version: v('VERSION'),
    date: v('BENCHMARK_DATE'),
    serverNode: v('SERVER_NODE') ?? v('SERVER_NODE_NAME'),
    clientNode: v('CLIENT_NODE'),
    socketBufferSize: v('SOCKET_BUFFER_SIZE'),
    hostNetworkServer: v('HOST_NETWORK_SERVER'),
    hostNetworkClient: v('HOST_NETWORK_CLIENT'),
  };
  const detected = {
    cpu: detection(source, 'cpu'),
    kernel: detection(source, 'kernel'),
    k8sVersion: detection(source, 'k8s-version'),
    mtu: detection(source, 'mtu'),
  };
  const tests: KnbTestResult[] = [];
  const samples: KnbSamples[] = [];
  for (const { variable, test, protocol } of POD_VARIABLES) {
    const pod = env.get(variable);
    if (!pod) continue;
    const label = protocol ? `${test} ${protocol}` : test;
    const bwName = `${pod}.bw`;
    const bwBytes = source.get(bwName);
    let bandwidth: Measured;
    if (!bwBytes) {
      sink.warn('missing-member', msg.missingMember(source.label(bwName), label));
      bandwidth = absent('unreadable');
    } else {
      const bwText = text(bwBytes).replace(/\r?\n$/, '').replace(/\r$/, '');
      bandwidth = readMeasured(bwText, `${label}.bandwidth`, 'no-receiver-line', sink.member(source.label(bwName)), 1);
    }
    const nodes: Partial<Record<NodeRole, KnbNodeResult>> = {};
    for (const node of ['client', 'server'] as const) {
      const avgName = `${pod}-${node}.avg`;
      const metricsName = `${pod}-${node}.metrics`;
      const avgBytes = source.get(avgName);
      const metricsBytes = source.get(metricsName);
      const metricsSink = sink.member(source.label(metricsName));
      const avgSink = sink.member(source.label(avgName));
      const metrics = metricsBytes ? readMetrics(text(metricsBytes), metricsSink) : null;
      const recomputed = metrics ? knbAverage(metrics.rows) : null;
      if (metrics && options.samples !== false && metrics.rows.length > 0) {
        samples.push({ test, protocol, node, member: source.label(metricsName), packed: packSamples(metrics.rows) });
      }
      if (!avgBytes) {
        if (recomputed) {
          sink.warn('avg-missing', msg.avgMissingRecomputed(source.label(avgName)));
          nodes[node] = nodeFromAvgFields(recomputed, `${label}.${node}`, avgSink, 2);
        } else {
          sink.warn('missing-member', msg.missingMember(source.label(avgName), label));
          const un = absent('unreadable');
          nodes[node] = nodeResult(null, { user: un, nice: un, system: un, iowait: un, steal: un }, un);
        }
        continue;
      }
      const avgLines = text(avgBytes).split('\n').map((l) => l.replace(/\r$/, ''));
      const dataLine = avgLines[1]?.trim() ?? '';
      const fields = dataLine === '' ? null : dataLine.split(/\s+/);
      if (fields && fields.length !== 7) {
        // fields cannot be told apart any more: none is used
        avgSink.warn('avg-line', msg.avgLine(dataLine), 2);
        const un = absent('unreadable', dataLine);
        nodes[node] = nodeResult(null, { user: un, nice: un, system: un, iowait: un, steal: un }, un);
        continue;
      }
      nodes[node] = nodeFromAvgFields(fields, `${label}.${node}`, avgSink, 2);
      // Check knb's averages against the samples (only where knb wrote numbers; NaN/empty means no samples).
      if (fields && fields.length >= 6 && !fields.some((f) => /nan/i.test(f))) {
        if (recomputed === null) {
          if (metrics) avgSink.warn('avg-without-metrics', msg.avgWithoutMetrics(source.label(avgName)));
        } else {
          const knb = fields.slice(0, 6).join(' ');
          const again = recomputed.slice(0, 6).join(' ');
          if (knb !== again) avgSink.warn('avg-mismatch', msg.avgMismatch(source.label(avgName), knb, again), 2);
        }
      }
    }
    tests.push({ test, protocol, bandwidth, client: nodes.client ?? null, server: nodes.server ?? null });
  }
  return { format, metadata, detected, tests, samples };
}

