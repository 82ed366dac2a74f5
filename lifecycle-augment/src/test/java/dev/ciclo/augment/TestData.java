package dev.ciclo.augment;

import dev.ciclo.testkit.Required;
import java.nio.file.Path;

/** The shared real recordings this module's tests read, found and required through {@link Required}. */
public final class TestData {
  private TestData() {}

  /**
   * The FSDD recordings folder; skips the test (fails it under CI) when it is missing.
   *
   * @return the folder
   */
  public static Path fsdd() {
    return Required.data("fsdd/recordings");
  }

  /**
   * The noise folder; skips the test (fails it under CI) when it is missing.
   *
   * @return the folder
   */
  public static Path noise() {
    return Required.data("noise");
  }
}
