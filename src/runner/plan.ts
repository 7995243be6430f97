/**
 * The `runs:` section of campaign.yaml → a validated RunPlan. Every error names the file and the line.
 *
 * ```yaml
 * layout: '{testbed}/{distribution}/{plugin}/{iteration}'   # top level, shared with ingest
 * runs:
 *   iterations: 10
 *   knb: /usr/local/bin/knb
 *   options: { duration: 10, only-tests: [idle, tcp, udp], socket-buffer-size: auto, namespace: knb, timeout: 60 }
 *   concurrency: 2                      # clusters that share nothing may run at the same time
 *   timeout: 900                        # seconds per iteration (default: derived from the knb options)
 *   retries: 2                          # extra attempts per iteration, waiting backoff × 2^(attempt−1) s
 *   backoff: 30
 *   on-failure: continue                # stop | skip-cell | continue
 *   order: shuffled                     # sequential (default) | shuffled: run order drawn at random (docs/runner.md)
 *   seed: 20240115                      # seed of the shuffled order (default 1)
 *   clusters:
 *     - { testbed: ATH, distribution: k3s, plugin: flannel, context: ath, client-node: w1, server-node: w2,
 *         setup: [ansible-playbook, deploy.yml], teardown: [ansible-playbook, reset.yml], shares: [ath-hosts] }
 *   matrix:                             # shorthand: one cluster per combination, strings are templates
 *     - testbed: [UOM]
 *       distribution: [k8s, k3s, k0s, mk8s]
 *       plugin: [flannel, calico, cilium, kube-router, kube-ovn]
 *       context: 'uom-{distribution}-{plugin}'
 * ```
 */
import { join, resolve } from 'node:path';
import type { Node } from 'yaml';
import { DEFAULT_LAYOUT, parseCampaignYaml, readCampaignFile } from '../ingest/index.js';
import { CnibenchError, isCnibenchError, yamlModule } from '../model/index.js';
import { runnerMessages as msg } from './messages.js';
import { unsafeNameReason } from './names.js';
import { STATE_DIR } from './knb.js';
import {
  choice,
  command,
  integer,
  lineOf,
  mapEntries,
  planError,
  seqItems,
  text,
  textList,
  type Located,
} from './yaml-nodes.js';

export const FAILURE_POLICIES = ['stop', 'skip-cell', 'continue'] as const;
/** What to do when an iteration has failed all its attempts. */
export type FailurePolicy = (typeof FAILURE_POLICIES)[number];

export const RUN_ORDERS = ['sequential', 'shuffled'] as const;
/**
 * `sequential`: clusters in plan order, each one's iterations in a block. `shuffled`: the order is drawn with `seed`;
 * clusters without setup/teardown (standing clusters, measurable at any time) have their iterations interleaved one
 * by one with everything else, clusters that must be deployed run as blocks in a random order. Why: drift over the
 * hours of a campaign (RAM creeping up, a neighbour's load) is otherwise confounded with whichever level runs last.
 */
export type RunOrder = (typeof RUN_ORDERS)[number];

export const BACKENDS = ['knb', 'local'] as const;
/** `knb` runs knb against a Kubernetes cluster; `local` measures two network namespaces on this host. */
export type Backend = (typeof BACKENDS)[number];

/** knb's test slugs accepted by `-ot` (FORMATS.md §1). */
export const KNB_TEST_SLUGS = [
  'all',
  'tcp',
  'udp',
  'p2p',
  'p2s',
  'p2ptcp',
  'p2pudp',
  'p2stcp',
  'p2sudp',
  'idle',
] as const;

/** The knb options of a campaign (FORMATS.md §1). Null means "knb's default": the flag is not passed. */
export interface KnbOptions {
  /** `-d`, seconds per test. Default 10 (knb's default). */
  readonly duration: number;
  /** `-ot`, null = all tests */
  readonly onlyTests: readonly string[] | null;
  /** `-sbs`, e.g. `256K`; null = knb's `auto` */
  readonly socketBufferSize: string | null;
  /** `-n`; null = the context's current namespace */
  readonly namespace: string | null;
  /** `-t`, pod ready/complete wait in seconds; null = knb's 30 */
  readonly podTimeout: number | null;
}

/** One cluster to measure: one cell of the campaign. */
export interface ClusterPlan {
  /** the cell's path in the layout without the iteration, e.g. `ATH/k8s/flannel` */
  readonly cell: string;
  /** factor name → level as written in the plan (testbed, distribution, plugin and any extra factors) */
  readonly factors: Readonly<Record<string, string>>;
  /** kube context (selected through a KUBECONFIG overlay; knb itself has no --context flag) */
  readonly context: string | null;
  /** absolute path of the kubeconfig, or null for kubectl's default */
  readonly kubeconfig: string | null;
  readonly clientNode: string;
  readonly serverNode: string;
  /** run once before this cluster's iterations, e.g. an Ansible playbook deploying the distribution and plugin */
  readonly setup: readonly string[] | null;
  /** run once after them */
  readonly teardown: readonly string[] | null;
  /**
   * resources this cluster uses; two clusters sharing one never run at the same time. Always includes the cluster
   * itself (`kube:<kubeconfig>#<context>`), or `local-host` for the local backend.
   */
  readonly shares: readonly string[];
  /** line of campaign.yaml that declared the cluster */
  readonly line: number;
}

export interface RunPlan {
  /** absolute campaign directory: everything is written under it */
  readonly campaignDir: string;
  /** campaign.yaml path */
  readonly file: string;
  readonly backend: Backend;
  /** knb executable (absolute, or a name looked up in PATH). Default `knb`. */
  readonly knb: string;
  /** kubectl executable, used only to record its version. Default `kubectl`. */
  readonly kubectl: string;
  /** iterations per cell. Default 10 (the reference study's). */
  readonly iterations: number;
  /** layout of files, from campaign.yaml's top-level `layout`. Default `{testbed}/{distribution}/{plugin}/{iteration}`. */
  readonly layout: string;
  readonly options: KnbOptions;
  /** clusters measured at the same time at most. Default 1. */
  readonly concurrency: number;
  /** seconds before an iteration's process group is killed. Default: 2 × the expected duration + 120 s. */
  readonly timeout: number;
  /** extra attempts after a failure. Default 2. */
  readonly retries: number;
  /** seconds before the first retry, doubling each time. Default 10. */
  readonly backoff: number;
  /** Default `continue`: every other iteration still runs and failures are recorded. */
  readonly onFailure: FailurePolicy;
  /** run order. Default `sequential`. */
  readonly order: RunOrder;
  /** seed of the `shuffled` order. Default 1. */
  readonly seed: number;
  readonly clusters: readonly ClusterPlan[];
}

/** Iterations per cell at most, and runs per plan at most: a plan is held in memory (and listed by --dry-run). */
export const MAX_ITERATIONS = 100_000;
export const MAX_RUNS = 100_000;
/** Longest wait in seconds: Node timers fire at once past 2^31 - 1 ms (about 24.8 days). */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const REQUIRED_FACTORS = ['testbed', 'distribution', 'plugin'] as const;
const RUNS_KEYS = [
  'iterations',
  'backend',
  'knb',
  'kubectl',
  'options',
  'concurrency',
  'timeout',
  'retries',
  'backoff',
  'on-failure',
  'order',
  'seed',
  'clusters',
  'matrix',
] as const;
const OPTION_KEYS = ['duration', 'only-tests', 'socket-buffer-size', 'namespace', 'timeout'] as const;
const CLUSTER_KEYS = [
  'testbed',
  'distribution',
  'plugin',
  'factors',
  'context',
  'kubeconfig',
  'client-node',
  'server-node',
  'setup',
  'teardown',
  'shares',
] as const;

/**
 * Expected seconds of one knb iteration: each test lasts `duration`, plus pod scheduling and readiness, log and
 * metric collection around it (about 15 s per test on the reference study's clusters), plus resource set-up (20 s).
 */
export function expectedIterationSeconds(options: KnbOptions, backend: Backend = 'knb'): number {
  const tests = testCount(options.onlyTests);
  const perTestOverhead = backend === 'local' ? 1 : 15;
  const fixed = backend === 'local' ? 2 : 20;
  return fixed + tests * (options.duration + perTestOverhead);
}

/** How many of knb's five tests a `-ot` list selects. */
export function testCount(onlyTests: readonly string[] | null): number {
  if (onlyTests === null) return 5;
  const selected = new Set<string>();
  const add = (...t: string[]) => t.forEach((x) => selected.add(x));
  for (const slug of onlyTests) {
    if (slug === 'all') add('idle', 'p2ptcp', 'p2pudp', 'p2stcp', 'p2sudp');
    else if (slug === 'tcp') add('p2ptcp', 'p2stcp');
    else if (slug === 'udp') add('p2pudp', 'p2sudp');
    else if (slug === 'p2p') add('p2ptcp', 'p2pudp');
    else if (slug === 'p2s') add('p2stcp', 'p2sudp');
    else add(slug);
  }
  return selected.size;
}

/** Read `<campaignDir>/campaign.yaml` (or `.yml`) and validate its `runs:` section. */
export async function loadRunPlan(campaignDir: string): Promise<RunPlan> {
  const dir = resolve(campaignDir);
  const found = readCampaignFile(dir);
  if (!found) throw new CnibenchError('no-campaign', msg.noCampaignFile(join(dir, 'campaign.yaml')), { file: dir });
  return parseRunPlan(found.text, join(dir, found.file), dir);
}

/** Validate the `runs:` section of a campaign.yaml text. Pure: touches no file. */
export function parseRunPlan(source: string, file: string, campaignDir: string): RunPlan {
  let parsed: ReturnType<typeof parseCampaignYaml>;
  try {
    parsed = parseCampaignYaml(source, file);
  } catch (error) {
    // the runner's own code for a plan it cannot use, with the same file, line and wording
    if (isCnibenchError(error)) throw new CnibenchError('bad-plan', error.message, { file, line: error.line });
    throw error;
  }
  const { doc, lines } = parsed;
  const root: Located = { node: doc.contents as Node | null, where: 'campaign.yaml', file, lines, fallbackLine: 1 };
  if (root.node === null) throw new CnibenchError('bad-plan', msg.noRunsSection(), { file, line: 1 });
  const top = mapEntries(root, topLevelKeys(root));
  const runs = top.get('runs');
  if (!runs) throw new CnibenchError('bad-plan', msg.noRunsSection(), { file, line: 1 });
  const layoutAt = top.get('layout');
  const layout = layoutAt ? text(layoutAt) : DEFAULT_LAYOUT;
  if (layoutAt) checkLayoutVisible({ ...layoutAt, where: 'layout' }, layout);
  const r = mapEntries({ ...runs, where: 'runs' }, RUNS_KEYS);

  const backend = r.get('backend') ? choice(r.get('backend')!, BACKENDS) : 'knb';
  const options = parseOptions(r.get('options'));
  const iterations = r.get('iterations') ? integer(r.get('iterations')!, 1, MAX_ITERATIONS) : 10;
  const clusters: ClusterPlan[] = [];
  for (const at of r.has('clusters') ? seqItems(r.get('clusters')!) : []) {
    clusters.push(parseCluster(at, {}, backend, campaignDir, layout));
  }
  for (const block of r.has('matrix') ? matrixBlocks(r.get('matrix')!) : []) {
    clusters.push(...expandMatrix(block, backend, campaignDir, layout));
  }
  if (clusters.length === 0) throw planError(runs, msg.noClusters());
  if (clusters.length * iterations > MAX_RUNS) {
    throw planError(r.get('iterations') ?? runs, msg.tooManyRuns(clusters.length, iterations, MAX_RUNS));
  }
  const seen = new Map<string, number>();
  for (const c of clusters) {
    const other = seen.get(c.cell);
    if (other !== undefined) {
      throw new CnibenchError('bad-plan', msg.duplicateCell('runs', c.cell, `line ${other}`), { file, line: c.line });
    }
    seen.set(c.cell, c.line);
  }
  const timeout = r.get('timeout')
    ? integer(r.get('timeout')!, 1, MAX_TIMER_SECONDS)
    : Math.min(MAX_TIMER_SECONDS, 2 * expectedIterationSeconds(options, backend) + 120);
  const retries = r.get('retries') ? integer(r.get('retries')!, 0, 100) : 2;
  const backoff = r.get('backoff') ? integer(r.get('backoff')!, 0, MAX_TIMER_SECONDS) : 10;
  if (retries > 0 && backoff * 2 ** (retries - 1) > MAX_TIMER_SECONDS) {
    throw planError(r.get('backoff') ?? r.get('retries')!, msg.backoffTooLong(backoff, retries, MAX_TIMER_SECONDS));
  }
  return {
    campaignDir,
    file,
    backend,
    knb: r.get('knb') ? program(text(r.get('knb')!), campaignDir) : 'knb',
    kubectl: r.get('kubectl') ? program(text(r.get('kubectl')!), campaignDir) : 'kubectl',
    iterations,
    layout,
    options,
    concurrency: r.get('concurrency') ? integer(r.get('concurrency')!, 1, 1000) : 1,
    timeout,
    retries,
    backoff,
    onFailure: r.get('on-failure') ? choice(r.get('on-failure')!, FAILURE_POLICIES) : 'continue',
    order: r.get('order') ? choice(r.get('order')!, RUN_ORDERS) : 'sequential',
    seed: r.get('seed') ? integer(r.get('seed')!, 0) : 1,
    clusters,
  };
}

/**
 * A layout whose files ingest would not see is refused before anything runs: under the runner's state directory, a
 * hidden or dotted directory (`..{iteration}`), an absolute or empty segment, or dots in the file's segment (ingest
 * reads the iteration up to the first dot, `{iteration}..` would never match).
 */
function checkLayoutVisible(at: Located, layout: string): void {
  const segments = layout.split('/');
  if (segments[0] === STATE_DIR) throw planError(at, msg.layoutStateDir(layout, STATE_DIR));
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === '' || segment.startsWith('.') || segment.endsWith('.') || (last && segment.includes('.'))) {
      throw planError(at, msg.layoutSegment(layout, segment));
    }
  }
}

/** The top level belongs to ingest except `runs:`; accept whatever keys it has (ingest validates them). */
function topLevelKeys(root: Located): string[] {
  const node = root.node as { items?: { key?: { value?: unknown } }[] };
  const keys = (node.items ?? []).map((p) => String(p.key?.value ?? ''));
  return keys.length > 0 ? keys : ['runs'];
}

function parseOptions(at: Located | undefined): KnbOptions {
  if (!at) return { duration: 10, onlyTests: null, socketBufferSize: null, namespace: null, podTimeout: null };
  const o = mapEntries(at, OPTION_KEYS);
  let onlyTests: string[] | null = null;
  const ot = o.get('only-tests');
  if (ot) {
    onlyTests = textList(ot).flatMap((t) => t.split(',').map((s) => s.trim()));
    for (const slug of onlyTests) {
      if (!(KNB_TEST_SLUGS as readonly string[]).includes(slug))
        throw planError(ot, msg.unknownOnlyTest(ot.where, slug));
    }
  }
  let socketBufferSize: string | null = null;
  const sbs = o.get('socket-buffer-size');
  if (sbs) {
    socketBufferSize = text(sbs);
    if (!/^(auto|\d+[KMG]?)$/.test(socketBufferSize))
      throw planError(sbs, msg.badSocketBuffer(sbs.where, socketBufferSize));
    if (socketBufferSize === 'auto') socketBufferSize = null;
  }
  const ns = o.get('namespace');
  const namespace = ns ? checkedName(ns, text(ns)) : null;
  return {
    duration: o.get('duration') ? integer(o.get('duration')!, 1) : 10,
    onlyTests,
    socketBufferSize,
    namespace,
    podTimeout: o.get('timeout') ? integer(o.get('timeout')!, 1) : null,
  };
}

function checkedName(at: Located, value: string): string {
  const why = unsafeNameReason(value);
  if (why !== null) throw planError(at, msg.badName(at.where, value, why));
  return value;
}

/** Template values: `{factor}` placeholders in matrix strings. */
type Bindings = Readonly<Record<string, string>>;

function fill(at: Located, template: string, bindings: Bindings): string {
  return template.replace(/\{([^{}]*)\}/g, (_, field: string) => {
    const value = bindings[field];
    if (value === undefined) throw planError(at, msg.unknownTemplateField(at.where, field, Object.keys(bindings)));
    return value;
  });
}

function parseCluster(
  at: Located,
  bindings: Bindings,
  backend: Backend,
  campaignDir: string,
  layout: string,
  factorOverride?: Readonly<Record<string, string>>,
): ClusterPlan {
  const c = mapEntries(at, CLUSTER_KEYS);
  const str = (key: string): string | null => {
    const v = c.get(key);
    return v ? fill(v, text(v), bindings) : null;
  };
  const factors: Record<string, string> = {};
  for (const f of REQUIRED_FACTORS) {
    const v = factorOverride?.[f] ?? str(f);
    if (v === null) throw planError(at, msg.missingKey(at.where, f));
    factors[f] = checkedName(c.get(f) ?? at, v);
  }
  const extra = c.get('factors');
  if (extra) {
    for (const [name, v] of mapEntries(extra, keysOf(extra))) {
      checkedName(v, name);
      factors[name] = checkedName(v, factorOverride?.[name] ?? fill(v, text(v), bindings));
    }
  }
  for (const [name, value] of Object.entries(factorOverride ?? {})) factors[name] ??= value;
  const node = (key: string, fallback: string): string => {
    const v = str(key);
    if (v === null) {
      if (backend === 'local') return fallback;
      throw planError(at, msg.missingKey(at.where, key));
    }
    return checkedName(c.get(key)!, v);
  };
  const clientNode = node('client-node', 'client');
  const serverNode = node('server-node', 'server');
  const context = str('context');
  if (context !== null && /[\p{Cc}]/u.test(context)) {
    throw planError(c.get('context')!, msg.badName(`${at.where}.context`, context, msg.nameControl()));
  }
  const kubeconfigRaw = str('kubeconfig');
  const kubeconfig = kubeconfigRaw === null ? null : resolve(campaignDir, kubeconfigRaw);
  const cmd = (key: string): string[] | null => {
    const v = c.get(key);
    return v ? command(v).map((arg) => fill(v, arg, bindings)) : null;
  };
  const sharesAt = c.get('shares');
  const shares = sharesAt ? textList(sharesAt).map((s) => fill(sharesAt, s, bindings)) : [];
  const layoutAt = { ...at, where: 'layout' };
  return {
    cell: cellPath(layoutAt, layout, factors),
    factors,
    context,
    kubeconfig,
    clientNode,
    serverNode,
    setup: cmd('setup'),
    teardown: cmd('teardown'),
    shares: [...new Set([...shares, implicitShare(backend, kubeconfig, context)])],
    line: lineOf(at),
  };
}

/**
 * The resource every cluster uses implicitly: its Kubernetes cluster (kubeconfig + context; clusters left on the
 * default kubeconfig's current context are one and the same), or, for the local backend, this host — two local
 * measurements at once would each see the other's CPU load.
 */
function implicitShare(backend: Backend, kubeconfig: string | null, context: string | null): string {
  if (backend === 'local') return 'local-host';
  return `kube:${kubeconfig ?? '$KUBECONFIG'}#${context ?? '(current context)'}`;
}

/** A program path with a slash is relative to the campaign directory; a bare name is looked up in PATH. */
function program(value: string, campaignDir: string): string {
  return value.includes('/') ? resolve(campaignDir, value) : value;
}

function keysOf(at: Located): string[] {
  const node = at.node as { items?: { key?: { value?: unknown } }[] } | null;
  return (node?.items ?? []).map((p) => String(p.key?.value ?? ''));
}

/** The cell directory: the layout with its last segment (the iteration file) removed. */
function cellPath(at: Located, layout: string, factors: Bindings): string {
  const segments = layout.split('/');
  const last = segments[segments.length - 1] ?? '';
  if (!last.includes('{iteration}')) throw planError(at, msg.layoutNeedsIteration(layout));
  for (const m of layout.matchAll(/\{([^{}]*)\}/g)) {
    const field = m[1] ?? '';
    if (field !== 'iteration' && factors[field] === undefined) throw planError(at, msg.layoutField(layout, field));
  }
  return segments
    .slice(0, -1)
    .map((s) => s.replace(/\{([^{}]*)\}/g, (_, f: string) => factors[f] ?? ''))
    .join('/');
}

/** File stem of an iteration in the layout's last segment, zero-padded (`01` … `10`) so that names sort. */
export function iterationStem(layout: string, factors: Bindings, iteration: number, iterations: number): string {
  const segments = layout.split('/');
  const last = segments[segments.length - 1] ?? '{iteration}';
  const width = Math.max(2, String(iterations).length);
  return last.replace(/\{([^{}]*)\}/g, (_, f: string) =>
    f === 'iteration' ? String(iteration).padStart(width, '0') : (factors[f] ?? ''),
  );
}

function matrixBlocks(at: Located): Located[] {
  return yamlModule().isSeq(at.node) ? seqItems(at) : [at];
}

/** One cluster per combination of the listed factor levels; other keys are templates over those levels. */
function expandMatrix(block: Located, backend: Backend, campaignDir: string, layout: string): ClusterPlan[] {
  const entries = mapEntries(block, CLUSTER_KEYS);
  const axes: [string, Located, string[]][] = [];
  for (const f of REQUIRED_FACTORS) {
    const at = entries.get(f);
    if (!at) throw planError(block, msg.missingKey(block.where, f));
    axes.push([f, at, textList(at).map((v) => checkedName(at, v))]);
  }
  const extra = entries.get('factors');
  if (extra) {
    for (const [name, at] of mapEntries(extra, keysOf(extra))) {
      checkedName(at, name);
      axes.push([name, at, textList(at).map((v) => checkedName(at, v))]);
    }
  }
  let combos: Record<string, string>[] = [{}];
  for (const [name, , levels] of axes) combos = combos.flatMap((c) => levels.map((l) => ({ ...c, [name]: l })));
  return combos.map((bindings) => parseCluster(block, bindings, backend, campaignDir, layout, bindings));
}
