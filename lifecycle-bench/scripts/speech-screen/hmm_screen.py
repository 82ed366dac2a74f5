"""Left-to-right HMM-GMM isolated-digit recogniser (Viterbi / segmental k-means training), LOSO on FSDD.

python3 hmm_screen.py FEATS S M [key=value ...]   (reads and writes in $SCREEN_DIR, /tmp/hmm-screen)
  FEATS   feats_*.pkl tag, e.g. nb26_c0
  S       emitting states, M max Gaussians per state
  norm=cmn|cmvn   iters=I (Viterbi iterations per mixture size)   score=fwd|vit
  train=clean[,aug0,aug1,sp09,sp11]   folds=george,...   vfloor=0.01   dims=39   save=NAME
"""
import os, sys, time, pickle
import numpy as np
from scipy.special import logsumexp

DIR = os.environ.get('SCREEN_DIR', '/tmp/hmm-screen')
SPEAKERS = ('george', 'jackson', 'nicolas', 'theo', 'yweweler')
LOG2PI = np.log(2 * np.pi)


def normalise(f, norm):
    f = f - f.mean(0)
    if norm == 'cmvn':
        f = f / (f.std(0) + 1e-6)
    return f


class HMM:
    def __init__(self, S, D):
        self.S, self.M = S, 1
        self.w = np.zeros((S, 1))
        self.mu = np.zeros((S, 1, D))
        self.var = np.ones((S, 1, D))
        self.lself = np.full(S, np.log(0.5)); self.lnext = np.full(S, np.log(0.5))

    def loge(self, X):
        """X (N,D) -> per-state log emission (N,S) and per-component (N,S,M)."""
        S, M, D = self.mu.shape
        prec = 1.0 / self.var.reshape(S * M, D)
        mu = self.mu.reshape(S * M, D)
        const = -0.5 * (D * LOG2PI + np.log(self.var.reshape(S * M, D)).sum(1) + (mu * mu * prec).sum(1))
        lc = -0.5 * (X * X) @ prec.T + X @ (mu * prec).T + const  # (N, S*M)
        lc = lc.reshape(-1, S, M) + self.w[None]
        return logsumexp(lc, axis=2), lc

    def decode(self, B, L, mode='vit', back=False):
        """B (U,T,S) padded emissions, L lengths. returns scores (U,) [and alignments]."""
        U, T, S = B.shape
        d = np.full((U, S), -np.inf); d[:, 0] = B[:, 0, 0]
        bp = np.zeros((U, T, S), bool) if back else None
        for t in range(1, T):
            stay = d + self.lself
            move = np.full((U, S), -np.inf); move[:, 1:] = d[:, :-1] + self.lnext[:-1]
            if mode == 'vit':
                nd = np.maximum(stay, move)
                if back: bp[:, t] = move > stay
            else:
                nd = np.logaddexp(stay, move)
            nd = nd + B[:, t]
            act = (t < L)[:, None]
            d = np.where(act, nd, d)
        score = d[:, S - 1]
        if not back:
            return score
        al = []
        for u in range(U):
            s = S - 1; path = np.empty(L[u], int)
            for t in range(L[u] - 1, -1, -1):
                path[t] = s
                if t > 0 and bp[u, t, s]: s -= 1
            al.append(path)
        return score, al

    def emissions(self, seqs):
        L = np.array([len(x) for x in seqs]); T = L.max()
        X = np.concatenate(seqs)
        le, lc = self.loge(X)
        B = np.full((len(seqs), T, self.S), -1e10)
        off = np.concatenate([[0], np.cumsum(L)])
        for u in range(len(seqs)):
            B[u, :L[u]] = le[off[u]:off[u + 1]]
        return B, L, X, lc, le

    def reestimate(self, X, states, lc, le, vfloor, counts):
        S, M, D = self.mu.shape
        # soft mixture posteriors within the aligned state
        idx = np.arange(len(X))
        g = np.exp(lc[idx, states] - le[idx, states][:, None])  # (N,M)
        for s in range(S):
            m = states == s
            Xs, gs = X[m], g[m]
            n = gs.sum(0) + 1e-10
            self.w[s] = np.log(n / n.sum())
            mu = (gs.T @ Xs) / n[:, None]
            var = (gs.T @ (Xs * Xs)) / n[:, None] - mu * mu
            self.mu[s] = mu
            self.var[s] = np.maximum(var, vfloor)
        stay, move = counts
        self.lself = np.log(stay / (stay + move)); self.lnext = np.log(move / (stay + move))
        self.lnext[-1] = -np.inf; self.lself[-1] = 0.0

    def split(self):
        """split the heaviest component of each state (M -> M+1)."""
        S, M, D = self.mu.shape
        k = np.argmax(self.w, 1)
        sd = np.sqrt(self.var[np.arange(S), k])
        mk = self.mu[np.arange(S), k]
        self.mu = np.concatenate([self.mu, (mk + 0.2 * sd)[:, None]], 1)
        self.mu[np.arange(S), k] = mk - 0.2 * sd
        self.var = np.concatenate([self.var, self.var[np.arange(S), k][:, None]], 1)
        wk = self.w[np.arange(S), k] - np.log(2)
        self.w = np.concatenate([self.w, wk[:, None]], 1)
        self.w[np.arange(S), k] = wk
        self.M += 1


def train_hmm(seqs, S, M, iters, vfloor_frac):
    X = np.concatenate(seqs)
    vfloor = vfloor_frac * X.var(0)
    h = HMM(S, X.shape[1])
    # uniform segmentation
    states = np.concatenate([np.minimum((np.arange(len(x)) * S) // len(x), S - 1) for x in seqs])
    stay = np.array([np.sum(states == s) for s in range(S)], float) - len(seqs)
    h.reestimate(X, states, np.zeros((len(X), S, 1)), np.zeros((len(X), S)), vfloor,
                 (np.maximum(stay, 1), np.full(S, float(len(seqs)))))
    while True:
        for it in range(iters):
            B, L, X, lc, le = h.emissions(seqs)
            sc, al = h.decode(B, L, 'vit', back=True)
            states = np.concatenate(al)
            ch = np.concatenate([a[1:] != a[:-1] for a in al])
            st = np.concatenate([a[:-1] for a in al])
            move = np.bincount(st[ch], minlength=S).astype(float) + 1
            stay = np.bincount(st[~ch], minlength=S).astype(float) + 1
            h.reestimate(X, states, lc, le, vfloor, (stay, move))
        if h.M >= M:
            break
        h.split()
    return h


def score_all(models, seqs, mode):
    out = np.zeros((len(seqs), len(models)))
    # batch by length-sorted chunks to limit padding
    order = np.argsort([len(x) for x in seqs])
    for c in range(0, len(seqs), 100):
        idx = order[c:c + 100]
        sub = [seqs[i] for i in idx]
        for k, h in enumerate(models):
            B, L, *_ = h.emissions(sub)
            out[idx, k] = h.decode(B, L, mode)
    return out


def main(argv):
    tag, S, M = argv[0], int(argv[1]), int(argv[2])
    kw = dict(a.split('=') for a in argv[3:])
    norm = kw.get('norm', 'cmn'); iters = int(kw.get('iters', 5)); mode = kw.get('score', 'fwd')
    train_keys = kw.get('train', 'clean').split(','); vf = float(kw.get('vfloor', 0.01))
    folds = kw.get('folds', ','.join(SPEAKERS)).split(','); dims = int(kw.get('dims', 39))
    save = kw.get('save')
    with open(f'{DIR}/feats_{tag}.pkl', 'rb') as fh:
        F = pickle.load(fh)
    meta = F['meta']
    cols = [c for c in range(dims) if not (kw.get('drop0') and c % 13 == 0 and c < 13)]
    prep = lambda k: [normalise(f[:, cols], norm) for f in F[k]]
    data = {k: prep(k) for k in set(train_keys) | {'clean', 'sc5'}}
    label = f'{tag} S={S} M={M} {norm} it={iters} {mode} train={"+".join(train_keys)} vf={vf} dims={dims}{" drop0" if kw.get("drop0") else ""}'
    print(label, flush=True)
    res, allscores = [], {}
    for spk in folds:
        si = SPEAKERS.index(spk)
        tr = np.where(meta[:, 1] != si)[0]; te = np.where(meta[:, 1] == si)[0]
        t0 = time.time()
        models = []
        for d in range(10):
            ids = tr[meta[tr, 0] == d]
            seqs = [data[k][i] for k in train_keys for i in ids]
            models.append(train_hmm(seqs, S, M, iters, vf))
        t1 = time.time()
        accs = []
        for cond in ('clean', 'sc5'):
            sc = score_all(models, [data[cond][i] for i in te], mode)
            allscores[(spk, cond)] = (te, sc)
            accs.append(np.mean(np.argmax(sc, 1) == meta[te, 0]))
        t2 = time.time()
        res.append(accs)
        print(f'  {spk:9s} clean {accs[0]:.3f}  5dB {accs[1]:.3f}   train {t1 - t0:.0f}s score {t2 - t1:.0f}s', flush=True)
    r = np.array(res)
    print(f'  MEAN clean {r[:, 0].mean():.3f} worst {r[:, 0].min():.3f} | 5dB mean {r[:, 1].mean():.3f} worst {r[:, 1].min():.3f}', flush=True)
    if save:
        with open(f'{DIR}/scores_{save}.pkl', 'wb') as fh:
            pickle.dump({'label': label, 'meta': meta, 'scores': allscores}, fh)


if __name__ == '__main__':
    main(sys.argv[1:])
