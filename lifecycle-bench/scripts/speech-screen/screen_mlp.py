#!/usr/bin/python3
"""Screens MLP inputs by leave-one-speaker-out folds (an experiment, not the recipe): a NumPy MLP
shaped like the recipe's member (256-128, ReLU, dropout 0.3, L2 1e-4, Adam, 40 epochs of 64,
cosine 1e-3 to 1e-4, standardised inputs) on the recipe's features (the Java feature cache that
LeaveOneSpeakerOut -Dciclo.featureCache wrote, $MFCC_CACHE) and/or the log-mel frames of
screen_cnn.py. See README.md in this folder. Usage:
  OMP_NUM_THREADS=1 python3 screen_mlp.py "run('baseline', base, folds=('nicolas','jackson'))"
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from screen_cnn import *
import read_feature_cache
mf = read_feature_cache.read(os.environ['MFCC_CACHE'])

def train_mlp(X, y, seed, epochs=40, hidden=(256,128), drop=0.3, l2=1e-4, bs=64, lr0=1e-3, lr1=1e-4,
              batch_aug=None, mixup=0.0):
    rng = np.random.default_rng(seed)
    mu = X.mean(0); sd = X.std(0); sd[sd<1e-12] = 1
    Xs = ((X-mu)/sd).astype(np.float32)
    K = len(labels); sizes = [X.shape[1], *hidden, K]
    W = [(rng.standard_normal((a,b))*np.sqrt(2/a)).astype(np.float32) for a,b in zip(sizes[:-1], sizes[1:])]
    B = [np.zeros(b, np.float32) for b in sizes[1:]]
    m = [np.zeros_like(w) for w in W+B]; v = [np.zeros_like(w) for w in W+B]; t = 0
    Y = np.eye(K, dtype=np.float32)[y]
    for ep in range(epochs):
        lr = lr1 + 0.5*(lr0-lr1)*(1+np.cos(np.pi*ep/epochs))
        perm = rng.permutation(len(Xs))
        for s in range(0, len(perm), bs):
            idx = perm[s:s+bs]; xb = Xs[idx]; yb = Y[idx]
            if batch_aug is not None: xb = batch_aug(xb.copy(), rng)
            if mixup > 0:
                lam = rng.beta(mixup, mixup, size=(len(idx),1)).astype(np.float32)
                p2 = rng.permutation(len(idx)); xb = lam*xb+(1-lam)*xb[p2]; yb = lam*yb+(1-lam)*yb[p2]
            acts=[xb]; masks=[]
            h = xb
            for i in range(len(W)-1):
                h = np.maximum(h@W[i]+B[i], 0)
                mk = (rng.random(h.shape) >= drop).astype(np.float32)/(1-drop); h = h*mk
                masks.append(mk); acts.append(h)
            z = h@W[-1]+B[-1]; z -= z.max(1, keepdims=True); p = np.exp(z); p /= p.sum(1, keepdims=True)
            g = (p-yb)/len(idx)
            gW=[None]*len(W); gB=[None]*len(W)
            for i in range(len(W)-1, -1, -1):
                gW[i] = acts[i].T@g + l2*W[i]; gB[i] = g.sum(0)
                if i>0:
                    g = (g@W[i].T)*masks[i-1]*(acts[i]>0)
            t += 1
            for j,(w,gr) in enumerate(zip(W+B, gW+gB)):
                m[j] = 0.9*m[j]+0.1*gr; v[j] = 0.999*v[j]+0.001*gr*gr
                w -= lr*(m[j]/(1-0.9**t))/(np.sqrt(v[j]/(1-0.999**t))+1e-8)
    def predict(Xt):
        h = ((Xt-mu)/sd).astype(np.float32)
        for i in range(len(W)-1): h = np.maximum(h@W[i]+B[i],0)
        z = h@W[-1]+B[-1]; z -= z.max(1,keepdims=True); p = np.exp(z); return p/p.sum(1,keepdims=True)
    return predict

assert mf[0]['ids']==clean['ids']
def run(name, feats, folds=('nicolas','jackson'), **kw):
    res=[]
    for spk in folds:
        tc = clean['g']!=spk; ta = aug['g']!=spk
        X = np.concatenate([feats(0,tc), feats(1,ta)]); y = onehot(np.concatenate([clean['y'][tc], aug['y'][ta]]))
        f = train_mlp(X, y, 42, **kw); row=[spk]
        for k,d in ((0,clean),(2,noisy5)):
            te = d['g']==spk; yt = onehot(d['y'][te]); p = f(feats(k,te)); gate = d['X'][te][:,-1]<0.5
            np.save(os.path.join(W_DIR, 'pred-%s-%s-%d.npy'%(name.replace(' ','_'),spk,k)), p)
            ans = p.argmax(1); ans[p[:,NS]>=0.35]=NS; ans[gate]=NS; row.append((ans==yt).mean())
            if k==0:
                for T in (1,2):
                    pt=p**(1/T); pt/=pt.sum(1,keepdims=True); conf=pt[np.arange(len(ans)),ans]; conf[gate]=1; row.append(ece(conf,ans==yt))
        res.append(row)
    print(name+': '+'  '.join('%s %.3f/%.3f ece T1 %.3f T2 %.3f'%(r[0],r[1],r[4],r[2],r[3]) for r in res), flush=True)
sets=[clean,aug,noisy5]
# the candidates screened on the recipe's features (TA: the 16 x 13 time-aligned MFCC block)
mnames = mf[0]['names']; TA = np.array([i for i, n in enumerate(mnames) if n.startswith('mfcc_t')])
def specaug_ta(xb, rng, F=3, Tm=3):  # batch_aug: one coefficient and one frame mask per example
    n = len(xb); blk = xb[:, TA].reshape(n, 16, 13)
    for i in range(n):
        f = rng.integers(0, F+1); f0 = rng.integers(0, 13-f+1); blk[i, :, f0:f0+f] = 0
        w = rng.integers(0, Tm+1); t0 = rng.integers(0, 16-w+1); blk[i, t0:t0+w, :] = 0
    xb[:, TA] = blk.reshape(n, -1); return xb
no_mean = lambda k, m: mf[k]['X'][m][:, [i for i, n in enumerate(mnames) if not n.startswith('mfcc_mean')]]
def ta_var_norm(k, m):  # each coefficient's 16 aligned values divided by their deviation
    X = mf[k]['X'][m].copy(); blk = X[:, TA].reshape(len(X), 16, 13)
    X[:, TA] = (blk / (blk.std(1, keepdims=True) + 1e-3)).reshape(len(X), -1); return X
lm = lambda mode: (lambda k,m: norm(sets[k]['X'][m],mode).reshape(m.sum(),-1))
base = lambda k,m: mf[k]['X'][m]
exec(sys.argv[1])
