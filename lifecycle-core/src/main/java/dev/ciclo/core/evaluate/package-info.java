/**
 * Evaluation of models on datasets: accuracy, per-class precision, recall and F1, macro and
 * weighted F1 and the confusion matrix ({@link dev.ciclo.core.evaluate.ClassificationEvaluator});
 * log loss and calibration ({@link dev.ciclo.api.analysis.Calibration}); MAE, RMSE and R²
 * ({@link dev.ciclo.core.evaluate.RegressionEvaluator}); seeded percentile bootstrap intervals
 * ({@link dev.ciclo.core.evaluate.Bootstrap}).
 */
package dev.ciclo.core.evaluate;
