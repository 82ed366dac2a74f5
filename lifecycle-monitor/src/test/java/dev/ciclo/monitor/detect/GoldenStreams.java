package dev.ciclo.monitor.detect;

import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/** Seeded synthetic streams with one abrupt change, and what a detector does on them. */
final class GoldenStreams {
  private GoldenStreams() {}

  /** What happened over all seeds. */
  record Outcome(int runs, int falseAlarms, int missed, int[] delays, long alarmsBefore) {
    /** Median delay of the detected runs. */
    int medianDelay() {
      int[] d = Arrays.copyOf(delays, runs - missed);
      Arrays.sort(d);
      return d.length == 0 ? Integer.MAX_VALUE : d[d.length / 2];
    }

    int maxDelay() {
      return Arrays.stream(delays, 0, runs - missed).max().orElse(Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
      return "runs=" + runs + " falseAlarms=" + falseAlarms + " alarmsBefore=" + alarmsBefore
          + " missed=" + missed
          + " medianDelay=" + medianDelay() + " maxDelay=" + maxDelay();
    }
  }

  static Function<SplittableRandom, DoubleSupplier> bernoulli(double p) {
    return r -> () -> r.nextDouble() < p ? 1 : 0;
  }

  static Function<SplittableRandom, DoubleSupplier> gaussian(double mean, double sd) {
    return r -> () -> mean + sd * gaussian(r);
  }

  static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Runs a fresh detector per seed on {@code changeAt} stable values then up to {@code horizon}
   * changed ones. A false alarm is a DRIFT before the change (counted once per run); the delay is
   * the number of changed values fed until the first DRIFT.
   */
  static Outcome run(
      Supplier<DriftDetector> detectors,
      Function<SplittableRandom, DoubleSupplier> before,
      Function<SplittableRandom, DoubleSupplier> after,
      int changeAt,
      int horizon,
      int seeds) {
    int falseAlarms = 0;
    int missed = 0;
    int[] delays = new int[seeds];
    int detected = 0;
    long alarmsBefore = 0;
    for (int s = 0; s < seeds; s++) {
      SplittableRandom r = new SplittableRandom(1000 + s);
      DoubleSupplier b = before.apply(r);
      DoubleSupplier a = after.apply(r);
      DriftDetector d = detectors.get();
      boolean alarm = false;
      for (int i = 0; i < changeAt; i++) {
        if (d.update(b.getAsDouble()) == DriftState.DRIFT) {
          alarm = true;
          alarmsBefore++;
        }
      }
      if (alarm) {
        falseAlarms++;
      }
      int delay = -1;
      for (int i = 1; i <= horizon; i++) {
        if (d.update(a.getAsDouble()) == DriftState.DRIFT) {
          delay = i;
          break;
        }
      }
      if (delay < 0) {
        missed++;
      } else {
        delays[detected++] = delay;
      }
    }
    return new Outcome(seeds, falseAlarms, missed, delays, alarmsBefore);
  }
}
