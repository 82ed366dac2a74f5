package dev.ciclo.examples.tabular;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.monitor.DriftReport;
import dev.ciclo.core.analysis.TabularSlices;
import dev.ciclo.core.data.CsvReader;
import dev.ciclo.core.data.CsvSchema;
import dev.ciclo.core.data.DataSplitter;
import dev.ciclo.core.data.TabularRow;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.monitor.batch.DriftReports;
import dev.ciclo.monitor.report.ReportWriter;
import dev.ciclo.report.DriftReportPages;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.serve.client.HttpPredictor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cycle on a real table, Breast Cancer Wisconsin (569 tumours, 30 measurements, benign or
 * malignant): read the CSV, split, train a logistic regression, find its weak slices by the
 * table's own columns, serve it over HTTP with the prediction log on, send the test rows as they
 * are and then with two measurements rescaled (a new imaging device that reads sizes 25% larger),
 * and compare each logged window with the training set in one drift report, written as JSON
 * and as an HTML page with a chart per feature.
 */
public final class BreastCancerCycle {
  /** The two measurements the shifted traffic rescales. */
  public static final List<String> RESCALED = List.of("mean radius", "worst radius");

  private BreastCancerCycle() {}

  /**
   * What the cycle produced.
   *
   * @param test the evaluation on the test set
   * @param slices the weak slices found on dev and test together
   * @param examined how many candidate slices the search examined
   * @param before the drift report of the window with the traffic as it was
   * @param after the drift report of the window with the rescaled traffic
   * @param html the HTML page of {@code after}
   */
  public record Result(ClassificationEvaluation test, List<SliceMetrics> slices, long examined,
      DriftReport before, DriftReport after, Path html) {}

  /**
   * Runs the cycle.
   *
   * @param csv the path of {@code breast_cancer.csv}
   * @param workspaceDir where the prediction log and the reports go
   * @param out where to print each step
   * @return what it produced
   * @throws IOException if the workspace cannot be written
   */
  public static Result run(Path csv, Path workspaceDir, PrintStream out) throws IOException {
    String header = Files.readAllLines(csv).get(0);
    List<String> columns = List.of(header.split(",")).subList(0, 30);
    CsvSchema schema = CsvSchema.builder().numeric(columns.toArray(String[]::new))
        .target("diagnosis").build();
    Dataset<TabularRow, String> data = CsvReader.read(csv, schema);
    Splits<TabularRow, String> splits =
        DataSplitter.builder().fractions(0.6, 0.2, 0.2).seed(7).build().split(data);
    out.printf("1. Data    %d tumours, %d measurements; train %d / dev %d / test %d%n",
        data.size(), columns.size(), splits.train().size(), splits.dev().size(),
        splits.test().size());

    TribuoClassifierModel<TabularRow> model = TribuoClassifierTrainer
        .logisticRegression(TabularRow.features(), 10).train(splits.train(), 7);
    ClassificationEvaluation test = ClassificationEvaluator.evaluate(model, splits.test());
    out.printf(Locale.ROOT, "2. Train   logistic regression: test accuracy %.3f, macro F1 %.3f%n",
        test.accuracy(), test.macroF1());

    Dataset<TabularRow, String> held = splits.dev().concat(splits.test());
    List<TabularRow> heldInputs = held.stream().map(Example::input).toList();
    TabularSlices.Found found = TabularSlices.builder().minSupport(15).build().findInColumns(
        numericColumns(held, columns), Map.of(), wrong(held, model.predictBatch(heldInputs)));
    out.printf("3. Slices  %d candidates examined, %d weak slices survive the FDR control%n",
        found.examined(), found.slices().size());
    for (SliceMetrics s : found.slices().subList(0, Math.min(3, found.slices().size()))) {
      out.printf(Locale.ROOT, "          %s: %d tumours, error %.2f%n", s.slice(), s.size(),
          s.error());
    }

    Workspace ws = Workspace.open(workspaceDir);
    DriftReport before;
    DriftReport after;
    Path html = ws.root().resolve("reports").resolve("drift-after.html");
    Files.createDirectories(html.getParent());
    try (FilePredictionLog log = FilePredictionLog.builder(ws).build();
        InferenceServer server = InferenceServer.builder().port(0).predictionLog(log)
            .serve(ServedModel.builder("breast-cancer", model)
                .tensorInput(columns.size(), values -> row(columns, values))
                .warmUp(List.of(splits.train().get(0).input()))
                .signals(TabularRow.signals()).build())
            .build().start()) {
      HttpPredictor client = HttpPredictor.builder(server.uri(), "breast-cancer")
          .consent(Consent.MONITORING).build();
      out.printf("4. Serve   %s at %s, prediction log on (consent: monitoring)%n",
          "breast-cancer", server.uri());

      Instant t0 = Instant.now();
      send(client, columns, splits.test(), 1.0);
      Instant t1 = Instant.now();
      send(client, columns, splits.test(), 1.25);
      Instant t2 = Instant.now();
      before = window(splits.train(), log, t0, t1, "log: test rows as they are");
      after = window(splits.train(), log, t1, t2, "log: radii read 25% larger");
    }
    out.printf(Locale.ROOT, "5. Drift   as they are: %s; rescaled: %s, drifted %s%n",
        verdict(before), verdict(after), after.driftedFeatures());
    ReportWriter.writeJson(after, ws.root().resolve("reports").resolve("drift-after.json"));
    DriftReportPages.writeHtml(after, html);
    out.printf("6. Report  %s%n", html);
    out.print(DriftReportPages.text(after).lines().limit(1).collect(Collectors.joining("\n",
        "          ", "\n")));
    return new Result(test, found.slices(), found.examined(), before, after, html);
  }

  private static void send(HttpPredictor client, List<String> columns,
      Dataset<TabularRow, String> rows, double radiusScale) {
    List<FeatureVector> batch = new ArrayList<>();
    for (Example<TabularRow, String> e : rows) {
      double[] v = new double[columns.size()];
      for (int i = 0; i < v.length; i++) {
        double x = e.input().numeric().get(columns.get(i));
        v[i] = RESCALED.contains(columns.get(i)) ? x * radiusScale : x;
      }
      batch.add(FeatureVector.of(columns, v));
    }
    for (FeatureVector v : batch) {
      client.predict(v);
    }
  }

  private static DriftReport window(Dataset<TabularRow, String> train, FilePredictionLog log,
      Instant from, Instant to, String name) {
    List<PredictionRecord> records = log.read(from, to).toList();
    return DriftReports.create().compare(train, TabularRow.signals(), name, records);
  }

  private static String verdict(DriftReport r) {
    return (r.drifted() ? "DRIFTED" : "no dataset drift") + " (" + r.driftedFeatures().size()
        + " of " + r.features().size() + " features, " + r.currentRows() + " rows)";
  }

  static TabularRow row(List<String> columns, double[] values) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(columns.get(i), values[i]);
    }
    return new TabularRow(m, Map.of(), Map.of());
  }

  private static Map<String, double[]> numericColumns(Dataset<TabularRow, String> d,
      List<String> columns) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String c : columns) {
      out.put(c, d.stream().mapToDouble(e -> e.input().numeric().get(c)).toArray());
    }
    return out;
  }

  private static boolean[] wrong(Dataset<TabularRow, String> d,
      List<dev.ciclo.api.predict.Prediction<String>> p) {
    boolean[] w = new boolean[d.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = !p.get(i).value().equals(d.get(i).target());
    }
    return w;
  }
}
