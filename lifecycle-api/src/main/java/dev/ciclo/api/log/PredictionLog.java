package dev.ciclo.api.log;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * An append-only log of predictions.
 *
 * <p>Implementations are thread-safe. A record whose consent does not allow logging is not
 * stored. Readers see every complete record; a record torn by a crash is skipped, never returned
 * half-read.
 */
public interface PredictionLog extends AutoCloseable {
  /**
   * Appends a record, if its consent allows logging.
   *
   * @param record the record
   * @return {@code true} if it was stored, {@code false} if consent kept it out
   * @throws dev.ciclo.api.CicloException if writing fails
   * @throws IllegalStateException if the log is closed
   */
  boolean append(PredictionRecord record);

  /**
   * The records whose time is in {@code [from, to)}, oldest first. Close the stream when done.
   *
   * @param from the first instant included
   * @param to the first instant excluded
   * @return the records
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  Stream<PredictionRecord> read(Instant from, Instant to);

  /**
   * Removes every record of a subject.
   *
   * @param subjectId the subject, not blank
   * @return how many records were removed
   */
  long erase(String subjectId);

  /** Flushes and closes the log. Closing twice does nothing. */
  @Override
  void close();
}
