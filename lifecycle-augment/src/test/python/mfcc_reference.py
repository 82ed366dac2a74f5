#!/usr/bin/python3
"""Independent NumPy/SciPy reference for lifecycle-augment's log-mel, MFCC and summary vector.

Written from the definition in SpeechFeatures' Javadoc, not from the Java code: its own framing,
scipy's periodic windows, numpy's rfft, its own HTK mel filterbank, scipy's orthonormal DCT-II,
numpy's gradient-free delta regression and np.interp for time alignment.

Usage (from lifecycle-augment/):
  /usr/bin/python3 src/test/python/mfcc_reference.py ../../shared/data/fsdd/recordings/7_jackson_32.wav

Writes into src/test/resources/dev/ciclo/augment/features/:
  synthetic.wav                      a deterministic 0.6 s 8 kHz 16-bit test signal
  synthetic_logmel.csv, synthetic_mfcc.csv
  fsdd_7_jackson_32_mfcc.csv         MFCC of the real FSDD recording
  fsdd_7_jackson_32_summary.csv      mean/std/delta summary and 16-frame CMN summary
"""
import os
import sys

import numpy as np
import scipy.fft
import scipy.io.wavfile
import scipy.signal

SR, FRAME, HOP, NFFT, MELS, FMIN, PRE, NCEP = 8000, 200, 80, 256, 40, 0.0, 0.97, 13
FMAX = SR / 2
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "ciclo",
                   "augment", "features")


def read16(path):
    rate, data = scipy.io.wavfile.read(path)
    assert rate == SR and data.dtype == np.int16, (rate, data.dtype)
    return data.astype(np.float64) / 32768.0


def mel_filterbank():
    mel = lambda f: 2595.0 * np.log10(1.0 + f / 700.0)
    inv = lambda m: 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    pts = inv(np.linspace(mel(FMIN), mel(FMAX), MELS + 2))
    freqs = np.arange(NFFT // 2 + 1) * SR / NFFT
    fb = np.zeros((MELS, NFFT // 2 + 1))
    for m in range(MELS):
        lo, mid, hi = pts[m], pts[m + 1], pts[m + 2]
        rising = (freqs - lo) / (mid - lo)
        falling = (hi - freqs) / (hi - mid)
        fb[m] = np.maximum(0.0, np.minimum(rising, falling))
    return fb


def logmel(x):
    y = np.append(x[:1], x[1:] - PRE * x[:-1]) if len(x) else x
    n = len(y)
    frames = 1 if n <= FRAME else 1 + int(np.ceil((n - FRAME) / HOP))
    padded = np.zeros((frames - 1) * HOP + FRAME)
    padded[:n] = y
    win = scipy.signal.get_window("hann", FRAME, fftbins=True)
    idx = np.arange(FRAME)[None, :] + HOP * np.arange(frames)[:, None]
    spec = np.abs(np.fft.rfft(padded[idx] * win, n=NFFT, axis=1)) ** 2
    return np.log(np.maximum(spec @ mel_filterbank().T, 1e-10))


def mfcc(x):
    return scipy.fft.dct(logmel(x), type=2, norm="ortho", axis=1)[:, :NCEP]


def deltas(c, width=2):
    padded = np.pad(c, ((width, width), (0, 0)), mode="edge")
    num = sum(n * (padded[width + n:width + n + len(c)] - padded[width - n:width - n + len(c)])
              for n in range(1, width + 1))
    return num / (2 * sum(n * n for n in range(1, width + 1)))


def aligned(c, frames=16):
    c = c - c.mean(axis=0)
    pos = np.linspace(0, len(c) - 1, frames)
    return np.stack([np.interp(pos, np.arange(len(c)), c[:, k]) for k in range(c.shape[1])], axis=1)


def save(name, rows):
    np.savetxt(os.path.join(OUT, name), np.atleast_2d(rows), delimiter=",", fmt="%.17g")


def synthetic():
    t = np.arange(int(0.6 * SR)) / SR
    rng = np.random.default_rng(7)
    s = (0.3 * np.sin(2 * np.pi * (200 + 1500 * t) * t) + 0.2 * np.sin(2 * np.pi * 440 * t)
         + 0.05 * rng.standard_normal(len(t)))
    s[int(0.25 * SR):int(0.3 * SR)] = 0.0
    return np.clip(np.round(s * 32768), -32768, 32767).astype(np.int16)


def main():
    os.makedirs(OUT, exist_ok=True)
    syn = os.path.join(OUT, "synthetic.wav")
    scipy.io.wavfile.write(syn, SR, synthetic())
    x = read16(syn)
    save("synthetic_logmel.csv", logmel(x))
    save("synthetic_mfcc.csv", mfcc(x))
    if len(sys.argv) > 1:
        x = read16(sys.argv[1])
        c = mfcc(x)
        d = deltas(c)
        save("fsdd_7_jackson_32_mfcc.csv", c)
        save("fsdd_7_jackson_32_summary.csv",
             [np.concatenate([c.mean(0), c.std(0), d.mean(0), d.std(0)]),
              aligned(c).reshape(-1)[:4 * NCEP]])
        save("fsdd_7_jackson_32_aligned.csv", aligned(c))


if __name__ == "__main__":
    main()
