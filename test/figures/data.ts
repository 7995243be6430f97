/**
 * A hand-made but realistic Analysis for figure tests: 2 testbeds × 4 distributions × 5 plugins × 5 conditions,
 * 10 iterations a cell, with the magnitudes and the distribution × plugin effects the reference study states
 * (../shared/paper/FACTS.md). The statistics are deliberately simple (t interval with t(0.975, 9) = 2.262,
 * significance from |t| > 2.1): figures only need records of the right shape and plausible values.
 */
import type { FactorInfo } from '../../src/model/dataset.js';
import type { Observation } from '../../src/model/observation.js';
import { driftAnalysis } from '../../src/stats/drift.js';
import { mulberry32 } from '../../src/model/random.js';
import type { Metric, NodeRole, Protocol, Test } from '../../src/model/vocabulary.js';
import type {
  Analysis,
  AnalysisOptions,
  CellSummary,
  Comparison,
  Condition,
  InteractionContrast,
} from '../../src/stats/types.js';

export interface FixtureOptions {
  readonly seed?: number;
  readonly testbeds?: readonly string[];
  readonly distributions?: readonly string[];
  readonly plugins?: readonly string[];
  /** display labels overriding the defaults, per factor */
  readonly labels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly iterations?: number;
}

const DEFAULT_LABELS: Record<string, Record<string, string>> = {
  testbed: { ATH: 'Intra-host (ATH)', UOM: 'Inter-host (UOM)' },
  distribution: { k8s: 'K8s', k3s: 'K3s', k0s: 'K0s', mk8s: 'MicroK8s' },
  plugin: {
    flannel: 'Flannel',
    calico: 'Calico',
    cilium: 'Cilium',
    'kube-router': 'Kube-router',
    'kube-ovn': 'Kube-OVN',
  },
};

const CONDITIONS: readonly { test: Test; protocol: Protocol | null }[] = [
  { test: 'idle', protocol: null },
  { test: 'p2p', protocol: 'tcp' },
  { test: 'p2p', protocol: 'udp' },
  { test: 'p2s', protocol: 'tcp' },
  { test: 'p2s', protocol: 'udp' },
];

const CPU_IDLE: Record<string, number> = { flannel: 0.8, calico: 2, cilium: 2.6, 'kube-router': 0.9, 'kube-ovn': 5 };
const CPU_TCP: Record<string, number> = { flannel: 10, calico: 25, cilium: 10, 'kube-router': 25, 'kube-ovn': 20 };
const RAM: Record<string, number> = { flannel: 600, calico: 660, cilium: 870, 'kube-router': 600, 'kube-ovn': 790 };
/** RAM change vs vanilla K8s stated for the inter-host testbed. */
const RAM_FACTOR: Record<string, number> = {
  'flannel|k3s': 0.72,
  'flannel|mk8s': 0.85,
  'kube-router|k0s': 0.79,
  'calico|k3s': 0.94,
  'calico|k0s': 0.84,
  'calico|mk8s': 0.63,
  'kube-ovn|mk8s': 1.16,
  'cilium|k3s': 1.14,
};

function expectedMean(testbed: string, distribution: string, plugin: string, c: Condition): number {
  const calicoLight = plugin === 'calico' && (distribution === 'k0s' || distribution === 'mk8s');
  const known = (table: Record<string, number>, fallback: number) => table[plugin] ?? fallback;
  if (c.metric === 'ram') {
    const nodeFactor = c.node === 'client' ? 0.95 : 1;
    const load = c.test === 'idle' ? 1 : 1.04;
    return known(RAM, 700) * (RAM_FACTOR[`${plugin}|${distribution}`] ?? 1) * nodeFactor * load;
  }
  if (c.metric === 'cpu') {
    const nodeFactor = c.node === 'client' ? 0.9 : 1;
    let cpu =
      c.test === 'idle'
        ? known(CPU_IDLE, 2)
        : c.protocol === 'udp'
          ? plugin === 'kube-ovn'
            ? 37
            : 30
          : known(CPU_TCP, 15);
    if (testbed === 'UOM' && c.test !== 'idle') cpu *= c.protocol === 'tcp' ? 1.15 : 0.85;
    if (calicoLight && c.test !== 'idle') cpu *= 0.8;
    return cpu * nodeFactor;
  }
  // bandwidth
  let bw: number;
  if (testbed === 'ATH') {
    bw = c.protocol === 'tcp' && (plugin === 'calico' || plugin === 'kube-router') ? 9300 : 1000;
  } else {
    const uom: Record<string, number> = { flannel: 600, calico: 900, cilium: 700, 'kube-router': 940, 'kube-ovn': 750 };
    bw = known(uom, 800) * (c.protocol === 'udp' ? 1.05 : 1);
  }
  if (calicoLight) bw *= 0.8;
  return bw;
}

function quantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

function keyOf(factors: Record<string, string>, c: Condition): string {
  return `${factors['testbed']}/${factors['distribution']}/${factors['plugin']}|${c.test}|${c.protocol ?? '-'}|${c.node ?? '-'}|${c.metric}`;
}

function summarise(factors: Record<string, string>, c: Condition, values: number[]): CellSummary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const sem = sd / Math.sqrt(n);
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile7(sorted, 0.25);
  const q3 = quantile7(sorted, 0.75);
  const iqr = q3 - q1;
  const iterations = values.map((_, i) => i + 1);
  return {
    ...c,
    factors,
    key: keyOf(factors, c),
    n,
    nMissing: 0,
    values,
    iterations,
    mean,
    variance,
    sd,
    sem,
    median: quantile7(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    q1,
    q3,
    cv: sd / Math.abs(mean),
    ci: { lo: mean - 2.262 * sem, hi: mean + 2.262 * sem, level: 0.95, method: 't' },
    outliers: iterations.filter((_, i) => values[i]! < q1 - 1.5 * iqr || values[i]! > q3 + 1.5 * iqr),
    outlierRule: 'tukey-1.5',
    warnings: [],
  };
}

export const FIXTURE_OPTIONS: AnalysisOptions = {
  level: 0.95,
  alpha: 0.05,
  factor: 'distribution',
  baseline: 'k8s',
  adjust: 'holm',
  test: 'welch',
  anovaType: 2,
  interactionFactors: ['distribution', 'plugin'],
  seed: 1,
};

export function makeAnalysis(options: FixtureOptions = {}): Analysis {
  const random = mulberry32(options.seed ?? 42);
  const testbeds = options.testbeds ?? ['ATH', 'UOM'];
  const distributions = options.distributions ?? ['k8s', 'k3s', 'k0s', 'mk8s'];
  const plugins = options.plugins ?? ['flannel', 'calico', 'cilium', 'kube-router', 'kube-ovn'];
  const iterations = options.iterations ?? 10;
  const factor = (name: string, levels: readonly string[]): FactorInfo => ({
    name,
    levels,
    originals: Object.fromEntries(levels.map((l) => [l, [l]])),
    labels: Object.fromEntries(levels.map((l) => [l, options.labels?.[name]?.[l] ?? DEFAULT_LABELS[name]?.[l] ?? l])),
  });
  const factors = [factor('testbed', testbeds), factor('distribution', distributions), factor('plugin', plugins)];

  const conditions: Condition[] = CONDITIONS.flatMap(({ test, protocol }) => {
    const perNode = (['client', 'server'] as NodeRole[]).flatMap((node) =>
      (['cpu', 'ram'] as Metric[]).map((metric) => ({ test, protocol, node, metric })),
    );
    return test === 'idle' ? perNode : [...perNode, { test, protocol, node: null, metric: 'bandwidth' as Metric }];
  });

  const summaries: CellSummary[] = [];
  for (const testbed of testbeds) {
    for (const distribution of distributions) {
      for (const plugin of plugins) {
        for (const c of conditions) {
          const mu = expectedMean(testbed, distribution, plugin, c);
          const spread = c.metric === 'bandwidth' ? 0.04 : c.metric === 'cpu' ? 0.06 : 0.015;
          const values = Array.from({ length: iterations }, (_, i) => {
            const noise = (random() + random() + random() - 1.5) * 2 * spread;
            const drift = c.metric === 'ram' ? i * 0.002 : 0; // RAM creeps up over a campaign
            const outlier = random() < 0.03 ? (random() < 0.5 ? 0.7 : 1.3) : 1;
            return Number((mu * (1 + noise + drift) * outlier).toFixed(3));
          });
          summaries.push(summarise({ testbed, distribution, plugin }, c, values));
        }
      }
    }
  }

  const byKey = new Map(summaries.map((s) => [s.key, s]));
  const comparisons: Comparison[] = [];
  for (const s of summaries) {
    const level = s.factors['distribution']!;
    if (level === 'k8s') continue;
    const baseFactors = { ...s.factors, distribution: 'k8s' };
    const base = byKey.get(keyOf(baseFactors, s));
    if (base === undefined) continue;
    const delta = s.mean! - base.mean!;
    const se = Math.sqrt(s.sem! ** 2 + base.sem! ** 2);
    const t = delta / se;
    const p = Math.min(1, 2 * Math.exp(-0.717 * Math.abs(t) - 0.416 * t * t)); // rough normal tail
    const deltaPct = (100 * delta) / base.mean!;
    const pctHalf = (100 * 2.1 * se) / base.mean!;
    comparisons.push({
      factor: 'distribution',
      baseline: 'k8s',
      level,
      cell: { factors: s.factors, test: s.test, protocol: s.protocol, node: s.node, metric: s.metric },
      key: s.key,
      baselineKey: base.key,
      nBaseline: base.n,
      n: s.n,
      meanBaseline: base.mean,
      mean: s.mean,
      delta,
      deltaCi: { lo: delta - 2.1 * se, hi: delta + 2.1 * se, level: 0.95, method: 'welch' },
      deltaPct,
      deltaPctCi: { lo: deltaPct - pctHalf, hi: deltaPct + pctHalf, level: 0.95, method: 'delta' },
      welch: { statistic: t, p, df: 17 },
      mannWhitney: null,
      hedgesG: null,
      p,
      pAdjusted: Math.min(1, p * 3),
      family: 'fixture',
      significant: Math.abs(t) > 2.1,
      warnings: [],
    });
  }

  const contrasts: InteractionContrast[] = [];
  const groupOf = (c: Comparison) =>
    `${c.cell.factors['testbed']}|${c.cell.test}|${c.cell.protocol ?? '-'}|${c.cell.node ?? '-'}|${c.cell.metric}`;
  const groups = new Map<string, Comparison[]>();
  for (const c of comparisons) {
    const members = groups.get(groupOf(c));
    if (members) members.push(c);
    else groups.set(groupOf(c), [c]);
  }
  for (const [groupKey, members] of groups) {
    // mean delta per level, computed once (linear in the group: 200 × 50 levels stay fast)
    const sums = new Map<string, { sum: number; n: number }>();
    for (const m of members) {
      const entry = sums.get(m.level) ?? { sum: 0, n: 0 };
      sums.set(m.level, { sum: entry.sum + m.deltaPct!, n: entry.n + 1 });
    }
    for (const c of members) {
      const level = sums.get(c.level)!;
      const additivePct = level.sum / level.n;
      const contrastPct = c.deltaPct! - additivePct;
      contrasts.push({
        group: {
          factors: { testbed: c.cell.factors['testbed']! },
          test: c.cell.test,
          protocol: c.cell.protocol,
          node: c.cell.node,
          metric: c.cell.metric,
        },
        groupKey,
        factorA: 'distribution',
        factorB: 'plugin',
        levelA: c.level,
        levelB: c.cell.factors['plugin']!,
        baselineA: 'k8s',
        observedPct: c.deltaPct,
        additivePct,
        contrastPct,
        contrastCi: null,
        contrast: null,
        p: c.p,
        pAdjusted: c.pAdjusted,
        flagged: c.significant && Math.abs(contrastPct) >= 5,
        warnings: [],
      });
    }
  }

  return {
    factors,
    summaries,
    comparisons,
    interactions: { anova: [], contrasts },
    options: FIXTURE_OPTIONS,
  };
}

/**
 * The analysis with drift statistics from run times assigned as a sequential campaign would have them: testbed by
 * testbed, distribution by distribution, plugin by plugin, an hour between cells and four minutes between runs.
 */
export function withDrift(analysis: Analysis): Analysis {
  const start = Date.UTC(2024, 0, 15, 8, 0, 0) / 1000;
  const runTimes = new Map<string, number>();
  let clock = start;
  const observations: Observation[] = [];
  for (const s of analysis.summaries) {
    const cell = analysis.factors.map((f) => s.factors[f.name]).join('/');
    s.values.forEach((value, i) => {
      const run = `${cell}#${s.iterations[i]}`;
      if (!runTimes.has(run)) {
        if (i === 0 && ![...runTimes.keys()].some((k) => k.startsWith(`${cell}#`))) clock += 3600;
        runTimes.set(run, (clock += 240));
      }
      const date = new Date(runTimes.get(run)! * 1000).toISOString().slice(0, 19).replace('T', ' ');
      observations.push({
        factors: s.factors,
        iteration: s.iterations[i]!,
        test: s.test,
        protocol: s.protocol,
        node: s.node,
        metric: s.metric,
        value,
        missing: null,
        provenance: { source: `${run}.knbdata`, format: 'knbdata', knbVersion: '1.5.0', runName: null, date },
      });
    });
  }
  const drift = driftAnalysis(observations, analysis.summaries, analysis.factors, {
    compared: [analysis.options.factor],
    factor: analysis.options.factor,
    baseline: analysis.options.baseline,
    metrics: ['cpu', 'ram', 'bandwidth'],
  });
  return { ...analysis, drift };
}
