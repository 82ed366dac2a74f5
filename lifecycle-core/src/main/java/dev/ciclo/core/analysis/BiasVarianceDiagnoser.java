package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.Diagnosis;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.LearningCurvePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads baseline, training and dev error as the lecture does: avoidable bias is
 * {@code train - baseline}, variance is {@code dev - train}; each is high when it is
 * <em>strictly above</em> its threshold (defaults: 0.02 for both, two percentage points of
 * error). With human-level error 1%, train 8% and dev 10%, bias (7 points) is high and variance
 * (2 points) is not: {@link Diagnosis#HIGH_BIAS}; with train 1.5% and dev 10% it is
 * {@link Diagnosis#HIGH_VARIANCE}.
 *
 * <p>The advice comes from the table below, most promising first, after a line that explains a
 * negative estimate (the bias's, then the variance's) when there is one. When a learning curve
 * is given, its last two points say whether the dev error is still falling with more data, and
 * a line says so where the variance advice starts (see
 * {@link #diagnose(double, LearningCurve)}): the bias is always advised on before the
 * variance.
 *
 * <table>
 *   <caption>What to try next</caption>
 *   <tr><th>diagnosis</th><th>advice</th></tr>
 *   <tr><td>HIGH_BIAS</td><td>{@link #BIAS_ADVICE}</td></tr>
 *   <tr><td>HIGH_VARIANCE</td><td>{@link #VARIANCE_ADVICE}</td></tr>
 *   <tr><td>HIGH_BIAS_AND_VARIANCE</td><td>{@link #BIAS_AND_VARIANCE_ADVICE}: the bias first,
 *   then the variance, never both "add" and "reduce" regularisation</td></tr>
 *   <tr><td>FINE</td><td>{@link #FINE_ADVICE}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class BiasVarianceDiagnoser {
  /** What reduces avoidable bias. */
  public static final List<String> BIAS_ADVICE = List.of(
      "train a bigger model (more parameters, more layers or trees)",
      "train longer or with a better optimiser",
      "reduce regularisation",
      "add or engineer features that carry the missing information");
  /** What reduces variance. */
  public static final List<String> VARIANCE_ADVICE = List.of(
      "get more training data, especially of the kind that fails (see the weak slices)",
      "add regularisation (L2, dropout, early stopping)",
      "augment the training data (for example noise mixed in at realistic SNRs)",
      "use a simpler model or fewer features");
  /**
   * When both are high: the bias first (a model that cannot fit the training data gains
   * nothing from more of it), then the variance, worded so that no step undoes another.
   */
  public static final List<String> BIAS_AND_VARIANCE_ADVICE = List.of(
      "first the bias: train a bigger model (more parameters, more layers or trees) or train"
          + " longer, until the training error nears the baseline",
      "first the bias: add or engineer features that carry the missing information",
      "then the variance: get more training data, especially of the kind that fails (see the"
          + " weak slices), or augment it (for example noise mixed in at realistic SNRs)",
      "then the variance: if the bigger model overfits, regularise it (L2, dropout, early"
          + " stopping) rather than going back to a smaller one");
  /** When neither gap is above its threshold. */
  public static final List<String> FINE_ADVICE = List.of(
      "both gaps are within the thresholds: look at the weak slices in the error analysis",
      "raise the bar: a better baseline or a harder, more realistic dev set");

  private final double biasThreshold;
  private final double varianceThreshold;

  private BiasVarianceDiagnoser(double biasThreshold, double varianceThreshold) {
    this.biasThreshold = biasThreshold;
    this.varianceThreshold = varianceThreshold;
  }

  /**
   * A diagnoser with the default thresholds, 0.02 and 0.02.
   *
   * @return the diagnoser
   */
  public static BiasVarianceDiagnoser withDefaults() {
    return new BiasVarianceDiagnoser(0.02, 0.02);
  }

  /**
   * A diagnoser with chosen thresholds, in units of the error.
   *
   * @param biasThreshold avoidable bias above this is high; in {@code [0, 1]}
   * @param varianceThreshold variance above this is high; in {@code [0, 1]}
   * @return the diagnoser
   * @throws IllegalArgumentException if a threshold is out of range
   */
  public static BiasVarianceDiagnoser withThresholds(double biasThreshold,
      double varianceThreshold) {
    checkError(biasThreshold, "biasThreshold");
    checkError(varianceThreshold, "varianceThreshold");
    return new BiasVarianceDiagnoser(biasThreshold, varianceThreshold);
  }

  /**
   * Diagnoses from three error rates.
   *
   * @param baselineError human-level or a previous system's error, in {@code [0, 1]}
   * @param trainError the training error, in {@code [0, 1]}
   * @param devError the dev error, in {@code [0, 1]}
   * @return the diagnosis with its advice
   * @throws IllegalArgumentException if an error is out of range
   */
  public BiasVariance diagnose(double baselineError, double trainError, double devError) {
    checkError(baselineError, "baselineError");
    checkError(trainError, "trainError");
    checkError(devError, "devError");
    return build(baselineError, trainError, devError, null);
  }

  /**
   * Diagnoses from a learning curve: train and dev error are those of its largest training
   * size. The dev error is "still falling" when it dropped between the last two sizes by more
   * than 0.005 and by more than the mean of the two points' standard deviations; then a line of
   * advice says that more data is likely to help, otherwise that more data of the same kind
   * will help little on its own. More data acts on the variance, so that line comes where the
   * variance advice starts: after the bias advice for {@link Diagnosis#HIGH_BIAS} (saying that
   * it helps only once the bias is down) and {@link Diagnosis#HIGH_BIAS_AND_VARIANCE} (marked
   * "then the variance: "), first for the other two. A one-point curve gives no reading of the
   * trend.
   *
   * @param baselineError human-level or a previous system's error, in {@code [0, 1]}
   * @param curve the learning curve
   * @return the diagnosis with its advice
   * @throws IllegalArgumentException if an error is out of range
   */
  public BiasVariance diagnose(double baselineError, LearningCurve curve) {
    Objects.requireNonNull(curve, "curve");
    checkError(baselineError, "baselineError");
    List<LearningCurvePoint> p = curve.points();
    LearningCurvePoint last = p.get(p.size() - 1);
    Trend trend = p.size() > 1 ? Trend.of(p.get(p.size() - 2), last) : null;
    return build(baselineError, Math.min(1, last.trainErrorMean()),
        Math.min(1, last.devErrorMean()), trend);
  }

  static boolean devErrorStillFalling(LearningCurvePoint prev, LearningCurvePoint last) {
    double drop = prev.devErrorMean() - last.devErrorMean();
    return drop > 0.005 && drop > (prev.devErrorStd() + last.devErrorStd()) / 2;
  }

  /** What the last two points of a learning curve say about the dev error. */
  private record Trend(boolean falling, double drop, String sizes) {
    static Trend of(LearningCurvePoint prev, LearningCurvePoint last) {
      return new Trend(devErrorStillFalling(prev, last),
          prev.devErrorMean() - last.devErrorMean(),
          prev.trainingSize() + " to " + last.trainingSize() + " examples");
    }

    /**
     * The reading, worded for the diagnosis: more data acts on the variance, not on the bias,
     * so with high bias the line says that it helps only once the bias is down.
     */
    String advice(Diagnosis d) {
      String prefix = d == Diagnosis.HIGH_BIAS_AND_VARIANCE ? "then the variance: " : "";
      if (falling) {
        String then = switch (d) {
          case HIGH_BIAS -> ", but more data does not lower the training error: it helps only"
              + " once the bias is down";
          case HIGH_BIAS_AND_VARIANCE -> ": more data is likely to help once the bias is down";
          case HIGH_VARIANCE, FINE -> ": more data is likely to help";
        };
        return String.format(Locale.ROOT, "%sthe dev error is still falling with more data (by"
            + " %.3f from %s)%s", prefix, drop, sizes, then);
      }
      String how = drop > 0
          ? String.format(Locale.ROOT, "it fell by only %.3f from %s, within the spread over"
              + " repeats", drop, sizes)
          : String.format(Locale.ROOT, "it rose by %.3f from %s", -drop, sizes);
      return prefix + "the dev error has flattened (" + how + "): more data of the same kind"
          + " alone will help little";
    }
  }

  /**
   * The readings of negative estimates (the bias's, then the variance's), then the advice: the
   * bias first, then the variance. The learning curve's reading is about data, so about the
   * variance: it comes after the bias advice and before the variance advice.
   */
  private BiasVariance build(double baseline, double train, double dev, Trend trend) {
    // a tolerance of 1e-12 so that 0.10 - 0.08 is not "above" 0.02 by rounding
    boolean bias = train - baseline > biasThreshold + 1e-12;
    boolean variance = dev - train > varianceThreshold + 1e-12;
    Diagnosis d = bias && variance ? Diagnosis.HIGH_BIAS_AND_VARIANCE
        : bias ? Diagnosis.HIGH_BIAS : variance ? Diagnosis.HIGH_VARIANCE : Diagnosis.FINE;
    List<String> advice = new ArrayList<>();
    if (train < baseline) {
      advice.add(String.format(Locale.ROOT, "the avoidable bias %.4f is negative: the training"
          + " error %.3f is below the baseline %.3f; read it as no avoidable bias, or the"
          + " baseline as too pessimistic", train - baseline, train, baseline));
    }
    if (dev < train) {
      advice.add(String.format(Locale.ROOT, "the variance estimate %.4f is negative: the dev"
          + " error %.3f is below the training error %.3f, which happens when the dev set is"
          + " easier or too small to measure the gap; read it as no variance, and check that dev"
          + " and training data come from the same distribution", dev - train, dev, train));
    }
    List<String> table = advice(d);
    // where the variance part of the table starts: all of it for HIGH_VARIANCE and FINE
    int varianceStart = switch (d) {
      case HIGH_BIAS -> table.size();
      case HIGH_BIAS_AND_VARIANCE -> firstVarianceLine(table);
      case HIGH_VARIANCE, FINE -> 0;
    };
    advice.addAll(table.subList(0, varianceStart));
    if (trend != null) {
      advice.add(trend.advice(d));
    }
    advice.addAll(table.subList(varianceStart, table.size()));
    return new BiasVariance(baseline, train, dev, biasThreshold, varianceThreshold, d, advice);
  }

  private static int firstVarianceLine(List<String> table) {
    for (int i = 0; i < table.size(); i++) {
      if (table.get(i).startsWith("then the variance: ")) {
        return i;
      }
    }
    return table.size();
  }

  /**
   * The advice table.
   *
   * @param diagnosis a diagnosis
   * @return its advice, most promising first
   */
  public static List<String> advice(Diagnosis diagnosis) {
    return ADVICE.get(Objects.requireNonNull(diagnosis, "diagnosis"));
  }

  private static final Map<Diagnosis, List<String>> ADVICE = Map.of(
      Diagnosis.HIGH_BIAS, BIAS_ADVICE,
      Diagnosis.HIGH_VARIANCE, VARIANCE_ADVICE,
      Diagnosis.HIGH_BIAS_AND_VARIANCE, BIAS_AND_VARIANCE_ADVICE,
      Diagnosis.FINE, FINE_ADVICE);

  static void checkError(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1 but was " + value);
    }
  }
}
