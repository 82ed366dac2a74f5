package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftTestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The "dataset drifted" rule over many per-feature results: the p-value tests are corrected
 * together for multiple testing, distance tests keep their own decisions, and the dataset has
 * drifted when the share of drifted features reaches {@code share}.
 *
 * <p>Defaults: {@link Correction#BENJAMINI_HOCHBERG} at {@code alpha = 0.05}, {@code share =
 * 0.5} (Evidently's share; Evidently applies no correction). Immutable and thread-safe.
 */
public final class DatasetDrift {
  private final Correction correction;
  private final double alpha;
  private final double share;

  private DatasetDrift(Builder b) {
    this.correction = b.correction;
    this.alpha = b.alpha;
    this.share = b.share;
  }

  /**
   * The rule with its defaults.
   *
   * @return the rule
   */
  public static DatasetDrift create() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The outcome over all features.
   *
   * @param features each feature's result after correction (p-value tests carry the corrected
   *     threshold and decision), in the given order
   * @param driftedShare the share of features that drifted, in {@code [0, 1]}
   * @param drifted whether the share reached the rule's share
   */
  public record Result(Map<String, DriftTestResult> features, double driftedShare, boolean drifted) {
    /**
     * Copies the map.
     *
     * @throws NullPointerException if the map is null
     */
    public Result {
      features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /**
     * The names of the features that drifted, in order.
     *
     * @return the names
     */
    public List<String> driftedFeatures() {
      List<String> out = new ArrayList<>();
      features.forEach((k, v) -> {
        if (v.drifted()) {
          out.add(k);
        }
      });
      return out;
    }
  }

  /**
   * Applies the correction and the share rule.
   *
   * @param results each feature's uncorrected result, by name; not empty
   * @return the corrected results and the dataset's decision
   * @throws IllegalArgumentException if there are no results
   */
  public Result evaluate(Map<String, DriftTestResult> results) {
    Objects.requireNonNull(results, "results");
    if (results.isEmpty()) {
      throw new IllegalArgumentException("results must not be empty");
    }
    List<String> withP = new ArrayList<>();
    for (Map.Entry<String, DriftTestResult> e : results.entrySet()) {
      if (e.getValue().pValue().isPresent()) {
        withP.add(e.getKey());
      }
    }
    double[] ps = new double[withP.size()];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = results.get(withP.get(i)).pValue().getAsDouble();
    }
    double cut = correction.threshold(ps, alpha);
    Map<String, DriftTestResult> out = new LinkedHashMap<>();
    int drifted = 0;
    for (Map.Entry<String, DriftTestResult> e : results.entrySet()) {
      DriftTestResult r = e.getValue();
      if (r.pValue().isPresent()) {
        double p = r.pValue().getAsDouble();
        r = new DriftTestResult(r.test(), r.statistic(), OptionalDouble.of(p), cut, p <= cut);
      }
      out.put(e.getKey(), r);
      if (r.drifted()) {
        drifted++;
      }
    }
    double s = (double) drifted / results.size();
    return new Result(out, s, s >= share);
  }

  /**
   * The multiple-testing correction.
   *
   * @return the correction
   */
  public Correction correction() {
    return correction;
  }

  /**
   * The level of the p-value tests.
   *
   * @return alpha
   */
  public double alpha() {
    return alpha;
  }

  /**
   * The share of drifted features at which the dataset has drifted.
   *
   * @return the share
   */
  public double share() {
    return share;
  }

  /**
   * The rule in words, for reports: the level, the correction and what it does, the share.
   *
   * @return one sentence
   */
  public String describe() {
    String how = switch (correction) {
      case NONE -> "no multiple-testing correction, so each test is held to alpha itself";
      case BONFERRONI -> "the Bonferroni correction, so each test is held to alpha divided by"
          + " the number of tests (at most alpha chance of any false alarm)";
      case BENJAMINI_HOCHBERG -> "the Benjamini-Hochberg correction, so each test is held to"
          + " k x alpha / m, where m is the number of tests and k the most p-values that pass"
          + " together (at most alpha of the alarms false on average); with no alarm that is"
          + " alpha / m";
    };
    return String.format(java.util.Locale.ROOT, "each feature's p-value test at alpha %s with %s;"
        + " the dataset drifts when at least %.0f%% of its features drift", alpha, how,
        share * 100);
  }

  /**
   * One test's decision in words: the value, the threshold it was held to, and whether that
   * threshold is alpha or the corrected one.
   *
   * @param result a result this rule decided (or a distance test's)
   * @return for example {@code "ks p-value 7.35e-04 > corrected threshold 2.50e-04 (alpha
   *     0.001, Benjamini-Hochberg): no drift"}
   */
  public String explain(DriftTestResult result) {
    Objects.requireNonNull(result, "result");
    String verdict = result.drifted() ? "drift" : "no drift";
    if (result.pValue().isEmpty()) {
      return String.format(java.util.Locale.ROOT, "%s %.4g %s threshold %.4g: %s", result.test(),
          result.statistic(), result.statistic() >= result.threshold() ? ">=" : "<",
          result.threshold(), verdict);
    }
    double p = result.pValue().getAsDouble();
    boolean corrected = correction != Correction.NONE && result.threshold() != alpha;
    return String.format(java.util.Locale.ROOT, "%s p-value %.3g %s %s %.3g (%s): %s",
        result.test(), p, p <= result.threshold() ? "<=" : ">",
        corrected ? "corrected threshold" : "threshold", result.threshold(),
        corrected ? "alpha " + alpha + ", " + name(correction) : "alpha " + alpha, verdict);
  }

  private static String name(Correction c) {
    return c == Correction.BONFERRONI ? "Bonferroni" : "Benjamini-Hochberg";
  }

  @Override
  public String toString() {
    return "DatasetDrift(correction=" + correction + ", alpha=" + alpha + ", share=" + share + ")";
  }

  /** Settings of a {@link DatasetDrift} rule; each setter checks its value at once. */
  public static final class Builder {
    private Correction correction = Correction.BENJAMINI_HOCHBERG;
    private double alpha = 0.05;
    private double share = 0.5;

    private Builder() {}

    /**
     * The multiple-testing correction; default Benjamini-Hochberg.
     *
     * @param value the correction
     * @return this builder
     */
    public Builder correction(Correction value) {
      this.correction = Objects.requireNonNull(value, "correction");
      return this;
    }

    /**
     * The level of the p-value tests; default 0.05.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder alpha(double value) {
      this.alpha = Checks.open01(value, "alpha");
      return this;
    }

    /**
     * The share of drifted features at which the dataset has drifted; default 0.5.
     *
     * @param value in {@code (0, 1]}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder share(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("share must be in (0, 1] but was " + value);
      }
      this.share = value;
      return this;
    }

    /**
     * Makes the rule.
     *
     * @return the rule
     */
    public DatasetDrift build() {
      return new DatasetDrift(this);
    }
  }
}
