package dev.ciclo.core.analysis;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.Interval;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PropertiesTest {
  @Test
  @DisplayName("any fields written as a CSV line parse back to the same fields")
  void csvRoundTrip() {
    qt().forAll(lists().of(strings().ascii().ofLengthBetween(0, 12)).ofSizeBetween(1, 8))
        .check(fields -> {
          List<String> clean = fields.stream()
              .map(f -> f.replace('\n', ' ').replace('\r', ' ')).toList();
          return Csv.parse(Csv.format(clean)).equals(clean);
        });
  }

  @Test
  @DisplayName("a Wilson interval always holds the observed rate and stays in [0, 1]")
  void wilsonHoldsRate() {
    double z = SliceStats.z(0.95);
    qt().forAll(integers().between(1, 5000), integers().between(0, 1000))
        .check((n, perMille) -> {
          int k = (int) ((long) n * perMille / 1000);
          Interval w = SliceStats.wilson(k, n, z, 0.95);
          double p = (double) k / n;
          return w.low() >= 0 && w.high() <= 1 && w.low() <= p + 1e-12 && w.high() >= p - 1e-12;
        });
  }

  @Test
  @DisplayName("for any labels, accuracy is the confusion diagonal over n and F1s lie in [0, 1]")
  void evaluationInvariants() {
    qt().forAll(lists().of(integers().between(0, 4)).ofSizeBetween(1, 60),
            integers().between(0, 1000))
        .check((codes, shift) -> {
          List<String> actual = new ArrayList<>();
          List<String> predicted = new ArrayList<>();
          for (int i = 0; i < codes.size(); i++) {
            actual.add("c" + codes.get(i));
            predicted.add("c" + ((codes.get(i) + (i * 7 + shift) % 3) % 5));
          }
          ClassificationEvaluation e = ClassificationEvaluator.fromLabels(actual, predicted);
          return Math.abs(e.accuracy() - (double) e.confusion().correct() / codes.size()) < 1e-12
              && e.macroF1() >= 0 && e.macroF1() <= 1 && e.weightedF1() >= 0
              && e.weightedF1() <= 1 && e.confusion().total() == codes.size();
        });
  }
}
