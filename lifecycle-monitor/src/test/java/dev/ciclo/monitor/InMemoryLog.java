package dev.ciclo.monitor;

import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A prediction log in memory, with injectable faults, for tests. */
final class InMemoryLog implements PredictionLog {
  private final List<PredictionRecord> records = new ArrayList<>();
  /** Reads starting at these instants fail after 10 records (a torn segment). */
  final Set<Instant> tornAt = new HashSet<>();
  /** When set, every read fails at once (the log is down). */
  boolean down;
  int reads;

  @Override
  public synchronized boolean append(PredictionRecord record) {
    if (!record.consent().allowsLogging()) {
      return false;
    }
    int i = records.size();
    while (i > 0 && records.get(i - 1).time().isAfter(record.time())) {
      i--;
    }
    records.add(i, record);
    return true;
  }

  @Override
  public AppendOutcome append(PredictionRecord record, Payload input) {
    return append(record) ? AppendOutcome.LOGGED : AppendOutcome.NO_CONSENT;
  }

  @Override
  public Optional<Payload> payload(PredictionRecord record) {
    return Optional.empty();
  }

  @Override
  public synchronized Stream<PredictionRecord> read(Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
    reads++;
    if (down) {
      throw new UncheckedIOException(new java.io.IOException("log storage is unreachable"));
    }
    List<PredictionRecord> out = new ArrayList<>();
    for (PredictionRecord r : records) {
      if (!r.time().isBefore(from) && r.time().isBefore(to)) {
        out.add(r);
      }
    }
    if (!tornAt.contains(from)) {
      return out.stream();
    }
    Iterator<PredictionRecord> base = out.iterator();
    Iterator<PredictionRecord> torn = new Iterator<>() {
      int n;

      @Override
      public boolean hasNext() {
        if (n >= 10) {
          throw new UncheckedIOException(new java.io.IOException("segment " + from + " is torn"));
        }
        return base.hasNext();
      }

      @Override
      public PredictionRecord next() {
        n++;
        return base.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(torn, 0), false);
  }

  @Override
  public synchronized long erase(String subjectId) {
    int before = records.size();
    records.removeIf(r -> r.subjectId().equals(subjectId));
    return before - records.size();
  }

  @Override
  public void close() {}
}
