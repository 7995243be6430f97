/**
 * `-o ibdbench` (knb ≥ 1.4.0): one TSV row of 26 fields for the infraBuilder spreadsheet (FORMATS.md §7). Server
 * before client, cpu as a formula `=u+n+s+i+st` of `%.2f` components, no idle bandwidth, no cpu total (computed here
 * as knb computes it for the other formats), no metadata except the mtu.
 */
import { knbMessages as msg } from '../messages.js';
import type { CpuComponent, Protocol, Test } from '../../model/index.js';
import {
  EMPTY_DETECTED,
  EMPTY_METADATA,
  type KnbNodeResult,
  type KnbTestResult,
  type Measured,
  type ParsedKnb,
} from './run.js';
import { decode } from './lines.js';
import { absent, issueSink, type IssueSink, nodeResult, present } from './values.js';

const FORMULA = /^=(\d+\.\d\d)\+(\d+\.\d\d)\+(\d+\.\d\d)\+(\d+\.\d\d)\+(\d+\.\d\d)$/;
const PLAIN = /^\d+(?:\.\d+)?$/;
const COMPONENTS: readonly CpuComponent[] = ['user', 'nice', 'system', 'iowait', 'steal'];
const BLOCKS: readonly { test: Test; protocol: Protocol; first: number }[] = [
  { test: 'p2p', protocol: 'tcp', first: 6 },
  { test: 'p2p', protocol: 'udp', first: 11 },
  { test: 'p2s', protocol: 'tcp', first: 16 },
  { test: 'p2s', protocol: 'udp', first: 21 },
];
/** knb with the node2node pull request (#13) adds 10 columns after idle: node2node tcp, then udp. */
const N2N_BLOCKS: readonly { test: Test; protocol: Protocol; first: number }[] = [
  { test: 'n2n', protocol: 'tcp', first: 6 },
  { test: 'n2n', protocol: 'udp', first: 11 },
  ...BLOCKS.map((b) => ({ ...b, first: b.first + 10 })),
];

interface RawNode {
  ram: string;
  formula: string;
}

function plain(
  raw: string,
  path: string,
  sink: IssueSink,
  reason: 'no-receiver-line' | 'no-monitor-samples',
): Measured {
  if (raw === '') return absent(reason);
  if (PLAIN.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value)) return present(value, raw);
    sink.warn('number-too-large', msg.numberTooLarge(path, raw.length), 1);
    return absent('unreadable', raw);
  }
  sink.warn('unreadable-number', msg.unreadableNumber(path, raw), 1);
  return absent('unreadable', raw);
}

/** Is this node's pair "nothing measured" (empty ram, all-zero formula)? */
function isEmptyNode(n: RawNode): boolean {
  return n.ram === '' && n.formula === '=0.00+0.00+0.00+0.00+0.00';
}

function readNode(n: RawNode, path: string, sink: IssueSink): KnbNodeResult {
  if (isEmptyNode(n)) {
    const none = absent('no-monitor-samples');
    return nodeResult(null, { user: none, nice: none, system: none, iowait: none, steal: none }, none);
  }
  const m = FORMULA.exec(n.formula);
  const parts = {} as Record<CpuComponent, Measured>;
  if (!m) {
    sink.warn('ibdbench-formula', msg.ibdbenchFormula(n.formula), 1);
    for (const c of COMPONENTS) parts[c] = absent('unreadable', n.formula);
  } else {
    COMPONENTS.forEach((c, i) => (parts[c] = plain(m[i + 1]!, `${path}.cpu.${c}`, sink, 'no-monitor-samples')));
  }
  return nodeResult(null, parts, plain(n.ram, `${path}.ram`, sink, 'no-monitor-samples'));
}

export function parseIbdbench(bytes: Uint8Array, file: string): ParsedKnb {
  const sink = issueSink(file);
  let content = decode(bytes);
  // 3 of the 81 published rows end with a newline; knb itself writes none (`echo -en`)
  content = content.replace(/\r?\n$/, '');
  if (content.includes('\n')) {
    sink.error('ibdbench-fields', msg.ibdbenchLines(), 2);
    return { file, format: 'ibdbench', run: null, issues: sink.issues };
  }
  const f = content.replace(/\r$/, '').split('\t');
  if (f.length !== 26 && f.length !== 36) {
    sink.error('ibdbench-fields', msg.ibdbenchFields(f.length), 1);
    return { file, format: 'ibdbench', run: null, issues: sink.issues };
  }
  const tests: KnbTestResult[] = [];
  const idleServer = { ram: f[2]!, formula: f[3]! };
  const idleClient = { ram: f[4]!, formula: f[5]! };
  if (isEmptyNode(idleServer) && isEmptyNode(idleClient)) {
    sink.warn('ibdbench-empty-test', msg.ibdbenchEmptyTest('idle'), 1);
  } else {
    tests.push({
      test: 'idle',
      protocol: null,
      bandwidth: null,
      client: readNode(idleClient, 'idle.client', sink),
      server: readNode(idleServer, 'idle.server', sink),
    });
  }
  for (const b of f.length === 36 ? N2N_BLOCKS : BLOCKS) {
    const label = `${b.test} ${b.protocol}`;
    const bw = f[b.first]!;
    const server = { ram: f[b.first + 1]!, formula: f[b.first + 2]! };
    const client = { ram: f[b.first + 3]!, formula: f[b.first + 4]! };
    if (bw === '' && isEmptyNode(server) && isEmptyNode(client)) {
      sink.warn('ibdbench-empty-test', msg.ibdbenchEmptyTest(label), 1);
      continue;
    }
    tests.push({
      test: b.test,
      protocol: b.protocol,
      bandwidth: plain(bw, `${label}.bandwidth`, sink, 'no-receiver-line'),
      client: readNode(client, `${label}.client`, sink),
      server: readNode(server, `${label}.server`, sink),
    });
  }
  const mtu = f[0]!;
  return {
    file,
    format: 'ibdbench',
    run: { format: 'ibdbench', metadata: EMPTY_METADATA, detected: { ...EMPTY_DETECTED, mtu }, tests, samples: [] },
    issues: sink.issues,
  };
}
