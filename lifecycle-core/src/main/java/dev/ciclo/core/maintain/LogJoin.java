package dev.ciclo.core.maintain;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.core.log.PayloadStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Joins prediction-log records with labels that arrived later, by request id. */
final class LogJoin {
  private static final Logger LOG = LoggerFactory.getLogger(LogJoin.class);

  private LogJoin() {}

  /**
   * Labelled log examples decoded from their raw payloads, split into training and fresh, what
   * was left out, and the SHA-256 over the sorted {@code requestId payloadHash} lines of the
   * examples used (empty string when none).
   */
  record Built<X, Y>(List<Example<X, Y>> train, List<Example<X, Y>> fresh,
      int withoutTrainingConsent, int withoutLabel, int withoutPayload, int undecodable,
      String payloadFingerprint) {}

  /**
   * A label as the loop keeps it: decoded from its {@code LabelRecord}'s text, with its arrival
   * time (labels that arrived before a final promotion's window ended are pruned).
   */
  record Labelled<Y>(Y label, Instant time) {}

  /** Live accuracies of two versions on the same labelled requests. */
  record Live(int count, double candidate, double reference) {}

  /**
   * The labelled records of a model with training consent in {@code [from, to)}, one per request
   * id (a shadow's copy of a request is the same request), decoded; a stable hash of the request
   * id puts about {@code freshFraction} of them in the fresh set.
   */
  static <X, Y> Built<X, Y> build(PredictionLog log, Instant from, Instant to, String modelName,
      Map<String, Labelled<Y>> labels, Function<? super Payload, ? extends X> decoder,
      double freshFraction) {
    return build(log, from, to, modelName, labels, perRecord(log, decoder), freshFraction);
  }

  /**
   * The loop's own way of getting inputs: each record's raw input read from the log and decoded,
   * one by one.
   */
  static <X> TrainingInputs<X> perRecord(PredictionLog log,
      Function<? super Payload, ? extends X> decoder) {
    return (modelName, from, to, records) -> {
      Map<String, X> inputs = new HashMap<>();
      Set<String> bad = new HashSet<>();
      for (PredictionRecord r : records) {
        Optional<Payload> raw = log.payload(r);
        if (raw.isEmpty()) {
          continue;
        }
        X input;
        try {
          input = decoder.apply(raw.get());
        } catch (RuntimeException e) {
          LOG.debug("log record {} cannot be decoded: {}", r.requestId(), e.toString());
          input = null;
        }
        if (input == null) {
          bad.add(r.requestId());
        } else {
          inputs.put(r.requestId(), input);
        }
      }
      return new TrainingInputs.Inputs<>(inputs, bad);
    };
  }

  /** Like the other {@code build}, with the inputs from a {@link TrainingInputs} source. */
  static <X, Y> Built<X, Y> build(PredictionLog log, Instant from, Instant to, String modelName,
      Map<String, Labelled<Y>> labels, TrainingInputs<X> source, double freshFraction) {
    Map<String, PredictionRecord> byId = new LinkedHashMap<>();
    try (Stream<PredictionRecord> s = log.read(from, to)) {
      s.filter(r -> r.modelName().equals(modelName)).forEach(r -> byId.putIfAbsent(
          r.requestId(), r));
    }
    int noConsent = 0;
    int noLabel = 0;
    int noPayload = 0;
    List<PredictionRecord> wanted = new ArrayList<>();
    for (PredictionRecord r : byId.values()) {
      if (!r.consent().allowsTraining()) {
        noConsent++;
      } else if (!labels.containsKey(r.requestId())) {
        noLabel++;
      } else if (r.input().isEmpty()) {
        noPayload++;
      } else {
        wanted.add(r);
      }
    }
    TrainingInputs.Inputs<X> got = wanted.isEmpty()
        ? new TrainingInputs.Inputs<>(Map.of(), Set.of())
        : Objects.requireNonNull(source.inputs(modelName, from, to, List.copyOf(wanted)),
            "the training inputs' answer");
    List<Example<X, Y>> train = new ArrayList<>();
    List<Example<X, Y>> fresh = new ArrayList<>();
    int bad = 0;
    Map<String, String> used = new TreeMap<>();
    for (PredictionRecord r : wanted) {
      X input = got.inputs().get(r.requestId());
      if (input == null) {
        if (got.undecodable().contains(r.requestId())) {
          bad++;
        } else {
          noPayload++;
        }
        continue;
      }
      String group = r.subjectId().isBlank() ? r.requestId() : r.subjectId();
      String sha = r.input().orElseThrow().sha256();
      used.put(r.requestId(), sha);
      Example<X, Y> e = new Example<>(r.requestId(), input, labels.get(r.requestId()).label(),
          group, Set.of(), Map.of("payload.sha256", sha, "payload.media_type",
              r.input().get().mediaType()));
      (isFresh(r.requestId(), freshFraction) ? fresh : train).add(e);
    }
    StringBuilder lines = new StringBuilder();
    used.forEach((id, sha) -> lines.append(id).append(' ').append(sha).append('\n'));
    return new Built<>(train, fresh, noConsent, noLabel, noPayload, bad,
        used.isEmpty() ? "" : PayloadStore.sha256(lines.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Compares a candidate and a reference version on the requests of {@code [from, to)} that both
   * answered (one live, one as shadow) and that have a label. Consent is not asked beyond the
   * log's: measuring is monitoring.
   */
  static <Y> Live compare(PredictionLog log, Instant from, Instant to, String modelName,
      String candidate, String reference, Map<String, Labelled<Y>> labels,
      Function<String, ? extends Y> parser) {
    Map<String, String> cand = new HashMap<>();
    Map<String, String> ref = new HashMap<>();
    try (Stream<PredictionRecord> s = log.read(from, to)) {
      s.filter(r -> r.modelName().equals(modelName)).forEach(r -> {
        if (r.modelVersion().equals(candidate)) {
          cand.putIfAbsent(r.requestId(), r.prediction());
        } else if (r.modelVersion().equals(reference)) {
          ref.putIfAbsent(r.requestId(), r.prediction());
        }
      });
    }
    int n = 0;
    int rightCand = 0;
    int rightRef = 0;
    for (Map.Entry<String, String> e : cand.entrySet()) {
      String other = ref.get(e.getKey());
      Labelled<Y> label = labels.get(e.getKey());
      if (other == null || label == null) {
        continue;
      }
      n++;
      rightCand += right(e.getValue(), label.label(), parser) ? 1 : 0;
      rightRef += right(other, label.label(), parser) ? 1 : 0;
    }
    return n == 0 ? new Live(0, 0, 0)
        : new Live(n, rightCand / (double) n, rightRef / (double) n);
  }

  /**
   * One version's accuracy on its own requests of {@code [from, to)} that have a label (not
   * paired with another version's answers).
   */
  static <Y> Live accuracy(PredictionLog log, Instant from, Instant to, String modelName,
      String version, Map<String, Labelled<Y>> labels, Function<String, ? extends Y> parser) {
    Map<String, String> answers = new HashMap<>();
    try (Stream<PredictionRecord> s = log.read(from, to)) {
      s.filter(r -> r.modelName().equals(modelName) && r.modelVersion().equals(version))
          .forEach(r -> answers.putIfAbsent(r.requestId(), r.prediction()));
    }
    int n = 0;
    int right = 0;
    for (Map.Entry<String, String> e : answers.entrySet()) {
      Labelled<Y> label = labels.get(e.getKey());
      if (label != null) {
        n++;
        right += right(e.getValue(), label.label(), parser) ? 1 : 0;
      }
    }
    return n == 0 ? new Live(0, 0, 0) : new Live(n, right / (double) n, 0);
  }

  /**
   * Whether a logged prediction (its text, as the server wrote it) is the label: the text is
   * decoded with the loop's label parser; a prediction that does not parse is wrong.
   */
  static <Y> boolean right(String prediction, Y label, Function<String, ? extends Y> parser) {
    Y said;
    try {
      said = parser.apply(prediction);
    } catch (RuntimeException e) {
      return false;
    }
    return label.equals(said);
  }

  /** A stable, uniform draw from the request id: String.hashCode is fixed by the JLS. */
  static boolean isFresh(String requestId, double fraction) {
    long z = requestId.hashCode() * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53 < fraction;
  }
}
