package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
import java.util.Objects;

/**
 * The settings both HDDM tests ({@link HddmA}, {@link HddmW}) have, with their checks: the
 * confidences of a drift and of a warning, and the direction. Each test's builder extends it and
 * adds its own.
 *
 * @param <B> the builder, which each setter returns
 */
abstract class HddmSettings<B extends HddmSettings<B>> {
  double driftConfidence = 0.001;
  double warningConfidence = 0.005;
  Direction direction = Direction.INCREASE;

  HddmSettings() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * The significance of a drift; default 0.001.
   *
   * @param value in {@code (0, 1)}
   * @return this builder
   * @throws IllegalArgumentException if outside {@code (0, 1)}
   */
  public B driftConfidence(double value) {
    this.driftConfidence = Checks.open01(value, "driftConfidence");
    return self();
  }

  /**
   * The significance of a warning; default 0.005.
   *
   * @param value in {@code (0, 1)}, at least the drift confidence
   * @return this builder
   * @throws IllegalArgumentException if outside {@code (0, 1)}
   */
  public B warningConfidence(double value) {
    this.warningConfidence = Checks.open01(value, "warningConfidence");
    return self();
  }

  /**
   * Which changes to flag; default {@link Direction#INCREASE}.
   *
   * @param value the direction
   * @return this builder
   */
  public B direction(Direction value) {
    this.direction = Objects.requireNonNull(value, "direction");
    return self();
  }

  /**
   * What {@code build()} checks across the settings.
   *
   * @throws IllegalArgumentException if the warning confidence is below the drift confidence
   */
  final void checkConfidences() {
    if (warningConfidence < driftConfidence) {
      throw new IllegalArgumentException("warningConfidence must be at least driftConfidence ("
          + driftConfidence + ") but was " + warningConfidence);
    }
  }
}
