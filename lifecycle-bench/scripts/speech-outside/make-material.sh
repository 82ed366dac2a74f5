#!/usr/bin/env bash
# Outside material for the speech check: synthetic speakers (espeak-ng, flite) saying the digits,
# and noises of other kinds (sox), none of them in ../shared/data. Debian packages:
#   apt-get install -y espeak-ng flite sox
# Usage: make-material.sh OUT_DIR   (about 1 minute of CPU)
set -euo pipefail
out=${1:?usage: make-material.sh OUT_DIR}
mkdir -p "$out"/native "$out"/digits8k "$out"/noise "$out"/tmp
words=(zero one two three four five six seven eight nine)
# trim leading and trailing silence as FSDD's clips are, so an SNR means the same thing
trim() { sox -q "$1" "$2" silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse; }

# espeak-ng: voice variants x (speed, pitch); native rate 22050 Hz
for v in en-us+m1 en-us+m3 en-us+m5 en-us+m7 en+f1 en+f3 en+f5 en-gb-scotland+m2 en-us+klatt en+whisper; do
  k=0
  for sp in "130 35" "160 45" "175 50" "200 60" "230 70"; do
    set -- $sp
    for d in 0 1 2 3 4 5 6 7 8 9; do
      f="$d"_espeak-${v//+/-}_$k.wav
      espeak-ng -v "$v" -s "$1" -p "$2" -w "$out/tmp/$f" "${words[$d]}"
      trim "$out/tmp/$f" "$out/native/$f"
    done
    k=$((k+1))
  done
done
# flite: voices x (duration stretch, pitch mean); native rate 16000 Hz (kal: 8000... as flite writes)
for v in kal kal16 awb rms slt; do
  k=0
  for sp in "0.8 0" "1.0 0" "1.2 0" "1.0 -20" "1.0 25"; do
    set -- $sp
    for d in 0 1 2 3 4 5 6 7 8 9; do
      f="$d"_flite-$v"_$k.wav"
      if [ "$2" = 0 ]; then
        flite -voice "$v" --setf duration_stretch="$1" -t "${words[$d]}" -o "$out/tmp/$f"
      else
        # shift the pitch with sox (flite's f0 setting is voice dependent)
        flite -voice "$v" --setf duration_stretch="$1" -t "${words[$d]}" -o "$out/tmp/x_$f"
        sox -q "$out/tmp/x_$f" "$out/tmp/$f" pitch "$(( $2 * 10 ))"
      fi
      trim "$out/tmp/$f" "$out/native/$f"
    done
    k=$((k+1))
  done
done
# the 8 kHz mono 16-bit copies (sox's own resampler, so the Java resampler is not the only one)
for f in "$out"/native/*.wav; do
  sox -q "$f" -r 8000 -c 1 -b 16 "$out/digits8k/$(basename "$f")"
done

# noises, 8 kHz mono 16-bit, 60 s each unless said
n="$out/noise"
sox -q -n -r 8000 -b 16 "$n/white.wav" synth 60 whitenoise gain -n -10
sox -q -n -r 8000 -b 16 "$n/pink.wav" synth 60 pinknoise gain -n -10
sox -q -n -r 8000 -b 16 "$n/brown.wav" synth 60 brownnoise gain -n -10
sox -q -n -r 8000 -b 16 "$n/tone-1khz.wav" synth 60 sine 1000 gain -n -10
sox -q -n -r 8000 -b 16 "$n/tone-440-sweep.wav" synth 60 sine 300-3000 gain -n -10
# mains hum: a 50 Hz and a 60 Hz buzz (square, so with its harmonics), and a plain 60 Hz sine
sox -q -n -r 8000 -b 16 "$n/hum-50hz.wav" synth 60 square 50 lowpass 1000 gain -n -10
sox -q -n -r 8000 -b 16 "$n/hum-60hz.wav" synth 60 square 60 lowpass 1000 gain -n -10
sox -q -n -r 8000 -b 16 "$n/sine-60hz.wav" synth 60 sine 60 gain -n -10
# clicks: edges of a 3 Hz square wave, high-passed
sox -q -n -r 8000 -b 16 "$n/clicks.wav" synth 60 square 3 highpass 2000 gain -n -6
# telephone-band noise, and clipped (overdriven) white noise
sox -q -n -r 8000 -b 16 "$n/phone-band.wav" synth 60 whitenoise sinc 300-3400 gain -n -10
sox -q -n -r 8000 -b 16 "$n/clipped-white.wav" synth 60 whitenoise gain -n 20 2>/dev/null || true
# babble: six synthetic voices reading different sentences at once
text=("the quick brown fox jumps over the lazy dog near the bank of the river"
  "please call stella and ask her to bring these things with her from the store"
  "six spoons of fresh snow peas five thick slabs of blue cheese and maybe a snack"
  "we also need a small plastic snake and a big toy frog for the kids"
  "she can scoop these things into three red bags and we will go meet her"
  "wednesday at the train station the weather was cold and the wind was strong")
vs=(en-us+m1 en+f2 en-us+m4 en+f4 en-gb-scotland+m6 en-us+m2)
for i in 0 1 2 3 4 5; do
  t=""; for r in 1 2 3 4 5 6 7 8; do t="$t ${text[$(( (i + r) % 6 ))]}."; done
  espeak-ng -v "${vs[$i]}" -s $((150 + 10 * i)) -w "$out/tmp/b$i.wav" "$t"
  sox -q "$out/tmp/b$i.wav" -r 8000 -c 1 "$out/tmp/b8_$i.wav" trim 0 60 pad 0 60 trim 0 60
done
sox -q -m "$out"/tmp/b8_*.wav -b 16 "$n/babble6.wav" gain -n -10
# a reverberant street: the shared recordings are NOT used here, only sox noise
sox -q -n -r 8000 -b 16 "$n/pink-reverb.wav" synth 60 pinknoise reverb 80 50 100 gain -n -10
rm -rf "$out/tmp"
echo "$(ls "$out"/native | wc -l) synthetic digit clips, $(ls "$n" | wc -l) noises in $out"

# the same digits as an app might send them, and through other channels
mkdir -p "$out"/phone "$out"/clipped "$out"/reverb "$out"/quiet "$out"/r16k "$out"/r44k-stereo
for f in "$out"/digits8k/*.wav; do
  b=$(basename "$f")
  sox -q "$f" "$out/phone/$b" sinc 300-3400
  sox -q "$f" "$out/clipped/$b" gain -n 0 gain 12 2>/dev/null
  sox -q "$f" "$out/reverb/$b" pad 0 0.3 reverb 50 50 100
  sox -q "$f" "$out/quiet/$b" gain -n -40
done
for f in "$out"/native/*.wav; do
  b=$(basename "$f")
  sox -q "$f" -r 16000 -b 16 "$out/r16k/$b"
  sox -q "$f" -r 44100 -c 2 -b 16 "$out/r44k-stereo/$b"
done
echo "effects: phone, clipped, reverb, quiet; formats: r16k, r44k-stereo"
