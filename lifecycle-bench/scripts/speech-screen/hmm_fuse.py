"""Average posteriors of saved HMM score files. python3 hmm_fuse.py NAME1 NAME2 ... [temp=T]
Log-likelihoods are turned into posteriors with softmax(LL / (T * frames)) per model set."""
import os, sys, pickle, numpy as np
from scipy.special import softmax
names = [a for a in sys.argv[1:] if '=' not in a]
kw = dict(a.split('=') for a in sys.argv[1:] if '=' in a); T = float(kw.get('temp', 0.1))
DIR = os.environ.get('SCREEN_DIR', '/tmp/hmm-screen')
S = [pickle.load(open(f'{DIR}/scores_{n}.pkl', 'rb')) for n in names]
meta = S[0]['meta']
F = pickle.load(open(f'{DIR}/feats_nb40_loge_aug_speed.pkl', 'rb'))
res = []
for spk in ('george', 'jackson', 'nicolas', 'theo', 'yweweler'):
    row = []
    for cond in ('clean', 'sc5'):
        te, _ = S[0]['scores'][(spk, cond)]
        nfr = np.array([len(F[cond][i]) for i in te])[:, None]
        P = sum(softmax(s['scores'][(spk, cond)][1] / (T * nfr), axis=1) for s in S) / len(S)
        row.append(np.mean(P.argmax(1) == meta[te, 0]))
    res.append(row); print(f'{spk:9s} {row[0]:.3f} / {row[1]:.3f}')
r = np.array(res); print(f'mean {r[:,0].mean():.3f} / {r[:,1].mean():.3f}  worst {r[:,0].min():.3f} / {r[:,1].min():.3f}')
