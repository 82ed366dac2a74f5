package dev.ciclo.monitor;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.monitor.batch.DatasetDrift;
import dev.ciclo.monitor.performance.AccuracyWindow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A monitor's history so far: its windows, the alerts it raised, accuracy from late labels, and
 * what it had to skip.
 *
 * @param monitor the monitor's name
 * @param createdAt when the report was made
 * @param windows the most recent windows (up to the monitor's history limit), oldest first
 * @param alerts the most recent alerts, oldest first
 * @param accuracy accuracy windows from joined labels, oldest first (empty without labels)
 * @param recordsRead every record read
 * @param recordsSkipped records with no usable value
 * @param badValues watched values that were missing or unparsable
 * @param badSegments windows whose reading failed (skipped or cut short)
 * @param noDataAlerts how many times the records read carried none of the monitored signals
 *     (each time raised a {@code no-data} alert)
 * @param rule the rule that decided the feature tests (level, correction, share), or
 *     {@code null} when the report was made without one
 */
public record MonitorReport(
    String monitor,
    Instant createdAt,
    List<WindowReport> windows,
    List<Alert> alerts,
    List<AccuracyWindow> accuracy,
    long recordsRead,
    long recordsSkipped,
    long badValues,
    long badSegments,
    long noDataAlerts,
    DatasetDrift rule) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public MonitorReport {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(createdAt, "createdAt");
    windows = List.copyOf(windows);
    alerts = List.copyOf(alerts);
    accuracy = List.copyOf(accuracy);
  }

  /**
   * A report without the decision rule (its {@link #toString()} then says so).
   *
   * @throws NullPointerException if an argument is null
   */
  public MonitorReport(String monitor, Instant createdAt, List<WindowReport> windows,
      List<Alert> alerts, List<AccuracyWindow> accuracy, long recordsRead, long recordsSkipped,
      long badValues, long badSegments, long noDataAlerts) {
    this(monitor, createdAt, windows, alerts, accuracy, recordsRead, recordsSkipped, badValues,
        badSegments, noDataAlerts, null);
  }

  /**
   * The report as text tables: a summary line, the decision rule in words, one row per window,
   * each decision that drifted or was significant before correction with its threshold in
   * words, the alerts and the accuracy windows.
   *
   * @return lines separated by {@code \n}
   */
  @Override
  public String toString() {
    return MonitorReportText.render(this);
  }
}
