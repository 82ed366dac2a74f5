package dev.ciclo.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ciclo.testkit.Required;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes real notebooks headless through Jupyter on the Ciclo kernel. Skipped where Jupyter is
 * not installed, except under CI ({@code CI=true}), where its absence is a failure: CI installs it
 * ({@link Required}).
 */
class NotebookRunnerTest {
  private static NotebookRunner runner;

  // Before each test, not @BeforeAll: a class aborted there reports "0 run", not "skipped".
  @BeforeEach
  void findJupyter() {
    Path nbconvert = Required.program("jupyter-nbconvert", NotebookRunner.find());
    if (runner == null) {
      runner = NotebookRunner.of(nbconvert, System.getProperty("java.class.path"),
          Duration.ofSeconds(120));
    }
  }

  private static Path resource(String name) throws Exception {
    return Path.of(NotebookRunnerTest.class.getResource("/notebooks/" + name).toURI());
  }

  @Test
  @DisplayName("every cell runs; values, printed text and images come back as outputs")
  void runsNotebook(@TempDir Path dir) throws Exception {
    NotebookRunner.Result r = runner.execute(resource("kernel-check.ipynb"), dir);
    assertTrue(r.succeeded(), r.log());
    JsonArray cells = new JsonParser().parse(Files.readString(r.executed()))
        .getAsJsonObject().getAsJsonArray("cells");
    assertEquals(4, cells.size());
    JsonObject value = output(cells, 1);
    assertEquals("execute_result", value.get("output_type").getAsString());
    assertEquals("42", text(value.getAsJsonObject("data").get("text/plain")));
    JsonObject printed = output(cells, 2);
    assertEquals("stream", printed.get("output_type").getAsString());
    assertEquals("hello from the kernel\n", text(printed.get("text")));
    JsonObject image = output(cells, 3);
    assertTrue(image.getAsJsonObject("data").has("image/png"), image.toString());
  }

  @Test
  @DisplayName("a failing cell fails the run and names the exception")
  void failingCellFails(@TempDir Path dir) throws Exception {
    NotebookRunner.Result r = runner.execute(resource("failing-cell.ipynb"), dir);
    assertFalse(r.succeeded(), r.log());
    assertTrue(r.log().contains("cell two fails"), r.log());
  }

  private static JsonObject output(JsonArray cells, int cell) {
    JsonArray outputs = cells.get(cell).getAsJsonObject().getAsJsonArray("outputs");
    assertEquals(1, outputs.size(), "outputs of cell " + cell + ": " + outputs);
    return outputs.get(0).getAsJsonObject();
  }

  private static String text(JsonElement e) {
    if (e.isJsonArray()) {
      StringBuilder sb = new StringBuilder();
      e.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
      return sb.toString();
    }
    return e.getAsString();
  }
}
