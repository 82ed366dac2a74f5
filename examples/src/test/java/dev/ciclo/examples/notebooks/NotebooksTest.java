package dev.ciclo.examples.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ciclo.jupyter.NotebookRunner;
import dev.ciclo.testkit.Required;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes the notebooks in {@code examples/notebooks} headless through Jupyter on Ciclo's
 * kernel, with this module's class path, and fails if any cell fails. Skipped where the data
 * folder or Jupyter is missing; under CI either is a failure ({@link Required}).
 */
class NotebooksTest {
  private static NotebookRunner runner;

  // Before each test, not @BeforeAll: a class aborted there reports "0 run", not "skipped".
  @BeforeEach
  void setUp() {
    Required.data("fsdd/recordings");
    Required.data("noise");
    Path nbconvert = Required.program("jupyter-nbconvert", NotebookRunner.find());
    if (runner == null) {
      runner = NotebookRunner.of(nbconvert, System.getProperty("java.class.path"),
          Duration.ofMinutes(5));
    }
  }

  private static JsonArray run(String notebook, Path dir) throws Exception {
    // The notebooks read the data folder from CICLO_DATA_DIR: hand them the one the tests use.
    NotebookRunner.Result r = runner.execute(Path.of("notebooks", notebook), dir,
        Map.of(Required.DATA_DIR_VARIABLE, Required.dataDir().toString()));
    assertTrue(r.succeeded(), "a cell of " + notebook + " failed:\n" + r.log());
    return new JsonParser().parse(Files.readString(r.executed())).getAsJsonObject()
        .getAsJsonArray("cells");
  }

  /** The MIME types of a code cell's rich outputs. */
  private static List<String> mimeTypes(JsonArray cells, int index) {
    List<String> types = new ArrayList<>();
    for (var o : cells.get(index).getAsJsonObject().getAsJsonArray("outputs")) {
      JsonObject out = o.getAsJsonObject();
      if (out.has("data")) {
        types.addAll(out.getAsJsonObject("data").keySet());
      }
    }
    return types;
  }

  private static String html(JsonArray cells, int index) {
    for (var o : cells.get(index).getAsJsonObject().getAsJsonArray("outputs")) {
      JsonObject out = o.getAsJsonObject();
      if (out.has("data") && out.getAsJsonObject("data").has("text/html")) {
        var h = out.getAsJsonObject("data").get("text/html");
        if (h.isJsonArray()) {
          StringBuilder sb = new StringBuilder();
          h.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
          return sb.toString();
        }
        return h.getAsString();
      }
    }
    return "";
  }

  private static int codeCell(JsonArray cells, String startsWith) {
    for (int i = 0; i < cells.size(); i++) {
      JsonObject c = cells.get(i).getAsJsonObject();
      if (c.get("cell_type").getAsString().equals("code")) {
        StringBuilder src = new StringBuilder();
        var s = c.get("source");
        if (s.isJsonArray()) {
          s.getAsJsonArray().forEach(x -> src.append(x.getAsString()));
        } else {
          src.append(s.getAsString());
        }
        if (src.toString().strip().startsWith(startsWith)) {
          return i;
        }
      }
    }
    throw new AssertionError("no code cell starting with " + startsWith);
  }

  @Test
  @DisplayName("the error-analysis notebook runs and shows tables and charts inline")
  void errorAnalysis(@TempDir Path dir) throws Exception {
    JsonArray cells = run("error-analysis.ipynb", dir);
    assertTrue(mimeTypes(cells, codeCell(cells, "MfccSummary mfcc")).contains("text/html"));
    assertEquals(List.of("image/png", "text/plain"),
        mimeTypes(cells, codeCell(cells, "evaluation.confusion()")).stream().sorted().toList());
    String analysis = html(cells, codeCell(cells, "ErrorAnalysis analysis"));
    assertTrue(analysis.contains("car-noise"), analysis);
    assertTrue(html(cells, codeCell(cells, "LearningCurve curve")).contains("data:image/png"),
        "the learning curve shows its chart");
    assertTrue(mimeTypes(cells, codeCell(cells, "BiasVariance diagnosis")).contains("text/html"));
  }

  @Test
  @DisplayName("the full-cycle notebook runs the story and shows its charts and outcomes inline")
  void fullCycle(@TempDir Path dir) throws Exception {
    JsonArray cells = run("full-cycle.ipynb", dir);
    assertTrue(mimeTypes(cells, codeCell(cells, "ImageIO.read(result.reportDir().resolve(\"noisy"))
        .contains("image/png"));
    assertTrue(mimeTypes(cells, codeCell(cells, "ImageIO.read(result.reportDir().resolve(\"learning"))
        .contains("image/png"));
    String printed = text(cells, codeCell(cells, "CycleResult result"));
    for (String step : List.of("1. Scope", "3. Train and analyse", "7. Maintain")) {
      assertTrue(printed.contains(step), "the run cell should print '" + step + "':\n" + printed);
    }
    String alerts = text(cells, codeCell(cells, "List<String> alerts"));
    assertTrue(alerts.startsWith("alerts before the change: 0;"), alerts);
    String swap = text(cells, codeCell(cells, "result.swapRequests()"));
    assertTrue(swap.contains(" 0 failed; now serving v2"), swap);
  }

  /** Everything a code cell printed or showed as text. */
  private static String text(JsonArray cells, int index) {
    StringBuilder sb = new StringBuilder();
    for (var o : cells.get(index).getAsJsonObject().getAsJsonArray("outputs")) {
      JsonObject out = o.getAsJsonObject();
      var t = out.has("text") ? out.get("text")
          : out.has("data") && out.getAsJsonObject("data").has("text/plain")
              ? out.getAsJsonObject("data").get("text/plain") : null;
      if (t != null && t.isJsonArray()) {
        t.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
      } else if (t != null) {
        sb.append(t.getAsString());
      }
    }
    return sb.toString();
  }
}
