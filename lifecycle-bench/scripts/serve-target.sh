# Sourced by serve-load.sh and serve-p99.sh: pinning and the servers' JVM (ServeLoadTarget).
# Needs JAR, THREADS, PIN (1: servers on the last processor, load on the others) and
# TARGET_JAVA_OPTS set by the caller.

# Sets PIN_SERVER and PIN_CLIENT (taskset prefixes, empty unless PIN=1) and LAST.
pin_processors() {
  PIN_SERVER=(); PIN_CLIENT=()
  LAST=$(( $(nproc) - 1 ))
  if [ "$PIN" = 1 ]; then
    [ "$LAST" -ge 1 ] && command -v taskset >/dev/null || { echo "PIN=1 needs 2 processors and taskset" >&2; exit 2; }
    PIN_SERVER=(taskset -c "$LAST"); PIN_CLIENT=(taskset -c "0-$(( LAST - 1 ))")
  fi
}

start_target() { # $1 = swap period in ms; sets PID, BARE, CICLO, GRPC, HANDOFF, FIFO
  FIFO=$(mktemp -u); mkfifo "$FIFO"; OUT=$(mktemp)
  # shellcheck disable=SC2086 # TARGET_JAVA_OPTS holds several options
  "${PIN_SERVER[@]}" java $TARGET_JAVA_OPTS -cp "$JAR" dev.ciclo.bench.serve.ServeLoadTarget \
    "$THREADS" "$1" <"$FIFO" >"$OUT" 2>/dev/null &
  PID=$!
  exec 3>"$FIFO"
  for _ in $(seq 1 100); do grep -q '^bare=' "$OUT" && break; sleep 0.2; done
  BARE=$(sed -n 's/^bare=\([0-9]*\) .*$/\1/p' "$OUT")
  CICLO=$(sed -n 's/^bare=.* ciclo=\([0-9]*\) .*$/\1/p' "$OUT")
  GRPC=$(sed -n 's/^bare=.* grpc=\([0-9]*\) .*$/\1/p' "$OUT")
  HANDOFF=$(sed -n 's/^bare=.* handoff=\([0-9]*\) .*$/\1/p' "$OUT")
  BAREB=$(sed -n 's/^bare=.* bareblocking=\([0-9]*\)$/\1/p' "$OUT")
  [ -n "$BARE" ] || { echo "target did not start" >&2; cat "$OUT" >&2; kill "$PID"; exit 1; }
}
stop_target() {
  exec 3>&-
  wait "$PID" || true
  cat "$OUT"; rm -f "$FIFO" "$OUT"
}
