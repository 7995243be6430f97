import { describe, it, expect } from 'vitest';
import { analyse } from '../../src/stats/analyse.js';
import { compare } from '../../src/stats/compare.js';
import { describe as describeCells } from '../../src/stats/describe.js';
import { interactionPatterns } from '../../src/stats/interaction-patterns.js';
import { ALL_FAMILY } from '../../src/stats/compare.js';
import { findings } from '../../src/tables/findings.js';
import { additiveObservations, factsDataset, STATED_RAM_DELTAS } from './fixtures.js';
import { expectClose } from './close.js';

describe('the reference study, rebuilt from its stated numbers (FACTS.md)', () => {
  const dataset = factsDataset(2024);
  const analysis = analyse(dataset);

  it('compare() recovers every stated inter-host RAM delta, inside its Fieller interval, significant', () => {
    for (const stated of STATED_RAM_DELTAS) {
      const c = analysis.comparisons.find(
        (x) =>
          x.cell.metric === 'ram' &&
          x.cell.factors['testbed'] === 'UOM' &&
          x.level === stated.distribution &&
          x.cell.factors['plugin'] === stated.plugin,
      )!;
      expect(c, `${stated.distribution} × ${stated.plugin}`).toBeDefined();
      expectClose(c.deltaPct, stated.pct, 1e-9);
      expect(c.deltaPctCi!.method).toBe('fieller');
      expect(c.deltaPctCi!.lo).toBeLessThan(stated.pct);
      expect(c.deltaPctCi!.hi).toBeGreaterThan(stated.pct);
      expect(c.significant).toBe(true);
      // analyse() adjusts over every comparison of the analysis (BH): the findings are drawn from all of them
      expect(c.family).toBe(ALL_FAMILY);
    }
  });

  it('unchanged cells are marked not significant (~) far more often than not', () => {
    const unchanged = analysis.comparisons.filter(
      (c) =>
        c.cell.metric === 'ram' &&
        !STATED_RAM_DELTAS.some((s) => s.distribution === c.level && s.plugin === c.cell.factors['plugin']),
    );
    expect(unchanged.length).toBe(7);
    expect(unchanged.every((c) => Math.abs(c.deltaPct!) < 1e-9)).toBe(true);
    expect(unchanged.every((c) => !c.significant)).toBe(true);
  });

  it('the log-scale patterns locate Cilium × K3s and Kube-OVN × MicroK8s RAM, and Calico × K0s/MicroK8s CPU', () => {
    const patterns = analysis.interactions.patterns ?? [];
    const at = (metric: string, a: string) => patterns.find((p) => p.group.metric === metric && p.levelA === a)!;
    // RAM: several plugins change by different stated amounts at every distribution → groups; the planted cells
    // are each a group of their own, apart from the unchanged plugins
    const alone = (metric: string, a: string, b: string): boolean =>
      at(metric, a).groups.some((g) => g.levels.length === 1 && g.levels[0] === b);
    expect(at('ram', 'k3s').kind).toBe('groups');
    expect(alone('ram', 'k3s', 'cilium')).toBe(true);
    expect(alone('ram', 'mk8s', 'kube-ovn')).toBe(true);
    // CPU: Calico alone departs at K0s and MicroK8s (−20 % where the others do not change): single cells
    for (const a of ['k0s', 'mk8s']) {
      expect(at('cpu', a).kind).toBe('cell');
      expect(at('cpu', a).departure!.levelB).toBe('calico');
      expectClose(at('cpu', a).departure!.departurePct, -20, 0.5);
    }
    // K3s has no CPU interaction at all: nothing reported there
    expect(at('cpu', 'k3s').kind).toBe('together');
    const ram = analysis.interactions.anova.find((t) => t.group.metric === 'ram')!;
    expect(ram.scale).toBe('log');
    const term = ram.terms.find((t) => t.term === 'distribution:plugin')!;
    expect(term.df).toBe(12);
    expect(ram.terms.find((t) => t.term === 'Residual')!.df).toBe(180);
    expect(term.p!).toBeLessThan(0.001);
  });

  it('words a departing cell and a table of groups as one short sentence each, statistics apart', () => {
    const list = findings(analysis);
    const calico = list.find((f) => f.sentence.startsWith('Calico on K0s'))!;
    expect(calico.heading).toBe('ATH \u00b7 CPU');
    expect(calico.sentence).toMatch(
      /^Calico on K0s: CPU −20\u00a0% where the other plugins predict [+−]0\.\d+\u00a0%; 20\u00a0% below that \(95\u00a0% simultaneous CI −2\d\u00a0% to −1\d\u00a0%; server, P2P TCP\)$/,
    );
    expect(calico.details).toMatch(
      /^distribution × plugin interaction on the log scale \(ratios\): F\(12, 180\) = [\d.]+, BH-adjusted p < 0\.001/,
    );
    const k0s = list.find((f) => f.sentence.startsWith('On K0s, RAM'))!;
    expect(k0s.sentence).toBe(
      'On K0s, RAM falls 21\u00a0% for Kube-router; falls 16\u00a0% for Calico; does not change significantly for Kube-OVN, Flannel and Cilium (server, P2P TCP)',
    );
  });

  it('is deterministic: the same input gives the same JSON', () => {
    expect(JSON.stringify(analyse(factsDataset(2024)))).toBe(JSON.stringify(analysis));
  });
});

describe('no interaction where there is none', () => {
  it('purely additive datasets (raw scale): interaction-term rejection rate at α = 0.05 stays near 5 % (300 seeded datasets)', () => {
    const datasets = 300;
    let rejected = 0;
    let anyFlag = 0;
    for (let seed = 1; seed <= datasets; seed++) {
      // additive in the metric's unit: the raw-scale two-way analysis is the one whose null holds here
      const result = interactionPatterns(describeCells(additiveObservations(seed)), { scale: 'raw' });
      const term = result.anova[0]!.terms.find((t) => t.term === 'distribution:plugin')!;
      if (term.p! < 0.05) rejected++;
      if (result.contrasts.some((c) => c.flagged)) anyFlag++;
    }
    const rate = rejected / datasets;
    const flagRate = anyFlag / datasets;
    // reported in the test output for the record
    console.info(
      `additive datasets: interaction rejected in ${(100 * rate).toFixed(1)} %, any contrast flagged in ${(100 * flagRate).toFixed(1)} %`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.02);
    expect(rate).toBeLessThanOrEqual(0.09);
    expect(flagRate).toBeLessThanOrEqual(rate);
  });

  it('compare() on an additive dataset keeps deltas of means and a per-family Holm adjustment', () => {
    const summaries = describeCells(additiveObservations(7));
    const comparisons = compare(summaries);
    expect(comparisons.length).toBe(15);
    const families = new Set(comparisons.map((c) => c.family));
    expect(families.size).toBe(5);
    for (const family of families) {
      const members = comparisons.filter((c) => c.family === family);
      expect(members.length).toBe(3);
      for (const m of members) expect(m.pAdjusted!).toBeGreaterThanOrEqual(m.p!);
    }
  });
});
