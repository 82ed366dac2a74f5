package dev.ciclo.examples.cycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's simulated time: every request the app sends moves it on, so log windows and run
 * records tell the story's hours in seconds of real time. Thread-safe.
 */
final class SimClock extends Clock {
  private final AtomicReference<Instant> now;

  SimClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Moves time on and returns the new instant. */
  Instant advance(Duration d) {
    return now.updateAndGet(t -> t.plus(d));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
