import { describe, expect, it } from 'vitest';
import { findings, omittedEffects } from '../../src/tables/findings.js';
import { analyse } from '../../src/stats/analyse.js';
import type { Dataset } from '../../src/model/dataset.js';
import type { Observation } from '../../src/model/observation.js';
import { factsDataset } from '../stats/fixtures.js';
import { makeAnalysis } from './fixture.js';

describe('findings', () => {
  const analysis = makeAnalysis();
  const list = findings(analysis, { node: 'both' });

  it('ranks are the shown order; each heading (testbed · metric) is one contiguous block', () => {
    expect(list.map((f) => f.rank)).toEqual(list.map((_, i) => i + 1));
    const headings = list.map((f) => f.heading);
    const blocks = headings.filter((h, i) => i === 0 || headings[i - 1] !== h);
    expect(new Set(blocks).size).toBe(blocks.length);
  });

  it('every significant comparison is in one finding, whose members agree (same sign, overlapping intervals)', () => {
    const effects = list.filter((f) => f.kind === 'effect');
    const significant = analysis.comparisons.filter((c) => c.significant);
    expect(effects.flatMap((f) => f.keys).sort()).toEqual(significant.map((c) => c.key).sort());
    for (const f of effects) {
      const members = f.keys.map((k) => analysis.comparisons.find((c) => c.key === k)!);
      expect(new Set(members.map((m) => Math.sign(m.deltaPct!))).size).toBe(1);
      const lo = Math.max(...members.map((m) => m.deltaPctCi!.lo));
      const hi = Math.min(...members.map((m) => m.deltaPctCi!.hi));
      expect(lo).toBeLessThanOrEqual(hi);
    }
  });

  it('identical findings in two testbeds are said once, under a heading naming both; statistics are not inline', () => {
    const top = list[0]!;
    expect(top.heading).toBe('UOM and <script>alert(1)</script> \u00b7 RAM');
    expect(top.sentence).toBe(
      'K3s uses 28\u00a0% less RAM than vanilla K8s (Flannel; 95\u00a0% CIs within −30\u00a0% to −27\u00a0%; server, Idle)',
    );
    // the record keeps level names; the heading their labels
    expect(top.record.contexts).toEqual([{ testbed: 'UOM' }, { testbed: 'evil' }]);
    // testbeds are different runs: no "same runs" note; the tests are in the details, not in the sentence
    expect(top.details).toBe('largest Holm-adjusted p < 0.001; Welch df 7.90; n = 5 runs per cell (on one deployment)');
    for (const f of list) expect(f.sentence).not.toMatch(/p [<=>]|F\(/);
  });

  it('a range of estimates reads as a range, several intervals as their envelope, never "each p"', () => {
    const cpu = list.find((f) => f.heading.endsWith('CPU'))!;
    expect(cpu.record.conditions.map((c) => c.node)).toEqual(['client', 'server']);
    expect(cpu.sentence).toMatch(/; 95\u00a0% CIs within −3\.5\u00a0% to −0\.50\u00a0%; client and server, P2P TCP\)$/);
    expect(cpu.details).toContain('conditions measured in the same runs are not independent confirmations');
    expect(list.some((f) => f.sentence.includes('each p') || f.details.includes('each p'))).toBe(false);
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
    expect(server.some((f) => f.sentence.includes('; server, '))).toBe(true);
    expect(findings(analysis, { node: 'client', maxEffects: 100 }).some((f) => f.sentence.includes('; client, '))).toBe(
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

  it('says each interaction pattern once for all five conditions, as groups of plugins', () => {
    const mk8s = list.filter((f) => f.kind === 'interaction' && f.sentence.startsWith('On MicroK8s, RAM'));
    expect(mk8s).toHaveLength(1);
    expect(mk8s[0]!.keys).toHaveLength(5);
    expect(mk8s[0]!.heading).toBe('UOM \u00b7 RAM');
    expect(mk8s[0]!.sentence).toMatch(
      /^On MicroK8s, RAM falls 3\d\u00a0% for Calico; falls 1\d\u00a0% for Flannel; does not change significantly for Cilium and Kube-router; rises 1\d\u00a0% for Kube-OVN \(server, all 5 conditions\)$/,
    );
    expect(mk8s[0]!.details).toMatch(/F\(12, 180\) ≥ [\d.]+, largest BH-adjusted p < 0\.001/);
    expect(mk8s[0]!.record.pattern!.groups.map((g) => g.levels.length)).toEqual([1, 1, 2, 1]);
  });

  it('every reported pattern is in one finding; interactions and findings ignore the CPU components by default', () => {
    const reported = (analysis.interactions.patterns ?? []).filter((p) => p.kind !== 'together');
    const keys = list.filter((f) => f.kind === 'interaction').flatMap((f) => f.keys);
    expect(keys.sort()).toEqual(reported.map((p) => `${p.groupKey}|${p.levelA}`).sort());
    expect(analysis.interactions.anova.every((t) => t.group.metric === 'ram')).toBe(true);
    expect(analysis.comparisons.some((c) => c.cell.metric === 'cpu_user')).toBe(true);
    expect(list.some((f) => f.sentence.includes('CPU user') || f.sentence.includes('cpu_user'))).toBe(false);
    const withUser = analyse(fiveConditions(), { metrics: ['ram', 'cpu_user'] });
    expect(withUser.interactions.anova.some((t) => t.group.metric === 'cpu_user')).toBe(true);
  });

  it('Kube-OVN on MicroK8s (+16 %) and Cilium on K3s (+14 %) stand apart; unchanged plugins are grouped', () => {
    const k3s = list.find((f) => f.sentence.startsWith('On K3s, RAM'))!;
    expect(k3s.sentence).toContain('rises 14\u00a0% for Cilium');
    expect(k3s.sentence).toContain('does not change significantly for Kube-OVN and Kube-router');
  });
});
