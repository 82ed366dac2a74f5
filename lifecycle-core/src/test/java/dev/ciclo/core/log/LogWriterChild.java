package dev.ciclo.core.log;

import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: appends numbered records with training consent
 * and a raw payload ({@link #content(int)}) as fast as it can and prints each number once it is
 * appended, until it is killed (or after a bounded count and time).
 */
public final class LogWriterChild {
  private LogWriterChild() {}

  /**
   * The payload of record {@code i}: 3,000 bytes naming {@code i}; every fifth record repeats the
   * content of the one before it (deduplicated in the store).
   *
   * @param i the record's number
   * @return the bytes
   */
  static byte[] content(int i) {
    int n = i % 5 == 4 ? i - 1 : i;
    byte[] b = new byte[3_000];
    java.util.Arrays.fill(b, (byte) (n * 31));
    byte[] id = Integer.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(id, 0, b, 0, id.length);
    return b;
  }

  /**
   * Appends records to the log in {@code args[0]}.
   *
   * @param args the folder
   */
  public static void main(String[] args) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (FilePredictionLog log = FilePredictionLog.builder(Path.of(args[0]))
        .privacyPolicy(PrivacyPolicy.keepAll()).maxSegmentBytes(256 * 1024).build()) {
      for (int i = 0; i < 2_000_000 && System.nanoTime() < deadline; i++) {
        AppendOutcome o = log.append(PredictionRecord.of("r" + i,
            Instant.ofEpochSecond(1_700_000_000L + i), "digits", "1",
            Map.of("i", Signal.of(i)), "7", Map.of("7", 0.9), Duration.ofNanos(i),
            Consent.TRAINING, "s" + (i % 10)), RawPayload.of("audio/wav", content(i)));
        if (!o.logged()) {
          throw new IllegalStateException("record " + i + " not logged: " + o);
        }
        System.out.println(i);
      }
    }
  }
}
