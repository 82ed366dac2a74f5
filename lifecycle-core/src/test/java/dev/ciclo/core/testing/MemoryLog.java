package dev.ciclo.core.testing;

import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.core.log.PayloadStore;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A prediction log in memory, for tests: keeps the records that consent to logging, in order,
 * and the raw inputs of those with training consent. Thread-safe.
 */
public final class MemoryLog implements PredictionLog {
  private final List<PredictionRecord> records = new CopyOnWriteArrayList<>();
  private final Map<String, Payload> payloads = new ConcurrentHashMap<>();

  /** An empty log. */
  public MemoryLog() {}

  /**
   * The records kept so far, as a live read-only view.
   *
   * @return the records, in the order they were appended
   */
  public List<PredictionRecord> records() {
    return Collections.unmodifiableList(records);
  }

  @Override
  public boolean append(PredictionRecord record) {
    if (record.input().isPresent()) {
      throw new IllegalArgumentException("record must not reference an input");
    }
    if (!record.consent().allowsLogging()) {
      return false;
    }
    records.add(record);
    return true;
  }

  @Override
  public AppendOutcome append(PredictionRecord record, Payload input) {
    if (!record.consent().allowsTraining()) {
      return append(record) ? AppendOutcome.LOGGED : AppendOutcome.NO_CONSENT;
    }
    String sha = PayloadStore.sha256(input.canonicalBytes());
    payloads.putIfAbsent(sha, input);
    records.add(record.withInput(Optional.of(new PayloadRef(sha, input.mediaType(),
        input.size()))));
    return AppendOutcome.LOGGED;
  }

  @Override
  public Optional<Payload> payload(PredictionRecord record) {
    return record.input().map(r -> payloads.get(r.sha256()));
  }

  @Override
  public Stream<PredictionRecord> read(Instant from, Instant to) {
    return records.stream().filter(r -> !r.time().isBefore(from) && r.time().isBefore(to));
  }

  @Override
  public long erase(String subjectId) {
    long before = records.size();
    records.removeIf(r -> r.subjectId().equals(subjectId));
    return before - records.size();
  }

  @Override
  public void close() {}
}
