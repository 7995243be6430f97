/**
 * A small hand-made Analysis and Dataset for the tables and report tests: 2 testbeds × 2 distributions × 2 plugins,
 * three conditions, with labels that would break naive output (`<script>`, `50%_\&|*`). Numbers are computed from
 * the fabricated iterations (mean, sd) or set by hand where only rendering is tested (p-values, ANOVA terms).
 */
import type { Dataset, FactorInfo } from '../../src/model/dataset.js';
import { makeLedger, type LedgerEntry } from '../../src/model/ledger.js';
import type { Observation } from '../../src/model/observation.js';
import type { Metric, NodeRole, Protocol, Test } from '../../src/model/vocabulary.js';
import type {
  Analysis,
  AnalysisOptions,
  AnovaTable,
  CellSummary,
  Comparison,
  Condition,
  InteractionContrast,
} from '../../src/stats/types.js';

export const FACTORS: FactorInfo[] = [
  {
    name: 'testbed',
    levels: ['UOM', 'evil'],
    originals: { UOM: ['UOM'], evil: ['evil'] },
    labels: { UOM: 'UOM', evil: '<script>alert(1)</script>' },
  },
  {
    name: 'distribution',
    levels: ['k8s', 'k3s'],
    originals: { k8s: ['k8s'], k3s: ['K3s'] },
    labels: { k8s: 'K8s', k3s: 'K3s' },
  },
  {
    name: 'plugin',
    levels: ['flannel', 'weird'],
    originals: { flannel: ['flannel'], weird: ['weird'] },
    labels: { flannel: 'Flannel', weird: '50%_\\&|*' },
  },
];

export const OPTIONS: AnalysisOptions = {
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

export const CONDITIONS: Condition[] = [
  { test: 'idle', protocol: null, node: 'server', metric: 'ram' },
  { test: 'p2p', protocol: 'tcp', node: 'server', metric: 'cpu' },
  { test: 'p2p', protocol: 'tcp', node: 'client', metric: 'cpu' },
  { test: 'p2p', protocol: 'tcp', node: null, metric: 'bandwidth' },
];

const BASE: Readonly<Record<Metric, number>> = {
  ram: 600,
  cpu: 10,
  bandwidth: 9400,
  cpu_user: 1,
  cpu_nice: 0,
  cpu_system: 1,
  cpu_iowait: 0,
  cpu_steal: 0,
};

/** Iteration values of a cell: a base, a distribution and plugin effect, a k3s×weird interaction, and a wobble. */
export function cellValues(tb: string, dist: string, plugin: string, c: Condition): number[] {
  let mean = BASE[c.metric] * (tb === 'evil' ? 1.1 : 1);
  if (dist === 'k3s') mean *= c.metric === 'ram' ? 0.72 : c.metric === 'cpu' ? 0.98 : 0.995;
  if (plugin === 'weird') mean *= 1.2;
  if (dist === 'k3s' && plugin === 'weird' && c.metric === 'ram') mean *= 1.3;
  return Array.from({ length: 5 }, (_, i) => mean * (1 + ((i % 3) - 1) * 0.01 + i * 0.001));
}

function keyOf(factors: Readonly<Record<string, string>>, c: Condition): string {
  return [
    factors['testbed'],
    factors['distribution'],
    factors['plugin'],
    c.test,
    c.protocol ?? '-',
    c.node ?? '-',
    c.metric,
  ].join('|');
}

function summarise(factors: Record<string, string>, c: Condition, values: number[]): CellSummary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const sorted = [...values].sort((a, b) => a - b);
  const sem = sd / Math.sqrt(n);
  return {
    factors,
    ...c,
    key: keyOf(factors, c),
    n,
    nMissing: 0,
    values,
    iterations: values.map((_, i) => i + 1),
    mean,
    variance,
    sd,
    sem,
    median: sorted[2]!,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    q1: sorted[1]!,
    q3: sorted[3]!,
    cv: sd / mean,
    ci: { lo: mean - 2.776 * sem, hi: mean + 2.776 * sem, level: 0.95, method: 't' },
    outliers: [],
    outlierRule: 'tukey-1.5',
    warnings: [],
  };
}

export function makeAnalysis(): Analysis {
  const summaries: CellSummary[] = [];
  const comparisons: Comparison[] = [];
  const anova: AnovaTable[] = [];
  const contrasts: InteractionContrast[] = [];
  for (const tb of FACTORS[0]!.levels) {
    for (const c of CONDITIONS) {
      for (const dist of FACTORS[1]!.levels) {
        for (const plugin of FACTORS[2]!.levels) {
          summaries.push(summarise({ testbed: tb, distribution: dist, plugin }, c, cellValues(tb, dist, plugin, c)));
        }
      }
      for (const plugin of FACTORS[2]!.levels) {
        const base = summaries.find((s) => s.key === keyOf({ testbed: tb, distribution: 'k8s', plugin }, c))!;
        const cell = summaries.find((s) => s.key === keyOf({ testbed: tb, distribution: 'k3s', plugin }, c))!;
        const deltaPct = (100 * (cell.mean! - base.mean!)) / base.mean!;
        const p = Math.abs(deltaPct) > 10 ? 0.00002 : Math.abs(deltaPct) > 1.5 ? 0.004 : 0.3;
        comparisons.push({
          factor: 'distribution',
          baseline: 'k8s',
          level: 'k3s',
          cell: { factors: cell.factors, test: c.test, protocol: c.protocol, node: c.node, metric: c.metric },
          key: cell.key,
          baselineKey: base.key,
          nBaseline: base.n,
          n: cell.n,
          meanBaseline: base.mean,
          mean: cell.mean,
          delta: cell.mean! - base.mean!,
          deltaCi: { lo: cell.mean! - base.mean! - 5, hi: cell.mean! - base.mean! + 5, level: 0.95, method: 'welch' },
          deltaPct,
          deltaPctCi: { lo: deltaPct - 1.5, hi: deltaPct + 1.5, level: 0.95, method: 'fieller' },
          welch: { statistic: deltaPct, p, df: 7.9 },
          mannWhitney: { statistic: 0, u: 0, p: 0.0079, method: 'exact' },
          hedgesG: deltaPct / 2,
          p,
          pAdjusted: Math.min(1, p * 2),
          family: `${tb}|${c.test}|${c.metric}`,
          significant: p * 2 < 0.05,
          warnings: p === 0.3 ? [{ code: 'small-n', message: 'n = 5 is small' }] : [],
        });
      }
      const group = { ...c, factors: { testbed: tb } };
      const groupKey = `${tb}|${c.test}|${c.protocol ?? '-'}|${c.node ?? '-'}|${c.metric}`;
      anova.push({
        group,
        key: groupKey,
        factorA: 'distribution',
        factorB: 'plugin',
        type: 2,
        terms: [
          { term: 'distribution', ss: 1234.5, df: 1, f: 88.2, p: 0.00001, partialEta2: 0.85 },
          { term: 'plugin', ss: 4321.25, df: 1, f: 308.7, p: 0.00000001, partialEta2: 0.95 },
          { term: 'distribution:plugin', ss: 98.5, df: 1, f: 7.04, p: 0.017, partialEta2: 0.31 },
          { term: 'Residual', ss: 224, df: 16, f: null, p: null, partialEta2: null },
        ],
        n: 20,
        emptyCells: [],
        balanced: true,
        warnings: [],
      });
      const weird = comparisons[comparisons.length - 1]!;
      const flannel = comparisons[comparisons.length - 2]!;
      const additive = (weird.deltaPct! + flannel.deltaPct!) / 2;
      for (const [plugin, cmp] of [
        ['flannel', flannel],
        ['weird', weird],
      ] as const) {
        const contrast = cmp.deltaPct! - additive;
        contrasts.push({
          group,
          groupKey,
          factorA: 'distribution',
          factorB: 'plugin',
          levelA: 'k3s',
          levelB: plugin,
          baselineA: 'k8s',
          observedPct: cmp.deltaPct,
          additivePct: additive,
          contrastPct: contrast,
          contrastCi: { lo: contrast - 2, hi: contrast + 2, level: 0.95, method: 'bonferroni-t' },
          contrast: contrast * 6,
          p: Math.abs(contrast) > 5 ? 0.0001 : 0.5,
          pAdjusted: Math.abs(contrast) > 5 ? 0.0004 : 1,
          flagged: Math.abs(contrast) > 5,
          warnings: [],
        });
      }
    }
  }
  return { factors: FACTORS, summaries, comparisons, interactions: { anova, contrasts }, options: OPTIONS };
}

export function makeDataset(): Dataset {
  const observations: Observation[] = [];
  const entries: LedgerEntry[] = [];
  for (const tb of FACTORS[0]!.levels)
    for (const dist of FACTORS[1]!.levels)
      for (const plugin of FACTORS[2]!.levels)
        for (let it = 1; it <= 5; it++) {
          const source = `${tb}/${dist}/${plugin}/${String(it).padStart(2, '0')}.json`;
          for (const c of CONDITIONS) {
            observations.push({
              factors: { testbed: tb, distribution: dist, plugin },
              iteration: it,
              test: c.test as Test,
              protocol: c.protocol as Protocol | null,
              node: c.node as NodeRole | null,
              metric: c.metric,
              value: cellValues(tb, dist, plugin, c)[it - 1]!,
              missing: null,
              provenance: {
                source,
                format: 'json',
                knbVersion: '1.5.0',
                runName: 'run',
                date: `2024-01-0${it} 10:00:00`,
              },
            });
          }
          entries.push({
            file: source,
            status: 'ingested',
            format: 'json',
            knbVersion: '1.5.0',
            factors: { testbed: tb, distribution: dist, plugin },
            iteration: it,
            observations: CONDITIONS.length,
            missing: 0,
            issues: [],
          });
        }
  entries.push({
    file: 'UOM/k8s/flannel/06.json',
    status: 'rejected',
    format: null,
    knbVersion: null,
    factors: { testbed: 'UOM', distribution: 'k8s', plugin: 'flannel' },
    iteration: 6,
    observations: 0,
    missing: 0,
    issues: [
      {
        severity: 'error',
        code: 'json-syntax',
        message: 'expected "," or "}" after a value, found <b>',
        file: 'UOM/k8s/flannel/06.json',
        line: 3,
      },
    ],
  });
  return {
    campaign: {
      name: 'tiny <campaign> 50%_\\&',
      description: 'A hand-made campaign for tests.',
      layout: '{testbed}/{distribution}/{plugin}/{iteration}',
      baseline: { distribution: 'k8s' },
      testbeds: { UOM: 'inter-host' },
    },
    factors: FACTORS,
    observations,
    samples: [],
    ledger: makeLedger(entries),
  };
}
