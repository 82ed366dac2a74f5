#!/bin/sh
# One TtaScreen run (see README.md, third pass), from the project root after the README's build:
#   [TRAIN_SEED=n] lifecycle-bench/scripts/speech-screen/tta_run.sh <mode> [speakers]
# mode: base | vtlp-add | vtlp-add4 | vtlp-replace | speed-add | speed-add4 | padNNN (VAD segment
# padded by NNN ms). Writes /tmp/speech-screen/tta/<mode>[-s<seed>].bin for tta_analyse.py;
# CICLO_DATA_DIR (default ../shared/data) holds the data, /tmp/speech-screen/tta its caches.
set -eu
OUT=${TTA_DIR:-/tmp/speech-screen/tta}
mkdir -p "$OUT/cls" "$OUT/cache"
CP=lifecycle-speech/target/classes:$(cat /tmp/speech-cp.txt)
javac -cp "$CP" -d "$OUT/cls" lifecycle-bench/scripts/speech-screen/TtaScreen.java
S=${TRAIN_SEED:-42}
NAME=$1; [ "$S" != 42 ] && NAME=$1-s$S
OMP_NUM_THREADS=1 exec java -DtrainSeed="$S" -cp "$OUT/cls:$CP" dev.ciclo.speech.TtaScreen \
  "${CICLO_DATA_DIR:-../shared/data}" "$OUT/cache" "$OUT/$NAME.bin" "$@"
