package dev.ciclo.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NoDataTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final double[] REFERENCE = new double[100];

  static {
    for (int i = 0; i < REFERENCE.length; i++) {
      REFERENCE[i] = i / 10.0;
    }
  }

  private static void log(InMemoryLog log, int from, int n, boolean withSignal) {
    for (int i = from; i < from + n; i++) {
      Map<String, Signal> s = withSignal ? Map.of("petal_length", Signal.of(i % 100 / 10.0))
          : Map.of();
      log.append(PredictionRecord.of("r" + i, T0.plusSeconds(i), "iris", "1", s, "setosa",
          Map.of("setosa", 0.9), Duration.ofMillis(1), Consent.MONITORING, ""));
    }
  }

  @Test
  @DisplayName("a CSV model served without a signal function: the monitor raises one 'no data'"
      + " alert and counts it instead of reporting 90 skipped records and nothing else")
  void noDataAlert() {
    InMemoryLog log = new InMemoryLog();
    MutableClock clock = new MutableClock(T0);
    log(log, 0, 90, false);
    clock.advance(Duration.ofSeconds(100));
    LogMonitor monitor = LogMonitor.builder("iris", log).clock(clock).start(T0)
        .windowByCount(30).numericFeature("petal_length", REFERENCE).build();
    List<Alert> alerts = monitor.poll();
    assertEquals(1, alerts.size());
    Alert a = alerts.get(0);
    assertEquals(LogMonitor.NO_DATA, a.subject());
    assertEquals(Severity.WARNING, a.severity());
    assertEquals("none of the 90 records read carries the signals this monitor reads"
        + " [petal_length]: the served model declares no such signal, or the log's privacy"
        + " policy drops them", a.message());
    assertEquals(1, monitor.report().noDataAlerts());
    assertEquals(90, monitor.report().recordsSkipped());

    log(log, 100, 30, false);
    clock.advance(Duration.ofSeconds(100));
    assertEquals(List.of(), monitor.poll(), "raised once while the data stays missing");
    log(log, 200, 30, true);
    clock.advance(Duration.ofSeconds(200));
    assertTrue(monitor.poll().stream().noneMatch(x -> x.subject().equals(LogMonitor.NO_DATA)));
    log(log, 400, 30, false);
    clock.advance(Duration.ofSeconds(200));
    assertEquals(LogMonitor.NO_DATA, monitor.poll().get(0).subject(), "raised again");
    assertEquals(2, monitor.report().noDataAlerts());
  }

  @Test
  @DisplayName("when the logged signals are known, a monitor reading another one fails to build")
  void buildTime() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LogMonitor.builder("iris", new InMemoryLog())
            .numericFeature("petal_length", REFERENCE)
            .loggedSignals(Set.of("sepal_width", "sepal_length")).build());
    assertEquals("monitor 'iris' reads signals [petal_length] that no logged record carries;"
        + " the records carry [sepal_length, sepal_width] (declare them in the served model's"
        + " signal function)", e.getMessage());
    LogMonitor.builder("iris", new InMemoryLog()).numericFeature("petal_length", REFERENCE)
        .loggedSignals(Set.of("petal_length")).build();
  }
}
