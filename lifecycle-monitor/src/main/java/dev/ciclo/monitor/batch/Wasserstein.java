package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.sketch.QuantileSketch;
import java.util.OptionalDouble;

/**
 * The first Wasserstein (earth mover's) distance between two numeric samples, divided by the
 * reference's standard deviation so that one threshold fits every feature (Evidently's
 * "normed" Wasserstein; the standard deviation is floored at 0.001). {@link #distance} gives the
 * raw distance, equal to SciPy's {@code wasserstein_distance}. There is no p-value.
 *
 * <p>A reference with no spread (one value, or all values equal) has no scale of its own; the
 * distance is then divided by the standard deviation of both samples together. So the normed
 * distance is 0 when the current sample holds the same single value, and otherwise a finite
 * number that grows with how far the current values lie from the reference value (reference
 * all 0, current all 1: 2). Dividing by the 0.001 floor instead reported 1,000 times the raw
 * distance, a drift for any change at all.
 *
 * <p>Default: drift when the normed distance is at least 0.1 (Evidently's default: the mean
 * moved by a tenth of a standard deviation, or the shape changed as much). Stateless and
 * thread-safe.
 */
public final class Wasserstein implements DriftTest<double[]> {
  private static final int SKETCH_POINTS = 4096;
  private static final double MIN_STD = 0.001;

  private final double threshold;

  private Wasserstein(double threshold) {
    this.threshold = threshold;
  }

  /**
   * The test with threshold 0.1.
   *
   * @return the test
   */
  public static Wasserstein create() {
    return new Wasserstein(0.1);
  }

  /**
   * The test with the given threshold.
   *
   * @param threshold drift when the normed distance is at least this, positive; default 0.1
   * @return the test
   * @throws IllegalArgumentException if not positive
   */
  public static Wasserstein create(double threshold) {
    return new Wasserstein(Checks.positive(threshold, "threshold"));
  }

  /**
   * The raw first Wasserstein distance (SciPy's {@code wasserstein_distance}).
   *
   * @param u a sample, finite, not empty
   * @param v another sample, finite, not empty
   * @return the distance, in the samples' units
   * @throws IllegalArgumentException if a sample is empty or holds NaN or an infinity
   */
  public static double distance(double[] u, double[] v) {
    return Samples.wasserstein(Samples.sortedCopy(u, "u"), Samples.sortedCopy(v, "v"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a sample is empty or holds NaN or an infinity
   */
  @Override
  public DriftTestResult test(double[] reference, double[] current) {
    double[] a = Samples.sortedCopy(reference, "reference");
    double[] b = Samples.sortedCopy(current, "current");
    return result(normed(a, b));
  }

  /**
   * Compares two sketches (exact while both are exact, else from 4,096 quantiles of each).
   *
   * @param reference the reference sketch, not empty
   * @param current the current sketch, not empty
   * @return the result
   * @throws IllegalArgumentException if a sketch is empty
   */
  public DriftTestResult test(QuantileSketch reference, QuantileSketch current) {
    if (reference.count() == 0 || current.count() == 0) {
      throw new IllegalArgumentException("reference and current sketches must not be empty but "
          + "held " + reference.count() + " and " + current.count() + " values");
    }
    double[] a = reference.representative(SKETCH_POINTS);
    double[] b = current.representative(SKETCH_POINTS);
    return result(normed(a, b));
  }

  /** The normed distance of two sorted samples (see the class comment for no spread). */
  private static double normed(double[] a, double[] b) {
    double raw = Samples.wasserstein(a, b);
    if (a[0] != a[a.length - 1]) { // sorted: some spread
      return raw / Math.max(MIN_STD, Samples.std(a));
    }
    if (raw == 0) {
      return 0;
    }
    double[] both = new double[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return raw / Math.max(MIN_STD, Samples.std(both));
  }

  private DriftTestResult result(double normed) {
    return new DriftTestResult(
        "wasserstein", normed, OptionalDouble.empty(), threshold, normed >= threshold);
  }

  @Override
  public String name() {
    return "wasserstein(normed, threshold=" + threshold + ")";
  }
}
