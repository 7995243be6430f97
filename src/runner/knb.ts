/**
 * What the runner executes for each iteration: knb's argument array (never a shell string), the environment that
 * selects the cluster, and every path the iteration writes. Pure: computes, touches nothing.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterPlan, KnbOptions, RunOrder, RunPlan } from './plan.js';
import { mulberry32, minOf } from '../model/index.js';
import { expectedIterationSeconds, iterationStem } from './plan.js';

/** The runner's state directory inside the campaign (ingest records its files as `auxiliary`). */
export const STATE_DIR = '.cnibench';

/** One iteration of one cluster, with everything it will run and write (paths relative to the campaign). */
export interface IterationJob {
  readonly cluster: ClusterPlan;
  /** 1-based */
  readonly iteration: number;
  /** knb's `--name`: `<cell>/<stem>`, e.g. `ATH/k8s/flannel/01` */
  readonly runName: string;
  /** the finished archive in the layout, e.g. `ATH/k8s/flannel/01.knbdata` */
  readonly archive: string;
  /** the failure record written instead when every attempt failed */
  readonly failed: string;
  /** knb's stdout and stderr, all attempts */
  readonly log: string;
  /** tool versions, the exact command, attempts */
  readonly manifest: string;
  /** where knb writes (`-f`) before the archive is moved into the layout */
  readonly tmp: string;
  /** the command, `argv[0]` is the program */
  readonly argv: readonly string[];
  /** variables added to the runner's environment (KUBECONFIG selecting the cluster's context) */
  readonly env: Readonly<Record<string, string>>;
}

/** A cluster with some of its iterations, run together (setup, iterations, teardown). */
export interface ScheduleUnit {
  readonly cluster: ClusterPlan;
  readonly jobs: readonly IterationJob[];
}

/** The clusters of a plan with their iterations, in plan order, and the order they run in. */
export interface CampaignSchedule {
  readonly plan: RunPlan;
  readonly clusters: readonly ScheduleUnit[];
  /**
   * the units in the order they start: one per cluster in plan order (`sequential`), or drawn with the plan's seed
   * (`shuffled`: a standing cluster's iterations become one unit each, interleaved with everything else)
   */
  readonly queue: readonly ScheduleUnit[];
  /** seconds one iteration is expected to take */
  readonly iterationSeconds: number;
  /** expected wall-clock seconds of the whole campaign (concurrency and shared resources taken into account) */
  readonly expectedSeconds: number;
}

/** knb's command-line flags for one run (FORMATS.md §1), in the order knb's usage lists them. */
export function knbArguments(
  cluster: Pick<ClusterPlan, 'clientNode' | 'serverNode'>,
  options: KnbOptions,
  output: string,
  runName: string,
): string[] {
  const args = ['-cn', cluster.clientNode, '-sn', cluster.serverNode, '-d', String(options.duration)];
  if (options.namespace !== null) args.push('-n', options.namespace);
  if (options.onlyTests !== null) args.push('-ot', options.onlyTests.join(','));
  if (options.socketBufferSize !== null) args.push('-sbs', options.socketBufferSize);
  if (options.podTimeout !== null) args.push('-t', String(options.podTimeout));
  args.push('-o', 'data', '-f', output, '--name', runName);
  return args;
}

/** The program (and its leading arguments) that plays knb for a backend. */
export function backendProgram(plan: Pick<RunPlan, 'backend' | 'knb'>): string[] {
  if (plan.backend === 'knb') return [plan.knb];
  // The local backend is a knb-compatible executable of this package, supervised exactly like knb.
  const here = fileURLToPath(import.meta.url);
  const script = join(here, '..', 'local', here.endsWith('.ts') ? 'main.ts' : 'main.js');
  // From the TypeScript sources (tests, tsx): load tsx by its resolved URL, as the child's cwd is the campaign.
  return here.endsWith('.ts')
    ? [process.execPath, '--import', import.meta.resolve('tsx'), script]
    : [process.execPath, script];
}

/** KUBECONFIG overlay file selecting the cluster's context (written by the store before the run). */
export function kubeconfigOverlay(cell: string): string {
  return `${STATE_DIR}/kubeconfig/${cell}.yaml`;
}

/**
 * Environment selecting the cluster. knb has no --context flag, so a context is chosen through KUBECONFIG: a tiny
 * overlay file that sets only `current-context` goes first in the list (kubectl takes current-context from the first
 * file that sets it), followed by the cluster's kubeconfig (or the user's).
 */
export function clusterEnv(
  plan: Pick<RunPlan, 'campaignDir'>,
  cluster: ClusterPlan,
  baseEnv: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const base = cluster.kubeconfig ?? baseEnv['KUBECONFIG'] ?? join(baseEnv['HOME'] ?? homedir(), '.kube', 'config');
  if (cluster.context === null) return cluster.kubeconfig !== null ? { KUBECONFIG: cluster.kubeconfig } : {};
  return { KUBECONFIG: `${join(plan.campaignDir, kubeconfigOverlay(cluster.cell))}:${base}` };
}

/** Expand a plan into its iterations: every command and every file, before anything runs. */
export function planCampaign(
  plan: RunPlan,
  baseEnv: Readonly<Record<string, string | undefined>> = process.env,
): CampaignSchedule {
  const program = backendProgram(plan);
  const clusters = plan.clusters.map((cluster) => {
    const env = clusterEnv(plan, cluster, baseEnv);
    const jobs: IterationJob[] = [];
    for (let iteration = 1; iteration <= plan.iterations; iteration++) {
      const stem = iterationStem(plan.layout, cluster.factors, iteration, plan.iterations);
      const prefix = cluster.cell === '' ? stem : `${cluster.cell}/${stem}`;
      const tmp = `${STATE_DIR}/tmp/${prefix}.knbdata.partial`;
      const runName = prefix;
      jobs.push({
        cluster,
        iteration,
        runName,
        archive: `${prefix}.knbdata`,
        failed: `${prefix}.failed.json`,
        log: `${STATE_DIR}/logs/${prefix}.log`,
        manifest: `${STATE_DIR}/runs/${prefix}.json`,
        tmp,
        argv: [...program, ...knbArguments(cluster, plan.options, join(plan.campaignDir, tmp), runName)],
        env,
      });
    }
    return { cluster, jobs };
  });
  const iterationSeconds = expectedIterationSeconds(plan.options, plan.backend);
  return {
    plan,
    clusters,
    queue: runQueue(clusters, plan.order, plan.seed),
    iterationSeconds,
    expectedSeconds: estimateWallClock(plan, iterationSeconds),
  };
}

/**
 * The order units start in. `shuffled`: a seeded Fisher–Yates (mulberry32) over the units, where a standing cluster
 * (no setup, no teardown) contributes one unit per iteration, so its runs are spread over the campaign; a cluster
 * that must be deployed stays one block (re-deploying it per iteration would cost more than the benchmark).
 */
export function runQueue(clusters: readonly ScheduleUnit[], order: RunOrder, seed: number): ScheduleUnit[] {
  if (order === 'sequential') return [...clusters];
  const units: ScheduleUnit[] = [];
  for (const unit of clusters) {
    const standing = unit.cluster.setup === null && unit.cluster.teardown === null;
    if (standing) for (const job of unit.jobs) units.push({ cluster: unit.cluster, jobs: [job] });
    else units.push(unit);
  }
  const random = mulberry32(seed);
  for (let i = units.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [units[i], units[j]] = [units[j]!, units[i]!];
  }
  return units;
}

/**
 * Wall-clock estimate: clusters are grouped by shared resources (a group runs one cluster at a time), groups run in
 * parallel up to `concurrency`; the busiest lanes decide. Setup and teardown time is unknown and not included.
 */
function estimateWallClock(plan: RunPlan, iterationSeconds: number): number {
  const perCluster = plan.iterations * iterationSeconds;
  const groups = shareGroups(plan.clusters).map((g) => g.length * perCluster);
  const lanes = new Array<number>(Math.min(plan.concurrency, groups.length)).fill(0);
  for (const load of groups.sort((a, b) => b - a)) {
    const i = lanes.indexOf(minOf(lanes));
    lanes[i] = (lanes[i] ?? 0) + load;
  }
  return Math.max(0, ...lanes);
}

/** Clusters connected through shared resources (transitively), each group in plan order. */
export function shareGroups(clusters: readonly ClusterPlan[]): ClusterPlan[][] {
  const parent = clusters.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  clusters.forEach((c, i) => {
    for (const s of c.shares) {
      const j = owner.get(s);
      if (j === undefined) owner.set(s, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, ClusterPlan[]>();
  clusters.forEach((c, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  });
  return [...groups.values()];
}
