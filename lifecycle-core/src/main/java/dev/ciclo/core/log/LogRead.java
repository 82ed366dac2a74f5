package dev.ciclo.core.log;

import dev.ciclo.api.log.PredictionRecord;
import java.util.List;

/**
 * What a read of the log found.
 *
 * @param records the complete records in the time range, oldest segment first, in the order they
 *     were written
 * @param skippedLines lines that were not complete records (torn by a crash or damaged) and were
 *     skipped, in every segment read
 * @param segments the number of segment files read
 */
public record LogRead(List<PredictionRecord> records, long skippedLines, int segments) {
  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public LogRead {
    records = List.copyOf(records);
    if (skippedLines < 0 || segments < 0) {
      throw new IllegalArgumentException("counts must not be negative but were " + skippedLines
          + " and " + segments);
    }
  }
}
