package dev.ciclo.api.analysis;

import java.util.List;
import java.util.Objects;

/**
 * Where a model goes wrong: its overall evaluation, the slices ranked from worst, and the worst
 * single errors.
 *
 * @param overall the evaluation on the whole dataset
 * @param slices slices ranked with the most clearly worse first
 * @param worstErrors the most confident wrong predictions, most confident first
 */
public record ErrorAnalysis(Evaluation overall, List<SliceMetrics> slices, List<ErrorCase> worstErrors) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument or element is null
   */
  public ErrorAnalysis {
    Objects.requireNonNull(overall, "overall");
    slices = List.copyOf(slices);
    worstErrors = List.copyOf(worstErrors);
  }

  /**
   * The analysis as text tables: the overall error, the slices (most clearly worse first, as
   * given) with size, error, interval and lift, then the worst errors.
   *
   * @return lines separated by {@code \n}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(java.util.Locale.ROOT, "overall error %.4f%n", overall.error()));
    int w = 5;
    for (SliceMetrics s : slices) {
      w = Math.max(w, s.slice().length());
    }
    if (!slices.isEmpty()) {
      sb.append(String.format(java.util.Locale.ROOT, "%-" + w + "s  %6s  %6s  %-18s  %7s%n",
          "slice", "n", "error", "interval", "lift"));
      for (SliceMetrics s : slices) {
        sb.append(String.format(java.util.Locale.ROOT, "%-" + w + "s  %6d  %6.4f  %-18s  %+7.4f%n",
            s.slice(), s.size(), s.error(), String.format(java.util.Locale.ROOT,
                "[%.4f, %.4f]", s.interval().low(), s.interval().high()), s.lift()));
      }
    }
    if (!worstErrors.isEmpty()) {
      sb.append("worst errors (most confident first):\n");
      int iw = 7;
      for (ErrorCase e : worstErrors) {
        iw = Math.max(iw, e.exampleId().length());
      }
      sb.append(String.format(java.util.Locale.ROOT, "%-" + iw + "s  %-8s  %-9s  %10s  %s%n",
          "example", "actual", "predicted", "confidence", "tags"));
      for (ErrorCase e : worstErrors) {
        sb.append(String.format(java.util.Locale.ROOT, "%-" + iw + "s  %-8s  %-9s  %10.4f  %s%n",
            e.exampleId(), e.actual(), e.predicted(), e.confidence(),
            e.tags().isEmpty() ? "-" : String.join(",", new java.util.TreeSet<>(e.tags()))));
      }
    }
    return sb.toString();
  }
}
