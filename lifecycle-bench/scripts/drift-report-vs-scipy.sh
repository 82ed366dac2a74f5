#!/usr/bin/env bash
# The drift report between two tables of 1,000,000 rows x 100 numeric features: SciPy's
# ks_2samp in a per-column loop (NumPy arrays in memory) against Ciclo's DriftReports (a sketch
# per column, the test per column, Benjamini-Hochberg, the verdict) on the same data, in one
# script. Goal: Ciclo at most 1.0x SciPy's time, memory bounded by sketches.
#
# Run from the repository root after building the benchmarks jar:
#   mvn -B -o -q -pl lifecycle-bench -am package -DskipTests
#   lifecycle-bench/scripts/drift-report-vs-scipy.sh [rows] [columns] [scipy repeats]
# Needs Debian's /usr/bin/python3 with numpy and scipy, 1.6 GB of memory per side for the data
# at the default size, and about 3 minutes per SciPy repeat on a quiet machine; not run in CI.
#
# Measured 2026-12-06 on the shared 2-core machine under a load average of ~20 (noisy; one SciPy
# repeat, Ciclo's median of 3): SciPy 516.6 s, Ciclo 44.7 s, ciclo/scipy = 0.087x; 25,088 bytes
# of sketch per feature per side (k = 1024). At 1M reference rows the report uses the normed
# Wasserstein distance (threshold 0.1), so the 0.05-SD shift of 10 features is below its
# threshold (0 drifted) where KS at p < 0.05 uncorrected flags 16 of 100.
set -euo pipefail
ROWS=${1:-1000000}
COLS=${2:-100}
REPEATS=${3:-1}
CP=${BENCH_CP:-lifecycle-bench/target/benchmarks.jar}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

SCIPY=$(/usr/bin/python3 - "$DIR" "$ROWS" "$COLS" "$REPEATS" <<'PY'
import sys, time
import numpy as np
from scipy import stats
d, rows, cols, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(20261206)
ref = rng.normal(0.0, 1.0, (cols, rows))
cur = rng.normal(0.0, 1.0, (cols, rows))
cur[: cols // 10] += 0.05          # a tenth of the features shifted
ref.astype("<f8").tofile(d + "/ref.f64")
cur.astype("<f8").tofile(d + "/cur.f64")
stats.ks_2samp(ref[0], cur[0])      # warm-up
ts = []
for _ in range(repeats):
    t = time.perf_counter()
    ps = [stats.ks_2samp(ref[j], cur[j]).pvalue for j in range(cols)]
    ts.append(time.perf_counter() - t)
ts.sort()
print(f"scipy_ms={ts[len(ts) // 2] * 1000:.1f} runs_ms={[round(t * 1000) for t in ts]}"
      f" drifted_at_0.05={sum(p < 0.05 for p in ps)}")
PY
)
CICLO=$(java -Xmx2g -cp "$CP" dev.ciclo.bench.monitor.DriftReportTiming "$DIR/ref.f64" \
  "$DIR/cur.f64" "$ROWS" "$COLS")
echo "$SCIPY"
echo "$CICLO"
S=$(echo "$SCIPY" | sed -E 's/.*scipy_ms=([0-9.]+).*/\1/')
C=$(echo "$CICLO" | sed -E 's/.*ciclo_ms=([0-9.]+).*/\1/')
awk -v s="$S" -v c="$C" 'BEGIN { printf "median ms: scipy %.1f, ciclo %.1f; ciclo/scipy = %.3fx\n", s, c, c / s }'
