package dev.ciclo.api.log;

/** What the person behind a request allows to be done with it. */
public enum Consent {
  /** Nothing is kept of the request beyond aggregate counts. */
  NONE,
  /** The request and its prediction may be kept for monitoring the model. */
  MONITORING,
  /** As {@link #MONITORING}, and the input may also be used (with a label) to retrain. */
  TRAINING;

  /**
   * Whether records with this consent may be logged at all.
   *
   * @return {@code true} for {@link #MONITORING} and {@link #TRAINING}
   */
  public boolean allowsLogging() {
    return this != NONE;
  }

  /**
   * Whether records with this consent may become training data.
   *
   * @return {@code true} for {@link #TRAINING}
   */
  public boolean allowsTraining() {
    return this == TRAINING;
  }
}
