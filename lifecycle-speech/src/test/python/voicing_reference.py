"""Golden values for VoiceActivityTest.golden: the voicing of VoiceActivity, written from its
class comment with NumPy and SciPy (float64 throughout), not from the Java.

Run from the repository root: python3 lifecycle-speech/src/test/python/voicing_reference.py
(CICLO_DATA_DIR, else ../shared/data).
"""
import os

import numpy as np
import scipy.io.wavfile as wavfile
import scipy.signal as signal

DATA = os.environ.get("CICLO_DATA_DIR", os.path.join("..", "shared", "data"))
RATE = 8000
VOICED = 0.7            # the voicing a clip needs
VOICED_FRAMES = 3       # consecutive frames averaged
ABOVE_FLOOR_DB = 4      # above the 10th-percentile frame
LOUD_DB = 25            # within this of the loudest frame
HIGH_PASS_HZ = 200
TONE_CORRELATION = 0.9  # a tone above 400 Hz: not voiced


def read(path):
    rate, x = wavfile.read(path)
    assert rate == RATE and x.dtype == np.int16
    return x.astype(np.float64) / 32768.0


def voicing(x):
    frame, hop = RATE * 32 // 1000, RATE // 100
    n = 0 if len(x) < frame else 1 + (len(x) - frame) // hop
    if n < VOICED_FRAMES:
        return 0.0
    y = signal.sosfilt(signal.butter(4, HIGH_PASS_HZ, "highpass", fs=RATE, output="sos"), x)
    frames = y[np.arange(frame)[None, :] + hop * np.arange(n)[:, None]]
    frames = frames - frames.mean(axis=1, keepdims=True)
    w = np.hanning(frame)
    size = 512
    r = np.fft.irfft(np.abs(np.fft.rfft(frames * w, size)) ** 2, size)[:, :frame]
    rw = np.fft.irfft(np.abs(np.fft.rfft(w, size)) ** 2, size)[:frame]
    lo, hi = int(RATE / 400), int(RATE / 60)
    with np.errstate(divide="ignore", invalid="ignore"):
        rn = (r / r[:, :1]) / (rw / rw[0])
    peak = np.minimum(rn[:, lo:hi + 1].max(axis=1), 1)
    # a frame that repeats faster than the highest pitch (past its first zero crossing) is a tone
    for i in range(n):
        neg = np.nonzero(r[i, 1:lo] < 0)[0]
        if len(neg) and rn[i, 1 + neg[0]:lo].max() >= TONE_CORRELATION:
            peak[i] = 0
    level = 10 * np.log10(r[:, 0] / frame + 1e-12)
    s = np.sort(level)
    threshold = max(s[-1] - LOUD_DB, s[min(n - 1, n // 10)] + ABOVE_FLOOR_DB)
    best = 0.0
    for end in range(VOICED_FRAMES - 1, n):
        run = slice(end - VOICED_FRAMES + 1, end + 1)
        if (level[run] >= threshold).all():
            best = max(best, peak[run].mean())
            if best >= VOICED:  # the Java stops at the first voiced run
                break
    return best


if __name__ == "__main__":
    for f in ["0_george_0.wav", "7_jackson_32.wav", "3_nicolas_12.wav", "9_theo_40.wav",
              "5_yweweler_7.wav"]:
        print(f, repr(voicing(read(os.path.join(DATA, "fsdd", "recordings", f)))))
    for f, start in [("market-church-bells.wav", 40000), ("windy-street-distant-cars.wav", 80000),
                     ("ice-rink-children.wav", 120000)]:
        x = read(os.path.join(DATA, "noise", f))[start:start + RATE]
        print(f, start, repr(voicing(x)))
