#!/usr/bin/env bash
# p99 at the same offered load, repeated over fresh JVMs: Ciclo's InferenceServer against the
# bare Jetty handler as Jetty makes it by default (blocking), the pair the serving issue's p99
# goal names. serve-load.sh measures the same pair once, among four servers and beside the
# throughput; a single run's tail ratio on a shared machine scatters (0.8 to 2.0 in runs minutes
# apart), so this script gives the figure to quote: the median over RUNS runs of each run's
# ratio of median p99s (OpenLoopLoad: ROUNDS rounds of SECONDS each, the two servers taking
# turns, every request timed from when it was due).
#
# Each run starts a new servers' JVM (ServeLoadTarget), so that one JIT's compilation of the
# request path does not stand for all. With PIN=1 (the default on 2 or more processors) the
# servers' JVM runs on the last processor and the client on the others, with taskset.
#
# Usage: lifecycle-bench/scripts/serve-p99.sh [runs] [rounds] [seconds] [connections] [threads]
# Needs lifecycle-bench/target/benchmarks.jar (mvn -pl lifecycle-bench -am package -DskipTests).
# Environment: RATE (requests per second, default 20000), PIN (1 or 0), TARGET_JAVA_OPTS
# (options of the servers' JVM).
set -euo pipefail
RUNS=${1:-7}
ROUNDS=${2:-11}
SECONDS_PER_ROUND=${3:-4}
CONNECTIONS=${4:-16}
THREADS=${5:-2}
RATE=${RATE:-20000}
TARGET_JAVA_OPTS=${TARGET_JAVA_OPTS:-}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../target/benchmarks.jar}
[ -f "$JAR" ] || { echo "missing $JAR: mvn -pl lifecycle-bench -am package -DskipTests" >&2; exit 2; }
PIN=${PIN:-$([ "$(nproc)" -ge 2 ] && echo 1 || echo 0)}
# shellcheck source=serve-target.sh
. "$HERE/serve-target.sh"
pin_processors
echo "== p99 at $RATE req/s open loop, Ciclo against the default (blocking) bare handler:" \
  "$RUNS runs x $ROUNDS rounds x ${SECONDS_PER_ROUND}s, $CONNECTIONS connections," \
  "$THREADS server threads${PIN_SERVER:+, servers on processor $LAST and the client apart}"
RATIOS=$(mktemp); STOPPED=$(mktemp)
trap 'rm -f "$RATIOS" "$STOPPED"' EXIT
for run in $(seq 1 "$RUNS"); do
  start_target 0
  LINES=$("${PIN_CLIENT[@]}" java -cp "$JAR" dev.ciclo.bench.serve.OpenLoopLoad "$RATE" \
    "$CONNECTIONS" "$SECONDS_PER_ROUND" "$ROUNDS" "ciclo=$CICLO" "bare-blocking=$BAREB" | grep '^median')
  # the share of Ciclo's answers predicted on the I/O thread: a run that proved its model late
  # (or lost the proof) answers more on the workers, and its p99 shows it
  stop_target >"$STOPPED"
  INLINE=$(awk '/^ciclo_inline_predictions_total/ { i += $NF }
    /^ciclo_http_requests_total/ && /code="200"/ { n += $NF }
    END { printf "%.0f", (n > 0 ? 100 * i / n : 0) }' "$STOPPED")
  echo "$LINES" | awk -v run="$run" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v inline="$INLINE" '
    { p99[$2] = $9 }
    END { printf "run %d (load average %s): p99 ciclo %.3f ms, default bare %.3f ms, ratio %.2f," \
            " %d%% inline\n", run, load, p99["ciclo"], p99["bare-blocking"],
            p99["ciclo"] / p99["bare-blocking"], inline }'
  echo "$LINES" | awk '{ p99[$2] = $9 } END { printf "%.4f\n", p99["ciclo"] / p99["bare-blocking"] }' >>"$RATIOS"
done
sort -n "$RATIOS" | awk '{ r[NR] = $1 } END {
  m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
  printf "p99 ciclo / default bare over %d runs: median %.2f (lowest %.2f, highest %.2f)\n", NR, m, r[1], r[NR] }'
