package dev.ciclo.kafka;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The monitor's own JVM for {@link KafkaLogMonitorTest}: polls in small batches, prints
 * {@code ALERT <id>} for each alert its listener hears and {@code CLOSED <n>} after each window,
 * and {@code DONE} when every expected window is closed.
 *
 * <p>Arguments: bootstrap servers, topic, results directory, group, windows expected, pause
 * between polls in ms.
 */
public final class MonitorChild {
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int PER_WINDOW = 240;
  /** Windows whose rms is shifted (a drift episode over three windows, then another). */
  static final int[] SHIFTED = {4, 5, 6, 10, 11};
  /** A window whose records carry no signal (the model lost its signal function). */
  static final int SILENT = 8;
  static final int WINDOWS = 12;
  /**
   * Windows where one token in 30 of the transcripts is new: the vocabulary's sequential test
   * gains about 13 per window (threshold 20), so it alarms in the second of them only if its
   * statistic carried over from the first.
   */
  static final int[] NEW_WORDS = {5, 6};
  static final List<String> VOCABULARY = List.of("yes", "no", "up", "down", "left", "right",
      "on", "off", "stop", "go");

  private MonitorChild() {}

  /**
   * The monitor: rms against a seeded reference, the device category, the transcript's
   * vocabulary.
   */
  static LogMonitor.Builder monitor() {
    SplittableRandom r = new SplittableRandom(42);
    double[] ref = new double[800];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = 0.1 + 0.02 * r.nextGaussian();
    }
    return LogMonitor.builder("speech").numericFeature("rms", ref)
        .categoricalFeature("device", Map.of("android", 400L, "ios", 400L))
        .textField("transcript", VocabularyDrift.builder(Set.copyOf(VOCABULARY))
            .baselineRate(0.01).alarmRate(0.05).build());
  }

  /** The records of the stream, window by window, in time order (seeded). */
  static PredictionRecord record(Instant t0, int i) {
    int window = i / PER_WINDOW;
    SplittableRandom r = new SplittableRandom(1_000 + i);
    boolean shifted = java.util.Arrays.stream(SHIFTED).anyMatch(w -> w == window);
    Map<String, Signal> s = new HashMap<>();
    if (window != SILENT) {
      s.put("rms", Signal.of((shifted ? 0.16 : 0.1) + 0.02 * r.nextGaussian()));
      s.put("device", Signal.of(r.nextBoolean() ? "android" : "ios"));
      boolean newWords = java.util.Arrays.stream(NEW_WORDS).anyMatch(w -> w == window);
      StringBuilder text = new StringBuilder();
      for (int j = 0; j < 4; j++) {
        boolean unknown = newWords && (i * 4 + j) % 30 == 0;
        text.append(j == 0 ? "" : " ").append(unknown ? "zorblax" + i
            : VOCABULARY.get(r.nextInt(VOCABULARY.size())));
      }
      s.put("transcript", Signal.of(text.toString()));
    }
    Instant t = t0.plus(WINDOW.multipliedBy(window))
        .plusMillis((i % PER_WINDOW) * (WINDOW.toMillis() / PER_WINDOW));
    return PredictionRecord.of("r" + i, t, "speech", "1", s, "yes", Map.of("yes", 0.9),
        Duration.ofMillis(2), Consent.MONITORING, "user-" + (i % 17));
  }

  static KafkaLogMonitor.Builder kafkaMonitor(String bootstrap, String topic, Path results,
      String group) {
    return KafkaLogMonitor.builder(bootstrap, topic, monitor(), results).groupId(group)
        .window(WINDOW).pollTimeout(Duration.ofMillis(200));
  }

  public static void main(String[] args) throws Exception {
    int expected = Integer.parseInt(args[4]);
    long pause = Long.parseLong(args[5]);
    try (KafkaLogMonitor m = kafkaMonitor(args[0], args[1], Path.of(args[2]), args[3])
        .consumerProperty("max.poll.records", 40)
        .listener(a -> System.out.println("ALERT " + a.details().get(KafkaLogMonitor.ALERT_ID)))
        .build()) {
      System.out.println("STARTED " + m.windowsClosed());
      while (m.windowsClosed() < expected || m.openWindows() > 0) {
        int before = m.windowsClosed();
        m.poll();
        for (int w = before; w < m.windowsClosed(); w++) {
          System.out.println("CLOSED " + w);
        }
        System.out.flush();
        Thread.sleep(pause);
      }
      System.out.println("DONE");
    }
  }
}
