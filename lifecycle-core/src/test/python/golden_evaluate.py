#!/usr/bin/python3
"""Golden values for dev.ciclo.core.evaluate, computed with scikit-learn and NumPy.

Run from the repository root with Debian's Python (scikit-learn 1.2.1, NumPy 1.24.2):
    /usr/bin/python3 lifecycle-core/src/test/python/golden_evaluate.py
It writes the inputs and the reference outputs as CSV/properties files under
lifecycle-core/src/test/resources/dev/ciclo/core/evaluate/; the Java tests read them (CI has no
Python). The bootstrap references use NumPy's generator, so the Java bootstrap (another random
stream) is compared within a tolerance that covers Monte Carlo noise.
"""
import os
import numpy as np
from sklearn.metrics import accuracy_score, f1_score, log_loss, mean_absolute_error, \
    mean_squared_error, r2_score

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "ciclo", "core", "evaluate")
rng = np.random.default_rng(20261127)
B = 20000
LABELS = ["a", "b", "c", "d"]


def percentile_ci(stat, n, level=0.95):
    values = np.empty(B)
    for b in range(B):
        values[b] = stat(rng.integers(0, n, n))
    return np.percentile(values, 100 * (1 - level) / 2), np.percentile(values, 100 * (1 + level) / 2)


# --- classification: 400 examples, 4 classes, over-confident softmax scores
n = 400
logits = rng.normal(0, 1.5, size=(n, 4))
probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
tempered = np.exp(logits / 2.0) / np.exp(logits / 2.0).sum(axis=1, keepdims=True)
actual = np.array([rng.choice(4, p=t) for t in tempered])
pred = probs.argmax(axis=1)
with open(os.path.join(OUT, "classification.csv"), "w") as f:
    f.write("actual,predicted," + ",".join("p_" + l for l in LABELS) + "\n")
    for i in range(n):
        f.write(LABELS[actual[i]] + "," + LABELS[pred[i]] + ","
                + ",".join(repr(float(p)) for p in probs[i]) + "\n")

ya = np.array([LABELS[i] for i in actual])
yp = np.array([LABELS[i] for i in pred])
conf = probs.max(axis=1)
correct = (pred == actual)
bins = 10
idx = np.minimum((conf * bins).astype(int), bins - 1)
ece = sum(abs(correct[idx == b].mean() - conf[idx == b].mean()) * (idx == b).sum() / n
          for b in range(bins) if (idx == b).any())
ref = {
    "accuracy": accuracy_score(ya, yp),
    "macroF1": f1_score(ya, yp, average="macro", labels=LABELS, zero_division=0),
    "weightedF1": f1_score(ya, yp, average="weighted", labels=LABELS, zero_division=0),
    "logLoss": log_loss(ya, probs, labels=LABELS),
    "ece10": ece,
}
lo, hi = percentile_ci(lambda s: accuracy_score(ya[s], yp[s]), n)
ref["accuracy.low"], ref["accuracy.high"] = lo, hi
lo, hi = percentile_ci(lambda s: f1_score(ya[s], yp[s], average="macro", labels=np.unique(np.concatenate([ya[s], yp[s]])), zero_division=0), n)
ref["macroF1.low"], ref["macroF1.high"] = lo, hi

# --- regression: 300 examples, a noisy linear fit
m = 300
x = rng.uniform(-3, 3, m)
y = 2.0 * x + np.sin(2 * x) + rng.normal(0, 0.7, m)
yhat = 2.1 * x + 0.2
with open(os.path.join(OUT, "regression.csv"), "w") as f:
    f.write("actual,predicted\n")
    for i in range(m):
        f.write(repr(float(y[i])) + "," + repr(float(yhat[i])) + "\n")
ref["mae"] = mean_absolute_error(y, yhat)
ref["rmse"] = mean_squared_error(y, yhat, squared=False)
ref["r2"] = r2_score(y, yhat)
for name, fn in [("mae", mean_absolute_error),
                 ("rmse", lambda a, b: mean_squared_error(a, b, squared=False)),
                 ("r2", r2_score)]:
    lo, hi = percentile_ci(lambda s: fn(y[s], yhat[s]), m)
    ref[name + ".low"], ref[name + ".high"] = lo, hi

with open(os.path.join(OUT, "golden.properties"), "w") as f:
    f.write("# Written by lifecycle-core/src/test/python/golden_evaluate.py (scikit-learn 1.2.1,"
            " NumPy 1.24.2); bootstrap: percentile, %d resamples, level 0.95\n" % B)
    for k, v in ref.items():
        f.write("%s=%r\n" % (k, float(v)))
