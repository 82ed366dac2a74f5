package dev.ciclo.core.analysis;

import dev.ciclo.api.internal.Checks;

/**
 * The options that {@link SliceFinder} and {@link TabularSlices} share, with their defaults and
 * their checks in one place. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class SliceSearchBuilder<B extends SliceSearchBuilder<B>> {
  int maxOrder = 2;
  int minSupport = 30;
  int topK = 10;
  double alpha = 0.95;
  double level = 0.95;

  SliceSearchBuilder() {}

  /** This builder, as its concrete type. */
  abstract B self();

  /**
   * The most predicates in one slice. Default 2 (pairs).
   *
   * @param order from 1 to 4
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public B maxOrder(int order) {
    this.maxOrder = Checks.between(order, 1, 4, "maxOrder");
    return self();
  }

  /**
   * The fewest examples (rows) a slice must hold. Default 30.
   *
   * @param support at least 1
   * @return this builder
   * @throws IllegalArgumentException if below 1
   */
  public B minSupport(int support) {
    this.minSupport = Checks.atLeast(support, 1, "minSupport");
    return self();
  }

  /**
   * How many slices to return at most. Default 10.
   *
   * @param k from 1 to 10,000
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public B topK(int k) {
    this.topK = Checks.between(k, 1, 10_000, "topK");
    return self();
  }

  /**
   * SliceLine's weight of error against size. Default 0.95.
   *
   * @param alpha in {@code (0, 1]}; 1 ranks by error lift alone
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public B alpha(double alpha) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1] but was " + alpha);
    }
    this.alpha = alpha;
    return self();
  }

  /**
   * The confidence level of the reported intervals. Default 0.95.
   *
   * @param level in {@code (0, 1)}
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public B level(double level) {
    this.level = SliceStats.checkLevel(level);
    return self();
  }
}
