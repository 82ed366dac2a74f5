package dev.ciclo.api.monitor;

import dev.ciclo.api.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A monitor's report that something changed.
 *
 * @param monitor the monitor's name, not blank
 * @param subject what drifted (for example {@code "feature:mfcc3"}, {@code "prediction"},
 *     {@code "error"}, {@code "vocabulary"}), not blank
 * @param detector the detector or test that fired, not blank
 * @param severity how urgent
 * @param magnitude how much it changed, in the detector's unit, finite
 * @param since the start of the first window that showed the change
 * @param raisedAt when the alert was raised
 * @param message a sentence for a person, not blank
 * @param details more facts by name
 */
public record Alert(
    String monitor,
    String subject,
    String detector,
    Severity severity,
    double magnitude,
    Instant since,
    Instant raisedAt,
    String message,
    Map<String, String> details) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a text is blank or the magnitude not finite
   */
  public Alert {
    Checks.notBlank(monitor, "monitor");
    Checks.notBlank(subject, "subject");
    Checks.notBlank(detector, "detector");
    Objects.requireNonNull(severity, "severity");
    Checks.finite(magnitude, "magnitude");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Checks.notBlank(message, "message");
    details = Map.copyOf(details);
  }
}
