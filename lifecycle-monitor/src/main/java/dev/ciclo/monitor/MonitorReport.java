package dev.ciclo.monitor;

import dev.ciclo.api.monitor.Alert;
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
    long noDataAlerts) {
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
}
