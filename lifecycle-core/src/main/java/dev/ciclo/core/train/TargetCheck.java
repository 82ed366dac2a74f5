package dev.ciclo.core.train;

import dev.ciclo.api.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The check every classifier trainer of the project makes at the door: a target whose labels
 * are all numbers with many distinct values looks continuous, and training a classifier on it
 * would silently learn one class per value (Iris's {@code petal_width} gives a 22-class
 * classifier with a dev accuracy of 0.2). Such a target is refused with an error that suggests
 * regression, unless the trainer was told the numbers are class codes.
 *
 * <p>"Many" is more than {@value #MAX_NUMERIC_CLASSES} distinct values, or more than
 * {@value #MAX_FRACTIONAL_CLASSES} when one of them has a fractional part (class codes are
 * whole numbers). Digits' ten labels {@code 0}-{@code 9} pass. Stateless.
 */
public final class TargetCheck {
  /** The most distinct whole-number labels a classification target may have unflagged. */
  public static final int MAX_NUMERIC_CLASSES = 20;

  /** The most distinct numeric labels when one has a fractional part. */
  public static final int MAX_FRACTIONAL_CLASSES = 10;

  private TargetCheck() {}

  /**
   * Checks a classification target.
   *
   * @param data the training data
   * @param allowNumericLabels true to accept any numeric labels (they are class codes)
   * @throws IllegalArgumentException if the labels look continuous and the flag is off; the
   *     message names the dataset, the number of distinct values, a few of them, and says to
   *     train a regressor or to set the flag
   */
  public static void classification(Dataset<?, ?> data, boolean allowNumericLabels) {
    Objects.requireNonNull(data, "data");
    if (allowNumericLabels) {
      return;
    }
    Set<?> labels = data.targets();
    if (labels.size() <= MAX_FRACTIONAL_CLASSES) {
      return;
    }
    boolean fractional = false;
    List<String> some = new ArrayList<>();
    for (Object label : labels) {
      String s = String.valueOf(label).strip();
      double v;
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return; // a label that is not a number: a categorical target
      }
      if (!Double.isFinite(v)) {
        return;
      }
      fractional |= v != Math.rint(v);
      if (some.size() < 5) {
        some.add(s);
      }
    }
    if (labels.size() > MAX_NUMERIC_CLASSES || fractional) {
      throw new IllegalArgumentException("the target of dataset " + data.name() + " has "
          + labels.size() + " distinct numeric values (" + String.join(", ", some)
          + ", ...): it looks continuous, and a classifier would learn one class per value."
          + " Train a regressor (read the CSV with CsvReader.readNumeric and use"
          + " TribuoRegressorTrainer), or, if these numbers are class codes, accept them with"
          + " allowNumericLabels()");
    }
  }
}
