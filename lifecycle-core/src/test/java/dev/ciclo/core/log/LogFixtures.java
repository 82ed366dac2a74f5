package dev.ciclo.core.log;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Records for log tests. */
final class LogFixtures {
  private LogFixtures() {}

  static PredictionRecord record(String id, Instant time, String subject) {
    return record(id, time, subject, Consent.MONITORING);
  }

  static PredictionRecord record(String id, Instant time, String subject, Consent consent) {
    return PredictionRecord.of(id, time, "digits", "3",
        Map.of("age", Signal.of(37), "user", Signal.of("alice"), "device", Signal.of("phone"),
            "secret", Signal.of("x")),
        "7", Map.of("7", 0.75, "1", 0.25), Duration.ofMillis(3), consent, subject);
  }
}
