package dev.ciclo.monitor;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, realistic stream of logged speech predictions (spoken digits with a transcript)
 * whose world changes at a given window: a new speaker appears, street noise gets louder, the
 * model errs more, predicts "8" more often with less confidence, and transcripts contain names
 * the model never saw. Some records are bad (a value "n/a", or nothing kept).
 */
final class SpeechStream {
  static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
  static final Duration WINDOW = Duration.ofMinutes(10);
  static final List<String> SPEAKERS = List.of("george", "jackson", "lucas", "nicolas", "theo");
  static final List<String> NEW_NAMES = List.of("zelenskyy", "milei", "sunak");
  static final List<String> WORDS = new ArrayList<>();

  static {
    for (int i = 0; i < 3_000; i++) {
      WORDS.add("word" + i);
    }
  }

  /** What the stream's labels say, by request id. */
  final Map<String, String> truth = new HashMap<>();
  private final SplittableRandom random;
  private final int changeWindow;

  SpeechStream(long seed, int changeWindow) {
    this.random = new SplittableRandom(seed);
    this.changeWindow = changeWindow;
  }

  static Set<String> vocabulary() {
    Set<String> v = new HashSet<>(WORDS);
    v.add("call");
    return v;
  }

  double gaussian() {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /** Reference samples as the training data would give them. */
  double[] referenceNoise(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -40 + 5 * gaussian();
    }
    return x;
  }

  double[] referenceEnergy(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = gaussian();
    }
    return x;
  }

  double[] referencePitch(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 150 + 20 * gaussian();
    }
    return x;
  }

  double[] referenceConfidence(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = clip(0.85 + 0.05 * gaussian());
    }
    return x;
  }

  static Map<String, Long> referenceSpeakers(long each) {
    Map<String, Long> m = new LinkedHashMap<>();
    SPEAKERS.forEach(s -> m.put(s, each));
    return m;
  }

  static Map<String, Long> referenceClasses(long each) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int d = 0; d < 10; d++) {
      m.put(Integer.toString(d), each);
    }
    return m;
  }

  private static double clip(double v) {
    return Math.max(0.1, Math.min(0.999, v));
  }

  /** The records of window {@code w}, spread evenly over its ten minutes. */
  List<PredictionRecord> window(int w, int n) {
    boolean changed = w >= changeWindow;
    List<PredictionRecord> out = new ArrayList<>();
    Instant start = T0.plus(WINDOW.multipliedBy(w));
    long step = WINDOW.toMillis() / n;
    for (int i = 0; i < n; i++) {
      String id = "w" + w + "-r" + i;
      Instant t = start.plusMillis(i * step + random.nextInt((int) step));
      String truthDigit = Integer.toString(random.nextInt(10));
      double error = changed ? 0.35 : 0.10;
      String predicted = truthDigit;
      if (random.nextDouble() < error) {
        predicted = changed && random.nextDouble() < 0.6 ? "8"
            : Integer.toString((Integer.parseInt(truthDigit) + 1 + random.nextInt(9)) % 10);
        if (predicted.equals(truthDigit)) {
          predicted = Integer.toString((Integer.parseInt(truthDigit) + 1) % 10);
        }
      }
      truth.put(id, truthDigit);
      double conf = changed ? clip(0.72 + 0.08 * gaussian()) : clip(0.85 + 0.05 * gaussian());
      Map<String, Double> scores = Map.of(predicted, conf);
      Map<String, Signal> input = new HashMap<>();
      String speaker = changed && random.nextDouble() < 0.3 ? "ana"
          : SPEAKERS.get(random.nextInt(SPEAKERS.size()));
      input.put("speaker", Signal.of(speaker));
      double noise = (changed ? -28 : -40) + 5 * gaussian();
      input.put("noise_db", i % 50 == 7 ? Signal.of("n/a") : Signal.of(noise));
      input.put("energy", Signal.of(gaussian()));
      input.put("pitch", Signal.of(150 + 20 * gaussian()));
      input.put("transcript", Signal.of(transcript(changed)));
      if (i % 97 == 13) {
        // nothing kept of this request, and no scores: unusable
        out.add(PredictionRecord.of(id, t, "digits", "3", Map.of(), "", Map.of(),
            Duration.ofMillis(5), Consent.MONITORING, ""));
        continue;
      }
      out.add(PredictionRecord.of(id, t, "digits", "3", input, predicted, scores,
          Duration.ofMillis(4 + random.nextInt(6)), Consent.MONITORING, "subject-" + i));
    }
    return out;
  }

  private String transcript(boolean changed) {
    StringBuilder b = new StringBuilder("call");
    for (int k = 0; k < 6; k++) {
      double u = random.nextDouble();
      b.append(' ');
      if (changed && u < 0.04) {
        b.append(NEW_NAMES.get(random.nextInt(NEW_NAMES.size())));
      } else if (u > 0.995) {
        b.append("typo").append(random.nextInt(100_000));
      } else {
        b.append(WORDS.get(random.nextInt(WORDS.size())));
      }
    }
    return b.toString();
  }
}
