import { describe, expect, it } from 'vitest';
import { findings, omittedEffects } from '../../src/tables/findings.js';
import { comparisonSentence } from '../../src/stats/wording.js';
import { makeAnalysis } from './fixture.js';

describe('findings', () => {
  const analysis = makeAnalysis();
  const list = findings(analysis, { node: 'both' });

  it('puts every flagged interaction first, largest contrast first', () => {
    const flagged = analysis.interactions.contrasts.filter((c) => c.flagged);
    const interactions = list.filter((f) => f.kind === 'interaction');
    expect(interactions).toHaveLength(flagged.length);
    expect(list.slice(0, flagged.length).every((f) => f.kind === 'interaction')).toBe(true);
    for (let i = 1; i < interactions.length; i++) {
      expect(interactions[i - 1]!.magnitude).toBeGreaterThanOrEqual(interactions[i]!.magnitude);
    }
    expect(list.map((f) => f.rank)).toEqual(list.map((_, i) => i + 1));
  });

  it('names the group of each interaction, so equal interactions in two testbeds read differently', () => {
    const interactions = list.filter((f) => f.kind === 'interaction').map((f) => f.sentence);
    expect(new Set(interactions).size).toBe(interactions.length);
    expect(interactions[0]).toMatch(/^UOM, Idle server: Flannel uses 28\u00a0% less RAM on K3s/);
    expect(interactions.some((s) => s.startsWith('<script>alert(1)</script>, Idle server: '))).toBe(true);
    expect(interactions[0]).toContain('p = 0.017');
  });

  it('ranks significant effects by size, ties in cell order, in the stats wording with their numbers', () => {
    const effects = list.filter((f) => f.kind === 'effect');
    const significant = analysis.comparisons.filter((c) => c.significant);
    expect(effects).toHaveLength(Math.min(20, significant.length));
    for (let i = 1; i < effects.length; i++)
      expect(effects[i - 1]!.magnitude).toBeGreaterThanOrEqual(effects[i]!.magnitude);
    const top = analysis.comparisons.find((c) => c.key === 'UOM|k3s|flannel|idle|-|server|ram')!;
    expect(effects[0]!.sentence).toBe(comparisonSentence(top, analysis.factors));
    expect(effects[0]!.sentence).toContain('28\u00a0% less RAM on K3s');
    expect(effects[0]!.sentence).toContain('p < 0.001');
  });

  it('limits effects and says how many were left out', () => {
    const few = findings(analysis, { node: 'both', maxEffects: 2 });
    expect(few.filter((f) => f.kind === 'effect')).toHaveLength(2);
    const significant = analysis.comparisons.filter((c) => c.significant).length;
    expect(omittedEffects(analysis, { node: 'both', maxEffects: 2 })).toBe(significant - 2);
  });

  it('filters by node role (bandwidth has none and always stays)', () => {
    const server = findings(analysis, { node: 'server', maxEffects: 100 });
    expect(server.some((f) => f.sentence.includes(' client;'))).toBe(false);
    expect(findings(analysis, { node: 'client', maxEffects: 100 }).some((f) => f.sentence.includes(' client;'))).toBe(
      true,
    );
  });
});
