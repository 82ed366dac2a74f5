package dev.ciclo.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared real tables ({@code CICLO_DATA_DIR}/tabular, or {@code ../shared/data} beside
 * the repository): a test that needs them is skipped without them, and fails instead under CI
 * ({@code CI=true}), where they must be present.
 */
public final class Tables {
  private Tables() {}

  /**
   * A table's file.
   *
   * @param name such as {@code diabetes.csv}
   * @return the path of the file
   */
  public static Path file(String name) {
    String env = System.getenv("CICLO_DATA_DIR");
    Path dir = (env == null ? Path.of("..", "..", "shared", "data") : Path.of(env))
        .resolve("tabular");
    Path f = dir.resolve(name);
    String why = "real table not found: looked for " + f.toAbsolutePath()
        + " (set CICLO_DATA_DIR to the folder holding tabular/)";
    if (!Files.isRegularFile(f)) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    return f;
  }
}
