package dev.ciclo.speech;

import dev.ciclo.testkit.Required;
import java.nio.file.Path;

/** The shared data the module's tests read, found the way every Ciclo test finds it. */
final class SharedData {
  private SharedData() {}

  /**
   * The data folder, with FSDD's recordings and the noise recordings; skips the test (under CI:
   * fails it) when they are missing. Call from a test or a {@code @BeforeEach} method.
   */
  static Path dir() {
    Required.data("fsdd/recordings");
    Required.data("noise");
    return Required.dataDir();
  }
}
