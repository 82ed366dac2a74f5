package dev.ciclo.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.data.CsvReader;
import dev.ciclo.core.data.CsvSchema;
import dev.ciclo.core.data.DataSplitter;
import dev.ciclo.core.data.TabularRow;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.core.tribuo.TribuoRegressorTrainer;
import dev.ciclo.testkit.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TabularSlices finds weak slices by the table's own columns")
class TabularSlicesTest {
  /** 3000 rows: numbers a, b, c in [0, 1), a city; errors 5%, or 50% where a >= 0.75 in B. */
  private static Dataset<TabularRow, String> planted(boolean plant) {
    Random r = new Random(11);
    List<Example<TabularRow, String>> rows = new ArrayList<>();
    String[] cities = {"A", "B", "C"};
    for (int i = 0; i < 3000; i++) {
      double a = r.nextDouble();
      String city = cities[r.nextInt(3)];
      double rate = plant && a >= 0.75 && city.equals("B") ? 0.5 : 0.05;
      String target = r.nextDouble() < rate ? "wrong" : "right";
      rows.add(Example.of("r" + i, new TabularRow(
          Map.of("a", a, "b", r.nextDouble(), "c", r.nextDouble()), Map.of("city", city),
          Map.of()), target));
    }
    return Dataset.of("planted", rows);
  }

  private static List<Prediction<String>> alwaysRight(Dataset<TabularRow, String> d) {
    return d.stream().map(e -> Prediction.of("right")).toList();
  }

  @Test
  @DisplayName("a planted weak slice (a pair of a quantile bin and a category) is found first")
  void planted() {
    Dataset<TabularRow, String> d = planted(true);
    TabularSlices.Found found = TabularSlices.builder().build().findInColumns(
        Map.of("a", column(d, "a"), "b", column(d, "b"), "c", column(d, "c")),
        Map.of("city", d.stream().map(e -> e.input().categorical().get("city"))
            .toArray(String[]::new)),
        wrong(d));
    SliceMetrics first = found.slices().get(0);
    assertTrue(first.slice().matches("a >= 0\\.7\\d* & city=B"), found.toString());
    assertTrue(first.error() > 0.4, first.toString());
    // 4 bins x 3 numbers + 3 cities = 15 singles; pairs across columns: 3*16 + 3*4*3 = 84
    assertEquals(15 + 84, found.examined());
    assertEquals(found.slices(), TabularSlices.builder().build().find(d, alwaysRight(d)));
  }

  @Test
  @DisplayName("with no weak slice, the false-discovery control reports none")
  void noFalseDiscoveries() {
    Dataset<TabularRow, String> d = planted(false);
    assertEquals(List.of(), TabularSlices.builder().build().find(d, alwaysRight(d)));
  }

  @Test
  @DisplayName("typed predicates declare slices over TabularRow without casts")
  void typedPredicates() {
    Dataset<TabularRow, String> d = planted(true);
    ErrorAnalysis a = ErrorAnalyzer.builder().automaticSlices(false)
        .slice("high a in B", TabularSlices.where("a", v -> v >= 0.75)
            .and(TabularSlices.is("city", "B")))
        .build().analyze(d, alwaysRight(d));
    SliceMetrics s = a.slices().get(0);
    assertEquals("high a in B", s.slice());
    assertEquals(d.stream().filter(e -> e.input().numeric().get("a") >= 0.75
        && e.input().categorical().get("city").equals("B")).count(), s.size());
  }

  @Test
  @DisplayName("on real tables: Breast Cancer's classifier and Diabetes' residuals")
  void realTables() throws IOException {
    Path file = Required.data("tabular/breast_cancer.csv");
    List<String> header = Arrays.asList(Files.readAllLines(file).get(0).split(","));
    CsvSchema schema = CsvSchema.builder()
        .numeric(header.subList(0, 30).toArray(String[]::new)).target("diagnosis").build();
    Dataset<TabularRow, String> data = CsvReader.read(file, schema);
    Splits<TabularRow, String> s =
        DataSplitter.builder().fractions(0.5, 0.5, 0).seed(3).build().split(data);
    TribuoClassifierModel<TabularRow> m = TribuoClassifierTrainer
        .logisticRegression(TabularRow.features(), 3).train(s.train(), 3);
    TabularSlices finder = TabularSlices.builder().minSupport(20).build();
    List<SliceMetrics> found = finder.find(m, s.dev());
    System.out.println("breast_cancer.csv weak slices: " + found);
    double overall = ErrorAnalyzer.builder().automaticSlices(false).build().analyze(m, s.dev())
        .overall().error();
    found.forEach(x -> assertTrue(x.error() > overall, x.toString()));

    Path diabetes = Required.data("tabular/diabetes.csv");
    Dataset<TabularRow, Double> d = CsvReader.readNumeric(diabetes, CsvSchema.builder()
        .numeric("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6")
        .target("progression").build());
    var model = TribuoRegressorTrainer.cart(TabularRow.features(), 3, 1).train(d, 1);
    List<SliceMetrics> residual = TabularSlices.builder().build().findResiduals(d,
        model.predictBatch(d.stream().map(Example::input).toList()));
    System.out.println("diabetes.csv residual slices: " + residual);
    assertTrue(!residual.isEmpty(), "the largest residuals concentrate somewhere");
    residual.forEach(x -> assertTrue(x.error() > 0.2, x.toString()));
  }

  private static boolean[] wrong(Dataset<TabularRow, String> d) {
    boolean[] w = new boolean[d.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = d.get(i).target().equals("wrong");
    }
    return w;
  }

  private static double[] column(Dataset<TabularRow, String> d, String name) {
    return d.stream().mapToDouble(e -> e.input().numeric().get(name)).toArray();
  }
}
