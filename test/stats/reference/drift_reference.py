"""Reference values for src/stats/mann-kendall.ts and theil-sen.ts (dev script, never run by the tests).

Mann-Kendall = Kendall's tau-b of y against x with the asymptotic (normal) p-value:
    scipy.stats.kendalltau(x, y, method='asymptotic')
Theil-Sen slope and Sen's interval:
    scipy.stats.theilslopes(y, x, alpha=level)   # SciPy's `alpha` is the confidence level
Run:  python3 test/stats/reference/drift_reference.py > test/stats/reference/drift-reference.json
      npx prettier --write test/stats/reference/drift-reference.json   # the project formats its JSON
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261201)
cases = []


def add(name, x, y, level=0.95):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    kt = stats.kendalltau(x, y, method='asymptotic')
    ts = stats.theilslopes(y, x, alpha=level)
    cases.append({
        'name': name, 'x': x, 'y': y, 'level': level,
        'tau': float(kt.statistic), 'p': float(kt.pvalue),
        'slope': float(ts.slope), 'intercept': float(ts.intercept),
        'lo': float(ts.low_slope), 'hi': float(ts.high_slope),
    })


add('no ties, small', [1, 2, 3, 4, 5], [1, 2, 3, 5, 4])
add('ties in y', list(range(1, 11)), [5, 5, 6, 7, 7, 7, 8, 6, 9, 9])
add('ties in x (runs sharing a start time)', [0, 0, 1, 1, 2, 3, 3, 4, 5, 5], [2.0, 2.5, 2.1, 3.0, 3.3, 2.9, 3.8, 4.1, 4.0, 5.2])
add('ties in x and y', [0, 0, 1, 1, 2, 2, 3, 3], [1, 2, 2, 2, 3, 3, 3, 4])
add('no trend, n=10', np.cumsum(rng.uniform(0.05, 0.1, 10)), 600 + rng.normal(0, 9, 10))
add('drift, n=10, hours', np.cumsum(rng.uniform(0.05, 0.1, 10)), 600 + 40 * np.arange(10) * 0.07 + rng.normal(0, 9, 10))
add('drift, n=40, 90 % level', np.sort(rng.uniform(0, 30, 40)), 1000 + 3 * np.arange(40) + rng.normal(0, 25, 40), 0.90)
add('decreasing, n=25', np.arange(25), 9000 - 20 * np.arange(25) + rng.normal(0, 80, 25))
add('rounded values, n=30', np.arange(30) * 0.05, np.round(5 + 0.02 * np.arange(30) + rng.normal(0, 0.3, 30), 1))
# long cells: N = n(n-1)/2 pairwise slopes above the size where the order statistics are found by sampling, and S by
# a merge sort (drift.ts performance), with ties in both x and y
add('long cell, n=313, shared start times and rounded values', np.sort(np.round(rng.uniform(0, 10, 313), 1)),
    np.round(500 + 0.4 * np.arange(313) / 31.3 + rng.normal(0, 3, 313)))
add('long cell, n=400, no trend, 90 % level', np.cumsum(rng.uniform(0.01, 0.05, 400)), 2000 + rng.normal(0, 40, 400), 0.90)

json.dump({'source': f'SciPy {scipy.__version__}, NumPy {np.__version__}; test/stats/reference/drift_reference.py',
           'cases': cases}, sys.stdout, indent=1)
sys.stdout.write('\n')
