package dev.ciclo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ciclo monitor report}: a monitor's saved report as tables. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Monitoring results saved by a monitor.",
    subcommands = {MonitorCommand.Report.class})
final class MonitorCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: report");
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = {"Prints a monitor report (the JSON that ReportWriter.writeJson saves, such"
          + " as the demo's report/monitor.json) as tables: one row per window, then every"
          + " drifted decision with its threshold, then the alerts."})
  static final class Report implements Runnable {
    @Parameters(paramLabel = "FILE", description = "monitor.json, or a folder holding it"
        + " (directly or in report/)")
    Path file;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      Path json = locate(file);
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(json.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + json + " as a monitor report: "
            + e.getMessage(), e);
      }
      if (root == null || !root.has("windows")) {
        throw new IllegalArgumentException(json + " is not a monitor report (no \"windows\")");
      }
      print(root, spec.commandLine().getOut());
    }

    static Path locate(Path given) {
      for (Path p : List.of(given, given.resolve("monitor.json"),
          given.resolve("report").resolve("monitor.json"))) {
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
      throw new IllegalArgumentException("no monitor report at " + given.toAbsolutePath()
          + " (looked for the file, FILE/monitor.json and FILE/report/monitor.json)");
    }

    static void print(JsonNode r, PrintWriter out) {
      out.printf(Locale.ROOT, "monitor %s, report of %s: %d records read, %d skipped%n",
          r.path("monitor").asText(), r.path("createdAt").asText(),
          r.path("recordsRead").asLong(), r.path("recordsSkipped").asLong());
      out.printf(Locale.ROOT, "%6s  %8s  %-6s  %-8s  %s%n", "window", "records", "tested",
          "dataset", "drifted subjects");
      List<String> decisions = new ArrayList<>();
      for (JsonNode w : r.path("windows")) {
        List<String> drifted = new ArrayList<>();
        w.path("results").fields().forEachRemaining(e -> {
          JsonNode t = e.getValue();
          if (t.path("drifted").asBoolean()) {
            drifted.add(e.getKey());
            decisions.add(String.format(Locale.ROOT, "  window %d, %s: %s", w.path("index")
                .asInt(), e.getKey(), words(t)));
          }
        });
        out.printf(Locale.ROOT, "%6d  %8d  %-6s  %-8s  %s%n", w.path("index").asInt(),
            w.path("records").asLong(), w.path("tested").asBoolean() ? "yes" : "no",
            w.path("datasetDrifted").asBoolean() ? "DRIFT" : "-",
            drifted.isEmpty() ? "-" : String.join(", ", drifted));
      }
      if (!decisions.isEmpty()) {
        out.println("drift decisions:");
        decisions.forEach(out::println);
      }
      JsonNode alerts = r.path("alerts");
      out.println(alerts.size() == 0 ? "no alerts" : "alerts:");
      for (JsonNode a : alerts) {
        out.printf(Locale.ROOT, "  %s %s %s: %s%n", a.path("raisedAt").asText(),
            a.path("severity").asText(), a.path("subject").asText(), a.path("message").asText());
      }
      out.flush();
    }

    /** One decision in words: the statistic, the threshold it was held against, the verdict. */
    static String words(JsonNode t) {
      String test = t.path("test").asText();
      double threshold = t.path("threshold").asDouble();
      if (t.hasNonNull("pValue")) {
        double p = t.path("pValue").asDouble();
        return String.format(Locale.ROOT, "%s p-value %.3g %s the threshold %.3g (after the"
            + " monitor's multiple-testing correction): %s", test, p, p <= threshold ? "<=" : ">",
            threshold, t.path("drifted").asBoolean() ? "drift" : "no drift");
      }
      double s = t.path("statistic").asDouble();
      return String.format(Locale.ROOT, "%s %.4g %s the threshold %.4g: %s", test, s,
          s >= threshold ? ">=" : "<", threshold, t.path("drifted").asBoolean() ? "drift"
              : "no drift");
    }
  }
}
