package dev.ciclo.core.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.core.data.CsvReader;
import dev.ciclo.core.data.CsvSchema;
import dev.ciclo.core.data.TabularRow;
import dev.ciclo.testkit.Required;
import dev.ciclo.core.train.TargetCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Inputs are checked at the door: continuous targets, missing features, delimiters")
class DoorChecksTest {
  private static final String SL = "sepal length (cm)";
  private static final String SW = "sepal width (cm)";
  private static final String PL = "petal length (cm)";
  private static final String PW = "petal width (cm)";
  private static final CsvSchema IRIS =
      CsvSchema.builder().numeric(SL, SW, PL, PW).target("species").build();

  @TempDir Path dir;

  @Test
  @DisplayName("a continuous target is refused for classification with a hint to regress")
  void continuousTarget() {
    CsvSchema widths = CsvSchema.builder().numeric(SL, SW, PL).target(PW).build();
    Dataset<TabularRow, String> data =
        CsvReader.read(Required.data("tabular/iris.csv"), widths);
    TribuoClassifierTrainer<TabularRow> trainer =
        TribuoClassifierTrainer.logisticRegression(TabularRow.features());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> trainer.train(data, 1));
    assertTrue(e.getMessage().startsWith("the target of dataset iris.csv has 22 distinct numeric"
        + " values ("), e.getMessage());
    assertTrue(e.getMessage().contains("Train a regressor (read the CSV with"
        + " CsvReader.readNumeric and use TribuoRegressorTrainer), or, if these numbers are class"
        + " codes, accept them with allowNumericLabels()"), e.getMessage());
    assertEquals(22, trainer.allowNumericLabels().train(data, 1).tribuoModel()
        .getOutputIDInfo().size(), "the explicit flag accepts them");
    // ten whole-number class codes (Digits' 0-9) pass without the flag
    List<Example<FeatureVector, String>> digits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      digits.add(Example.of("d" + i, FeatureVector.indexed("x", i), Integer.toString(i % 10)));
    }
    TargetCheck.classification(Dataset.of("digits", digits), false);
  }

  @Test
  @DisplayName("a missing feature is an error naming it; an unknown one is ignored (one rule)")
  void missingAndExtraFeatures() {
    Dataset<TabularRow, String> iris = CsvReader.read(Required.data("tabular/iris.csv"), IRIS);
    TribuoClassifierModel<TabularRow> model =
        TribuoClassifierTrainer.logisticRegression(TabularRow.features(), 10).train(iris, 7);
    assertEquals(List.of(PL, PW, SL, SW), model.featureSchema().required());
    TabularRow full = iris.get(0).input();
    Map<String, Double> three = new LinkedHashMap<>(full.numeric());
    three.remove(PW);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.predict(new TabularRow(three, Map.of(), Map.of())));
    assertEquals("model logistic-regression needs the feature [petal width (cm)] that the input"
        + " lacks (it was trained with 4 required features [petal length (cm), petal width (cm),"
        + " sepal length (cm), sepal width (cm)]; the input has [petal length (cm),"
        + " sepal length (cm), sepal width (cm)])", e.getMessage());
    Map<String, Double> five = new LinkedHashMap<>(full.numeric());
    five.put("stem_length", 1e6);
    assertEquals(model.predict(full),
        model.predict(new TabularRow(five, Map.of("colour", "blue"), Map.of())),
        "features the model never saw do not change the answer");
  }

  @Test
  @DisplayName("a numeric column with zeros in some rows is still required")
  void zerosStayRequired() throws IOException {
    Path file = Required.data("tabular/breast_cancer.csv");
    String[] columns = Files.readAllLines(file).get(0).split(",");
    CsvSchema schema = CsvSchema.builder()
        .numeric(java.util.Arrays.copyOf(columns, 30)).target("diagnosis").build();
    Dataset<TabularRow, String> data = CsvReader.read(file, schema);
    assertTrue(data.stream().anyMatch(e -> e.input().numeric().get("mean concavity") == 0),
        "the table has zeros in 'mean concavity'");
    TribuoClassifierModel<TabularRow> m =
        TribuoClassifierTrainer.logisticRegression(TabularRow.features(), 1).train(data, 1);
    assertEquals(30, m.featureSchema().required().size(), m.featureSchema().toString());
    assertEquals(m.featureSchema().required(), new TribuoClassifierModel<>(m.tribuoModel(),
        TabularRow.features(), m.metadata()).featureSchema().required(),
        "a model rebuilt from its saved metadata keeps the schema");
    Map<String, Double> without = new LinkedHashMap<>(data.get(0).input().numeric());
    without.remove("mean concavity");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.predict(new TabularRow(without, Map.of(), Map.of())));
    assertTrue(e.getMessage().startsWith("model logistic-regression needs the feature"
        + " [mean concavity] that the input lacks"), e.getMessage());
  }

  @Test
  @DisplayName("a one-column header holding ';' or a tab gets an error suggesting the delimiter")
  void delimiterHint() throws IOException {
    Path semi = dir.resolve("iris-semicolon.csv");
    List<String> lines = Files.readAllLines(Required.data("tabular/iris.csv"));
    Files.write(semi, lines.stream().map(l -> l.replace(',', ';')).toList());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvReader.read(semi, IRIS));
    assertTrue(e.getMessage().endsWith("The header was read as one column but contains ';': if"
        + " the file is separated by it, declare it with CsvSchema.builder().delimiter(';')"),
        e.getMessage());
    assertEquals(150, CsvReader.read(semi, CsvSchema.builder().numeric(SL, SW, PL, PW)
        .target("species").delimiter(';').build()).size());
    Path tab = dir.resolve("iris-tab.tsv");
    Files.write(tab, lines.stream().map(l -> l.replace(',', '\t')).toList());
    e = assertThrows(IllegalArgumentException.class, () -> CsvReader.read(tab, IRIS));
    assertTrue(e.getMessage().endsWith("contains a tab ('\\t'): if the file is separated by it,"
        + " declare it with CsvSchema.builder().delimiter('\\t')"), e.getMessage());
  }

  @Test
  @DisplayName("BOM, CRLF and quoted line breaks read as the plain file does")
  void bomAndLineEndings() throws IOException {
    Dataset<TabularRow, String> plain =
        CsvReader.read(Required.data("tabular/iris.csv"), IRIS);
    Path crlf = dir.resolve("iris.csv");
    // the shared file ends its lines with CRLF; rewrite it with bare LF, then CR-only, then CRLF
    String lf = Files.readString(Required.data("tabular/iris.csv")).replace("\r\n", "\n");
    Path cr = dir.resolve("iris-cr.csv");
    Files.writeString(cr, lf.replace('\n', '\r'));
    assertEquals(plain.get(149).input(), CsvReader.read(cr, IRIS).get(149).input());
    String text = lf.replace("\n", "\r\n");
    Files.writeString(crlf, "\uFEFF" + text.replace("setosa", "\"set\r\nosa\""));
    Dataset<TabularRow, String> odd = CsvReader.read(crlf, IRIS);
    assertEquals(plain.size(), odd.size());
    assertEquals("set\r\nosa", odd.get(0).target());
    assertEquals(plain.get(149).input(), odd.get(149).input());
    assertEquals("201", odd.get(149).metadata().get("line"),
        "lines count the 50 quoted breaks");
  }
}
