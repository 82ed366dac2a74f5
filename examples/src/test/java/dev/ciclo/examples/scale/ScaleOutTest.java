package dev.ciclo.examples.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.monitor.WindowReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleOutTest {
  @Test
  @DisplayName("100,000 predictions through the server to Kafka: every consented one logged,"
      + " Spark finds the x0 shift from the change window on, scores as served, and an erased"
      + " subject's inputs are unreadable, through the log and on Spark's executors, while"
      + " another's read")
  void walk(@TempDir Path work) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ScaleOut.Outcome o = ScaleOut.run(new PrintStream(text, true, StandardCharsets.UTF_8),
        100_000, work);
    String printed = text.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertTrue(printed.contains("4. Spark read the topic with its Kafka source: 66,000 records,"
        + " 0 undecodable"), printed);
    assertTrue(printed.contains("6. Spark batch scoring with the saved model: 66,000 rows,"
        + " 66,000 answers equal the served ones"), printed);
    assertEquals(100_000, o.sent());
    assertEquals(66_000, o.logged(), "consent none on every third request");
    assertEquals(o.logged(), o.acknowledged());
    assertEquals(0, o.notLogged());

    List<WindowReport> w = o.windows();
    assertEquals(10, w.size());
    for (WindowReport r : w) {
      boolean changed = r.index() >= 5;
      assertEquals(changed, r.results().get("feature:x0").drifted(), "window " + r.index());
      for (String stable : List.of("feature:x1", "feature:x2", "feature:x3")) {
        assertFalse(r.results().get(stable).drifted(), stable + " in window " + r.index());
      }
    }
    List<String> subjects = o.alerts().stream().map(Alert::subject).toList();
    assertEquals(List.of("feature:x0"), subjects);

    assertEquals(o.logged(), o.scored());
    assertEquals(o.scored(), o.scoredAgree(), "Spark scoring equals the served answers");

    assertTrue(o.erasedInputs() > 0);
    assertEquals(0, o.erasedReadable());
    assertEquals(5, o.othersReadable());
    assertEquals(0, o.sparkErasedReadable(), "erased inputs unreadable on Spark too");
    assertEquals(2_000, o.sparkOthersInputs(), "user-5's training-consent inputs");
    assertEquals(o.sparkOthersInputs(), o.sparkOthersReadable());
    assertTrue(printed.contains("Spark, opening the messages on its executors: user-2 0 of 2,000"
        + " inputs readable, user-5 2,000 of 2,000"), printed);
  }
}
