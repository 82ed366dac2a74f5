package dev.ciclo.core.log;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: appends numbered records as fast as it can and
 * prints each number once it is appended, until it is killed (or after a bounded count and time).
 */
public final class LogWriterChild {
  private LogWriterChild() {}

  /**
   * Appends records to the log in {@code args[0]}.
   *
   * @param args the folder
   */
  public static void main(String[] args) {
    String payload = "p".repeat(3_000);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (FilePredictionLog log = FilePredictionLog.builder(Path.of(args[0]))
        .privacyPolicy(PrivacyPolicy.keepAll()).maxSegmentBytes(256 * 1024).build()) {
      for (int i = 0; i < 2_000_000 && System.nanoTime() < deadline; i++) {
        log.append(new PredictionRecord("r" + i, Instant.ofEpochSecond(1_700_000_000L + i),
            "digits", "1", Map.of("payload", payload, "i", Integer.toString(i)), "7",
            Map.of("7", 0.9), Duration.ofNanos(i), Consent.MONITORING, "s" + (i % 10)));
        System.out.println(i);
      }
    }
  }
}
