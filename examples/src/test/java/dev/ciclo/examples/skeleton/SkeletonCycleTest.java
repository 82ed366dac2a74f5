package dev.ciclo.examples.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SkeletonCycleTest {
  private static String runAndCapture(long seed, SkeletonCycle.Result[] result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    result[0] = SkeletonCycle.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), seed);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("the skeleton cycle learns Iris and prints every step and its accuracy")
  void runsTheCycle() {
    SkeletonCycle.Result[] r = new SkeletonCycle.Result[1];
    String out = runAndCapture(42, r);
    assertEquals(150, r[0].splits().train().size() + r[0].splits().dev().size()
        + r[0].splits().test().size());
    assertTrue(r[0].test().accuracy() >= 0.85, "test accuracy " + r[0].test().accuracy());
    for (String step : new String[] {"1. Scope", "2. Data", "3. Split", "4. Train", "5. Analyse",
        "6. Serve", "accuracy: "}) {
      assertTrue(out.contains(step), "missing '" + step + "' in:\n" + out);
    }
    assertTrue(out.contains(String.format(java.util.Locale.ROOT, "accuracy: %.3f",
        r[0].test().accuracy())), out);
  }

  @Test
  @DisplayName("the same seed gives the same run")
  void deterministic() {
    SkeletonCycle.Result[] a = new SkeletonCycle.Result[1];
    SkeletonCycle.Result[] b = new SkeletonCycle.Result[1];
    assertEquals(runAndCapture(7, a), runAndCapture(7, b));
    assertEquals(a[0].test(), b[0].test());
  }
}
