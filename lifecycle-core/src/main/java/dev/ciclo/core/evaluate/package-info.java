/**
 * Evaluation of models on datasets: accuracy, per-class precision, recall and F1, and the
 * confusion matrix.
 */
package dev.ciclo.core.evaluate;
