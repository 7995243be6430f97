import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import type { Observation } from '../../src/model/observation.js';
import { anovaTwoWay } from '../../src/stats/anova-two-way.js';
import { describe as describeCells } from '../../src/stats/describe.js';
import { mannWhitneyU } from '../../src/stats/mann-whitney.js';
import { mean } from '../../src/stats/mean.js';
import { bh, holm } from '../../src/stats/p-adjust.js';
import { sampleVariance, sumOfSquaredDeviations } from '../../src/stats/sample-variance.js';
import { studentT } from '../../src/stats/student-t.js';
import { welchT } from '../../src/stats/welch-t.js';
import { compare } from '../../src/stats/compare.js';
import { expectClose } from './close.js';

// Tolerance: 1e-9 relative everywhere (all these methods are exact up to rounding; measured agreement is ~1e-12).
const REL = 1e-9;

interface Golden {
  cases: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// SciPy/statsmodels reference numbers, copied with their source into the project's test data (test/data/README.md).
const GOLDEN_FILE = fileURLToPath(new URL('../data/golden-scipy.json', import.meta.url));

function loadGolden(): Golden {
  return JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Golden;
}

function obs(distribution: string, plugin: string, iteration: number, value: number | null): Observation {
  return {
    factors: { distribution, plugin },
    iteration,
    test: 'idle',
    protocol: null,
    node: 'server',
    metric: 'ram',
    value,
    missing: value === null ? 'nan' : null,
    provenance: { source: 'test', format: 'json', knbVersion: null, runName: null, date: null },
  };
}

const moments = (x: number[]) => ({ n: x.length, mean: mean(x), variance: sampleVariance(x) });

describe('golden values (SciPy 1.10, statsmodels 0.13)', () => {
  const g = loadGolden().cases;

  it('describe: n, mean, variance, sd, sem, median, type-7 quartiles, 95 % t interval', () => {
    const c = g['describe'];
    const [s] = describeCells(c.x.map((v: number, i: number) => obs('k8s', 'flannel', i + 1, v)));
    expect(s!.n).toBe(c.n);
    expectClose(s!.mean, c.mean, REL);
    expectClose(s!.variance, c.variance, REL);
    expectClose(s!.sd, c.sd, REL);
    expectClose(s!.sem, c.sem, REL);
    expectClose(s!.median, c.median, REL);
    expectClose(s!.q1, c.q1_type7, REL);
    expectClose(s!.q3, c.q3_type7, REL);
    expectClose(s!.ci!.lo, c.ci95_t[0], REL);
    expectClose(s!.ci!.hi, c.ci95_t[1], REL);
    expect(s!.ci!.method).toBe('t');
  });

  it('Welch and Student t tests', () => {
    const c = g['two_sample'];
    const welch = welchT(moments(c.other), moments(c.baseline))!;
    expectClose(welch.statistic, c.welch.t, REL);
    expectClose(welch.df, c.welch.df, REL);
    expectClose(welch.p, c.welch.p, REL);
    const student = studentT(moments(c.other), moments(c.baseline))!;
    expectClose(student.statistic, c.student.t, REL);
    expect(student.df).toBe(c.student.df);
    expectClose(student.p, c.student.p, REL);
  });

  it('% delta of means through compare()', () => {
    const c = g['two_sample'];
    const rows = [
      ...c.baseline.map((v: number, i: number) => obs('k8s', 'flannel', i + 1, v)),
      ...c.other.map((v: number, i: number) => obs('k3s', 'flannel', i + 1, v)),
    ];
    const [cmp] = compare(describeCells(rows));
    expectClose(cmp!.deltaPct, c.delta_pct_of_means, REL);
    expectClose(cmp!.welch!.p, c.welch.p, REL);
    expect(cmp!.deltaPctCi!.lo).toBeLessThan(c.delta_pct_of_means);
    expect(cmp!.deltaPctCi!.hi).toBeGreaterThan(c.delta_pct_of_means);
  });

  it('Mann–Whitney U, exact (no overlap and overlapping samples)', () => {
    for (const name of ['two_sample', 'mann_whitney_exact_overlap']) {
      const c = g[name];
      const expected = name === 'two_sample' ? c.mann_whitney_exact : c;
      const r = mannWhitneyU(c.other, c.baseline)!;
      expect(r.method).toBe('exact');
      expect(r.u).toBe(expected.U_other);
      expectClose(r.p, expected.p, REL);
    }
  });

  it('Mann–Whitney U with ties: normal approximation, tie and continuity corrections', () => {
    const c = g['mann_whitney_ties'];
    const r = mannWhitneyU(c.other, c.baseline)!;
    expect(r.method).toBe('normal');
    expect(r.u).toBe(c.U_other);
    expectClose(r.p, c.p, REL);
  });

  it('Holm and Benjamini–Hochberg adjustments', () => {
    const c = g['p_adjust'];
    holm(c.p).forEach((p, i) => expectClose(p, c.holm[i], REL));
    bh(c.p).forEach((p, i) => expectClose(p, c.bh[i], REL));
  });

  it('two-way ANOVA on the unbalanced design, Types I, II and III: SS, df, F, p of every term', () => {
    const c = g['anova2_unbalanced'];
    const byCell = new Map<string, number[]>();
    for (const r of c.data) {
      const k = `${r.distribution}|${r.plugin}`;
      byCell.set(k, [...(byCell.get(k) ?? []), r.value]);
    }
    const cells = [...byCell].map(([k, v]) => ({
      a: k.split('|')[0]!,
      b: k.split('|')[1]!,
      n: v.length,
      mean: mean(v),
      ssWithin: sumOfSquaredDeviations(v),
    }));
    // statsmodels orders levels alphabetically; the SS do not depend on the reference level for Types I and II,
    // and Type III uses sum coding; we still use the same order for a like-for-like check.
    const options = {
      levelsA: ['k0s', 'k3s', 'k8s', 'mk8s'],
      levelsB: ['calico', 'cilium', 'flannel'],
      nameA: 'distribution',
      nameB: 'plugin',
    };
    const names: Record<number, Record<string, string>> = {
      1: {
        distribution: 'C(distribution)',
        plugin: 'C(plugin)',
        'distribution:plugin': 'C(distribution):C(plugin)',
        Residual: 'Residual',
      },
      2: {
        distribution: 'C(distribution)',
        plugin: 'C(plugin)',
        'distribution:plugin': 'C(distribution):C(plugin)',
        Residual: 'Residual',
      },
      3: {
        Intercept: 'Intercept',
        distribution: 'C(distribution, Sum)',
        plugin: 'C(plugin, Sum)',
        'distribution:plugin': 'C(distribution, Sum):C(plugin, Sum)',
        Residual: 'Residual',
      },
    };
    for (const type of [1, 2, 3] as const) {
      const fit = anovaTwoWay(cells, { ...options, anovaType: type });
      const expected = c.anova[`type${type}`];
      expect(fit.terms.map((t) => names[type]![t.term])).toEqual(Object.keys(expected));
      for (const term of fit.terms) {
        const e = expected[names[type]![term.term]!];
        expectClose(term.ss, e.ss, REL);
        expect(term.df).toBe(e.df);
        if (e.F === null) expect(term.f).toBeNull();
        else {
          expectClose(term.f, e.F, REL);
          expectClose(term.p, e.p, REL);
        }
      }
    }
    // a different reference level gives the same Type II table (the SS are coding-invariant)
    const reordered = anovaTwoWay(cells, {
      anovaType: 2,
      levelsA: ['k8s', 'k3s', 'k0s', 'mk8s'],
      levelsB: ['flannel', 'calico', 'cilium'],
    });
    expectClose(reordered.terms[0]!.ss, c.anova.type2['C(distribution)'].ss, REL);
    // cell means
    for (const [k, m] of Object.entries(c.cell_means)) {
      const cell = cells.find((x) => `${x.a}|${x.b}` === k)!;
      expectClose(cell.mean, m as number, REL);
    }
  });
});
