package dev.ciclo.core.train;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.run.RunEnvironment;
import dev.ciclo.core.run.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a one-shot {@link Trainer} (a Tribuo classifier, say) and records the run: parameters,
 * seed, data fingerprints, dev metrics, environment, start, duration and outcome. No epochs are
 * invented for a trainer that has none.
 *
 * <pre>{@code
 * RunRecorder rec = RunRecorder.builder().store(RunStore.in(ws)).build();
 * RunRecorder.Result<FeatureVector, String> r = rec.train(trainer, split.train(), split.dev(), 7);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RunRecorder {
  private final RunStore store;
  private final Clock clock;

  private RunRecorder(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
  }

  /**
   * A builder: no store (records are returned, not saved), the UTC system clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A trained model and its run record.
   *
   * @param model the model
   * @param record the record, saved when the recorder has a store
   * @param <X> the input type
   * @param <Y> the target type
   */
  public record Result<X, Y>(Model<X, Y> model, RunRecord record) {
    /**
     * Checks the values.
     *
     * @throws NullPointerException if an argument is null
     */
    public Result {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(record, "record");
    }
  }

  /**
   * Trains and records. A failing trainer leaves a record with outcome {@code FAILED} in the
   * store and the exception is rethrown.
   *
   * @param trainer the trainer
   * @param train the training data
   * @param dev the dev data measured with {@code metrics}; may be empty (then no metrics)
   * @param metrics what to measure on dev
   * @param seed the seed
   * @param <X> the input type
   * @param <Y> the target type
   * @return the model and the record
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as the trainer throws it for bad data
   */
  public <X, Y> Result<X, Y> train(Trainer<X, Y> trainer, Dataset<X, Y> train, Dataset<X, Y> dev,
      DevMetrics<X, Y> metrics, long seed) {
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(dev, "dev");
    Objects.requireNonNull(metrics, "metrics");
    Instant start = clock.instant();
    String runId = runId(trainer.name(), start, seed);
    Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("train", train.fingerprint());
    if (!dev.isEmpty()) {
      fingerprints.put("dev", dev.fingerprint());
    }
    try {
      Model<X, Y> model = trainer.train(train, seed);
      Map<String, Double> m = dev.isEmpty() ? Map.of() : metrics.measure(model, dev);
      RunRecord r = new RunRecord(runId, trainer.name(), trainer.parameters(), seed, fingerprints,
          List.of(), m, RunEnvironment.current(), start,
          nonNegative(Duration.between(start, clock.instant())), RunOutcome.COMPLETED, List.of());
      save(r);
      return new Result<>(model, r);
    } catch (RuntimeException e) {
      save(new RunRecord(runId, trainer.name(), trainer.parameters(), seed, fingerprints,
          List.of(), Map.of(), RunEnvironment.current(), start,
          nonNegative(Duration.between(start, clock.instant())), RunOutcome.FAILED,
          List.of("failed: " + e)));
      throw e;
    }
  }

  /**
   * Trains and records with {@link DevMetrics#accuracy()}.
   *
   * @param trainer the trainer
   * @param train the training data
   * @param dev the dev data; may be empty
   * @param seed the seed
   * @param <X> the input type
   * @param <Y> the target type
   * @return the model and the record
   */
  public <X, Y> Result<X, Y> train(
      Trainer<X, Y> trainer, Dataset<X, Y> train, Dataset<X, Y> dev, long seed) {
    return train(trainer, train, dev, DevMetrics.accuracy(), seed);
  }

  /**
   * A run id from the trainer's name, the start time and the seed:
   * {@code name-yyyyMMddTHHmmssSSSZ-sSEED}, usable as a file name.
   *
   * @param trainer the trainer's name
   * @param start the start
   * @param seed the seed
   * @return the id
   */
  public static String runId(String trainer, Instant start, long seed) {
    String t = start.toString().replace("-", "").replace(":", "").replace(".", "");
    String safe = trainer.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe + "-" + t + "-s" + Long.toString(seed).replace('-', 'm');
  }

  static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void save(RunRecord r) {
    if (store != null) {
      store.save(r);
    }
  }

  /** Configures a {@link RunRecorder}. Not thread-safe. */
  public static final class Builder {
    private RunStore store;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Where records are saved. Default: none (records are only returned).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(RunStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The clock for start times and durations. Default: the UTC system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Makes the recorder.
     *
     * @return the recorder
     */
    public RunRecorder build() {
      return new RunRecorder(this);
    }
  }
}
