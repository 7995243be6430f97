// The log-scale two-way ANOVA that analyse() runs when effects are in % (interaction-patterns.ts on describe()'s
// summaries) against statsmodels: nested OLS fits of log(value) ~ distribution * plugin on the individual log values,
// Types I, II and III, on a balanced, an unbalanced and an empty-cell dataset (test/data/anova-log-statsmodels.json,
// written by scripts/anova_log_reference.py; the datasets are in the file, so no Python is needed here).
import { readFileSync } from 'node:fs';
import { describe as suite, expect, it } from 'vitest';
import type { FactorInfo } from '../../src/model/dataset.js';
import type { Observation } from '../../src/model/observation.js';
import { analyse } from '../../src/stats/analyse.js';
import { describe } from '../../src/stats/describe.js';
import { interactionPatterns } from '../../src/stats/interaction-patterns.js';
import type { AnovaTerm } from '../../src/stats/types.js';
import { datasetOf } from '../helpers/dataset.js';
import { expectClose } from './close.js';

interface ReferenceTerm {
  term: string;
  ss: number;
  df: number;
  F: number | null;
  p: number | null;
}
interface ReferenceDataset {
  name: string;
  levelsA: string[];
  levelsB: string[];
  cells: { a: string; b: string; values: number[] }[];
  anova: Record<'type1' | 'type2' | 'type3', ReferenceTerm[]>;
}
const reference = JSON.parse(readFileSync(new URL('../data/anova-log-statsmodels.json', import.meta.url), 'utf8')) as {
  source: string;
  datasets: ReferenceDataset[];
};

const REL = 1e-9;
/** Below the smallest normal double a p-value keeps too few significant bits for a relative comparison. */
const SMALLEST_NORMAL = 2.2250738585072014e-308;

function factorsOf(d: ReferenceDataset): FactorInfo[] {
  const info = (name: string, levels: readonly string[]): FactorInfo => ({
    name,
    levels,
    originals: Object.fromEntries(levels.map((l) => [l, [l]])),
    labels: Object.fromEntries(levels.map((l) => [l, l])),
  });
  return [info('distribution', d.levelsA), info('plugin', d.levelsB)];
}

function observationsOf(d: ReferenceDataset): Observation[] {
  return d.cells.flatMap((c) =>
    c.values.map((value, i): Observation => ({
      factors: { distribution: c.a, plugin: c.b },
      iteration: i + 1,
      test: 'idle',
      protocol: null,
      node: 'server',
      metric: 'ram',
      value,
      missing: null,
      provenance: { source: 'reference', format: 'json', knbVersion: '1.5.0', runName: null, date: null },
    })),
  );
}

function expectTable(terms: readonly AnovaTerm[], expected: readonly ReferenceTerm[]): void {
  expect(terms.map((t) => t.term)).toEqual(expected.map((e) => e.term));
  // the SS of a term with no df is rounding residue around 0 in the nested fits: compared on the scale of the data
  const scale = expected.reduce((s, e) => s + Math.abs(e.ss), 0);
  terms.forEach((t, i) => {
    const e = expected[i]!;
    expect(t.df, t.term).toBe(e.df);
    if (e.df === 0) expectClose(t.ss, e.ss, 0, 1e-12 * scale);
    else expectClose(t.ss, e.ss, REL);
    if (e.F === null) {
      expect(t.f, t.term).toBeNull();
      expect(t.p, t.term).toBeNull();
      return;
    }
    expectClose(t.f, e.F, REL);
    if (e.p! >= SMALLEST_NORMAL) expectClose(t.p, e.p!, REL);
    else expect(t.p!).toBeLessThan(SMALLEST_NORMAL);
  });
}

suite(`log-scale two-way ANOVA equals statsmodels (${reference.source})`, () => {
  for (const d of reference.datasets) {
    for (const type of [1, 2, 3] as const) {
      it(`${d.name}, Type ${type}: SS, df, F and p of every term to ≤ 1e-9 relative`, () => {
        const factors = factorsOf(d);
        const summaries = describe(observationsOf(d), { factors });
        const result = interactionPatterns(summaries, { anovaType: type, factorInfo: factors, metrics: ['ram'] });
        expect(result.anova.length).toBe(1);
        const table = result.anova[0]!;
        expect(table.scale).toBe('log');
        expect(table.balanced).toBe(d.name.startsWith('balanced'));
        expect(table.emptyCells).toEqual(d.name.includes('empty cell') ? ['mk8s|kube-ovn'] : []);
        expectTable(table.terms, d.anova[`type${type}`]);
      });
    }
  }

  it('analyse() with its default scale and type (effects in %: log scale; Type II) runs this very ANOVA', () => {
    for (const d of reference.datasets) {
      // the pair is named: with an empty cell the design is not fully crossed, and analyse() would not infer it
      const dataset = datasetOf('reference', factorsOf(d), observationsOf(d));
      const analysis = analyse(dataset, { interactionFactors: ['distribution', 'plugin'] });
      expect(analysis.options.interactionScale).toBe('log');
      expect(analysis.options.anovaType).toBe(2);
      expect(analysis.interactions.anova.length).toBe(1);
      expectTable(analysis.interactions.anova[0]!.terms, d.anova.type2);
    }
  });

  it('the datasets are what the file says: seeded, not centred, baselines of different sizes, one empty cell', () => {
    const [balanced, unbalanced, empty] = reference.datasets;
    expect(balanced!.cells.every((c) => c.values.length === 8)).toBe(true);
    expect(new Set(unbalanced!.cells.map((c) => c.values.length)).size).toBeGreaterThan(3);
    expect(unbalanced!.cells.length).toBe(20);
    expect(empty!.cells.length).toBe(19);
    expect(empty!.cells.some((c) => c.a === 'mk8s' && c.b === 'kube-ovn')).toBe(false);
  });
});
