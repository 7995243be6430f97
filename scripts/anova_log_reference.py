"""Reference values for cnibench's log-scale two-way ANOVA (dev script, never run by the tests).

When effects are reported in %, analyse() tests interactions on log values (src/stats/interaction-patterns.ts, which
fits src/stats/anova-two-way.ts to each cell's mean and within-cell sum of squares of log values). This script fits the
same two-way model, y = log(value) ~ A * B, to the individual log values with statsmodels, for the three sums of
squares cnibench offers, on three seeded datasets: (a) balanced, (b) unbalanced, (c) unbalanced with an empty cell.

Every sum of squares is a difference of residual sums of squares of nested OLS models (statsmodels OLS, whose df_resid
uses the rank of the design, so non-estimable interaction columns of an empty cell cost no df), with the columns of
the full design matrix (patsy) kept or dropped term by term:
    Type I    A | 1;  B | 1 + A;  A:B | 1 + A + B                      (treatment coding)
    Type II   A | 1 + B;  B | 1 + A;  A:B | 1 + A + B                  (treatment coding)
    Type III  Intercept | A + B + A:B;  A | 1 + B + A:B;  B | 1 + A + A:B;  A:B | 1 + A + B    (sum coding, C(x, Sum))
F = (SS / df) / (SS_residual / df_residual) of the full model, p = scipy.stats.f.sf(F, df, df_residual).
statsmodels' anova_lm gives the same table on (a) and (b), which the script checks; with an empty cell anova_lm counts
the df of the interaction as (I - 1)(J - 1) although some of its columns are not estimable (12 for 11 on (c)), and its
Type II and III sums of squares are then wrong too, so it is not used there.
Level orders are cnibench's (baseline distribution first; the last level is the -1 row of the sum coding).

Run with Debian's python3 (python3-statsmodels, python3-scipy):
    /usr/bin/python3 scripts/anova_log_reference.py > test/data/anova-log-statsmodels.json
    npx prettier --write test/data/anova-log-statsmodels.json
The datasets are written into the file, so the test (test/stats/anova-log-reference.test.ts) needs no Python.
"""
import json
import sys

import numpy as np
import pandas as pd
import patsy
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats
from statsmodels.formula.api import ols
from statsmodels.stats.anova import anova_lm

DISTRIBUTIONS = ['k8s', 'k3s', 'k0s', 'mk8s']
PLUGINS = ['flannel', 'calico', 'cilium', 'kube-ovn', 'kube-router']
# baselines of very different size (RAM of different plugins), multiplicative distribution effects, one true
# interaction (Cilium +14 % on K3s); noise with a CV of 3 %, not centred
PLUGIN_BASE = {'flannel': 50.0, 'calico': 180.0, 'cilium': 1000.0, 'kube-ovn': 420.0, 'kube-router': 95.0}
DIST_FACTOR = {'k8s': 1.0, 'k3s': 0.95, 'k0s': 0.88, 'mk8s': 1.04}
INTERACTION = {('k3s', 'cilium'): 1.14}
CV = 0.03
A, B = 'distribution', 'plugin'


def simulate(rng, sizes):
    cells = []
    for d in DISTRIBUTIONS:
        for p in PLUGINS:
            n = sizes(d, p)
            if n == 0:
                continue
            mean = PLUGIN_BASE[p] * DIST_FACTOR[d] * INTERACTION.get((d, p), 1.0)
            values = mean * (1 + CV * rng.standard_normal(n))
            cells.append({'a': d, 'b': p, 'values': [float(v) for v in values]})
    return cells


def frame(cells):
    rows = [(c['a'], c['b'], v) for c in cells for v in c['values']]
    df = pd.DataFrame(rows, columns=['a', 'b', 'value'])
    df['y'] = np.log(df['value'])
    return df


def formula(coding):
    return (f"C(a, {coding}, levels={DISTRIBUTIONS!r}) * C(b, {coding}, levels={PLUGINS!r})")


def nested_tables(df):
    """Types I, II and III by nested OLS fits on the columns of the full design, term by term."""
    out = {}
    for typ, coding in ((1, 'Treatment'), (2, 'Treatment'), (3, 'Sum')):
        X = patsy.dmatrix(formula(coding), df, return_type='dataframe')
        slices = X.design_info.term_slices
        names = [t.name() for t in slices]
        intercept, ta, tb, tab = names  # patsy's order: Intercept, A, B, A:B
        cols = {name: list(range(s.start, s.stop)) for name, s in ((t.name(), s) for t, s in slices.items())}
        y = df['y'].to_numpy()
        Xv = X.to_numpy()

        def fit(terms):
            idx = [i for t in terms for i in cols[t]]
            r = sm.OLS(y, Xv[:, idx]).fit()
            return r.ssr, r.df_resid

        full_ssr, full_df = fit([intercept, ta, tb, tab])
        if typ == 1:
            steps = [(A, [intercept], [intercept, ta]), (B, [intercept, ta], [intercept, ta, tb]),
                     (f'{A}:{B}', [intercept, ta, tb], [intercept, ta, tb, tab])]
        elif typ == 2:
            steps = [(A, [intercept, tb], [intercept, ta, tb]), (B, [intercept, ta], [intercept, ta, tb]),
                     (f'{A}:{B}', [intercept, ta, tb], [intercept, ta, tb, tab])]
        else:
            everything = [intercept, ta, tb, tab]
            steps = [(name, [t for t in everything if t != term], everything)
                     for name, term in (('Intercept', intercept), (A, ta), (B, tb), (f'{A}:{B}', tab))]
        terms = []
        mse = full_ssr / full_df
        for name, reduced, larger in steps:
            r_ssr, r_df = fit(reduced)
            l_ssr, l_df = fit(larger)
            ss = r_ssr - l_ssr
            dof = int(round(r_df - l_df))
            if dof == 0:
                # nothing left to test (Type III intercept with an empty cell: the other columns span it); the SS
                # is rounding residue around 0, written as computed
                terms.append({'term': name, 'ss': float(ss), 'df': 0, 'F': None, 'p': None})
                continue
            F = (ss / dof) / mse
            terms.append({'term': name, 'ss': float(ss), 'df': dof, 'F': float(F),
                          'p': float(stats.f.sf(F, dof, full_df))})
        terms.append({'term': 'Residual', 'ss': float(full_ssr), 'df': int(round(full_df)), 'F': None, 'p': None})
        out[f'type{typ}'] = terms
    return out


def check_against_anova_lm(df, tables):
    """On designs without empty cells, anova_lm must give the same table (a check of the nested fits above)."""
    for typ, coding in ((1, 'Treatment'), (2, 'Treatment'), (3, 'Sum')):
        table = anova_lm(ols('y ~ ' + formula(coding), df).fit(), typ=typ)
        ours = tables[f'type{typ}']
        for row, term in zip(table.itertuples(), [t for t in ours if typ == 3 or t['term'] != 'Intercept']):
            ss = row.sum_sq
            assert abs(ss - term['ss']) <= 1e-9 * abs(ss), (typ, term['term'], ss, term['ss'])
            assert int(row.df) == term['df'], (typ, term['term'], row.df, term['df'])


rng = np.random.default_rng(20261201)
datasets = []
sizes_unbalanced = {}
for d in DISTRIBUTIONS:
    for p in PLUGINS:
        sizes_unbalanced[(d, p)] = int(rng.integers(3, 13))
for name, sizes, empty in (
    ('balanced: 4 distributions x 5 plugins, n = 8', lambda d, p: 8, False),
    ('unbalanced: n from 3 to 12 per cell', lambda d, p: sizes_unbalanced[(d, p)], False),
    ('unbalanced with an empty cell (MicroK8s x Kube-OVN)',
     lambda d, p: 0 if (d, p) == ('mk8s', 'kube-ovn') else sizes_unbalanced[(d, p)], True),
):
    cells = simulate(rng, sizes)
    df = frame(cells)
    tables = nested_tables(df)
    if not empty:
        check_against_anova_lm(df, tables)
    datasets.append({'name': name, 'levelsA': DISTRIBUTIONS, 'levelsB': PLUGINS, 'cells': cells, 'anova': tables})

json.dump({
    'source': (f'statsmodels {statsmodels.__version__} OLS fits of nested models on log values, SciPy '
               f'{scipy.__version__} F distribution, NumPy {np.__version__}, pandas {pd.__version__}, patsy '
               f'{patsy.__version__}; scripts/anova_log_reference.py'),
    'model': ('log(value) ~ distribution * plugin; SS of a term = RSS(model without it) - RSS(model with it), '
              'see the script'),
    'datasets': datasets,
}, sys.stdout, indent=1)
sys.stdout.write('\n')
