package dev.ciclo.api.analysis;

/** What limits a model, read from baseline, training and dev error. */
public enum Diagnosis {
  /** Training error is well above the baseline: the model underfits. */
  HIGH_BIAS,
  /** Dev error is well above training error: the model overfits or the dev data differs. */
  HIGH_VARIANCE,
  /** Both at once. */
  HIGH_BIAS_AND_VARIANCE,
  /** Neither gap is above its threshold. */
  FINE
}
