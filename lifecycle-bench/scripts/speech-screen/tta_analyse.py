"""Analyses TtaScreen's dumps: test-time augmentation and VTLN over warped test clips.

python3 tta_analyse.py /tmp/speech-screen/tta/base.bin [more.bin ...]

Each dump: [fold, type (speed, fwarp), warp (0.88 .. 1.12), condition (clean, street-cars 5 dB),
clip (500), 13] float32 big-endian; columns: target index, gated (VAD), the 3 members' averaged
probabilities over the 11 labels (raw, before the temperature). Decisions as SpeechModel: the
probabilities tempered (p^(1/T), normalised), the most probable label, "no speech" when its
averaged probability reaches 0.35, and gated clips "no speech" with score 1; ECE of 15 bins
on the clean clips.
"""
import sys
import numpy as np

FOLDS = ('george', 'jackson', 'nicolas', 'theo', 'yweweler')
WARPS = np.array([0.88, 0.91, 0.94, 0.97, 1.0, 1.03, 1.06, 1.09, 1.12])
ONE = 4
T = 2.5


def load(path, folds=FOLDS):
    a = np.fromfile(path, dtype='>f4').astype(np.float64)
    return a.reshape(len(folds), 2, len(WARPS), 2, 500, 13)


def labels_none(path_log=None):
    return 10  # index of "no speech" (checked in the log's label line)


NONE = 10


def decide(p, gated, t=T):
    """p: [n, 11] averaged raw probabilities -> (answer index, confidence)."""
    q = np.maximum(p, 1e-300) ** (1 / t)
    q /= q.sum(1, keepdims=True)
    ans = q.argmax(1)
    ans = np.where(p[:, NONE] >= 0.35, NONE, ans)
    conf = q[np.arange(len(q)), ans]
    ans = np.where(gated > 0.5, NONE, ans)
    conf = np.where(gated > 0.5, 1.0, conf)
    return ans, conf


def ece(ans, conf, y, bins=15):
    b = np.minimum(bins - 1, (conf * bins).astype(int))
    right = (ans == y).astype(float)
    e = 0.0
    for k in range(bins):
        m = b == k
        if m.any():
            e += abs(right[m].sum() - conf[m].sum()) / len(y)
    return e


def views(d, f, c, type_, ws):
    """[n_views, 500, 11] raw probabilities of the chosen warps."""
    if type_ == 'both':
        return np.concatenate([d[f, 0, ws, c, :, 2:], d[f, 1, ws, c, :, 2:]])
    return d[f, type_, ws, c, :, 2:]


def combine(d, f, c, how, type_, ws):
    y = d[f, 0, ONE, c, :, 0].astype(int)
    gated = d[f, 0, ONE, c, :, 1]
    v = views(d, f, c, type_, ws)
    if how == 'none':
        p = d[f, 0, ONE, c, :, 2:]
    elif how == 'avg':
        p = v.mean(0)
    elif how == 'geo':
        p = np.exp(np.log(np.maximum(v, 1e-12)).mean(0))
        p /= p.sum(1, keepdims=True)
    elif how == 'select':  # per clip: the warp whose best digit is most probable
        conf = v[:, :, :10].max(2)
        i = conf.argmax(0)
        p = v[i, np.arange(v.shape[1])]
    elif how == 'speaker':  # per speaker (transductive): the warp with the highest mean max-prob
        conf = v[:, :, :10].max(2).mean(1)
        p = v[conf.argmax()]
    else:
        raise ValueError(how)
    return p, gated, y


def table(d, name, how, type_=0, ws=range(len(WARPS)), t=T, out=True):
    ws = list(ws)
    rows = []
    for f, spk in enumerate(FOLDS):
        r = []
        for c in (0, 1):
            p, g, y = combine(d, f, c, how, type_, ws)
            a, conf = decide(p, g, t)
            r.append((a == y).mean())
            if c == 0:
                e = ece(a, conf, y)
        rows.append((r[0], r[1], e))
    rows = np.array(rows)
    if out:
        cells = ' | '.join('%.3f / %.3f / %.3f' % tuple(x) for x in rows)
        print('| %s | %s | %.3f / %.3f / %.3f | %.3f / %.3f / %.3f |' % (
            name, cells, *rows.mean(0), rows[:, 0].min(), rows[:, 1].min(), rows[:, 2].max()))
    return rows


def header():
    print('| candidate | ' + ' | '.join(FOLDS) + ' | mean | worst |')
    print('|---' * 8 + '|')


def standard(d, tag):
    header()
    table(d, tag + ' no TTA', 'none')
    grids = {'0.88-1.12 (9)': range(9), '0.94-1.06 (5)': range(2, 7)}
    for gname, ws in grids.items():
        for ti, tn in ((0, 'speed'), (1, 'fwarp'), ('both', 'speed+fwarp')):
            table(d, '%s TTA avg %s %s' % (tag, tn, gname), 'avg', ti, ws)
    for ti, tn in ((0, 'speed'), (1, 'fwarp')):
        table(d, '%s TTA geo-mean %s 0.88-1.12' % (tag, tn), 'geo', ti)
        table(d, '%s VTLN per clip max-prob %s 0.88-1.12' % (tag, tn), 'select', ti)
        table(d, '%s VTLN per speaker (transductive) %s 0.88-1.12' % (tag, tn), 'speaker', ti)
    print()
    # each single warp, to see whether a held-out speaker just wants a shift
    for ti, tn in ((0, 'speed'), (1, 'fwarp')):
        for w in range(9):
            rows = table(d, '', 'avg', ti, [w], out=False)
            print('%s %s %.2f: clean %s  5dB %s' % (tag, tn, WARPS[w],
                  ' '.join('%.3f' % x for x in rows[:, 0]), ' '.join('%.3f' % x for x in rows[:, 1])))


def temps(d, tag, how, type_=0, ws=range(9)):
    for t in (1.0, 1.25, 1.5, 2.0, 2.5, 3.0):
        rows = table(d, '', how, type_, ws, t=t, out=False)
        print('%s %s T=%.1f ECE %s max %.3f' % (tag, how, t, ' '.join('%.3f' % x for x in rows[:, 2]),
                                                rows[:, 2].max()))


if __name__ == '__main__':
    for path in sys.argv[1:]:
        d = load(path)
        tag = path.split('/')[-1].replace('.bin', '')
        standard(d, tag)
        temps(d, tag, 'none')
        temps(d, tag, 'avg', 0)
        temps(d, tag, 'avg', 1)
        temps(d, tag, 'avg', 'both')


def summary(paths):
    """The rows of the report, for each dump (python3 -c "from tta_analyse import *; summary([...])")."""
    header()
    for path in paths:
        d = load(path)
        tag = path.split('/')[-1].replace('.bin', '')
        table(d, tag + ', no TTA, T=2.5', 'none')
        table(d, tag + ', TTA arith. mean speed 0.88-1.12, T=2.5', 'avg', 0)
        table(d, tag + ', TTA arith. mean speed 0.88-1.12, T=1.25', 'avg', 0, t=1.25)
        table(d, tag + ', TTA arith. mean speed 0.94-1.06, T=2.5', 'avg', 0, range(2, 7))
        table(d, tag + ', TTA geo. mean speed 0.88-1.12, T=2.5', 'geo', 0)
        table(d, tag + ', TTA arith. mean fwarp 0.88-1.12, T=1.25', 'avg', 1, t=1.25)
        table(d, tag + ', TTA geo. mean fwarp 0.88-1.12, T=2.5', 'geo', 1)
        table(d, tag + ', VTLN per clip (max prob) speed, T=2.5', 'select', 0)
        table(d, tag + ', VTLN per clip (max prob) fwarp, T=2.5', 'select', 1)


def paired(path_a, path_b, how_a=('none', 0), how_b=('none', 0)):
    """Per fold: accuracy difference b - a and the clips only a / only b got right (clean, 5 dB)."""
    da, db = load(path_a), load(path_b)
    for f, spk in enumerate(FOLDS):
        out = []
        for c in (0, 1):
            pa, g, y = combine(da, f, c, how_a[0], how_a[1], range(9))
            pb, gb, _ = combine(db, f, c, how_b[0], how_b[1], range(9))
            ra = decide(pa, g)[0] == y
            rb = decide(pb, gb)[0] == y
            out.append('%+.3f (a only %d, b only %d)' % (rb.mean() - ra.mean(), (ra & ~rb).sum(),
                                                         (rb & ~ra).sum()))
        print(spk, ' clean', out[0], ' 5dB', out[1])
