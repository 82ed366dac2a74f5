package dev.ciclo.spark;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.testkit.Required;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real FSDD clips logged as a server logs them: every third request under monitoring consent
 * only (no raw input kept), the others under training consent with the WAV bytes as the raw
 * input; one training record whose bytes are not a WAV, one shadow copy of a request (same id,
 * another version) and one request of another model.
 */
final class LoggedClips {
  static final String MODEL = "digits";
  static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  /** What was logged. */
  record Clip(String requestId, String subject, String digit, byte[] wav, Consent consent) {}

  final List<Clip> clips = new ArrayList<>();

  /** The decoder the maintenance loop of a WAV model uses. */
  static AudioClip decode(Payload raw) {
    return Wav.decode(((RawPayload) raw).bytes(), "logged clip");
  }

  /** Reads {@code n} FSDD recordings (sorted by name, every speaker) from the shared data. */
  LoggedClips(int n) {
    Path dir = Required.data("fsdd/recordings");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int step = Math.max(1, files.size() / n);
    for (int i = 0; i < n; i++) {
      Path f = files.get(i * step);
      String[] parts = f.getFileName().toString().replace(".wav", "").split("_");
      byte[] wav;
      try {
        wav = Files.readAllBytes(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      clips.add(new Clip("req-" + i, "user-" + parts[1], parts[0], wav,
          i % 3 == 0 ? Consent.MONITORING : Consent.TRAINING));
    }
  }

  static PredictionRecord record(String id, int i, String model, String version,
      Consent consent, String subject) {
    Map<String, Signal> signals = new LinkedHashMap<>();
    signals.put("rms", Signal.of(0.01 * (i % 7)));
    signals.put("device", Signal.of(i % 2 == 0 ? "android" : "ios"));
    return PredictionRecord.of(id, T0.plusSeconds(i), model, version, signals,
        String.valueOf(i % 10), Map.of(String.valueOf(i % 10), 0.5 + 0.01 * (i % 40)),
        Duration.ofMillis(2), consent, subject);
  }

  /** Logs everything to the log; returns the request id of the undecodable record. */
  String logTo(PredictionLog log) {
    for (int i = 0; i < clips.size(); i++) {
      Clip c = clips.get(i);
      log.append(record(c.requestId(), i, MODEL, "1", c.consent(), c.subject()),
          RawPayload.of("audio/wav", c.wav()));
    }
    Clip shadowed = clips.get(1);
    log.append(record(shadowed.requestId(), 1, MODEL, "2", shadowed.consent(),
        shadowed.subject()), RawPayload.of("audio/wav", shadowed.wav()));
    log.append(record("other-model", 5000, "other", "1", Consent.TRAINING, "user-x"),
        RawPayload.of("audio/wav", clips.get(2).wav()));
    log.append(record("not-a-wav", 5001, MODEL, "1", Consent.TRAINING, "user-y"),
        RawPayload.of("audio/wav", new byte[] {'R', 'I', 'F', 'F', 1, 2, 3}));
    return "not-a-wav";
  }
}
