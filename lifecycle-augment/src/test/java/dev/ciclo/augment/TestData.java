package dev.ciclo.augment;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared real data ({@code CICLO_DATA_DIR}); tests that need it are skipped without. */
public final class TestData {
  private TestData() {}

  /**
   * The data folder, or a skipped test saying where it was looked for.
   *
   * @return the folder holding {@code fsdd} and {@code noise}
   */
  public static Path dir() {
    String env = System.getenv("CICLO_DATA_DIR");
    Path p = env == null ? Path.of("..", "..", "shared", "data") : Path.of(env);
    assumeTrue(
        Files.isDirectory(p.resolve("fsdd").resolve("recordings"))
            && Files.isDirectory(p.resolve("noise")),
        "shared data not found: looked in " + p.toAbsolutePath()
            + " (set CICLO_DATA_DIR to the folder holding fsdd/ and noise/)");
    return p;
  }

  /**
   * The FSDD recordings folder.
   *
   * @return the folder
   */
  public static Path fsdd() {
    return dir().resolve("fsdd").resolve("recordings");
  }

  /**
   * The noise folder.
   *
   * @return the folder
   */
  public static Path noise() {
    return dir().resolve("noise");
  }
}
