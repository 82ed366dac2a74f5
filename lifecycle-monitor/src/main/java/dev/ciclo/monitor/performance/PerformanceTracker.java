package dev.ciclo.monitor.performance;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.monitor.detect.Adwin;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Joins late labels to earlier predictions by request id, tracks accuracy over windows of joined
 * predictions, and feeds the error stream (1 for a wrong prediction) to a drift detector.
 *
 * <p>Predictions wait for their label in a bounded table; when it is full the oldest is dropped
 * and counted as expired. A label with no waiting prediction is counted as unmatched. Labels may
 * arrive in any order; the error stream follows the order of arrival.
 *
 * <p>Defaults: {@link Adwin} (paper defaults) on the error stream, windows of 500 joined
 * predictions, at most 100,000 waiting predictions, the last 1,000 windows kept.
 *
 * <p>Not thread-safe.
 */
public final class PerformanceTracker {
  private static final int KEPT_WINDOWS = 1_000;

  private final DriftDetector detector;
  private final int windowSize;
  private final int maxPending;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final Deque<AccuracyWindow> windows = new ArrayDeque<>();
  private int windowIndex;
  private long inWindow;
  private long correctInWindow;
  private Instant windowFrom;
  private Instant windowTo;
  private long joined;
  private Instant lastJoined;
  private long unmatched;
  private long expired;

  private record Pending(String predicted, Instant time) {}

  private PerformanceTracker(Builder b) {
    this.detector = b.detector.get();
    this.windowSize = b.windowSize;
    this.maxPending = b.maxPending;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records a prediction that may get a label later.
   *
   * @param requestId the request's id, not null
   * @param predicted the predicted label, not null
   * @param time when it was predicted, not null
   */
  public void prediction(String requestId, String predicted, Instant time) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(predicted, "predicted");
    Objects.requireNonNull(time, "time");
    if (pending.size() >= maxPending && !pending.containsKey(requestId)) {
      Iterator<String> it = pending.keySet().iterator();
      it.next();
      it.remove();
      expired++;
    }
    pending.put(requestId, new Pending(predicted, time));
  }

  /**
   * Joins a label to its prediction and feeds the detector.
   *
   * @param requestId the request's id, not null
   * @param actual the true label, not null
   * @return the detector's state after the value, or {@link DriftState#NONE} if no prediction was
   *     waiting for this id (counted as unmatched)
   */
  public DriftState label(String requestId, String actual) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(actual, "actual");
    Pending p = pending.remove(requestId);
    if (p == null) {
      unmatched++;
      return DriftState.NONE;
    }
    joined++;
    lastJoined = p.time();
    boolean right = p.predicted().equals(actual);
    if (inWindow == 0) {
      windowFrom = p.time();
      windowTo = p.time();
    }
    windowFrom = p.time().isBefore(windowFrom) ? p.time() : windowFrom;
    windowTo = p.time().isAfter(windowTo) ? p.time() : windowTo;
    inWindow++;
    if (right) {
      correctInWindow++;
    }
    if (inWindow == windowSize) {
      windows.addLast(
          new AccuracyWindow(windowIndex++, windowFrom, windowTo, inWindow, correctInWindow));
      if (windows.size() > KEPT_WINDOWS) {
        windows.removeFirst();
      }
      inWindow = 0;
      correctInWindow = 0;
    }
    return detector.update(right ? 0 : 1);
  }

  /**
   * The completed accuracy windows, oldest first (at most the last 1,000).
   *
   * @return a copy
   */
  public List<AccuracyWindow> windows() {
    return new ArrayList<>(windows);
  }

  /**
   * The error-stream detector (its estimate is the current error rate).
   *
   * @return the detector
   */
  public DriftDetector detector() {
    return detector;
  }

  /**
   * How many labels were joined to a prediction.
   *
   * @return the count
   */
  public long joined() {
    return joined;
  }

  /**
   * When the prediction joined last was made.
   *
   * @return its time, or empty before the first join
   */
  public java.util.Optional<Instant> lastJoinedTime() {
    return java.util.Optional.ofNullable(lastJoined);
  }

  /**
   * How many labels found no waiting prediction.
   *
   * @return the count
   */
  public long unmatched() {
    return unmatched;
  }

  /**
   * How many predictions were dropped from a full table before their label came.
   *
   * @return the count
   */
  public long expired() {
    return expired;
  }

  /**
   * How many predictions are waiting for a label.
   *
   * @return the count
   */
  public int pending() {
    return pending.size();
  }

  /** Settings of a {@link PerformanceTracker}; each setter checks its value at once. */
  public static final class Builder {
    private Supplier<DriftDetector> detector = Adwin::create;
    private int windowSize = 500;
    private int maxPending = 100_000;

    private Builder() {}

    /**
     * Makes the error-stream detector; default {@link Adwin#create()}. It must take 0 and 1.
     *
     * @param value the factory
     * @return this builder
     */
    public Builder detector(Supplier<DriftDetector> value) {
      this.detector = Objects.requireNonNull(value, "detector");
      return this;
    }

    /**
     * Joined predictions per accuracy window; default 500.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder windowSize(int value) {
      this.windowSize = Checks.atLeast(value, 1, "windowSize");
      return this;
    }

    /**
     * Predictions that may wait for a label; default 100,000.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxPending(int value) {
      this.maxPending = Checks.atLeast(value, 1, "maxPending");
      return this;
    }

    /**
     * Makes the tracker.
     *
     * @return a new tracker
     */
    public PerformanceTracker build() {
      return new PerformanceTracker(this);
    }
  }
}
