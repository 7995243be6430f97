/**
 * `-o text` reports (knb's default), including console captures: shell prompts, `[INFO]` log lines before and after the
 * report, ANSI colour codes and `\r`. All layouts from pre-1.0 (bandwidth only) to 1.5.x and the 1.5.1 fork's
 * `CUSTOM :` sections and hostNetwork header lines.
 *
 * A report cut off (a line that is not complete, a test section without its lines, no closing `=` line after
 * "Pod to Service") is rejected: the values read so far are returned for `inspect`, with an error.
 */
import { knbMessages as msg } from '../messages.js';
import type { CpuComponent, NodeRole, Protocol, Test } from '../../model/index.js';
import {
  EMPTY_METADATA,
  type KnbMetadata,
  type KnbNodeResult,
  type KnbTestResult,
  type Measured,
  type ParsedKnb,
} from './run.js';
import { cleanLine, decode, LOG_LINE } from './lines.js';
import { absent, issueSink, type IssueSink, nodeResult, readMeasured } from './values.js';

const SEPARATOR = /^={20,}\s*$/;
// The date after ` - ` is taken whole and trimmed in code: `(.*?)(?: UTC)?\s*$` retried the blanks at every position
// of a long line, quadratic in its length (32 s for 200,000 blanks)
const TITLE = /^ (?:Benchmark )?Results(?: - (.*)|\s*)$/;

/** The title's date: without trailing blanks and ` UTC`. */
function titleDate(line: string): string | undefined {
  const rest = TITLE.exec(line)?.[1];
  if (rest === undefined) return undefined;
  const trimmed = rest.trimEnd();
  return trimmed.endsWith(' UTC') ? trimmed.slice(0, -4) : trimmed;
}
const HEADER =
  /^ (Name|Date|Generator|Version|Server|Client|UDP Socket size|Socket size|Srv hostNetwork|Clt hostNetwork)\s*:(?: (.*))?$/;
const DISCOVERED = /^ {2}Discovered (CPU|Kernel|k8s version|MTU)\s*:(?: (.*))?$/;
const SECTION = /^ {2}(Idle|Pod to pod|Pod to Service|Node to node) :\s*$/;
const PROTOCOL = /^ {4}(TCP|UDP|CUSTOM) :\s*$/;
const BANDWIDTH = /^\s+bandwidth = ?(\S*) Mbit\/s\s*$/;
const CPU = /^\s+(client|server) cpu =(.*)$/;
const CPU_TOTAL = /^\s*total (\S*?)% \(user (\S*?)%, nice (\S*?)%, system (\S*?)%, iowait (\S*?)%, steal (\S*?)%\)\s*$/;
const CPU_V100 = /^\s*user (\S*?)%, nice (\S*?)%, system (\S*?)%, iowait (\S*?)%, steal (\S*?)%\s*$/;
const RAM = /^\s+(client|server) ram = ?(\S*) MB\s*$/;

const SECTION_TESTS: Readonly<Record<string, Test>> = {
  Idle: 'idle',
  'Pod to pod': 'p2p',
  'Pod to Service': 'p2s',
  'Node to node': 'n2n',
};
const COMPONENTS: readonly CpuComponent[] = ['user', 'nice', 'system', 'iowait', 'steal'];

interface OpenTest {
  test: Test;
  protocol: Protocol | null;
  label: string;
  line: number;
  bandwidth?: Measured;
  cpu: Partial<Record<NodeRole, { total: Measured | null; parts: Record<CpuComponent, Measured> }>>;
  ram: Partial<Record<NodeRole, Measured>>;
}

function readCpu(value: string, path: string, sink: IssueSink, line: number) {
  const v = value.trim();
  if (v === '') {
    const none = absent('no-monitor-samples');
    return { total: none, parts: { user: none, nice: none, system: none, iowait: none, steal: none } };
  }
  const withTotal = CPU_TOTAL.exec(v);
  const old = withTotal ? null : CPU_V100.exec(v);
  const numbers = withTotal ? withTotal.slice(1) : old ? [null, ...old.slice(1)] : null;
  if (!numbers) return null;
  const parts = {} as Record<CpuComponent, Measured>;
  COMPONENTS.forEach((c, i) => {
    parts[c] = readMeasured(numbers[i + 1], `${path}.cpu.${c}`, 'no-monitor-samples', sink, line);
  });
  const total =
    numbers[0] === null ? null : readMeasured(numbers[0], `${path}.cpu.total`, 'no-monitor-samples', sink, line);
  return { total, parts };
}

function finishTest(t: OpenTest, sink: IssueSink, atEnd: boolean, lastLine: number): KnbTestResult | null {
  const hasNodeLines = Object.keys(t.cpu).length > 0 || Object.keys(t.ram).length > 0;
  const needed: string[] = [];
  if (!t.bandwidth) needed.push('bandwidth = … Mbit/s');
  if (hasNodeLines || t.test === 'idle') {
    for (const node of ['client', 'server'] as const) {
      if (!t.cpu[node]) needed.push(`${node} cpu = …`);
      if (!t.ram[node]) needed.push(`${node} ram = … MB`);
    }
  }
  if (needed.length > 0) {
    if (atEnd) sink.error('text-truncated', msg.textTruncated(`expected "${needed[0]}" in ${t.label}`), lastLine);
    else sink.error('text-incomplete', msg.textIncompleteTest(t.label, needed[0]!), t.line);
    return null;
  }
  const node = (n: NodeRole): KnbNodeResult | null =>
    t.cpu[n] && t.ram[n] ? nodeResult(t.cpu[n]!.total, t.cpu[n]!.parts, t.ram[n]!) : null;
  return {
    test: t.test,
    protocol: t.protocol,
    bandwidth: t.bandwidth!,
    client: node('client'),
    server: node('server'),
  };
}

export function parseText(bytes: Uint8Array, file: string): ParsedKnb {
  const sink = issueSink(file);
  const lines = decode(bytes).split('\n').map(cleanLine);
  let start = -1;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (SEPARATOR.test(lines[i]!) && TITLE.test(lines[i + 1]!)) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    sink.error('text-no-report', msg.textNoReport(), 1);
    return { file, format: 'text', run: null, issues: sink.issues };
  }
  let lastContent = lines.length - 1;
  while (lastContent > 0 && lines[lastContent]!.trim() === '') lastContent--;

  const header: Record<string, string> = {};
  const discovered: Record<string, string> = {};
  const date = titleDate(lines[start + 1]!);
  let titleKind = lines[start + 1]!.includes('Benchmark') ? 'benchmark' : 'results';
  const tests: KnbTestResult[] = [];
  let section: Test | null = null;
  let current: OpenTest | null = null;
  let sawP2s = false;
  let closed = false;
  let separators = 1;
  let hasTotal = false;
  let hasNodeMetrics = false;
  let failed = false;

  const close = (atEnd: boolean, lastLine: number) => {
    if (current) {
      const done = finishTest(current, sink, atEnd, lastLine);
      if (done) tests.push(done);
      else failed = true;
      current = null;
    }
  };

  for (let i = start + 2; i < lines.length && !failed; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    if (line.trim() === '' || LOG_LINE.test(line)) continue;
    if (SEPARATOR.test(line)) {
      separators++;
      if (section !== null) {
        // the closing line: printed after the last section (knb prints it only after "Pod to Service")
        close(false, lineNo);
        closed = true;
        break;
      }
      continue;
    }
    let m: RegExpExecArray | null;
    if (separators === 2 && section === null && (m = HEADER.exec(line))) {
      header[m[1]!] = (m[2] ?? '').trim();
      continue;
    }
    if ((m = DISCOVERED.exec(line))) {
      discovered[m[1]!] = (m[2] ?? '').trim();
      continue;
    }
    if ((m = SECTION.exec(line))) {
      close(false, lineNo);
      section = SECTION_TESTS[m[1]!]!;
      if (section === 'p2s') sawP2s = true;
      if (section === 'idle') current = { test: 'idle', protocol: null, label: 'Idle', line: lineNo, cpu: {}, ram: {} };
      continue;
    }
    if ((m = PROTOCOL.exec(line)) && section !== null && section !== 'idle') {
      close(false, lineNo);
      const protocol = m[1]!.toLowerCase() as Protocol;
      current = { test: section, protocol, label: `${section} ${protocol}`, line: lineNo, cpu: {}, ram: {} };
      continue;
    }
    if (current) {
      const t: OpenTest = current;
      if ((m = BANDWIDTH.exec(line))) {
        t.bandwidth = readMeasured(m[1], `${t.label}.bandwidth`, 'no-receiver-line', sink, lineNo);
        continue;
      }
      if ((m = CPU.exec(line))) {
        const cpu = readCpu(m[2]!, `${t.label}.${m[1]}`, sink, lineNo);
        if (cpu) {
          hasNodeMetrics = true;
          if (cpu.total && cpu.total.text !== '') hasTotal = true;
          t.cpu[m[1] as NodeRole] = cpu;
          continue;
        }
      } else if ((m = RAM.exec(line))) {
        hasNodeMetrics = true;
        t.ram[m[1] as NodeRole] = readMeasured(m[2], `${t.label}.${m[1]}.ram`, 'no-monitor-samples', sink, lineNo);
        continue;
      }
    }
    if (i === lastContent) {
      sink.error('text-truncated', msg.textTruncated(`line ${JSON.stringify(line.trim())} is incomplete`), lineNo);
    } else {
      sink.error('text-unexpected', msg.textUnexpected(line, "a line of knb's text report"), lineNo);
    }
    failed = true;
  }
  if (!failed && !closed) close(true, lastContent + 1);
  if (!failed && !closed && sawP2s) {
    sink.error('text-no-final-separator', msg.textNoFinalSeparator(), lastContent + 1);
  }
  const h = (k: string): string | null => (k in header ? header[k]! : null);
  const metadata: KnbMetadata = {
    ...EMPTY_METADATA,
    name: h('Name'),
    generator: h('Generator'),
    version: h('Version'),
    date: h('Date')?.replace(/ UTC$/, '') ?? date ?? null,
    serverNode: h('Server'),
    clientNode: h('Client'),
    socketBufferSize: h('UDP Socket size') ?? h('Socket size'),
    hostNetworkServer: h('Srv hostNetwork'),
    hostNetworkClient: h('Clt hostNetwork'),
  };
  const d = (k: string): string | null => (k in discovered ? discovered[k]! : null);
  const detected = { cpu: d('CPU'), kernel: d('Kernel'), k8sVersion: d('k8s version'), mtu: d('MTU') };
  if (date !== undefined) titleKind = 'dated';
  const variant =
    titleKind === 'results'
      ? hasNodeMetrics
        ? hasTotal
          ? 'text 1.1.x'
          : 'text 1.0.0'
        : 'text pre-1.0 (bandwidth only)'
      : titleKind === 'dated'
        ? 'text 1.1.0–1.2.0'
        : 'UDP Socket size' in header
          ? 'text 1.4.1–1.5.x'
          : 'text 1.3.0–1.4.0';
  return {
    file,
    format: 'text',
    run: { format: 'text', variant, metadata, detected, tests, samples: [] },
    issues: sink.issues,
  };
}
