#!/usr/bin/python3
"""SciPy's per-column two-sample KS loop on the shape of SparkDriftBench: n records x 20
Gaussian features (five shifted by 0.2) against a 5,000-value reference per feature.

Run: /usr/bin/python3 lifecycle-bench/scripts/drift-vs-scipy.py 10000000 3
Prints each repeat and the median records per second (one core). Not run in CI."""
import sys
import time

import numpy as np
from scipy import stats

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
features = 20
rng = np.random.default_rng(7)
ref = rng.normal(0.0, 1.0, (features, 5000))
cur = rng.normal(0.0, 1.0, (features, n))
cur[:5] += 0.2
times = []
for rep in range(repeats):
    t = time.perf_counter()
    drifted = [f for f in range(features) if stats.ks_2samp(ref[f], cur[f]).pvalue < 0.001]
    times.append(time.perf_counter() - t)
    print(f"  scipy repeat {rep}: {times[-1]:.2f} s, drifted {drifted}")
med = sorted(times)[len(times) // 2]
print(f"SciPy ks_2samp loop: {med:.2f} s, {n / med:.0f} records/s (data already in memory)")
