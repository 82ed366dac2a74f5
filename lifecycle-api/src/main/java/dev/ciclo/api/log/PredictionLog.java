package dev.ciclo.api.log;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An append-only log of predictions, with a payload store for the raw inputs that training
 * consent lets it keep.
 *
 * <p><b>Consent decides what is kept, per record</b>: {@link Consent#NONE}, nothing (only a
 * count); {@link Consent#MONITORING}, the prediction, the scores and the derived
 * {@link Signal}s, never the raw input; {@link Consent#TRAINING}, the raw input as well.
 *
 * <p>Implementations are thread-safe. Readers see every complete record; a record torn by a crash
 * is skipped, never returned half-read. No stored record references a payload that is missing
 * or torn: the payload is durable in the store before the record that names it is appended.
 */
public interface PredictionLog extends AutoCloseable {
  /**
   * Appends a record that carries no raw input, if its consent allows logging.
   *
   * @param record the record; its {@link PredictionRecord#input()} must be empty
   * @return {@code true} if it was stored, {@code false} if consent kept it out
   * @throws IllegalArgumentException if the record references an input
   * @throws dev.ciclo.api.CicloException if writing fails
   * @throws IllegalStateException if the log is closed
   */
  boolean append(PredictionRecord record);

  /**
   * Appends a record with its raw input: under {@link Consent#TRAINING} the payload goes to the
   * payload store (once per distinct content) and the stored record references it; under
   * {@link Consent#MONITORING} the payload is dropped; under {@link Consent#NONE} nothing is
   * stored. A payload the log does not accept (media type, size) or cannot write leaves the
   * record out: the outcome says why, and nothing stored before is damaged.
   *
   * @param record the record; its {@link PredictionRecord#input()} must be empty
   * @param input the raw input as it arrived
   * @return what was done
   * @throws IllegalArgumentException if the record already references an input
   * @throws IllegalStateException if the log is closed
   */
  AppendOutcome append(PredictionRecord record, Payload input);

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
   * The raw input a record references, read from the payload store and checked against its
   * hash.
   *
   * @param record a record read from this log
   * @return the payload; empty when the record references none, or the payload is gone (erased,
   *     past retention) or no longer matches its hash (such a payload is counted, never returned)
   */
  Optional<Payload> payload(PredictionRecord record);

  /**
   * Removes every record of a subject, and the payloads no remaining record references.
   *
   * @param subjectId the subject, not blank
   * @return how many records were removed
   */
  long erase(String subjectId);

  /** Flushes and closes the log. Closing twice does nothing. */
  @Override
  void close();
}
