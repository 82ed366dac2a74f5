package dev.ciclo.monitor;

import dev.ciclo.api.monitor.DriftTestResult;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one window of the prediction log showed.
 *
 * @param index the window's number, from 0
 * @param start the window's first instant (for count windows, the first record's time)
 * @param end the window's end (exclusive for time windows; the last record's time for count
 *     windows)
 * @param records how many records were used
 * @param skippedRecords how many records had no usable value for any watched field
 * @param badValues how many watched values were missing or not numbers where numbers were due
 * @param badSegment whether reading the window failed part-way (what was read before is used)
 * @param tested whether the window held enough records to be tested
 * @param results the test results by subject (for example {@code "feature:mfcc3"}), after
 *     multiple-testing correction, in a stable order
 * @param datasetDrifted whether the share of drifted features reached the dataset rule's share
 */
public record WindowReport(
    int index,
    Instant start,
    Instant end,
    long records,
    long skippedRecords,
    long badValues,
    boolean badSegment,
    boolean tested,
    Map<String, DriftTestResult> results,
    boolean datasetDrifted) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public WindowReport {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
  }
}
