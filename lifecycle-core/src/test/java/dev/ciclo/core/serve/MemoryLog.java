package dev.ciclo.core.serve;

import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A prediction log in memory, for server tests. */
final class MemoryLog implements PredictionLog {
  final List<PredictionRecord> records = new CopyOnWriteArrayList<>();

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
