package dev.ciclo.core.testing;

import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A prediction log in memory, for tests: keeps the records that consent to logging, in order.
 * Thread-safe.
 */
public final class MemoryLog implements PredictionLog {
  private final List<PredictionRecord> records = new CopyOnWriteArrayList<>();

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
    if (!record.consent().allowsLogging()) {
      return false;
    }
    records.add(record);
    return true;
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
