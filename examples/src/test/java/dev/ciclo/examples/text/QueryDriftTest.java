package dev.ciclo.examples.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.core.maintain.MaintenanceEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryDriftTest {
  @TempDir Path workspace;

  @Test
  @DisplayName("no vocabulary alert while people call the old names; after the change an alert"
      + " names the new ones, the loop retrains and promotes, and the new model is better on"
      + " the new queries")
  void story() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    QueryDrift.Outcome o = QueryDrift.run(workspace,
        new PrintStream(text, true, StandardCharsets.UTF_8));
    String printed = text.toString(StandardCharsets.UTF_8);

    assertEquals(List.of(), o.alertsBefore(), printed);
    Alert vocab = o.alertsAfter().stream()
        .filter(a -> a.subject().equals("vocabulary:query")).findFirst()
        .orElseThrow(() -> new AssertionError("no vocabulary alert after the change: " + printed));
    List<String> emerging = Arrays.stream(vocab.details().get("emerging").split(", "))
        .map(t -> t.substring(0, t.indexOf('='))).toList();
    assertTrue(emerging.stream().limit(5).allMatch(t -> VoiceQueries.NEW_PEOPLE.contains(t)
        || VoiceQueries.NEW_ARTISTS.contains(t)),
        "the top emerging terms are the new names: " + emerging);
    assertTrue(o.events().stream().anyMatch(e -> e instanceof MaintenanceEvent.Promoted),
        printed);
    assertEquals("2", o.servedVersion(), printed);
    assertTrue(o.servedOnNew() > o.oldModelOnNew() + 0.05, printed);
    List<Double> live = o.liveAccuracy();
    assertTrue(live.get(live.size() - 1) > live.get(QueryDrift.BEFORE) + 0.05,
        "live accuracy recovers after the swap: " + live);
  }
}
