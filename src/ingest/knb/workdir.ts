/**
 * knb's work directory (what `-o data` packs and `-fd` reads back): `env`, the detection files and, per test,
 * `<pod>.bw`, `<pod>-{client,server}.metrics` and `.avg`. Used for `.knbdata` archives and extracted directories.
 * Values are knb's own `.avg` lines (what every other format renders); the per-second `.metrics` are averaged again
 * exactly as knb does and a difference is a warning naming the member.
 */
import { ingestMessages as msg } from '../../messages/ingest.js';
import type { CpuComponent, KnbFormat, NodeRole, Protocol, Test } from '../../model/vocabulary.js';
import { cFixed2, cInt } from './printf.js';
import {
  EMPTY_METADATA,
  type KnbNodeResult,
  type KnbRun,
  type KnbSamples,
  type KnbTestResult,
  type Measured,
} from './run.js';
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

/** Samples of one `.metrics` file, flat: 7 numbers per row (user nice system iowait steal ram timestamp). */
interface MetricsRead {
  flat: number[];
  count: number;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Fast path for one sample line `u n s i st ram ts` of plain decimals separated by single blanks (what sar/free/date
 * print). Returns null for anything else, which then goes through the careful path. `k / 10^d` with both exact is the
 * correctly rounded double of the decimal, i.e. exactly what Number() gives.
 */
function fastRow(bytes: Uint8Array, start: number, end: number, out: number[]): boolean {
  const base = out.length;
  let i = start;
  while (i < end) {
    let k = 0;
    let digits = 0;
    let decimals = -1;
    while (i < end) {
      const c = bytes[i]!;
      if (c >= 48 && c <= 57) {
        k = k * 10 + (c - 48);
        digits++;
        if (decimals >= 0) decimals++;
      } else if (c === 46 && decimals < 0) {
        decimals = 0;
      } else break;
      i++;
    }
    if (digits === 0 || digits > 15 || decimals === 0 || out.length - base === 7) break;
    out.push(decimals > 0 ? k / POW10[decimals]! : k);
    if (i === end) break;
    if (bytes[i] !== 32) break;
    i++;
    if (i === end) break;
  }
  if (i === end && out.length - base === 7) return true;
  out.length = base;
  return false;
}

/** `stats.sh` output: header line(s) then `user nice system iowait steal ram timestamp` per second. */
function readMetrics(bytes: Uint8Array, sink: IssueSink): MetricsRead {
  const flat: number[] = [];
  let start = 0;
  let lineNo = 0;
  const length = bytes.length;
  while (start < length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = length;
    lineNo++;
    let stop = end;
    if (stop > start && bytes[stop - 1] === 13) stop--;
    const first = bytes[start];
    if (stop > start && first !== undefined && first >= 48 && first <= 57) {
      if (fastRow(bytes, start, stop, flat)) {
        start = end + 1;
        continue;
      }
    }
    const line = Buffer.from(bytes.buffer, bytes.byteOffset + start, stop - start).toString('utf8');
    start = end + 1;
    if (line === '' || HEADER.test(line)) continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 7 || fields.some((f) => !/^\d+(?:\.\d+)?$/.test(f))) {
      sink.warn('metrics-line', msg.metricsLine(line), lineNo);
      continue;
    }
    for (const f of fields) flat.push(Number(f));
  }
  return { flat, count: flat.length / 7 };
}

/** knb's averaging of one `.metrics` file: the `.avg` data line it would write, as strings. Null without records. */
export function knbAverage(rows: readonly (readonly number[])[]): string[] | null {
  return averageFlat(
    rows.flatMap((r) => r.slice(0, 7)),
    rows.length,
  );
}

/** knbAverage over flat rows of 7 numbers. Sums in row order, as awk does. */
function averageFlat(flat: readonly number[], n: number): string[] | null {
  if (n === 0) return null;
  let u = 0;
  let ni = 0;
  let sy = 0;
  let io = 0;
  let st = 0;
  let ram = 0;
  for (let o = 0; o < n * 7; o += 7) {
    u += flat[o]!;
    ni += flat[o + 1]!;
    sy += flat[o + 2]!;
    io += flat[o + 3]!;
    st += flat[o + 4]!;
    ram += flat[o + 5]!;
  }
  return [cFixed2(u / n), cFixed2(ni / n), cFixed2(sy / n), cFixed2(io / n), cFixed2(st / n), cInt(ram / n), String(n)];
}

const COMPONENTS: readonly CpuComponent[] = ['user', 'nice', 'system', 'iowait', 'steal'];

function nodeFromAvgFields(
  fields: readonly string[] | null,
  path: string,
  sink: IssueSink,
  line: number,
): KnbNodeResult {
  const cpu = {} as Record<CpuComponent, Measured>;
  COMPONENTS.forEach((c, i) => {
    cpu[c] = fields
      ? readMeasured(fields[i], `${path}.cpu.${c}`, 'no-monitor-samples', sink, line)
      : absent('no-monitor-samples');
  });
  const ram = fields
    ? readMeasured(fields[5], `${path}.ram`, 'no-monitor-samples', sink, line)
    : absent('no-monitor-samples');
  return nodeResult(null, cpu, ram);
}

/** Line 2 of an `.avg` file (the data line), without `\r` and surrounding blanks; '' when absent. */
function avgDataLine(bytes: Uint8Array): string {
  const nl = bytes.indexOf(10);
  if (nl < 0) return '';
  let end = bytes.indexOf(10, nl + 1);
  if (end < 0) end = bytes.length;
  return Buffer.from(bytes.buffer, bytes.byteOffset + nl + 1, end - nl - 1)
    .toString('latin1')
    .trim();
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
      const bwText = text(bwBytes);
      const bwSink = sink.member(source.label(bwName));
      if (bwText !== '' && !bwText.endsWith('\n')) {
        // knb writes the bandwidth with echo: a file without its newline was cut
        bwSink.warn('bw-no-newline', msg.bwNoNewline(bwText), 1);
        bandwidth = absent('unreadable', bwText);
      } else {
        bandwidth = readMeasured(bwText.replace(/\r?\n$/, ''), `${label}.bandwidth`, 'no-receiver-line', bwSink, 1);
      }
    }
    const nodes: Partial<Record<NodeRole, KnbNodeResult>> = {};
    for (const node of ['client', 'server'] as const) {
      const avgName = `${pod}-${node}.avg`;
      const metricsName = `${pod}-${node}.metrics`;
      const avgBytes = source.get(avgName);
      const metricsBytes = source.get(metricsName);
      const metricsSink = sink.member(source.label(metricsName));
      const avgSink = sink.member(source.label(avgName));
      const metrics = metricsBytes ? readMetrics(metricsBytes, metricsSink) : null;
      const recomputed = metrics ? averageFlat(metrics.flat, metrics.count) : null;
      if (metrics && options.samples !== false && metrics.count > 0) {
        samples.push({ test, protocol, node, member: source.label(metricsName), packed: packSamples(metrics.flat) });
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
      const dataLine = avgDataLine(avgBytes);
      const fields =
        dataLine === '' ? null : dataLine.split(dataLine.includes('  ') || dataLine.includes('\t') ? /\s+/ : ' ');
      if (fields && fields.length !== 7) {
        // fields cannot be told apart any more: none is used
        avgSink.warn('avg-line', msg.avgLine(dataLine), 2);
        const un = absent('unreadable', dataLine);
        nodes[node] = nodeResult(null, { user: un, nice: un, system: un, iowait: un, steal: un }, un);
        continue;
      }
      nodes[node] = nodeFromAvgFields(fields, `${label}.${node}`, avgSink, 2);
      // Check knb's averages against the samples (only where knb wrote numbers; NaN/empty means no samples).
      if (!fields && recomputed)
        avgSink.warn('avg-empty-with-samples', msg.avgEmptyWithSamples(source.label(avgName)), 2);
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
