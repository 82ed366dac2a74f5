/**
 * Training benchmarks: Tribuo logistic regression through Ciclo against Tribuo called directly
 * ({@link dev.ciclo.bench.train.TrainOverheadBenchmark}), and the ND4J MLP's epoch time and
 * accuracy against scikit-learn's {@code MLPClassifier} on the same exported features
 * ({@link dev.ciclo.bench.train.MlpVsSklearn}, driven by {@code scripts/mlp_vs_sklearn.sh}).
 */
package dev.ciclo.bench.train;
