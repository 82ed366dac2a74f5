#!/usr/bin/python3
"""Screens a small CNN on log-mel frames by leave-one-speaker-out folds (an experiment, not the
recipe): NumPy only, float32, im2col convolutions. See README.md in this folder.

Input: $SCREEN_DIR/logmel.bin written by LogMelExport.java (clean clips, the recipe's augmented
clips, and the clips with street-cars.wav at 5, 0 and 10 dB). Usage:
  OMP_NUM_THREADS=1 python3 screen_cnn.py "evaluate('cnn flat cmn', folds=('nicolas',), epochs=12)"
"""
import os, struct, numpy as np, time, sys
W_DIR = os.environ.get('SCREEN_DIR', '/tmp/speech-screen')
from numpy.lib.stride_tricks import sliding_window_view
def read(path):
    b = open(path,'rb').read(); o = 0; sets=[]
    def i32():
        nonlocal o; v = struct.unpack_from('>i', b, o)[0]; o += 4; return v
    def utf():
        nonlocal o; n = struct.unpack_from('>H', b, o)[0]; o += 2; s = b[o:o+n].decode('utf-8','replace'); o += n; return s
    while o < len(b):
        n = i32(); d = i32(); ids=[];ys=[];gs=[];tg=[];X=np.empty((n,d),np.float32)
        for i in range(n):
            ids.append(utf()); ys.append(utf()); gs.append(utf()); tg.append(utf())
            X[i] = np.frombuffer(b, '>f4', d, o); o += 4*d
        sets.append(dict(ids=ids,y=np.array(ys),g=np.array(gs),tags=np.array(tg),X=X))
    return sets
S = read(os.path.join(W_DIR, 'logmel.bin'))
clean, aug, noisy5, noisy0, noisy10 = S
TF, NB = 32, 40
labels = sorted(set(aug['y'])); lab = {l:i for i,l in enumerate(labels)}; NS = lab['no speech']
def onehot(y): return np.array([lab[v] for v in y])
def norm(X, mode):
    M = X[:, :TF*NB].reshape(-1, TF, NB).copy()
    if mode == 'cmn':   # per-band mean over time, then one scale per utterance
        M -= M.mean(1, keepdims=True); M /= (M.std((1,2), keepdims=True) + 1e-3)
    elif mode == 'mvn':  # one mean and one std per utterance
        M -= M.mean((1,2), keepdims=True); M /= (M.std((1,2), keepdims=True) + 1e-3)
    elif mode == 'none':
        M = (M + 10) / 5
    return M.astype(np.float32)
def ece(conf, right, bins=15):
    b = np.minimum(bins-1, (conf*bins).astype(int)); e = 0
    for k in range(bins):
        m = b==k
        if m.any(): e += abs(right[m].sum()-conf[m].sum())/len(conf)
    return e

def conv_f(x, W, b):   # x (N,H,W,C) -> (N,H,W,Co), 3x3 same
    xp = np.pad(x, ((0,0),(1,1),(1,1),(0,0)))
    cols = sliding_window_view(xp, (3,3), axis=(1,2))  # N,H,W,C,3,3
    N,H,Wd,C = x.shape
    cols = cols.transpose(0,1,2,4,5,3).reshape(N*H*Wd, 9*C)
    return (cols @ W + b).reshape(N,H,Wd,-1), cols
def conv_b(dout, cols, W, xshape):
    N,H,Wd,C = xshape; Co = W.shape[1]
    d2 = dout.reshape(-1, Co)
    dW = cols.T @ d2; db = d2.sum(0)
    dcols = (d2 @ W.T).reshape(N,H,Wd,3,3,C)
    dxp = np.zeros((N,H+2,Wd+2,C), np.float32)
    for i in range(3):
        for j in range(3):
            dxp[:, i:i+H, j:j+Wd, :] += dcols[:,:,:,i,j,:]
    return dxp[:,1:-1,1:-1,:], dW, db
def pool_f(x):
    N,H,Wd,C = x.shape; r = x[:, :H//2*2, :Wd//2*2].reshape(N,H//2,2,Wd//2,2,C)
    m = r.max((2,4)); return m, (r == m[:,:,None,:,None,:])
def pool_b(d, mask, xshape):
    N,H,Wd,C = xshape; dx = np.zeros(xshape, np.float32)
    g = mask * d[:,:,None,:,None,:]
    dx[:, :H//2*2, :Wd//2*2] = g.reshape(N,H//2*2,Wd//2*2,C); return dx

class CNN:
    def __init__(s, seed, c1=16, c2=32, hid=64, head='flat'):
        r = np.random.default_rng(seed); s.head = head
        he = lambda a,b: (r.standard_normal((a,b))*np.sqrt(2/a)).astype(np.float32)
        feat = c2*(NB//4) if head=='gap' else c2*(NB//4)*(TF//4)
        s.P = [he(9,c1), np.zeros(c1,np.float32), he(9*c1,c2), np.zeros(c2,np.float32),
               he(feat,hid), np.zeros(hid,np.float32), he(hid,len(labels)), np.zeros(len(labels),np.float32)]
    def fwd(s, x, train=False, rng=None, drop=0.3):
        W1,b1,W2,b2,W3,b3,W4,b4 = s.P; c = {}
        x = x[...,None]; c['x']=x.shape
        z1, c['cols1'] = conv_f(x, W1, b1); a1 = np.maximum(z1,0); c['a1']=a1
        p1, c['m1'] = pool_f(a1); c['p1']=p1.shape
        z2, c['cols2'] = conv_f(p1, W2, b2); a2 = np.maximum(z2,0); c['a2']=a2
        p2, c['m2'] = pool_f(a2); c['p2']=p2.shape
        f = p2.mean(1).reshape(len(x),-1) if s.head=='gap' else p2.reshape(len(x),-1)
        c['f']=f
        h = np.maximum(f@W3+b3,0)
        if train:
            mk = (rng.random(h.shape)>=drop).astype(np.float32)/(1-drop); h = h*mk; c['mk']=mk
        c['h']=h
        z = h@W4+b4; z -= z.max(1,keepdims=True); p = np.exp(z); p /= p.sum(1,keepdims=True)
        return p, c
    def bwd(s, g, c, l2):
        W1,b1,W2,b2,W3,b3,W4,b4 = s.P
        dW4 = c['h'].T@g + l2*W4; db4 = g.sum(0)
        dh = (g@W4.T)*c['mk']*(c['h']>0)
        dW3 = c['f'].T@dh + l2*W3; db3 = dh.sum(0)
        df = dh@W3.T
        N = len(g); sh = c['p2']
        dp2 = np.repeat(df.reshape(N,1,sh[2],sh[3])/sh[1], sh[1], 1) if s.head=='gap' else df.reshape(sh)
        da2 = pool_b(dp2, c['m2'], c['a2'].shape)*(c['a2']>0)
        dp1, dW2, db2 = conv_b(da2, c['cols2'], W2, c['p1'])
        da1 = pool_b(dp1, c['m1'], c['a1'].shape)*(c['a1']>0)
        _, dW1, db1 = conv_b(da1, c['cols1'], W1, c['x'])
        return [dW1+l2*W1,db1,dW2+l2*W2,db2,dW3,db3,dW4,db4]
    def predict(s, X):
        return np.vstack([s.fwd(X[i:i+256])[0] for i in range(0,len(X),256)])

def specaug(xb, rng, F=6, Tm=4):
    for i in range(len(xb)):
        f = rng.integers(0,F+1); f0 = rng.integers(0,NB-f+1); xb[i,:,f0:f0+f] = 0
        w = rng.integers(0,Tm+1); t0 = rng.integers(0,TF-w+1); xb[i,t0:t0+w,:] = 0
    return xb
def train(X, y, seed, epochs=20, bs=64, lr0=1e-3, lr1=1e-4, l2=1e-4, sa=True, shift=0, **kw):
    rng = np.random.default_rng(seed); net = CNN(seed, **kw)
    m = [np.zeros_like(p) for p in net.P]; v = [np.zeros_like(p) for p in net.P]; t=0
    Y = np.eye(len(labels), dtype=np.float32)[y]
    for ep in range(epochs):
        lr = lr1 + 0.5*(lr0-lr1)*(1+np.cos(np.pi*ep/epochs)); perm = rng.permutation(len(X)); loss=0
        for s0 in range(0,len(X),bs):
            idx = perm[s0:s0+bs]; xb = X[idx].copy()
            if sa: xb = specaug(xb, rng)
            if shift: 
                k = rng.integers(-shift, shift+1); xb = np.roll(xb, k, axis=1)
            p, c = net.fwd(xb, True, rng); loss += -np.log(p[np.arange(len(idx)), y[idx]]+1e-9).sum()
            gr = net.bwd((p-Y[idx])/len(idx), c, l2); t+=1
            for j,(w,g) in enumerate(zip(net.P, gr)):
                m[j]=0.9*m[j]+0.1*g; v[j]=0.999*v[j]+0.001*g*g
                w -= lr*(m[j]/(1-0.9**t))/(np.sqrt(v[j]/(1-0.999**t))+1e-8)
        print('   epoch %d loss %.3f'%(ep, loss/len(X)), file=sys.stderr, flush=True)
    return net

def evaluate(name, mode='cmn', folds=('nicolas','jackson'), members=1, **kw):
    res=[]; t0=time.time()
    for spk in folds:
        tc = clean['g']!=spk; ta = aug['g']!=spk
        X = np.concatenate([norm(clean['X'][tc],mode), norm(aug['X'][ta],mode)])
        y = onehot(np.concatenate([clean['y'][tc], aug['y'][ta]]))
        nets = [train(X, y, 42+1000003*i, **kw) for i in range(members)]
        row=[spk]
        for di, d in enumerate((clean, noisy5, noisy0, noisy10)):
            te = d['g']==spk; yt = onehot(d['y'][te]); Xt = norm(d['X'][te], mode)
            p = np.mean([n.predict(Xt) for n in nets],0); gate = d['X'][te][:,-1] < 0.5
            np.save(os.path.join(W_DIR, 'pred-%s-%s-%d.npy'%(name.replace(' ','_'),spk,di)), p)
            for T in ((1,1.5,2) if d is clean else (1,)):
                pt = p**(1/T); pt/=pt.sum(1,keepdims=True); ans = pt.argmax(1)
                ans[p[:,NS]>=0.35]=NS; ans[gate]=NS; conf = pt[np.arange(len(ans)),ans]; conf[gate]=1
                if T==1: row.append((ans==yt).mean())
                if d is clean: row.append(ece(conf, ans==yt))
            if d is clean: row.append((ans==NS).mean())
        res.append(row)
    print(name+': '+'  '.join('%s %.3f/%.3f [0dB %.3f 10dB %.3f] ece T1 %.3f T1.5 %.3f T2 %.3f ns %.3f'%(r[0],r[1],r[6],r[7],r[8],r[2],r[3],r[4],r[5]) for r in res)+'  (%.0fs)'%(time.time()-t0), flush=True)
    return res
if __name__ == '__main__':
    exec(sys.argv[1])
