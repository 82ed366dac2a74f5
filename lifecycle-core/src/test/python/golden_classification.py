"""Reference accuracies for TribuoClassifiersTest: scikit-learn's counterpart of each Ciclo
classifier trained on the same train split of the shifted blobs and scored on the same dev split.

Run from lifecycle-core with /usr/bin/python3 (scikit-learn 1.2.1):
    /usr/bin/python3 src/test/python/golden_classification.py

Input: src/test/resources/dev/ciclo/core/tribuo/blobs_split.csv, the test's own split written
by TribuoClassifiersTest.splitCsv() (the test checks the file still equals its split), rows in
the order Ciclo trains on them. Output: the accuracies printed, pasted into the test.

Counterparts (Ciclo's hyperparameters in brackets):
- logistic-regression -> LogisticRegression(penalty=None, lbfgs): the same multinomial
  log-loss without regularisation; Ciclo reaches it by 10 AdaGrad SGD epochs, lbfgs exactly.
- linear-sgd -> SGDClassifier(hinge, constant eta0=0.01, alpha=0, 10 epochs, no shuffle): the
  same loss and step; sklearn is one-vs-rest, Ciclo's Tribuo hinge is multiclass.
- cart [depth 6, minChildWeight 5] -> DecisionTreeClassifier(gini, max_depth=6,
  min_samples_leaf=5).
- random-forest [15 trees, depth 6, half the features] -> RandomForestClassifier(15,
  max_depth=6, max_features=0.5, min_samples_leaf=5).
- naive-bayes [alpha 1] -> MultinomialNB(alpha=1): the same closed form.
- knn [k 5, L2, brute force] -> KNeighborsClassifier(5, brute, euclidean).
- majority-class -> DummyClassifier(most_frequent).
- xgboost [20 rounds, depth 4, eta 0.3, lambda 1, HIST] -> HistGradientBoostingClassifier(
  max_iter=20, max_depth=4, learning_rate=0.3, l2_regularization=1, min_samples_leaf=1)
  (xgboost itself is not installed here; the same histogram boosting on log-loss).
"""
import csv

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.naive_bayes import MultinomialNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

with open("src/test/resources/dev/ciclo/core/tribuo/blobs_split.csv") as f:
    rows = list(csv.DictReader(f))
cols = ["x0", "x1", "x2", "x3"]


def part(name):
    r = [row for row in rows if row["split"] == name]
    features = np.array([[float(row[c]) for c in cols] for row in r])
    return features, np.array([row["label"] for row in r])


X, y = part("train")
Xd, yd = part("dev")
models = {
    "logistic-regression": LogisticRegression(penalty=None, max_iter=10000),
    "linear-sgd": SGDClassifier(loss="hinge", learning_rate="constant", eta0=0.01, alpha=0.0,
                                max_iter=10, tol=None, shuffle=False, random_state=17),
    "xgboost": HistGradientBoostingClassifier(max_iter=20, max_depth=4, learning_rate=0.3,
                                              l2_regularization=1.0, min_samples_leaf=1,
                                              early_stopping=False, random_state=17),
    "cart": DecisionTreeClassifier(max_depth=6, min_samples_leaf=5, random_state=17),
    "random-forest": RandomForestClassifier(n_estimators=15, max_depth=6, max_features=0.5,
                                            min_samples_leaf=5, random_state=17),
    "naive-bayes": MultinomialNB(alpha=1.0),
    "knn": KNeighborsClassifier(n_neighbors=5, algorithm="brute", metric="euclidean"),
    "majority-class": DummyClassifier(strategy="most_frequent"),
}
print(f"# train {len(y)} rows, dev {len(yd)} rows")
for name, m in models.items():
    m.fit(X, y)
    correct = int((m.predict(Xd) == yd).sum())
    print(f"{name}: {correct}/{len(yd)} = {correct / len(yd)!r}")
