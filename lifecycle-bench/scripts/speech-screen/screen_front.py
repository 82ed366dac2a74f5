#!/usr/bin/python3
"""Screens front ends (what happens to the mel energies before the log and the DCT) by
leave-one-speaker-out folds (an experiment, not the recipe). Input: $SCREEN_DIR/mel.bin written
by MelExport.java (whole-clip log-mel frames, the VAD's trimmed frame range and the VAD fields).
Each candidate turns a clip's mel power frames into log-mel-like frames; the recipe's features
are then rebuilt in NumPy from the trimmed range (MFCC by the orthonormal DCT-II, 13
coefficients; 16 time-aligned cepstral-mean-normalised frames; mean and deviation of the
coefficients and of their deltas, width 2; the four VAD fields) and one MLP shaped like a recipe
member is trained per fold. See README.md in this folder. Usage:
  OMP_NUM_THREADS=1 python3 screen_front.py "run('baseline', front_log)"
  OMP_NUM_THREADS=1 python3 screen_front.py "run('floor a1.5 b0.05', floor_sub(1.5, 0.05))"
"""
import os, struct, sys, time
import numpy as np

W_DIR = os.environ.get('SCREEN_DIR', '/tmp/speech-screen')
NB, CC, TA_FRAMES = 40, 13, 16


def read(path):
    b = open(path, 'rb').read(); o = 0; sets = []
    def i32():
        nonlocal o; v = struct.unpack_from('>i', b, o)[0]; o += 4; return v
    def utf():
        nonlocal o; n = struct.unpack_from('>H', b, o)[0]; o += 2
        s = b[o:o + n].decode('utf-8', 'replace'); o += n; return s
    while o < len(b):
        n = i32(); ids = []; ys = []; gs = []; tg = []; L = []; meta = np.empty((n, 7))
        for i in range(n):
            ids.append(utf()); ys.append(utf()); gs.append(utf()); tg.append(utf())
            d = i32(); v = np.frombuffer(b, '>f4', d, o).astype(np.float64); o += 4 * d
            meta[i] = v[:7]; L.append(v[7:].reshape(int(v[0]), NB))
        sets.append(dict(ids=ids, y=np.array(ys), g=np.array(gs), tags=np.array(tg), L=L,
                         meta=meta))
    return sets


clean, aug, noisy5 = read(os.path.join(W_DIR, 'mel.bin'))
SETS = [clean, aug, noisy5]
# optional: clean clips mixed with synthetic coloured noise (SynthExport.java), run(..., synth=True)
SYNTH = os.path.join(W_DIR, 'synth.bin')
if os.path.exists(SYNTH):
    SETS.append(read(SYNTH)[0])
labels = sorted(set(aug['y'])); lab = {l: i for i, l in enumerate(labels)}; NS = lab['no speech']
def onehot(y): return np.array([lab[v] for v in y])
_k = np.arange(CC)[:, None]; _n = np.arange(NB)[None, :]
DCT = np.cos(np.pi * _k * (2 * _n + 1) / (2 * NB)) * np.where(_k == 0, np.sqrt(1 / NB), np.sqrt(2 / NB))


def deltas(c, w=2):
    t = len(c); den = sum(2 * n * n for n in range(1, w + 1)); d = np.zeros_like(c)
    for n in range(1, w + 1):
        d += n * (c[np.minimum(t - 1, np.arange(t) + n)] - c[np.maximum(0, np.arange(t) - n)])
    return d / den


def summarise(L):
    """The recipe's MFCC features from log-mel-like frames (T x 40) of the trimmed range."""
    c = L @ DCT.T; t = len(c)
    pos = np.arange(TA_FRAMES) * (t - 1) / (TA_FRAMES - 1); lo = np.floor(pos).astype(int)
    hi = np.minimum(t - 1, lo + 1); fr = (pos - lo)[:, None]
    ta = c[lo] + (c[hi] - c[lo]) * fr - c.mean(0)
    d = deltas(c)
    return np.concatenate([ta.ravel(), c.mean(0), c.std(0), d.mean(0), d.std(0)])


def features(d, front, cache={}):
    key = (id(d), front.__name__ if hasattr(front, '__name__') else id(front), getattr(front, 'key', ''))
    if key in cache: return cache[key]
    X = np.empty((len(d['L']), TA_FRAMES * CC + 4 * CC + 4))
    for i, (L, m) in enumerate(zip(d['L'], d['meta'])):
        s, n = int(m[1]), int(m[2])
        Lf = front(L, s, n)
        X[i, :-4] = summarise(Lf[s:s + n]); X[i, -4:] = m[3:7]
    cache[key] = X
    return X


# ---- front ends: (whole-clip log-mel frames, first trimmed frame, trimmed frames) -> frames ----
def front_log(L, s, n):
    return L


def noise_floor(P, s, n, q=15, min_frames=5, mode='vad'):
    """Each band's noise power: the mean over the frames outside the VAD's segment when there
    are at least min_frames of them, else the q-th percentile over every frame."""
    out = np.r_[0:s, s + n:len(P)]
    if mode == 'vad' and len(out) >= min_frames:
        return P[out].mean(0)
    return np.percentile(P, q, axis=0)


def floor_sub(a, b, q=15, min_frames=5, mode='vad'):
    def f(L, s, n):
        P = np.exp(L); N = noise_floor(P, s, n, q, min_frames, mode)
        return np.log(np.maximum(np.maximum(P - a * N, b * P), 1e-10))
    f.key = ('sub', a, b, q, min_frames, mode); return f


def pcen(s_=0.025, alpha=0.98, delta=2.0, r=0.5, eps=1e-6, gain=1.0, log_out=False):
    def f(L, s, n):
        E = np.exp(L) * gain; M = np.empty_like(E); m = E[:min(10, len(E))].mean(0)
        for t in range(len(E)):
            m = (1 - s_) * m + s_ * E[t]; M[t] = m
        Y = (E / (eps + M) ** alpha + delta) ** r - delta ** r
        return np.log(Y + 1e-6) if log_out else Y
    f.key = ('pcen', s_, alpha, delta, r, eps, gain, log_out); return f


def ece(conf, right, bins=15):
    b = np.minimum(bins - 1, (conf * bins).astype(int)); e = 0
    for k in range(bins):
        m = b == k
        if m.any(): e += abs(right[m].sum() - conf[m].sum()) / len(conf)
    return e


def train_mlp(X, y, seed, epochs=40, hidden=(256, 128), drop=0.3, l2=1e-4, bs=64, lr0=1e-3, lr1=1e-4):
    rng = np.random.default_rng(seed)
    mu = X.mean(0); sd = X.std(0); sd[sd < 1e-12] = 1
    Xs = ((X - mu) / sd).astype(np.float32)
    K = len(labels); sizes = [X.shape[1], *hidden, K]
    W = [(rng.standard_normal((a, b)) * np.sqrt(2 / a)).astype(np.float32) for a, b in zip(sizes[:-1], sizes[1:])]
    B = [np.zeros(b, np.float32) for b in sizes[1:]]
    m = [np.zeros_like(w) for w in W + B]; v = [np.zeros_like(w) for w in W + B]; t = 0
    Y = np.eye(K, dtype=np.float32)[y]
    for ep in range(epochs):
        lr = lr1 + 0.5 * (lr0 - lr1) * (1 + np.cos(np.pi * ep / epochs))
        perm = rng.permutation(len(Xs))
        for s in range(0, len(perm), bs):
            idx = perm[s:s + bs]; xb = Xs[idx]; yb = Y[idx]
            acts = [xb]; masks = []; h = xb
            for i in range(len(W) - 1):
                h = np.maximum(h @ W[i] + B[i], 0)
                mk = (rng.random(h.shape) >= drop).astype(np.float32) / (1 - drop); h = h * mk
                masks.append(mk); acts.append(h)
            z = h @ W[-1] + B[-1]; z -= z.max(1, keepdims=True); p = np.exp(z); p /= p.sum(1, keepdims=True)
            g = (p - yb) / len(idx); gW = [None] * len(W); gB = [None] * len(W)
            for i in range(len(W) - 1, -1, -1):
                gW[i] = acts[i].T @ g + l2 * W[i]; gB[i] = g.sum(0)
                if i > 0: g = (g @ W[i].T) * masks[i - 1] * (acts[i] > 0)
            t += 1
            for j, (w, gr) in enumerate(zip(W + B, gW + gB)):
                m[j] = 0.9 * m[j] + 0.1 * gr; v[j] = 0.999 * v[j] + 0.001 * gr * gr
                w -= lr * (m[j] / (1 - 0.9 ** t)) / (np.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8)
    def predict(Xt):
        h = ((Xt - mu) / sd).astype(np.float32)
        for i in range(len(W) - 1): h = np.maximum(h @ W[i] + B[i], 0)
        z = h @ W[-1] + B[-1]; z -= z.max(1, keepdims=True); p = np.exp(z); return p / p.sum(1, keepdims=True)
    return predict


def run(name, front, folds=('nicolas', 'jackson'), members=1, post=None, synth=False, synth_copies=2, front2=None):
    """One MLP (or `members` averaged) per fold; prints clean / 5 dB accuracy, ECE at T=1, 2, 2.5,
    and the share of clean clips answered no speech."""
    t0 = time.time(); Xs = [features(d, front) for d in (SETS if synth else SETS[:3])]
    if front2 is not None:  # both front ends' MFCC features side by side, the VAD fields once
        Xs = [np.hstack([X[:, :-4], features(d, front2)]) for X, d in zip(Xs, SETS)]
    if post is not None: Xs = [post(X) for X in Xs]
    res = []
    for spk in folds:
        tc = clean['g'] != spk; ta = aug['g'] != spk
        X = np.concatenate([Xs[0][tc], Xs[1][ta]]); y = onehot(np.concatenate([clean['y'][tc], aug['y'][ta]]))
        if synth:
            sy = SETS[3]; ts = sy['g'] != spk
            if synth_copies == 1: ts &= np.arange(len(ts)) % 2 == 0  # copy 1 of each clip
            X = np.concatenate([X, Xs[3][ts]]); y = np.concatenate([y, onehot(sy['y'][ts])])
        nets = [train_mlp(X, y, 42 + 1000003 * i) for i in range(members)]
        row = [spk]
        for k, d in ((0, clean), (2, noisy5)):
            te = d['g'] == spk; yt = onehot(d['y'][te]); p = np.mean([f(Xs[k][te]) for f in nets], 0)
            gate = d['meta'][te][:, 6] < 0.5
            ans = p.argmax(1); ans[p[:, NS] >= 0.35] = NS; ans[gate] = NS; row.append((ans == yt).mean())
            if k == 0:
                for T in (1, 2, 2.5):
                    pt = p ** (1 / T); pt /= pt.sum(1, keepdims=True); conf = pt[np.arange(len(ans)), ans]
                    conf[gate] = 1; row.append(ece(conf, ans == yt))
                row.append((ans == NS).mean())
        res.append(row)
    print(name + ': ' + '  '.join('%s %.3f/%.3f ece T1 %.3f T2 %.3f T2.5 %.3f ns %.3f' % (r[0], r[1], r[6], r[2], r[3], r[4], r[5])
                                  for r in res) + '  (%.0fs)' % (time.time() - t0), flush=True)
    return res


if __name__ == '__main__':
    exec(sys.argv[1])
