/**
 * JSON and YAML reports share one tree (same keys, same order, FORMATS.md §3–4). Both parsers build a small key tree
 * with line numbers (tolerating knb's hazards) and this module maps it onto the normalised run.
 */
import { knbMessages as msg } from '../messages.js';
import type { CpuComponent, KnbFormat, Protocol, Test } from '../../model/index.js';
import { EMPTY_METADATA, type KnbNodeResult, type KnbRun, type KnbTestResult, type Measured } from './run.js';
import { type IssueSink, nodeResult, readMeasured } from './values.js';

export interface TreeLeaf {
  readonly kind: 'leaf';
  /** the value as written: string content without quotes, number text, '' for empty; null for JSON null */
  readonly raw: string | null;
  readonly quoted: boolean;
  readonly line?: number;
}
export interface TreeObject {
  readonly kind: 'object';
  readonly entries: Map<string, TreeNode>;
  readonly line?: number;
}
export type TreeNode = TreeLeaf | TreeObject;

export function treeObject(line?: number): TreeObject {
  return line === undefined ? { kind: 'object', entries: new Map() } : { kind: 'object', entries: new Map(), line };
}

/**
 * A leaf from a double-quoted token (`"…"`, both quotes present) as knb's json and yaml write it: JSON string
 * escapes decoded where they parse; knb does not escape `"` or `\` (FORMATS.md §3.1 item 5), so where they do not,
 * the characters between the outer quotes are kept as written.
 */
export function doubleQuotedLeaf(token: string, line: number): TreeLeaf {
  let value = token.slice(1, -1);
  try {
    value = JSON.parse(token) as string;
  } catch {
    // unescaped `"` or `\` inside: keep the characters between the outer quotes
  }
  return { kind: 'leaf', raw: value, quoted: true, line };
}

/** Convert a value from JSON.parse / yaml.parse (no line numbers) into a tree. */
export function treeFromValue(value: unknown): TreeNode {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = treeObject();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) obj.entries.set(k, treeFromValue(v));
    return obj;
  }
  if (value === null || value === undefined) return { kind: 'leaf', raw: null, quoted: false };
  if (typeof value === 'string') return { kind: 'leaf', raw: value, quoted: true };
  return { kind: 'leaf', raw: String(value), quoted: false };
}

const TEST_KEYS: Readonly<Record<string, Test>> = { node2node: 'n2n', pod2pod: 'p2p', pod2svc: 'p2s' };
const PROTOCOL_KEYS: readonly Protocol[] = ['tcp', 'udp', 'custom'];
const COMPONENTS: readonly CpuComponent[] = ['user', 'nice', 'system', 'iowait', 'steal'];
const DATA_KEYS = new Set(['cpu', 'kernel', 'k8s-version', 'mtu', 'idle', 'node2node', 'pod2pod', 'pod2svc']);

function leafText(node: TreeNode | undefined): string | null {
  if (!node || node.kind !== 'leaf') return null;
  return node.raw === null ? '' : node.raw;
}

function lineOf(node: TreeNode | undefined, fallback?: number): number | undefined {
  return node?.line ?? fallback;
}

function child(obj: TreeObject, key: string, path: string, sink: IssueSink, required: boolean): TreeNode | undefined {
  const node = obj.entries.get(key);
  if (!node && required) sink.error('missing-key', msg.missingKey(`${path}.${key}`), obj.line);
  return node;
}

function asObject(node: TreeNode | undefined, path: string, sink: IssueSink): TreeObject | null {
  if (!node) return null;
  if (node.kind !== 'object') {
    sink.error('missing-key', msg.missingKey(`${path} (an object)`), node.line);
    return null;
  }
  return node;
}

function readLeaf(
  obj: TreeObject,
  key: string,
  path: string,
  reason: 'no-receiver-line' | 'no-monitor-samples',
  sink: IssueSink,
): Measured | null {
  const node = child(obj, key, path, sink, true);
  if (!node) return null;
  if (node.kind !== 'leaf') {
    sink.error('missing-key', msg.missingKey(`${path}.${key} (a number)`), node.line);
    return null;
  }
  return readMeasured(node.raw, `${path}.${key}`, reason, sink, node.line);
}

function warnUnknown(obj: TreeObject, allowed: readonly string[], path: string, sink: IssueSink): void {
  for (const [k, node] of obj.entries) {
    if (!allowed.includes(k)) sink.warn('unknown-key', msg.unknownKey(`${path}.${k}`), node.line ?? obj.line);
  }
}

function readNode(obj: TreeObject, path: string, sink: IssueSink): KnbNodeResult | null {
  warnUnknown(obj, ['cpu', 'ram'], path, sink);
  const cpu = asObject(child(obj, 'cpu', path, sink, true), `${path}.cpu`, sink);
  const ramNode = readLeaf(obj, 'ram', path, 'no-monitor-samples', sink);
  if (!cpu || !ramNode) return null;
  warnUnknown(cpu, ['total', ...COMPONENTS], `${path}.cpu`, sink);
  const components = {} as Record<CpuComponent, Measured>;
  for (const c of COMPONENTS) {
    const m = readLeaf(cpu, c, `${path}.cpu`, 'no-monitor-samples', sink);
    if (!m) return null;
    components[c] = m;
  }
  // knb 1.0.0 had no total (added in 1.1.1): it is then computed as knb later did.
  const total = cpu.entries.has('total') ? readLeaf(cpu, 'total', `${path}.cpu`, 'no-monitor-samples', sink) : null;
  return nodeResult(total, components, ramNode);
}

function readTest(
  node: TreeNode,
  test: Test,
  protocol: Protocol | null,
  path: string,
  sink: IssueSink,
): KnbTestResult | null {
  const obj = asObject(node, path, sink);
  if (!obj) return null;
  warnUnknown(obj, ['bandwidth', 'client', 'server'], path, sink);
  const bandwidth = readLeaf(obj, 'bandwidth', path, 'no-receiver-line', sink);
  if (!bandwidth) return null;
  const hasNodes = obj.entries.has('client') || obj.entries.has('server');
  let client: KnbNodeResult | null = null;
  let server: KnbNodeResult | null = null;
  if (hasNodes) {
    const c = asObject(child(obj, 'client', path, sink, true), `${path}.client`, sink);
    const s = asObject(child(obj, 'server', path, sink, true), `${path}.server`, sink);
    if (!c || !s) return null;
    client = readNode(c, `${path}.client`, sink);
    server = readNode(s, `${path}.server`, sink);
    if (!client || !server) return null;
  }
  return { test, protocol, bandwidth, client, server };
}

function sameTest(a: KnbTestResult, b: KnbTestResult): boolean {
  const values = (t: KnbTestResult) =>
    [
      t.bandwidth,
      t.client?.cpu.total,
      t.client?.cpu.user,
      t.client?.cpu.system,
      t.client?.ram,
      t.server?.cpu.total,
      t.server?.ram,
    ]
      .map((m) => m?.text ?? '')
      .join(' ');
  return values(a) === values(b);
}

/**
 * knb 1.0.0–1.2.0 YAML printed pod2pod UDP's data under pod2svc.udp (fixed in 1.3.0, FORMATS.md §9). Such YAML has
 * no `metadata.name` (added in 1.3.0). When pod2svc.udp repeats pod2pod.udp there, it is certainly the bug: the
 * pod2svc udp test is dropped with a warning (the real values are not in the file).
 */
function dropYamlP2sUdpBug(format: KnbFormat, meta: TreeObject, tests: KnbTestResult[], sink: IssueSink): void {
  if (format !== 'yaml' || meta.entries.has('name')) return;
  const p2p = tests.find((t) => t.test === 'p2p' && t.protocol === 'udp');
  const index = tests.findIndex((t) => t.test === 'p2s' && t.protocol === 'udp');
  if (!p2p || index < 0 || !sameTest(p2p, tests[index]!)) return;
  sink.warn('yaml-p2s-udp-bug', msg.yamlP2sUdpBug(), lineOf(meta));
  tests.splice(index, 1);
}

/** Map a report tree onto the run. Missing structure is an error (truncated / not knb); odd values are warnings. */
export function runFromTree(root: TreeNode, format: KnbFormat, sink: IssueSink): KnbRun | null {
  if (root.kind !== 'object' || !root.entries.has('metadata') || !root.entries.has('data')) {
    sink.error('not-knb', msg.notKnbTree(), root.line ?? 1);
    return null;
  }
  const meta = asObject(root.entries.get('metadata'), 'metadata', sink);
  const data = asObject(root.entries.get('data'), 'data', sink);
  if (!meta || !data) return null;
  // a `data` with none of knb's keys (a Kubernetes Secret manifest has `metadata` and `data` too) is not a knb report
  if (data.entries.size > 0 && ![...data.entries.keys()].some((k) => DATA_KEYS.has(k))) {
    sink.error('not-knb', msg.notKnbTree(), data.line ?? 1);
    return null;
  }
  const m = (k: string) => leafText(meta.entries.get(k));
  const detectedText = (k: string) => {
    const node = data.entries.get(k);
    const t = leafText(node);
    if (t === null) return null;
    if (node?.kind === 'leaf' && !node.quoted && (k === 'cpu' || k === 'kernel') && format === 'json' && t !== '') {
      sink.warn('json-unquoted', msg.jsonUnquoted(k), node.line);
    }
    return t.replace(/\r/g, '').trim();
  };
  const metadata = {
    ...EMPTY_METADATA,
    name: m('name'),
    generator: m('generator'),
    version: m('version'),
    date: m('date'),
    serverNode: m('server-node'),
    clientNode: m('client-node'),
    socketBufferSize: m('socket-buffer-size'),
    hostNetworkServer: m('host-network-server') ?? m('server-host-network'),
    hostNetworkClient: m('host-network-client') ?? m('client-host-network'),
  };
  const detected = {
    cpu: detectedText('cpu'),
    kernel: detectedText('kernel'),
    k8sVersion: detectedText('k8s-version'),
    mtu: detectedText('mtu'),
  };
  const tests: KnbTestResult[] = [];
  const idle = data.entries.get('idle');
  if (idle) {
    const t = readTest(idle, 'idle', null, 'data.idle', sink);
    if (t) tests.push(t);
  }
  for (const [key, test] of Object.entries(TEST_KEYS)) {
    const group = asObject(data.entries.get(key), `data.${key}`, sink);
    if (!group) continue;
    for (const protocol of PROTOCOL_KEYS) {
      const node = group.entries.get(protocol);
      if (!node) continue;
      const t = readTest(node, test, protocol, `data.${key}.${protocol}`, sink);
      if (t) tests.push(t);
    }
    for (const k of group.entries.keys()) {
      if (!(PROTOCOL_KEYS as readonly string[]).includes(k)) {
        sink.warn('unknown-key', msg.unknownKey(`data.${key}.${k}`), lineOf(group.entries.get(k)));
      }
    }
  }
  dropYamlP2sUdpBug(format, meta, tests, sink);
  for (const k of data.entries.keys()) {
    if (!DATA_KEYS.has(k)) sink.warn('unknown-key', msg.unknownKey(`data.${k}`), lineOf(data.entries.get(k)));
  }
  // A test that could not be read left an error in the sink (the file is rejected); the run keeps what was read,
  // for inspect.
  return { format, metadata, detected, tests, samples: [] };
}
