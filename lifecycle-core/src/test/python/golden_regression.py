"""Golden values for TribuoRegressorGoldenTest: scikit-learn's models on the same split of
diabetes.csv (../shared/data/tabular), written to
src/test/resources/dev/ciclo/core/tribuo/regression_golden.properties.

Run from lifecycle-core with /usr/bin/python3 (scikit-learn 1.2.1):
    /usr/bin/python3 src/test/python/golden_regression.py /work/shared/data/tabular/diabetes.csv

The split: a NumPy permutation with seed 42 of the 442 rows; the first 342 train, the last 100
test. The test rows' CSV line numbers (header = line 1) are written, so the Java side uses
exactly the same rows.

Models, each the scikit-learn counterpart of a Ciclo trainer:
- linear-sgd   -> LinearRegression (ordinary least squares: the optimum SGD on squared loss
                  converges to)
- cart         -> DecisionTreeRegressor(max_depth=3)
- random-forest-> RandomForestRegressor(300 trees, max_depth=8, max_features=0.5)
- xgboost      -> GradientBoostingRegressor(300 rounds, learning_rate=0.05, max_depth=3,
                  squared error) (xgboost itself is not installed here; same boosting on
                  squared loss, without XGBoost's L2 term)
"""
import sys

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.tree import DecisionTreeRegressor

path = sys.argv[1]
data = np.genfromtxt(path, delimiter=",", skip_header=1)
X, y = data[:, :-1], data[:, -1]
perm = np.random.RandomState(42).permutation(len(y))
train, test = perm[:342], perm[342:]

models = {
    "linear-sgd": LinearRegression(),
    "cart": DecisionTreeRegressor(max_depth=3, random_state=0),
    "random-forest": RandomForestRegressor(n_estimators=300, max_depth=8, max_features=0.5,
                                           random_state=0, n_jobs=1),
    "xgboost": GradientBoostingRegressor(n_estimators=300, learning_rate=0.05, max_depth=3,
                                         random_state=0),
}
out = ["# written by src/test/python/golden_regression.py (scikit-learn 1.2.1); do not edit",
       "test.lines=" + ",".join(str(i + 2) for i in sorted(test))]
for name, m in models.items():
    m.fit(X[train], y[train])
    p = m.predict(X[test])
    out.append(f"{name}.rmse={mean_squared_error(y[test], p) ** 0.5!r}")
    out.append(f"{name}.mae={mean_absolute_error(y[test], p)!r}")
    out.append(f"{name}.r2={r2_score(y[test], p)!r}")
    if name == "cart":
        out.append("cart.predictions=" + ",".join(repr(v) for v in p[np.argsort(test)]))
dest = "src/test/resources/dev/ciclo/core/tribuo/regression_golden.properties"
with open(dest, "w") as f:
    f.write("\n".join(out) + "\n")
print("\n".join(out[2:]))
