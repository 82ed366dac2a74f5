#!/usr/bin/env bash
# Server throughput on loopback with keep-alive: Ciclo's InferenceServer (a small Tribuo model)
# against a bare Jetty 12 handler (same engine, thread pool and connector; it reads the body)
# returning a fixed JSON of the same size, in the same JVM and the same run, loaded alternately
# with wrk (Debian package "wrk"; a tool, not a dependency): throughput and p99 ratios, for
# Ciclo's default (small requests to a model proven fast predicted on the selector thread) and
# for Ciclo with inlinePredictions(Duration.ZERO) ("handoff": every request processed on a pool
# thread), against the bare handler declared blocking (Jetty's default) and non-blocking. Then gRPC ModelInfer against REST infer on the same
# model, both loaded by the same Java closed-loop client (ProtocolLoad: blocking gRPC stubs on
# one HTTP/2 channel, JDK HttpClient on HTTP/1.1 keep-alive). Then the REST load on Ciclo while
# the served model is swapped every SWAP_MS ms, alternating with the same load without swaps on
# the same server (equally warm), counting non-2xx answers and socket errors (must be zero).
# Each wrk line also gives the target JVM's CPU time per request (user + system, from
# /proc/<pid>/stat): on a shared machine it moves far less than throughput and p99 do, which
# follow the scheduler. The load average is printed with each part: report it with the ratios.
#
# Usage: lifecycle-bench/scripts/serve-load.sh [repeats] [seconds] [connections] [server-threads]
# Needs lifecycle-bench/target/benchmarks.jar (mvn -pl lifecycle-bench package) and wrk.
# Environment: RATE (open-loop requests per second; default half the slowest closed-loop
# throughput), PIN=1 (the throughput and open-loop parts with the servers' JVM on the last
# processor and wrk or the client on the others, with taskset, so that the load does not share
# the servers' core: sharing it favours the costlier server, since the load's own CPU share
# limits the cheaper one more; the JVM then sees one processor and picks its serial collector;
# RATE's default is then half the slowest server's throughput on that one processor),
# TARGET_JAVA_OPTS (options of the servers' JVM, such as -Xmn1g; the same JVM runs every server
# compared, so they apply to all).
set -euo pipefail
REPEATS=${1:-5}
SECONDS_PER_RUN=${2:-5}
CONNECTIONS=${3:-16}
THREADS=${4:-2}
SWAP_MS=${SWAP_MS:-100}
PIN=${PIN:-0}
TARGET_JAVA_OPTS=${TARGET_JAVA_OPTS:-}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../target/benchmarks.jar}
LUA=$HERE/infer-post.lua
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "missing $JAR: mvn -pl lifecycle-bench package" >&2; exit 2; }
# shellcheck source=serve-target.sh
. "$HERE/serve-target.sh"
pin_processors

cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat" 2>/dev/null || echo 0; }
run_wrk() { # $1 = port; prints "req/s p99 non2xx cpu-us-per-request [socket-errors]"
  local c0 c1 out
  c0=$(cpu_ticks)
  out=$("${PIN_CLIENT[@]}" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$LUA" \
    "http://127.0.0.1:$1/v2/models/blobs/infer")
  c1=$(cpu_ticks)
  # The target JVM's CPU time (user + system) over the run per request answered: the measure
  # least bent by other load on a shared machine (throughput and p99 follow the scheduler).
  echo "$out" | awk -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" '
      /requests in/ {n=$1}
      /Requests\/sec/ {rps=$2}
      /^ +99%/ {p99=$2}
      /Non-2xx/ {non2xx=$NF}
      /Socket errors/ {sock=$0}
      END {printf "%s %s %s %.1f [%s]\n", rps, p99, (non2xx==""?0:non2xx), (n > 0 ? ticks / hz * 1e6 / n : 0),
        (sock==""?"no socket errors":sock)}'
}

echo "== throughput: $REPEATS pairs x ${SECONDS_PER_RUN}s, $CONNECTIONS connections, $THREADS server threads${PIN_SERVER:+, servers on processor $LAST and wrk apart}; $(uptime)"
start_target 0
PORTS=("$BARE" "$CICLO" "$HANDOFF" "$BAREB")
NAMES=("bare         " "ciclo        " "handoff      " "bare-blocking")
for p in "${PORTS[@]}"; do run_wrk "$p" >/dev/null; done   # warm-up of each
RESULTS=$(mktemp)
for i in $(seq 1 "$REPEATS"); do
  # rotate which goes first, so a burst of other load on the machine hits all alike
  declare -a R=()
  for k in 0 1 2 3; do
    j=$(( (i + k) % 4 ))
    R[$j]=$(run_wrk "${PORTS[$j]}")
  done
  for j in 0 1 2 3; do echo "pair $i ${NAMES[$j]}: ${R[$j]}"; done
  echo "$(for j in 0 1 2 3; do echo "${R[$j]}" | cut -d' ' -f1,2,4; done | tr '\n' ' ')" >>"$RESULTS"
done
stop_target
SLOWEST_FILE=$(mktemp)
awk -v slowest="$SLOWEST_FILE" '
  function ms(x) { if (x ~ /us$/) return x/1000; if (x ~ /ms$/) return x+0; if (x ~ /s$/) return x*1000; return x }
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { n++; br[n] = $1; bp[n] = ms($2); bc[n] = $3; cr[n] = $4; cp[n] = ms($5); cc[n] = $6
    dr[n] = $7; dp[n] = ms($8); dc[n] = $9; xr[n] = $10; xp[n] = ms($11); xc[n] = $12
    ra[n] = cr[n] / br[n]; pa[n] = cp[n] / bp[n]; rd[n] = dr[n] / br[n]; pd[n] = dp[n] / bp[n]
    rx[n] = xr[n] / br[n]; px[n] = xp[n] / bp[n]; rcx[n] = cr[n] / xr[n]; pcx[n] = cp[n] / xp[n]
    rdx[n] = dr[n] / xr[n]; pdx[n] = dp[n] / xp[n] }
  END { printf "median bare-blocking %.0f req/s (p99 %.2f ms), ciclo %.0f req/s (p99 %.2f ms): ciclo/bare-blocking throughput %.2f, p99 %.2f (Jetty'"'"'s default Handler.Abstract is blocking)\n",
          median(xr, n), median(xp, n), median(cr, n), median(cp, n), median(rcx, n), median(pcx, n)
        printf "median bare (non-blocking) %.0f req/s (p99 %.2f ms): ciclo/bare throughput %.2f, p99 %.2f; bare-blocking/bare %.2f, p99 %.2f\n",
          median(br, n), median(bp, n), median(ra, n), median(pa, n), median(rx, n), median(px, n)
        printf "median handoff %.0f req/s (p99 %.2f ms): handoff/bare-blocking throughput %.2f, p99 %.2f\n",
          median(dr, n), median(dp, n), median(rdx, n), median(pdx, n)
        printf "median server CPU per request: bare %.1f us, ciclo %.1f us, handoff %.1f us, bare-blocking %.1f us\n",
          median(bc, n), median(cc, n), median(dc, n), median(xc, n)
        m = median(br, n); if (median(cr, n) < m) m = median(cr, n); if (median(xr, n) < m) m = median(xr, n)
        printf "%.0f\n", m > slowest }' "$RESULTS"
SLOWEST=$(cat "$SLOWEST_FILE"); rm -f "$RESULTS" "$SLOWEST_FILE"

# Latency at the same offered load. The closed-loop p99 above runs every server at its own
# saturation, where mean latency = connections / throughput (Little's law): its ratio restates
# the throughput ratio. Here every server gets the same fixed request rate (RATE, by default half
# the slowest server's closed-loop throughput above), from an open-loop client that counts a
# request from when it was due (coordinated omission corrected, as wrk2 does).
RATE=${RATE:-$(( ${SLOWEST%.*} / 2000 * 1000 ))}
echo "== p99 at the same offered load: $RATE req/s open loop, $CONNECTIONS connections, ${SECONDS_PER_RUN}s x $REPEATS${PIN_SERVER:+, servers on processor $LAST and the client apart}; $(uptime)"
OPEN=$(mktemp)
start_target 0
"${PIN_CLIENT[@]}" java -cp "$JAR" dev.ciclo.bench.serve.OpenLoopLoad "$RATE" "$CONNECTIONS" "$SECONDS_PER_RUN" "$REPEATS" \
  "bare=$BARE" "ciclo=$CICLO" "handoff=$HANDOFF" "bare-blocking=$BAREB" | tee "$OPEN"
stop_target >/dev/null
PIN_SERVER=(); PIN_CLIENT=()
awk '/^median/ { p99[$2] = $9 } END {
  printf "p99 at the same load: ciclo/bare-blocking %.2f, ciclo/bare %.2f, handoff/bare-blocking %.2f\n",
    p99["ciclo"] / p99["bare-blocking"], p99["ciclo"] / p99["bare"], p99["handoff"] / p99["bare-blocking"] }' "$OPEN"
rm -f "$OPEN"

echo "== gRPC ModelInfer vs REST infer, same Java client, $CONNECTIONS callers, ${SECONDS_PER_RUN}s; $(uptime)"
start_target 0
java -cp "$JAR" dev.ciclo.bench.serve.ProtocolLoad "$GRPC" "$CICLO" "$CONNECTIONS" "$SECONDS_PER_RUN" "$REPEATS"
stop_target

echo "== hot swap every ${SWAP_MS} ms under the same load, against the same server without swaps; $(uptime)"
start_target "$SWAP_MS"
echo "swaps off" >&3; run_wrk "$CICLO" >/dev/null   # warm-up, without
echo "swaps on" >&3; run_wrk "$CICLO" >/dev/null    # and with swaps
SWAPS=$(mktemp)
for i in $(seq 1 "$REPEATS"); do
  # alternate which goes first, as above
  if [ $((i % 2)) -eq 1 ]; then
    echo "swaps off" >&3; N=$(run_wrk "$CICLO"); echo "swaps on" >&3; S=$(run_wrk "$CICLO")
  else
    echo "swaps on" >&3; S=$(run_wrk "$CICLO"); echo "swaps off" >&3; N=$(run_wrk "$CICLO")
  fi
  echo "run $i no swaps: $N"
  echo "run $i swaps   : $S"
  echo "$(echo "$N" | cut -d' ' -f1,2) $S" >>"$SWAPS"
done
stop_target
awk '
  function ms(x) { if (x ~ /us$/) return x/1000; if (x ~ /ms$/) return x+0; if (x ~ /s$/) return x*1000; return x }
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { n++; nr[n] = $1; sr[n] = $3; ra[n] = $3 / $1; bad += $5; if ($0 !~ /no socket errors/) sock++ }
  END { printf "median without swaps %.0f req/s, with swaps %.0f req/s, median ratio %.2f; non-2xx answers during swaps %d, runs with socket errors %d\n",
          median(nr, n), median(sr, n), median(ra, n), bad, sock }' "$SWAPS"
rm -f "$SWAPS"
