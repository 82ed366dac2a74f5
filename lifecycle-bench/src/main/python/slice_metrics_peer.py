#!/usr/bin/python3
"""Peer timings for dev.ciclo.bench.analysis.SliceMetricsBenchmark: error per slice for 100
slices over 1,000,000 predictions of a 10-class classifier, in Python.

  taskset -c 0 /usr/bin/python3 lifecycle-bench/src/main/python/slice_metrics_peer.py

Two peers, median of 7 runs each:
  sklearn_per_slice: what a Python user writes: for each value, a boolean mask and
                     sklearn.metrics.accuracy_score on the slice (strings as labels, like Ciclo).
  numpy_bincount:    the columnar lower bound: integer codes and np.bincount, no per-example
                     objects at all.
"""
import time
import numpy as np
from sklearn.metrics import accuracy_score

N, SLICES = 1_000_000, 100
rng = np.random.default_rng(42)
y = rng.integers(0, 10, N)
bucket = rng.integers(0, SLICES, N)
wrong = rng.random(N) < np.where(bucket < 5, 0.4, 0.2)
p = np.where(wrong, (y + 1 + rng.integers(0, 9, N)) % 10, y)
ys = y.astype(str)
ps = p.astype(str)
bs = bucket.astype(str)


def sklearn_per_slice():
    out = {}
    for k in range(SLICES):
        m = bs == str(k)
        out[k] = 1 - accuracy_score(ys[m], ps[m])
    return out


def numpy_bincount():
    err = (y != p).astype(np.float64)
    n = np.bincount(bucket, minlength=SLICES)
    e = np.bincount(bucket, weights=err, minlength=SLICES)
    return e / n


for name, f in [("sklearn_per_slice", sklearn_per_slice), ("numpy_bincount", numpy_bincount)]:
    times = []
    for _ in range(7):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    print("%-18s median %8.1f ms  (runs: %s)" % (name, float(np.median(times)),
                                                 ", ".join("%.0f" % x for x in times)))
