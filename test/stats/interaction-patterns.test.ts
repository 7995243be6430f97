/**
 * Known-truth tests of the interaction rule (interaction-patterns.ts). Each claim is checked over 200 seeded datasets
 * with ordinary sampling noise (cell means are NOT centred on the truth): 4 distributions (K8s baseline) × 5 plugins
 * whose baselines differ by a factor of 20, n = 10 runs per cell, Gaussian noise with CV 3 % of the cell's true mean,
 * multiplicative distribution effects (K3s −5 %, K0s −12 %, MicroK8s +4 %). alpha = 0.05.
 * Binomial margin: under a true rate of 5 %, 200 datasets give ≤ 16 flags with probability ≈ 0.95 (mean 10,
 * sd 3.1); the assertions use the rate bound itself (≤ 10 of 200) where the rule is designed to be well under it.
 */
import { describe as suite, it, expect } from 'vitest';
import { describe } from '../../src/stats/describe.js';
import { interactionPatterns } from '../../src/stats/interaction-patterns.js';
import { mulberry32, normalGenerator } from '../../src/model/random.js';
import type { Observation } from '../../src/model/observation.js';
import type { InteractionPattern } from '../../src/stats/types.js';
import { analyse } from '../../src/stats/analyse.js';
import type { Dataset } from '../../src/model/dataset.js';
import { datasetOf } from '../helpers/dataset.js';
import { factorInfo, observation } from './fixtures.js';

const DATASETS = 200;
const N = 10;
const CV = 0.03;
const DISTRIBUTIONS = ['k8s', 'k3s', 'k0s', 'mk8s'];
const PLUGINS = ['flannel', 'calico', 'cilium', 'kube-ovn', 'kube-router'];
/** baselines of very different size, as RAM of different plugins is */
const PLUGIN_BASE: Record<string, number> = {
  flannel: 50,
  calico: 180,
  cilium: 1000,
  'kube-ovn': 420,
  'kube-router': 95,
};
const DIST_FACTOR: Record<string, number> = { k8s: 1, k3s: 0.95, k0s: 0.88, mk8s: 1.04 };

/** One dataset: true cell mean = plugin base × distribution factor × `extra(d, p)`, noise N(0, (CV·mean)²). */
function simulate(
  seed: number,
  extra: (d: string, p: string) => number,
  base = PLUGIN_BASE,
  dist = DIST_FACTOR,
): Observation[] {
  const z = normalGenerator(mulberry32(seed));
  const out: Observation[] = [];
  for (const d of DISTRIBUTIONS) {
    for (const p of PLUGINS) {
      const mean = base[p]! * dist[d]! * extra(d, p);
      for (let i = 1; i <= N; i++)
        out.push(observation({ testbed: 'UOM', distribution: d, plugin: p }, i, mean * (1 + CV * z())));
    }
  }
  return out;
}

function patternsOf(observations: Observation[]): readonly InteractionPattern[] {
  const info = factorInfo();
  return interactionPatterns(describe(observations, { factors: info }), { factorInfo: info }).patterns ?? [];
}

/** Anything the rule reports as interaction structure (a departing cell, a pair or groups). */
function flags(patterns: readonly InteractionPattern[]): InteractionPattern[] {
  return patterns.filter((p) => p.kind === 'cell' || p.kind === 'pair' || p.kind === 'groups');
}

suite('interaction patterns on known truth (200 datasets each, n = 10, CV 3 %, baselines 50 to 1000)', () => {
  it('every plugin changing by the same % at a distribution (multiplicative, no interaction): flags in ≤ 5 % of datasets', () => {
    let flagged = 0;
    for (let seed = 1; seed <= DATASETS; seed++) if (flags(patternsOf(simulate(seed, () => 1))).length > 0) flagged++;
    expect(flagged).toBeLessThanOrEqual(0.05 * DATASETS);
  });

  it('global null (no effect at all): flags in ≤ alpha = 5 % of datasets', () => {
    const flat = Object.fromEntries(DISTRIBUTIONS.map((d) => [d, 1]));
    let flagged = 0;
    for (let seed = 1001; seed < 1001 + DATASETS; seed++)
      if (flags(patternsOf(simulate(seed, () => 1, PLUGIN_BASE, flat))).length > 0) flagged++;
    expect(flagged).toBeLessThanOrEqual(0.05 * DATASETS);
  });

  it('one true +14 % interaction (Cilium on K3s): that cell reported in ≥ 95 % of datasets, any other cell in ≤ 5 %', () => {
    let found = 0;
    let others = 0;
    for (let seed = 2001; seed < 2001 + DATASETS; seed++) {
      const reported = flags(patternsOf(simulate(seed, (d, p) => (d === 'k3s' && p === 'cilium' ? 1.14 : 1))));
      const k3s = reported.find((p) => p.levelA === 'k3s');
      if (k3s?.kind === 'cell' && k3s.departure?.levelB === 'cilium') found++;
      const wrong = reported.some((p) => p.levelA !== 'k3s' || p.kind !== 'cell' || p.departure?.levelB !== 'cilium');
      if (wrong) others++;
    }
    expect(found).toBeGreaterThanOrEqual(0.95 * DATASETS);
    expect(others).toBeLessThanOrEqual(0.05 * DATASETS);
  });

  it('the departing cell carries the additive prediction and a simultaneous interval that covers the truth', () => {
    let covered = 0;
    for (let seed = 3001; seed < 3001 + DATASETS; seed++) {
      const k3s = patternsOf(simulate(seed, (d, p) => (d === 'k3s' && p === 'cilium' ? 1.14 : 1))).find(
        (p) => p.levelA === 'k3s',
      );
      const d = k3s?.departure;
      if (!d || d.ci === null) continue;
      // truth: observed +8.3 % (0.95 × 1.14), predicted −5 %, ratio of ratios +14 %
      if (d.ci.lo <= 14 && 14 <= d.ci.hi) covered++;
      expect(d.ci.method).toBe('bonferroni-t');
    }
    expect(covered).toBeGreaterThanOrEqual(0.95 * DATASETS);
  });

  it('a three-versus-two split (K0s: three plugins −18 %, two unchanged) is found as two groups in ≥ 95 % of datasets', () => {
    let grouped = 0;
    let elsewhere = 0;
    const falls = new Set(['flannel', 'calico', 'kube-router']);
    for (let seed = 4001; seed < 4001 + DATASETS; seed++) {
      const reported = flags(
        patternsOf(simulate(seed, (d, p) => (d === 'k0s' ? (falls.has(p) ? 0.82 / 0.88 : 1 / 0.88) : 1))),
      );
      const k0s = reported.find((p) => p.levelA === 'k0s');
      if (
        k0s?.kind === 'groups' &&
        k0s.groups.length === 2 &&
        [...k0s.groups[0]!.levels].sort().join() === 'calico,flannel,kube-router' &&
        [...k0s.groups[1]!.levels].sort().join() === 'cilium,kube-ovn'
      )
        grouped++;
      if (reported.some((p) => p.levelA !== 'k0s')) elsewhere++;
    }
    expect(grouped).toBeGreaterThanOrEqual(0.95 * DATASETS);
    expect(elsewhere).toBeLessThanOrEqual(0.05 * DATASETS);
  });

  it('two plugins at a level: one degree of freedom is one finding (kind pair), not two opposite departures', () => {
    const z = normalGenerator(mulberry32(7));
    const obs: Observation[] = [];
    const means: Record<string, number> = {
      'k8s|flannel': 100,
      'k8s|cilium': 400,
      'k3s|flannel': 95,
      'k3s|cilium': 456,
    };
    for (const [k, m] of Object.entries(means)) {
      const [d, p] = k.split('|') as [string, string];
      for (let i = 1; i <= N; i++)
        obs.push(observation({ testbed: 'UOM', distribution: d, plugin: p }, i, m * (1 + CV * z())));
    }
    const patterns = patternsOf(obs);
    expect(patterns).toHaveLength(1);
    expect(patterns[0]!.kind).toBe('pair');
    expect(patterns[0]!.departure!.levelB).toBe('cilium');
    // +14 % against −5 %: ratio of ratios 1.14 / 0.95 = +20 % (sampling noise: well within ±6 points)
    expect(patterns[0]!.departure!.departurePct).toBeGreaterThan(14);
    expect(patterns[0]!.departure!.departurePct).toBeLessThan(26);
  });

  it('zero within-cell variance (rounding residue) gives no F and no pattern, with a warning instead of F = 1e32', () => {
    const obs: Observation[] = [];
    for (const d of ['k8s', 'k3s'])
      for (const p of ['flannel', 'calico', 'cilium'])
        for (let i = 1; i <= 4; i++)
          obs.push(
            observation(
              { testbed: 'UOM', distribution: d, plugin: p },
              i,
              PLUGIN_BASE[p]! * (d === 'k3s' ? 1.2 : 1) * (p === 'cilium' && d === 'k3s' ? 1.1 : 1),
            ),
          );
    const info = factorInfo();
    const result = interactionPatterns(describe(obs, { factors: info }), { factorInfo: info });
    const table = result.anova[0]!;
    expect(table.terms.every((t) => t.f === null)).toBe(true);
    expect(table.warnings.map((w) => w.code)).toContain('anova-no-within-variance');
    expect(result.patterns![0]!.kind).toBe('untested');
    expect(result.contrasts.every((c) => c.p === null && !c.flagged)).toBe(true);
  });
});

suite('repeated deployments: n counts deployments, not runs', () => {
  /**
   * 2 distributions × 1 plugin, 4 deployments per cell, 10 runs each. Each deployment has its own offset (sd 5 % of the
   * mean) and runs vary little around it (sd 0.5 %); there is no true distribution effect. Pooling the 40 runs as if
   * independent finds "significant" differences far more often than alpha; averaging within deployments (n = 4) does not.
   */
  function deployments(seed: number, withFactor: boolean): Dataset {
    const z = normalGenerator(mulberry32(seed));
    const obs: Observation[] = [];
    for (const d of ['k8s', 'k3s']) {
      for (let dep = 1; dep <= 4; dep++) {
        const offset = 1 + 0.05 * z();
        for (let run = 1; run <= 10; run++) {
          const factors: Record<string, string> = withFactor
            ? { testbed: 'UOM', distribution: d, plugin: 'flannel', deployment: `d${dep}` }
            : { testbed: 'UOM', distribution: d, plugin: 'flannel' };
          obs.push(observation(factors, withFactor ? run : (dep - 1) * 10 + run, 500 * offset * (1 + 0.005 * z())));
        }
      }
    }
    const info = factorInfo();
    const factors = withFactor
      ? [...info, { name: 'deployment', levels: ['d1', 'd2', 'd3', 'd4'], originals: {}, labels: {} }]
      : info;
    return datasetOf('deployments', factors, obs);
  }

  it('runs pooled across deployments flag a null difference often; with a deployment factor ≤ 10 % of 200 datasets', () => {
    let pooled = 0;
    let byDeployment = 0;
    for (let seed = 5001; seed < 5001 + DATASETS; seed++) {
      if (analyse(deployments(seed, false)).comparisons[0]!.significant) pooled++;
      const a = analyse(deployments(seed, true));
      expect(a.options.replicateFactor).toBe('deployment');
      expect(a.comparisons[0]!.n).toBe(4);
      if (a.comparisons[0]!.significant) byDeployment++;
    }
    expect(pooled).toBeGreaterThan(0.5 * DATASETS);
    // alpha = 5 %; 10 % leaves the binomial margin (mean 10, sd 3.1 over 200 datasets)
    expect(byDeployment).toBeLessThanOrEqual(0.1 * DATASETS);
  });
});

suite('log scale = the checked raw-scale ANOVA on log values', () => {
  it('F, p and df of the log-scale analysis equal those of the raw-scale analysis of the logged observations', () => {
    const obs = simulate(9, (d, p) => (d === 'k3s' && p === 'cilium' ? 1.14 : 1));
    const logged = obs.map((o) => ({ ...o, value: Math.log(o.value!) }));
    const info = factorInfo();
    const onLog = interactionPatterns(describe(obs, { factors: info }), { factorInfo: info });
    // the logged values are partly negative: the raw scale is asked for explicitly
    const onRaw = interactionPatterns(describe(logged, { factors: info }), { factorInfo: info, scale: 'raw' });
    expect(onLog.anova[0]!.scale).toBe('log');
    expect(onRaw.anova[0]!.scale).toBe('raw');
    onLog.anova[0]!.terms.forEach((t, i) => {
      const r = onRaw.anova[0]!.terms[i]!;
      expect(t.df).toBe(r.df);
      expect(Math.abs(t.ss - r.ss)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r.ss)));
      if (t.p !== null) expect(Math.abs(t.p - r.p!)).toBeLessThanOrEqual(1e-9);
    });
  });
});

suite('the scale decides what "no interaction" means', () => {
  /** Every plugin +60 units at K3s whatever its baseline: additive in the metric's unit, not in %. */
  function additiveInUnits(seed: number): Observation[] {
    const z = normalGenerator(mulberry32(seed));
    const out: Observation[] = [];
    for (const d of ['k8s', 'k3s'])
      for (const p of PLUGINS)
        for (let i = 1; i <= N; i++) {
          const mean = PLUGIN_BASE[p]! + (d === 'k3s' ? 60 : 0);
          out.push(observation({ testbed: 'UOM', distribution: d, plugin: p }, i, mean + 5 * z()));
        }
    return out;
  }

  it('a shift of the same size in units: raw scale reports nothing in ≥ 95 % of 200 datasets, log scale sees groups', () => {
    const info = factorInfo();
    let rawFlags = 0;
    let logFlags = 0;
    for (let seed = 6001; seed < 6001 + DATASETS; seed++) {
      const summaries = describe(additiveInUnits(seed), { factors: info });
      if (flags(interactionPatterns(summaries, { factorInfo: info, scale: 'raw' }).patterns ?? []).length > 0)
        rawFlags++;
      if (flags(interactionPatterns(summaries, { factorInfo: info }).patterns ?? []).length > 0) logFlags++;
    }
    expect(rawFlags).toBeLessThanOrEqual(0.05 * DATASETS);
    // +60 is +120 % of 50 but +6 % of 1000: in ratios that is a strong interaction
    expect(logFlags).toBeGreaterThanOrEqual(0.95 * DATASETS);
  });
});
