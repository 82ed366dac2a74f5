#!/usr/bin/env bash
# Two-sample Kolmogorov-Smirnov on 1,000,000 vs 1,000,000 values: SciPy's ks_2samp against
# Ciclo's KolmogorovSmirnov on the same data, in one script. Goal: Ciclo no slower than SciPy.
#
# Run from the repository root after building the benchmarks jar:
#   mvn -B -o -q -pl lifecycle-bench package -DskipTests
#   lifecycle-bench/scripts/ks-vs-scipy.sh
# BENCH_CP overrides the class path (default lifecycle-bench/target/benchmarks.jar).
# Needs Debian's /usr/bin/python3 with numpy and scipy; not run in CI.
set -euo pipefail
CP=${BENCH_CP:-lifecycle-bench/target/benchmarks.jar}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

SCIPY=$(/usr/bin/python3 - "$DIR" <<'PY'
import sys, time
import numpy as np
from scipy import stats
d = sys.argv[1]
rng = np.random.default_rng(20261127)
a = rng.normal(0.0, 1.0, 1_000_000)
b = rng.normal(0.002, 1.0, 1_000_000)
a.astype("<f8").tofile(d + "/a.f64")
b.astype("<f8").tofile(d + "/b.f64")
for _ in range(2):
    stats.ks_2samp(a, b)
ts = []
for _ in range(15):
    t = time.perf_counter()
    r = stats.ks_2samp(a, b)
    ts.append(time.perf_counter() - t)
ts.sort()
print(f"scipy_ms={ts[len(ts) // 2] * 1000:.1f} statistic={r.statistic!r} pvalue={r.pvalue!r}")
PY
)
CICLO=$(java -cp "$CP" dev.ciclo.bench.monitor.KsTiming "$DIR/a.f64" "$DIR/b.f64")
echo "$SCIPY"
echo "$CICLO"
S=$(echo "$SCIPY" | sed -E 's/.*scipy_ms=([0-9.]+).*/\1/')
C=$(echo "$CICLO" | sed -E 's/.*ciclo_ms=([0-9.]+).*/\1/')
awk -v s="$S" -v c="$C" 'BEGIN { printf "median ms: scipy %.1f, ciclo %.1f; scipy/ciclo = %.2fx\n", s, c, s / c }'
