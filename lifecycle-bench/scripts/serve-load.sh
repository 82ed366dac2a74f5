#!/usr/bin/env bash
# Server throughput on loopback with keep-alive: Ciclo's InferenceServer (a small Tribuo model)
# against a bare Jetty 12 handler (same engine) returning a fixed JSON of the same size, in the
# same JVM and the same run, loaded alternately with wrk (Debian package "wrk"; a tool, not a
# dependency): throughput and p99 ratios. Then gRPC ModelInfer against REST infer on the same
# model, both loaded by the same Java closed-loop client (ProtocolLoad: blocking gRPC stubs on
# one HTTP/2 channel, JDK HttpClient on HTTP/1.1 keep-alive). Then the REST load on Ciclo while
# the served model is swapped every SWAP_MS ms, counting non-2xx answers and socket errors
# (must be zero).
#
# Usage: lifecycle-bench/scripts/serve-load.sh [repeats] [seconds] [connections] [server-threads]
# Needs lifecycle-bench/target/benchmarks.jar (mvn -pl lifecycle-bench package) and wrk.
set -euo pipefail
REPEATS=${1:-5}
SECONDS_PER_RUN=${2:-5}
CONNECTIONS=${3:-16}
THREADS=${4:-2}
SWAP_MS=${SWAP_MS:-100}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../target/benchmarks.jar}
LUA=$HERE/infer-post.lua
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "missing $JAR: mvn -pl lifecycle-bench package" >&2; exit 2; }

start_target() { # $1 = swap period in ms; sets PID, BARE, CICLO, FIFO
  FIFO=$(mktemp -u); mkfifo "$FIFO"; OUT=$(mktemp)
  java -cp "$JAR" dev.ciclo.bench.serve.ServeLoadTarget "$THREADS" "$1" <"$FIFO" >"$OUT" 2>/dev/null &
  PID=$!
  exec 3>"$FIFO"
  for _ in $(seq 1 100); do grep -q '^bare=' "$OUT" && break; sleep 0.2; done
  BARE=$(sed -n 's/^bare=\([0-9]*\) ciclo=\([0-9]*\) grpc=\([0-9]*\)$/\1/p' "$OUT")
  CICLO=$(sed -n 's/^bare=\([0-9]*\) ciclo=\([0-9]*\) grpc=\([0-9]*\)$/\2/p' "$OUT")
  GRPC=$(sed -n 's/^bare=\([0-9]*\) ciclo=\([0-9]*\) grpc=\([0-9]*\)$/\3/p' "$OUT")
  [ -n "$BARE" ] || { echo "target did not start" >&2; cat "$OUT" >&2; kill "$PID"; exit 1; }
}
stop_target() {
  exec 3>&-
  wait "$PID" || true
  cat "$OUT"; rm -f "$FIFO" "$OUT"
}
run_wrk() { # $1 = port; prints "req/s p99 non2xx socket-errors"
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$LUA" \
    "http://127.0.0.1:$1/v2/models/blobs/infer" | awk '
      /Requests\/sec/ {rps=$2}
      /^ +99%/ {p99=$2}
      /Non-2xx/ {non2xx=$NF}
      /Socket errors/ {sock=$0}
      END {printf "%s %s %s [%s]\n", rps, p99, (non2xx==""?0:non2xx), (sock==""?"no socket errors":sock)}'
}

echo "== throughput: $REPEATS pairs x ${SECONDS_PER_RUN}s, $CONNECTIONS connections, $THREADS server threads"
start_target 0
run_wrk "$BARE" >/dev/null; run_wrk "$CICLO" >/dev/null   # warm-up of both
RESULTS=$(mktemp)
for i in $(seq 1 "$REPEATS"); do
  # alternate which goes first, so a burst of other load on the machine hits both alike
  if [ $((i % 2)) -eq 1 ]; then B=$(run_wrk "$BARE"); C=$(run_wrk "$CICLO")
  else C=$(run_wrk "$CICLO"); B=$(run_wrk "$BARE"); fi
  echo "pair $i bare : $B"
  echo "pair $i ciclo: $C"
  echo "$(echo "$B" | cut -d' ' -f1,2) $(echo "$C" | cut -d' ' -f1,2)" >>"$RESULTS"
done
stop_target
awk '
  function ms(x) { if (x ~ /us$/) return x/1000; if (x ~ /ms$/) return x+0; if (x ~ /s$/) return x*1000; return x }
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { n++; br[n] = $1; bp[n] = ms($2); cr[n] = $3; cp[n] = ms($4); ra[n] = $3 / $1 }
  { pa[n] = cp[n] / bp[n] }
  END { printf "median bare %.0f req/s (p99 %.2f ms), ciclo %.0f req/s (p99 %.2f ms), median ratio ciclo/bare throughput %.2f, p99 %.2f\n",
          median(br, n), median(bp, n), median(cr, n), median(cp, n), median(ra, n), median(pa, n) }' "$RESULTS"
rm -f "$RESULTS"

echo "== gRPC ModelInfer vs REST infer, same Java client, $CONNECTIONS callers, ${SECONDS_PER_RUN}s"
start_target 0
java -cp "$JAR" dev.ciclo.bench.serve.ProtocolLoad "$GRPC" "$CICLO" "$CONNECTIONS" "$SECONDS_PER_RUN" "$REPEATS"
stop_target

echo "== hot swap every ${SWAP_MS} ms under the same load"
start_target "$SWAP_MS"
run_wrk "$CICLO" >/dev/null   # warm-up (swaps already running)
for i in $(seq 1 "$REPEATS"); do
  echo "run $i swap ciclo: $(run_wrk "$CICLO")"
done
stop_target
