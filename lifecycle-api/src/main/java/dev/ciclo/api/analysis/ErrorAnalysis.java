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
}
