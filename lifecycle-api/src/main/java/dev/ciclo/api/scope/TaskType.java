package dev.ciclo.api.scope;

/** The kind of prediction a project makes. */
public enum TaskType {
  /** Predict one label out of a fixed set (a spoken digit). */
  CLASSIFICATION,
  /** Predict a real number. */
  REGRESSION
}
