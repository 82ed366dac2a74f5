#!/bin/sh
# MLP epoch time and accuracy: Ciclo's ND4J MLP vs scikit-learn's MLPClassifier, same exported
# features, same layers, batch size and epochs, run one after the other, REPEATS times each.
# Prints medians and the ratio ciclo/sklearn (below 1: Ciclo faster), per hidden-layer size, so
# the crossover on small networks shows: wall time per epoch, and CPU time per epoch (Ciclo's
# training thread, scikit-learn's process), which a busy shared machine disturbs less.
#
# usage (from the project root, after
#   mvn -B -q -pl lifecycle-bench -am package -DskipTests):
#   lifecycle-bench/scripts/mlp_vs_sklearn.sh [hidden sizes...]     default: 32 128 512 1024
# environment: CICLO_DATA_DIR (default ../shared/data), BATCH (32), EPOCHS (10), REPEATS (3),
#   OMP_NUM_THREADS (1, for both sides), RECIPE (1: export lifecycle-speech's recipe features
#   instead of the plain MFCC summary; the speech recipe's own shape is
#   RECIPE=1 BATCH=64 scripts/mlp_vs_sklearn.sh 256,128).
set -eu
cd "$(dirname "$0")/../.."
JAR="${JAR:-lifecycle-bench/target/benchmarks.jar}"
[ -f "$JAR" ] || { echo "build first: mvn -B -q -pl lifecycle-bench -am package -DskipTests" >&2; exit 1; }
export CICLO_DATA_DIR="${CICLO_DATA_DIR:-../shared/data}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OPENBLAS_NUM_THREADS="${OMP_NUM_THREADS:-1}"
BATCH="${BATCH:-32}"; EPOCHS="${EPOCHS:-10}"; REPEATS="${REPEATS:-3}"
SIZES="${*:-32 128 512 1024}"
CSV="${TMPDIR:-/tmp}/ciclo-mlp-features.csv"
JAVA="java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp $JAR dev.ciclo.bench.train.MlpVsSklearn"
if [ "${RECIPE:-0}" = 1 ]; then $JAVA export-recipe "$CSV"; else $JAVA export "$CSV"; fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-8s %12s %12s %8s %10s %10s %10s %10s %9s\n' hidden ciclo_ms sklearn_ms ratio \
  ciclo_acc sk_acc ciclo_cpu sk_cpu cpu_ratio
for H in $SIZES; do
  : > /tmp/ciclo.t; : > /tmp/sk.t
  i=0
  while [ $i -lt "$REPEATS" ]; do
    $JAVA time "$CSV" "$H" "$BATCH" "$EPOCHS" >> /tmp/ciclo.t
    /usr/bin/python3 lifecycle-bench/scripts/mlp_vs_sklearn.py "$CSV" "$H" "$BATCH" "$EPOCHS" >> /tmp/sk.t
    i=$((i + 1))
  done
  C=$(awk '{print $2}' /tmp/ciclo.t | median); S=$(awk '{print $2}' /tmp/sk.t | median)
  CA=$(awk '{print $3}' /tmp/ciclo.t | median); SA=$(awk '{print $3}' /tmp/sk.t | median)
  CC=$(awk '{print $4}' /tmp/ciclo.t | median); SC=$(awk '{print $4}' /tmp/sk.t | median)
  printf '%-8s %12s %12s %8.3f %10s %10s %10s %10s %9.3f\n' "$H" "$C" "$S" \
    "$(echo "$C $S" | awk '{print $1/$2}')" "$CA" "$SA" "$CC" "$SC" \
    "$(echo "$CC $SC" | awk '{print $1/$2}')"
done
