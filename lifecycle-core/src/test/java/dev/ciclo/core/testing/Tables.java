package dev.ciclo.core.testing;

import dev.ciclo.testkit.Required;
import java.nio.file.Path;

/** The shared real tables, found and required through {@link Required}. */
public final class Tables {
  private Tables() {}

  /**
   * A table's file.
   *
   * @param name such as {@code diabetes.csv}
   * @return the path of the file
   */
  public static Path file(String name) {
    return Required.data("tabular/" + name);
  }
}
