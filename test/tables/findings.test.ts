import { describe, expect, it } from 'vitest';
import { findings, omittedEffects } from '../../src/tables/findings.js';
import { analyse } from '../../src/stats/analyse.js';
import { comparisonGroupSentence, comparisonSentence } from '../../src/stats/wording.js';
import type { Dataset } from '../../src/model/dataset.js';
import type { Observation } from '../../src/model/observation.js';
import { factsDataset } from '../stats/fixtures.js';
import { makeAnalysis } from './fixture.js';

describe('findings', () => {
  const analysis = makeAnalysis();
  const list = findings(analysis, { node: 'both' });

  it('puts every flagged interaction first, largest contrast first, each flagged cell in exactly one finding', () => {
    const flagged = analysis.interactions.contrasts.filter((c) => c.flagged);
    const interactions = list.filter((f) => f.kind === 'interaction');
    const keys = interactions.flatMap((f) => f.keys);
    expect(keys.sort()).toEqual(flagged.map((c) => `${c.groupKey}|${c.levelA}|${c.levelB}`).sort());
    expect(list.slice(0, interactions.length).every((f) => f.kind === 'interaction')).toBe(true);
    for (let i = 1; i < interactions.length; i++) {
      expect(interactions[i - 1]!.magnitude).toBeGreaterThanOrEqual(interactions[i]!.magnitude);
    }
    expect(list.map((f) => f.rank)).toEqual(list.map((_, i) => i + 1));
  });

  it('names the group of each interaction (testbed, metric, node, condition), so two testbeds read differently', () => {
    const interactions = list.filter((f) => f.kind === 'interaction').map((f) => f.sentence);
    expect(new Set(interactions).size).toBe(interactions.length);
    expect(interactions[0]).toMatch(/^UOM, RAM, server, Idle: Flannel uses 28\u00a0% less RAM on K3s/);
    expect(interactions.some((s) => s.startsWith('<script>alert(1)</script>, RAM, server, Idle: '))).toBe(true);
    // one cell: the delta with its interval and p, the contrast with its interval and p, the omnibus F
    expect(interactions[0]).toContain('(95\u00a0% CI −30\u00a0% to −27\u00a0%; p < 0.001)');
    expect(interactions[0]).toContain('11 points below that mean (95\u00a0% CI −13 to −8.8; p < 0.001)');
    expect(interactions[0]).toContain('(F(1, 16) = 7.04, p = 0.017)');
  });

  it('groups the same significant effect across node roles, ranks by size, leaves out what interactions state', () => {
    const effects = list.filter((f) => f.kind === 'effect');
    for (let i = 1; i < effects.length; i++)
      expect(effects[i - 1]!.magnitude).toBeGreaterThanOrEqual(effects[i]!.magnitude);
    const stated = new Set(
      analysis.interactions.contrasts
        .filter((c) => c.flagged)
        .map(
          (c) =>
            `${c.group.factors['testbed']}|${c.levelA}|${c.levelB}|${c.group.test}|${c.group.node}|${c.group.metric}`,
        ),
    );
    const significant = analysis.comparisons.filter(
      (c) =>
        c.significant &&
        !stated.has(
          `${c.cell.factors['testbed']}|${c.level}|${c.cell.factors['plugin']}|${c.cell.test}|${c.cell.node}|${c.cell.metric}`,
        ),
    );
    expect(effects.flatMap((f) => f.keys).sort()).toEqual(significant.map((c) => c.key).sort());
    const top = effects[0]!;
    const members = top.keys.map((k) => analysis.comparisons.find((c) => c.key === k)!);
    expect(members).toHaveLength(2);
    expect(top.sentence).toBe(
      comparisonGroupSentence(members, 'UOM, Flannel, CPU, client and server, P2P TCP', analysis.factors),
    );
    expect(top.sentence).toMatch(/^UOM, Flannel, CPU, client and server, P2P TCP: K3s uses 2\.0\u00a0% less CPU than/);
    // a single member quotes its interval and p
    expect(comparisonGroupSentence([members[0]!], 'UOM, Flannel, CPU, client, P2P TCP', analysis.factors)).toBe(
      'UOM, Flannel, CPU, client, P2P TCP: K3s uses 2.0\u00a0% less CPU than vanilla K8s (95\u00a0% CI −3.5\u00a0% to −0.50\u00a0%; p = 0.008)',
    );
    expect(comparisonSentence(members[0]!, analysis.factors)).toContain('(UOM, Flannel, P2P TCP client; 95\u00a0% CI');
  });

  it('limits effects and says how many were left out', () => {
    const all = findings(analysis, { node: 'both', maxEffects: 100 }).filter((f) => f.kind === 'effect').length;
    const few = findings(analysis, { node: 'both', maxEffects: 2 });
    expect(few.filter((f) => f.kind === 'effect')).toHaveLength(2);
    expect(omittedEffects(analysis, { node: 'both', maxEffects: 2 })).toBe(all - 2);
    expect(omittedEffects(analysis, { node: 'both', maxEffects: 100 })).toBe(0);
  });

  it('filters by node role (bandwidth has none and always stays)', () => {
    const server = findings(analysis, { node: 'server', maxEffects: 100 });
    expect(server.some((f) => f.sentence.includes('client'))).toBe(false);
    expect(server.some((f) => f.sentence.includes(', server, '))).toBe(true);
    expect(findings(analysis, { node: 'client', maxEffects: 100 }).some((f) => f.sentence.includes(', client, '))).toBe(
      true,
    );
  });
});

describe('findings on the reference study rebuilt in five conditions', () => {
  /** factsDataset's RAM cells (UOM, server) repeated in the five conditions, each with its own noise; CPU components too. */
  function fiveConditions(): Dataset {
    const base = factsDataset(2024);
    const ram = base.observations.filter((o) => o.metric === 'ram');
    const conditions = [
      { test: 'idle', protocol: null },
      { test: 'p2p', protocol: 'tcp' },
      { test: 'p2p', protocol: 'udp' },
      { test: 'p2s', protocol: 'tcp' },
      { test: 'p2s', protocol: 'udp' },
    ] as const;
    const observations: Observation[] = [];
    conditions.forEach((condition, k) => {
      for (const o of ram) {
        // conditions differ a little, off the baseline only, so that the deltas differ between conditions
        const jitter = o.factors['distribution'] === 'k8s' ? 1 : 1 + 0.002 * (k - 2);
        observations.push({ ...o, ...condition, value: o.value! * jitter });
        observations.push({ ...o, ...condition, metric: 'cpu_user', value: o.value! / 100 });
      }
    });
    return { ...base, observations };
  }
  const analysis = analyse(fiveConditions());
  const list = findings(analysis, { maxEffects: 50 });

  it('says the Calico × MicroK8s RAM interaction once for all five conditions, with its ranges and the omnibus F', () => {
    const calico = list.filter((f) => f.kind === 'interaction' && f.sentence.includes('Calico uses 37'));
    expect(calico).toHaveLength(1);
    expect(calico[0]!.keys).toHaveLength(5);
    expect(calico[0]!.sentence).toMatch(
      /^UOM, RAM, server, all 5 conditions: Calico uses 37\u00a0% less RAM on MicroK8s than on vanilla K8s \(−37\.\d\u00a0% to −3\d\.\d\u00a0%; each p < 0\.001\), while the other plugins change by −15\u00a0% to \+16\u00a0% \(median change of all plugins: 0\u00a0% of Calico's baseline\): [\d. to]+ points below that median \(each p < 0\.001\), a distribution × plugin interaction \(F\(12, 180\) ≥ [\d.]+, p < 0\.001\)$/,
    );
  });

  it('every flagged contrast is in one finding; interactions and findings ignore the CPU components by default', () => {
    const flagged = analysis.interactions.contrasts.filter((c) => c.flagged);
    const keys = list.filter((f) => f.kind === 'interaction').flatMap((f) => f.keys);
    expect(keys.length).toBe(flagged.length);
    expect(list.filter((f) => f.kind === 'interaction').length).toBe(flagged.length / 5);
    expect(analysis.interactions.anova.every((t) => t.group.metric === 'ram')).toBe(true);
    expect(analysis.comparisons.some((c) => c.cell.metric === 'cpu_user')).toBe(true);
    expect(list.some((f) => f.sentence.includes('CPU user') || f.sentence.includes('cpu_user'))).toBe(false);
    const withUser = analyse(fiveConditions(), { metrics: ['ram', 'cpu_user'] });
    expect(withUser.interactions.anova.some((t) => t.group.metric === 'cpu_user')).toBe(true);
  });

  it('Kube-OVN on MicroK8s (+16 %) and Cilium on K3s (+14 %) are flagged; unchanged plugins are not', () => {
    const interactions = list.filter((f) => f.kind === 'interaction').map((f) => f.sentence);
    expect(interactions.some((s) => s.includes('Kube-OVN uses 16\u00a0% more RAM on MicroK8s'))).toBe(true);
    expect(interactions.some((s) => s.includes('Cilium uses 14\u00a0% more RAM on K3s'))).toBe(true);
    expect(interactions.some((s) => s.includes('Kube-router') && s.includes('MicroK8s'))).toBe(false);
  });
});
