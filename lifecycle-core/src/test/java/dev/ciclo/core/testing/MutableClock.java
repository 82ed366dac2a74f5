package dev.ciclo.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock tests move by hand. Thread-safe (the time is volatile). */
public final class MutableClock extends Clock {
  private volatile Instant now;

  /**
   * A clock that stands at {@code start} until advanced.
   *
   * @param start the first time
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock on.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    now = now.plus(d);
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
    return now;
  }
}
