"""MFCC + delta + delta-delta features for FSDD, clean / street-cars 5 dB / augmented.
Usage: NB=26|40 C0=c0|loge NAUG=2 python3 hmm_feats.py [aug] [speed]
  -> writes $SCREEN_DIR/feats_nb<NB>_<C0>[_aug][_speed].pkl (SCREEN_DIR default /tmp/hmm-screen);
  the recordings from $CICLO_DATA_DIR (default ../shared/data).
"""
import glob, os, sys, pickle
import numpy as np
import scipy.io.wavfile as wav
from scipy.fft import rfft, dct
from scipy.signal import resample_poly

DATA = os.environ.get('CICLO_DATA_DIR', '../shared/data')
OUT = os.environ.get('SCREEN_DIR', '/tmp/hmm-screen')
SR = 8000
FL, HOP, NFFT = 200, 80, 512
SPEAKERS = ('george', 'jackson', 'nicolas', 'theo', 'yweweler')


def mel_fb(nb=26, nfft=NFFT, sr=SR, fmin=0.0, fmax=4000.0):
    m = lambda f: 2595 * np.log10(1 + f / 700.0)
    im = lambda x: 700 * (10 ** (x / 2595.0) - 1)
    pts = im(np.linspace(m(fmin), m(fmax), nb + 2))
    freqs = np.arange(nfft // 2 + 1) * sr / nfft
    fb = np.zeros((nb, len(freqs)))
    for i in range(nb):
        l, c, r = pts[i], pts[i + 1], pts[i + 2]
        fb[i] = np.maximum(0, np.minimum((freqs - l) / (c - l), (r - freqs) / (r - c)))
    return fb

FB = {}
WIN = np.hamming(FL)


def frames(x):
    if len(x) < FL:
        x = np.pad(x, (0, FL - len(x)))
    n = 1 + (len(x) - FL) // HOP
    idx = np.arange(FL)[None, :] + HOP * np.arange(n)[:, None]
    return x[idx]


def deltas(c, w=2):
    T = len(c)
    p = np.pad(c, ((w, w), (0, 0)), mode='edge')
    num = sum(k * (p[w + k:w + k + T] - p[w - k:w - k + T]) for k in range(1, w + 1))
    return num / (2 * sum(k * k for k in range(1, w + 1)))


def mfcc(x, nb=26, vad_db=35.0, c0='c0'):
    """x float waveform (int16 scale). returns (T, 39) raw (no normalisation)."""
    if nb not in FB:
        FB[nb] = mel_fb(nb)
    x = x.astype(np.float64)
    fr_raw = frames(x)
    e = 10 * np.log10(np.sum(fr_raw ** 2, 1) + 1e-3)
    keep = np.where(e > e.max() - vad_db)[0]
    a, b = keep[0], keep[-1] + 1
    while b - a < 10:  # grow to at least 10 frames
        if a > 0: a -= 1
        if b - a < 10 and b < len(e): b += 1
        if a == 0 and b == len(e): break
    y = np.append(x[0], x[1:] - 0.97 * x[:-1])
    fr = frames(y) * WIN
    P = np.abs(rfft(fr, NFFT)) ** 2
    lm = np.log(P @ FB[nb].T + 1e-6)
    c = dct(lm, type=2, norm='ortho', axis=1)[:, :13]
    if c0 == 'loge':
        c[:, 0] = np.log(np.sum(fr_raw ** 2, 1) + 1e-6)
    # deltas on the whole clip, then trim (avoids edge effects at the cut)
    d = deltas(c); dd = deltas(d)
    f = np.hstack([c, d, dd])
    return f[a:b]


def load_clips():
    clips = []
    for f in sorted(glob.glob(f'{DATA}/fsdd/recordings/*.wav')):
        d, s, i = os.path.basename(f)[:-4].split('_')
        sr, x = wav.read(f)
        assert sr == SR
        if x.ndim > 1: x = x[:, 0]
        clips.append((int(d), s, int(i), x.astype(np.float64)))
    return clips


def load_noise(name):
    sr, x = wav.read(f'{DATA}/noise/{name}')
    return x.astype(np.float64)


def mix(x, noise, snr_db, rng):
    off = rng.integers(0, len(noise) - len(x))
    n = noise[off:off + len(x)]
    rx = np.sqrt(np.mean(x ** 2)) + 1e-9
    rn = np.sqrt(np.mean(n ** 2)) + 1e-9
    return x + n * (rx / rn) / (10 ** (snr_db / 20.0))


def build(nb=26, c0='c0', aug=False, speed=False):
    clips = load_clips()
    meta = np.array([(d, SPEAKERS.index(s), i) for d, s, i, _ in clips])
    out = {'meta': meta}
    out['clean'] = [mfcc(x, nb, c0=c0) for _, _, _, x in clips]
    sc = load_noise('street-cars.wav')
    for snr in (5,):
        rng = np.random.default_rng(1234)
        out[f'sc{snr}'] = [mfcc(mix(x, sc, snr, rng), nb, c0=c0) for _, _, _, x in clips]
    if aug:
        others = [load_noise(n) for n in ('ice-rink-children.wav', 'market-church-bells.wav',
                                          'street-buses-tram.wav', 'windy-street-distant-cars.wav')]
        rng = np.random.default_rng(42)
        for k in range(int(os.environ.get('NAUG', 2))):
            out[f'aug{k}'] = [mfcc(mix(x, others[rng.integers(4)], rng.uniform(0, 20), rng), nb, c0=c0)
                              for _, _, _, x in clips]
    if speed and aug:
        rng = np.random.default_rng(7)
        for name, (up, down) in (('spn09', (10, 9)), ('spn11', (10, 11))):
            out[name] = [mfcc(mix(resample_poly(x, up, down), others[rng.integers(4)], rng.uniform(0, 20), rng), nb, c0=c0)
                         for _, _, _, x in clips]
    if speed:
        for name, (up, down) in (('sp09', (10, 9)), ('sp11', (10, 11))):
            # speed 0.9 -> longer signal: resample by 10/9 ; speed 1.1 -> 10/11
            out[name] = [mfcc(resample_poly(x, up, down), nb, c0=c0) for _, _, _, x in clips]
    return out


if __name__ == '__main__':
    nb = int(os.environ.get('NB', 26)); c0 = os.environ.get('C0', 'c0')
    aug = 'aug' in sys.argv[1:]; speed = 'speed' in sys.argv[1:]
    out = build(nb, c0, aug, speed)
    os.makedirs(OUT, exist_ok=True)
    tag = f'nb{nb}_{c0}' + ('_aug' if aug else '') + ('_speed' if speed else '')
    with open(f'{OUT}/feats_{tag}.pkl', 'wb') as fh:
        pickle.dump(out, fh)
    print('wrote', tag, {k: len(v) for k, v in out.items()})
