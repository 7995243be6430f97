/**
 * knb's work directory (what `-o data` packs and `-fd` reads back): `env`, the detection files and, per test,
 * `<pod>.bw`, `<pod>-{client,server}.metrics` and `.avg`. Used for `.knbdata` archives and extracted directories.
 * Values are knb's own `.avg` lines (what every other format renders); the per-second `.metrics` are averaged again
 * exactly as knb does and a difference is a warning naming the member.
 */
import { knbMessages as msg } from '../messages.js';
import type { Issue, CpuComponent, KnbFormat, NodeRole, Protocol, Test } from '../../model/index.js';
import { cFixed2, cInt } from '../c-printf.js';
import {
  EMPTY_METADATA,
  type KnbNodeResult,
  type KnbRun,
  type KnbSamples,
  type KnbTestResult,
  type Measured,
} from './run.js';
import { RunSamplePacker } from './samples.js';
import { absent, type IssueSink, nodeResult, plainDecimalValue, present, readMeasured } from './values.js';

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

/** Bytes `[start, end)` as a string; archive members are Buffer views already, which saves a wrapper per call. */
function decode(bytes: Uint8Array, encoding: 'utf8' | 'latin1', start = 0, end = bytes.length): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString(encoding, start, end);
}

function text(bytes: Uint8Array): string {
  return decode(bytes, 'utf8');
}

const ENV_LINE = /^([A-Za-z_][A-Za-z_0-9]*)=(?:"(.*)"|'(.*)'|(.*))$/;

/**
 * The value of one env line as ENV_LINE reads it, without the regex (this runs for every line of every archive);
 * undefined when the line needs the regex: no `KEY=` start, or characters that regex `.` does not match.
 */
function envValueFast(line: string): [string, string] | undefined {
  let i = 0;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) break;
  }
  if (i === 0 || line.charCodeAt(i) !== 61) return undefined;
  const rest = line.slice(i + 1);
  if (rest.includes('\r') || rest.includes('\u2028') || rest.includes('\u2029')) return undefined;
  const quote = rest.charCodeAt(0);
  // `"…"` then `'…'` then the bare rest, in the regex's order (greedy: inner quotes stay in the value)
  if (rest.length >= 2 && (quote === 34 || quote === 39) && rest.charCodeAt(rest.length - 1) === quote) {
    return [line.slice(0, i), rest.slice(1, -1)];
  }
  return [line.slice(0, i), rest];
}

/**
 * The 7th blank-separated field of the iperf3 log's `receiver` line, as knb's `grep receiver | awk '{print $7}'` takes
 * it into the `.bw`; null when the log has no such line or several (parallel streams: knb versions differ in which
 * they keep), so that only the plain case is checked.
 */
export function receiverField(log: Uint8Array): string | null {
  const buffer = Buffer.isBuffer(log) ? log : Buffer.from(log.buffer, log.byteOffset, log.byteLength);
  // searched in the bytes: only the one line is decoded (every test of every archive has a log)
  const at = buffer.indexOf(RECEIVER);
  if (at < 0 || buffer.indexOf(RECEIVER, at + RECEIVER.length) >= 0) return null;
  const start = buffer.lastIndexOf(10, at) + 1;
  const newline = buffer.indexOf(10, at);
  const line = buffer.toString('latin1', start, newline < 0 ? buffer.length : newline);
  return line.trim().split(/\s+/)[6] ?? null;
}

const RECEIVER = Buffer.from('receiver', 'latin1');

/** env: `KEY="value"` lines (1.1.1 wrote unquoted values); blank lines allowed. */
export function parseEnv(content: string, sink: IssueSink): Map<string, string> {
  const env = new Map<string, string>();
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fast = envValueFast(line);
    if (fast) {
      env.set(fast[0], fast[1]);
      continue;
    }
    const m = ENV_LINE.exec(line);
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

/**
 * Samples of one `.metrics` file, flat: 7 numbers per row (user nice system iowait steal ram timestamp). `flat` is a
 * view of a buffer reused by the next readMetrics call: use it (average, pack) before reading another member.
 */
export interface MetricsRead {
  flat: Float64Array;
  count: number;
}

/** The buffer readMetrics fills (grown when a member needs more; parsing is synchronous, so one is enough). */
let metricsScratch = new Float64Array(7 * 256);

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Fast path for one sample line `u n s i st ram ts`: seven plain decimals (`\d+(\.\d+)?`, at most 15 digits, what
 * sar/free/date print) separated by single blanks, read in the same pass that finds the line's end (every byte of
 * every sample goes through here: it is the costliest loop of an archive). `k / 10^d` with both exact is the
 * correctly rounded double of the decimal, i.e. exactly what Number() gives. Returns the offset after the line's
 * `\n` (or the end of data; one `\r` before it is allowed) with the 7 numbers pushed to `out`; or -1 with `out`
 * unchanged for anything else, which the careful path then reads (and reports) exactly as before.
 */
function fastRow(bytes: Uint8Array, start: number, length: number, out: Float64Array, at: number): number {
  let i = start;
  // reads past the end give undefined, which fails every comparison below: no separate bounds checks needed
  let c = bytes[i];
  for (let column = 0; ; column++) {
    const numberStart = i;
    let k = 0;
    while (c !== undefined && c >= 48 && c <= 57) {
      k = k * 10 + (c - 48);
      c = bytes[++i];
    }
    let decimals = 0;
    if (c === 46) {
      if (i === numberStart) break; // `.5`
      const dot = i;
      c = bytes[++i];
      while (c !== undefined && c >= 48 && c <= 57) {
        k = k * 10 + (c - 48);
        c = bytes[++i];
      }
      decimals = i - dot - 1;
      if (decimals === 0) break; // `5.`
    }
    const digits = i - numberStart - (decimals > 0 ? 1 : 0);
    if (digits === 0 || digits > 15) break;
    out[at + column] = decimals > 0 ? k / POW10[decimals]! : k;
    if (column < 6) {
      if (c !== 32) break;
      c = bytes[++i];
      continue;
    }
    // after the seventh number: end of data, `\n`, or `\r` then `\n` or end of data
    if (i === length || c === 10) return i + 1;
    if (c === 13 && (i + 1 === length || bytes[i + 1] === 10)) return i + 2;
    break;
  }
  return -1;
}

/** A line whose first byte is an ASCII letter: HEADER's test, decided without decoding the line. */
function startsWithLetter(c: number | undefined): boolean {
  return c !== undefined && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122));
}

/** `stats.sh` output: header line(s) then `user nice system iowait steal ram timestamp` per second. */
export function readMetrics(bytes: Uint8Array, sink: IssueSink): MetricsRead {
  // A sample line has at least 14 bytes with its newline (seven 1-digit numbers, six separators), so this bounds the
  // numbers. They go to one reused typed array: an array grown by push, or a fresh typed array per member (allocated
  // outside the heap), was a measurable cost per archive.
  const bound = 7 * Math.floor((bytes.length + 1) / 14);
  if (metricsScratch.length < bound) metricsScratch = new Float64Array(Math.max(bound, 2 * metricsScratch.length));
  const flat = metricsScratch;
  let n = 0;
  let start = 0;
  let lineNo = 0;
  const length = bytes.length;
  while (start < length) {
    lineNo++;
    const first = bytes[start]!;
    if (first >= 48 && first <= 57) {
      const next = fastRow(bytes, start, length, flat, n);
      if (next >= 0) {
        n += 7;
        start = next;
        continue;
      }
    }
    // a plain loop: Buffer#indexOf (members are Buffer views) goes through a native binding, costly for short lines
    let end = start;
    while (end < length && bytes[end] !== 10) end++;
    let stop = end;
    if (stop > start && bytes[stop - 1] === 13) stop--;
    // the header line(s): skipped without decoding (HEADER matches exactly the lines starting with an ASCII letter)
    if (startsWithLetter(first) && stop > start) {
      start = end + 1;
      continue;
    }
    const line = decode(bytes, 'utf8', start, stop);
    start = end + 1;
    if (line === '' || HEADER.test(line)) continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 7 || fields.some((f) => !/^\d+(?:\.\d+)?$/.test(f) || !Number.isFinite(Number(f)))) {
      sink.warn('metrics-line', msg.metricsLine(line), lineNo);
      continue;
    }
    for (const f of fields) flat[n++] = Number(f);
  }
  return { flat: flat.subarray(0, n), count: n / 7 };
}

/** knb's averaging of one `.metrics` file: the `.avg` data line it would write, as strings. Null without records. */
export function knbAverage(rows: readonly (readonly number[])[]): string[] | null {
  return averageFlat(
    rows.flatMap((r) => r.slice(0, 7)),
    rows.length,
  );
}

/** The six column means (user nice system iowait steal ram) of flat rows of 7 numbers. Sums in row order, as awk does. */
function columnMeans(flat: ArrayLike<number>, n: number): number[] {
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
  return [u / n, ni / n, sy / n, io / n, st / n, ram / n];
}

/** The `.avg` data line knb would write for these means and record count, as strings. */
function averageLine(means: readonly number[], n: number): string[] {
  return [...means.slice(0, 5).map(cFixed2), cInt(means[5]!), String(n)];
}

/** knbAverage over flat rows of 7 numbers. */
function averageFlat(flat: ArrayLike<number>, n: number): string[] | null {
  return n === 0 ? null : averageLine(columnMeans(flat, n), n);
}

/**
 * `cFixed2(x) === text`, without formatting x in the usual case (this runs for 60 averages per archive). When 100·x is
 * clearly not a tie (further than 0.499 from the nearest integer r; with x < 1e9 the product's rounding error is
 * below 1e-5), printf's hundredths are r, and text must be r's canonical rendering: digits, `.`, two digits, no
 * leading zero. Anything else is left to cFixed2 itself.
 */
export function fixed2Equals(x: number, text: string): boolean {
  const scaled = x * 100;
  const r = Math.round(scaled);
  if (!(x >= 0 && x < 1e9) || Math.abs(scaled - r) > 0.499) return cFixed2(x) === text;
  const length = text.length;
  if (length < 4 || text.charCodeAt(length - 3) !== 46 || (text.charCodeAt(0) === 48 && length !== 4)) return false;
  let hundredths = 0;
  for (let i = 0; i < length; i++) {
    if (i === length - 3) continue;
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    hundredths = hundredths * 10 + (c - 48);
  }
  return hundredths === r;
}

/** Whether knb's six `.avg` numbers are exactly what it would print for these means (cpu `%.2f`, ram `%d`). */
function avgAgrees(fields: readonly string[], means: readonly number[]): boolean {
  for (let i = 0; i < 5; i++) if (!fixed2Equals(means[i]!, fields[i]!)) return false;
  return cInt(means[5]!) === fields[5];
}

/** A field that may spell nan (any case): only those need the regex. */
function mayBeNan(field: string): boolean {
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 110 || c === 78) return /nan/i.test(field);
  }
  return false;
}

/** One `.avg` field: a plain decimal is read directly; anything else goes through readMeasured and its messages. */
function avgField(field: string | undefined, path: string, what: string, sink: IssueSink, line: number): Measured {
  const plain = field === undefined ? NaN : plainDecimalValue(field);
  if (!Number.isNaN(plain)) return present(plain, field!);
  return readMeasured(field, `${path}.${what}`, 'no-monitor-samples', sink, line);
}

function nodeFromAvgFields(
  fields: readonly string[] | null,
  path: string,
  sink: IssueSink,
  line: number,
): KnbNodeResult {
  if (!fields) {
    const none = absent('no-monitor-samples');
    return nodeResult(null, { user: none, nice: none, system: none, iowait: none, steal: none }, none);
  }
  // one object literal in knb's column order (built property by property it was a measurable allocation cost)
  const cpu: Record<CpuComponent, Measured> = {
    user: avgField(fields[0], path, 'cpu.user', sink, line),
    nice: avgField(fields[1], path, 'cpu.nice', sink, line),
    system: avgField(fields[2], path, 'cpu.system', sink, line),
    iowait: avgField(fields[3], path, 'cpu.iowait', sink, line),
    steal: avgField(fields[4], path, 'cpu.steal', sink, line),
  };
  return nodeResult(null, cpu, avgField(fields[5], path, 'ram', sink, line));
}

/** Line 2 of an `.avg` file (the data line), without `\r` and surrounding blanks; '' when absent. */
function avgDataLine(bytes: Uint8Array): string {
  // plain loops: Buffer#indexOf goes through a native binding, costly for a 110-byte member
  let nl = 0;
  while (nl < bytes.length && bytes[nl] !== 10) nl++;
  if (nl === bytes.length) return '';
  let end = nl + 1;
  while (end < bytes.length && bytes[end] !== 10) end++;
  return decode(bytes, 'latin1', nl + 1, end).trim();
}

/**
 * The sink of one member, located by its label only when an issue is reported: most members have none, and the
 * label is a lookup by name (three members per test, every archive).
 */
class MemberSink implements IssueSink {
  private located: IssueSink | undefined;
  constructor(
    private readonly parent: IssueSink,
    private readonly source: WorkDirSource,
    private readonly name: string,
  ) {}
  private target(): IssueSink {
    return (this.located ??= this.parent.member(this.source.label(this.name)));
  }
  warn(code: string, message: string, line?: number): void {
    this.target().warn(code, message, line);
  }
  error(code: string, message: string, line?: number): void {
    this.target().error(code, message, line);
  }
  member(member: string): IssueSink {
    return this.parent.member(member);
  }
  get issues(): Issue[] {
    return this.parent.issues;
  }
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
  // env.get(...) ?? null written out: a local closure would be renamed by tsx's transform on every archive
  const metadata = {
    ...EMPTY_METADATA,
    name: env.get('BENCHMARK_RUN_NAME') ?? null,
    generator: env.get('GENERATOR') ?? null,
    version: env.get('VERSION') ?? null,
    date: env.get('BENCHMARK_DATE') ?? null,
    serverNode: env.get('SERVER_NODE') ?? env.get('SERVER_NODE_NAME') ?? null,
    clientNode: env.get('CLIENT_NODE') ?? null,
    socketBufferSize: env.get('SOCKET_BUFFER_SIZE') ?? null,
    hostNetworkServer: env.get('HOST_NETWORK_SERVER') ?? null,
    hostNetworkClient: env.get('HOST_NETWORK_CLIENT') ?? null,
  };
  const detected = {
    cpu: detection(source, 'cpu'),
    kernel: detection(source, 'kernel'),
    k8sVersion: detection(source, 'k8s-version'),
    mtu: detection(source, 'mtu'),
  };
  const tests: KnbTestResult[] = [];
  const packer = options.samples !== false ? new RunSamplePacker() : null;
  const sampleSeries: Omit<KnbSamples, 'packed'>[] = [];
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
      const bwSink = new MemberSink(sink, source, bwName);
      if (bwText !== '' && !bwText.endsWith('\n')) {
        // knb writes the bandwidth with echo: a file without its newline was cut
        bwSink.warn('bw-no-newline', msg.bwNoNewline(bwText), 1);
        bandwidth = absent('unreadable', bwText);
      } else {
        bandwidth = readMeasured(bwText.replace(/\r?\n$/, ''), `${label}.bandwidth`, 'no-receiver-line', bwSink, 1);
        // knb wrote the .bw from the log's receiver line: the one value of a test that has a second copy to check
        const logBytes = source.get(`${pod}.log`);
        const logged = logBytes ? receiverField(logBytes) : null;
        const written = bwText.replace(/\r?\n$/, '').trim();
        if (logged !== null && logged !== written) {
          bwSink.warn('bw-log-mismatch', msg.bwLogMismatch(source.label(bwName), written, logged), 1);
        }
      }
    }
    const nodes: Partial<Record<NodeRole, KnbNodeResult>> = {};
    for (const node of ['client', 'server'] as const) {
      const avgName = `${pod}-${node}.avg`;
      const metricsName = `${pod}-${node}.metrics`;
      const avgBytes = source.get(avgName);
      const metricsBytes = source.get(metricsName);
      const metricsSink = new MemberSink(sink, source, metricsName);
      const avgSink = new MemberSink(sink, source, avgName);
      const metrics = metricsBytes ? readMetrics(metricsBytes, metricsSink) : null;
      const means = metrics && metrics.count > 0 ? columnMeans(metrics.flat, metrics.count) : null;
      if (metrics && packer && metrics.count > 0) {
        packer.add(metrics.flat);
        sampleSeries.push({ test, protocol, node, member: source.label(metricsName) });
      }
      if (!avgBytes) {
        if (means) {
          sink.warn('avg-missing', msg.avgMissingRecomputed(source.label(avgName)));
          nodes[node] = nodeFromAvgFields(averageLine(means, metrics!.count), `${label}.${node}`, avgSink, 2);
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
      if (!fields && means) avgSink.warn('avg-empty-with-samples', msg.avgEmptyWithSamples(source.label(avgName)), 2);
      if (fields && fields.length >= 6 && !fields.some(mayBeNan)) {
        if (means === null) {
          if (metrics) avgSink.warn('avg-without-metrics', msg.avgWithoutMetrics(source.label(avgName)));
        } else if (!avgAgrees(fields, means)) {
          const knb = fields.slice(0, 6).join(' ');
          const again = averageLine(means, metrics!.count).slice(0, 6).join(' ');
          avgSink.warn('avg-mismatch', msg.avgMismatch(source.label(avgName), knb, again), 2);
        }
      }
    }
    tests.push({ test, protocol, bandwidth, client: nodes.client ?? null, server: nodes.server ?? null });
  }
  const packed = packer?.finish() ?? [];
  const samples: KnbSamples[] = sampleSeries.map((s, i) => ({
    test: s.test,
    protocol: s.protocol,
    node: s.node,
    member: s.member,
    packed: packed[i]!,
  }));
  return { format, metadata, detected, tests, samples };
}
