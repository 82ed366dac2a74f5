"""Writes ScipyGoldenTest.KS_EXACT_TAIL: SciPy's exact two-sample KS p-values, unequal sizes.

Run with Debian's interpreter (SciPy 1.10.1): /usr/bin/python3 ks_exact_tail.py
"""
import numpy as np
from scipy import stats

out = []
# separated samples with k of the second sample among the first: the far tail
for n, m, k in [(100, 150, 40), (100, 150, 0), (37, 53, 10), (300, 450, 40), (500, 700, 40),
                (2000, 3000, 1500), (120, 7, 3)]:
    x = np.arange(n) * 1.0
    y = np.concatenate([np.arange(m - k) + 1e6, np.arange(k) + 0.5]) if k < m else np.arange(m) + 0.5
    r = stats.ks_2samp(x, y, method='exact')
    out.append((n, m, r.statistic, r.pvalue))
# seeded normal samples with a shift: the middle
rng = np.random.default_rng(7)
for n, m, shift in [(200, 300, 0.0), (200, 300, 0.3), (400, 250, 0.6), (1000, 1500, 0.4),
                    (800, 1300, 0.9), (3000, 2000, 0.35), (90, 2000, 1.5)]:
    x = rng.normal(size=n)
    y = rng.normal(size=m) + shift
    r = stats.ks_2samp(x, y, method='exact')
    out.append((n, m, r.statistic, r.pvalue))
for n, m, d, p in out:
    print('      {%d, %d, %s, %s},' % (n, m, repr(float(d)), repr(float(p))))
