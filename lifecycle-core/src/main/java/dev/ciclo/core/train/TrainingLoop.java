package dev.ciclo.core.train;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.train.EpochMetrics;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.api.train.TrainingListener;
import dev.ciclo.core.run.RunEnvironment;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.workspace.Workspace;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Runs an {@link IterativeTrainer} for epochs of mini-batches, the way Keras' {@code fit} and
 * PyTorch Lightning's {@code Trainer} do, and records the run.
 *
 * <pre>{@code
 * TrainingResult<FeatureVector, String> r = TrainingLoop.builder()
 *     .epochs(50).batchSize(32).learningRate(LearningRateSchedule.constant(1e-3))
 *     .earlyStopping(EarlyStopping.maximize("dev.accuracy", 5))
 *     .workspace(ws)                    // run record in runs/, checkpoints
 *     .build()
 *     .run(mlp, split.train(), split.dev(), 42);
 * System.out.println(r.history().toTable());
 * }</pre>
 *
 * <p><b>Each epoch</b>: the training set is shuffled with a stream drawn from the seed and the
 * epoch, cut into mini-batches of {@code batchSize} (the last may be smaller), each fed to the
 * learner with the epoch's learning rate; then a snapshot of the model is measured on the dev
 * set, checkpoints are written, and early stopping decides whether to go on.
 *
 * <p><b>Listener call order</b>, all on the calling thread: {@code onTrainingStart} once; per
 * epoch {@code onEpochStart}, {@code onStep} after each mini-batch, {@code onEpochEnd} after
 * the dev metrics are measured; {@code onTrainingEnd} exactly once, also on failure or
 * cancellation. Within one event, the host's listeners are called in the order added, then the
 * progress bar. Checkpoints are written after every {@code onEpochEnd}. A listener's exception
 * fails the run (outcome {@code FAILED}) and is rethrown.
 *
 * <p><b>Cancellation</b>: interrupting the training thread ends the run after the current
 * mini-batch with outcome {@code CANCELLED}; the interrupt flag is kept set.
 *
 * <p>Immutable and thread-safe: one loop can run several trainings at once, each with its own
 * learner. Determinism: the same trainer, data and seed give the same batches, the same history
 * losses and the same model.
 */
public final class TrainingLoop {
  private final int epochs;
  private final int batchSize;
  private final LearningRateSchedule schedule;
  private final EarlyStopping earlyStopping;
  private final List<TrainingListener> listeners;
  private final Workspace workspace;
  private final int checkpointEvery;
  private final PrintStream progress;
  private final Clock clock;
  private final String runId;
  private final DevMetrics<?, ?> devMetrics;

  private TrainingLoop(Builder b) {
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.schedule = b.schedule;
    this.earlyStopping = b.earlyStopping;
    this.listeners = List.copyOf(b.listeners);
    this.workspace = b.workspace;
    this.checkpointEvery = b.checkpointEvery;
    this.progress = b.progress;
    this.clock = b.clock;
    this.runId = b.runId;
    this.devMetrics = b.devMetrics;
  }

  /**
   * A builder with the defaults: 10 epochs, batch size 32, constant learning rate 0.001, no
   * early stopping, {@link DevMetrics#accuracy()}, no workspace (no run file, no checkpoints),
   * progress bar on {@code System.err}, the UTC system clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains with no dev set: every planned epoch runs and no dev metric is measured.
   *
   * @param trainer the trainer
   * @param train the training data, not empty
   * @param seed the seed of the learner and of the batch order
   * @param <X> the input type
   * @param <Y> the target type
   * @return the result
   * @throws IllegalStateException if early stopping is configured (it needs a dev set)
   * @throws IllegalArgumentException if the training data is empty or unusable
   */
  public <X, Y> TrainingResult<X, Y> run(
      IterativeTrainer<X, Y> trainer, Dataset<X, Y> train, long seed) {
    Objects.requireNonNull(train, "train");
    if (earlyStopping != null) {
      throw new IllegalStateException("early stopping on " + earlyStopping.metric()
          + " needs a dev set: call run(trainer, train, dev, seed)");
    }
    return run(trainer, train, Dataset.of(train.name() + "/no-dev", List.of()), seed);
  }

  /**
   * Trains, measuring the dev set after every epoch.
   *
   * @param trainer the trainer
   * @param train the training data, not empty
   * @param dev the dev data; may be empty only when there is no early stopping
   * @param seed the seed of the learner and of the batch order
   * @param <X> the input type
   * @param <Y> the target type
   * @return the model, history, outcome and run record
   * @throws IllegalArgumentException if the training data is empty or unusable, or early stopping
   *     is configured and the dev set is empty or does not measure its metric
   * @throws RuntimeException whatever a listener or the learner threw; the run is then recorded
   *     as {@code FAILED}
   */
  @SuppressWarnings("unchecked")
  public <X, Y> TrainingResult<X, Y> run(
      IterativeTrainer<X, Y> trainer, Dataset<X, Y> train, Dataset<X, Y> dev, long seed) {
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(dev, "dev");
    if (train.isEmpty()) {
      throw new IllegalArgumentException("cannot train on dataset " + train.name()
          + ": it is empty");
    }
    if (earlyStopping != null && dev.isEmpty()) {
      throw new IllegalArgumentException("early stopping on " + earlyStopping.metric()
          + " needs a dev set but dev dataset " + dev.name() + " is empty");
    }
    Instant start = clock.instant();
    String id = runId != null ? runId : RunRecorder.runId(trainer.name(), start, seed);
    List<TrainingListener> all = new ArrayList<>(listeners);
    if (progress != null) {
      all.add(new ProgressBar(progress, clock));
    }
    CheckpointWriter checkpoints = workspace == null || checkpointEvery == 0 ? null
        : new CheckpointWriter(workspace.runs().resolve(id).resolve("checkpoints"),
            checkpointEvery);
    Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("train", train.fingerprint());
    if (!dev.isEmpty()) {
      fingerprints.put("dev", dev.fingerprint());
    }
    Map<String, String> params = new LinkedHashMap<>(trainer.parameters());
    params.put("loop.epochs", Integer.toString(epochs));
    params.put("loop.batchSize", Integer.toString(batchSize));
    params.put("loop.lr.epoch1", Double.toString(schedule.rate(1)));
    if (earlyStopping != null) {
      params.put("loop.earlyStopping", earlyStopping.toString());
    }
    DevMetrics<X, Y> metrics = (DevMetrics<X, Y>) devMetrics;
    int steps = (train.size() + batchSize - 1) / batchSize;
    List<EpochMetrics> history = new ArrayList<>();
    RunOutcome outcome = RunOutcome.COMPLETED;
    Model<X, Y> best = null;
    int bestEpoch = 0;
    double bestValue = Double.NaN;
    Model<X, Y> last = null;
    int sinceBest = 0;
    Learner<X, Y> learner = trainer.start(train, seed);
    List<Example<X, Y>> order = new ArrayList<>(train.examples());
    SplittableRandom seeds = new SplittableRandom(seed ^ 0x5DEECE66DL);
    try {
      for (TrainingListener l : all) {
        l.onTrainingStart(id, epochs, steps);
      }
      epochLoop:
      for (int epoch = 1; epoch <= epochs; epoch++) {
        long epochStart = System.nanoTime();
        double lr = schedule.rate(epoch);
        if (!(lr >= 0 && Double.isFinite(lr))) {
          throw new IllegalArgumentException("the learning-rate schedule gave " + lr
              + " for epoch " + epoch + ": expected a finite, non-negative rate");
        }
        for (TrainingListener l : all) {
          l.onEpochStart(epoch);
        }
        Collections.shuffle(order, new Random(seeds.nextLong()));
        double lossSum = 0;
        for (int s = 0; s < steps; s++) {
          if (Thread.currentThread().isInterrupted()) {
            outcome = RunOutcome.CANCELLED;
            break epochLoop;
          }
          List<Example<X, Y>> batch =
              order.subList(s * batchSize, Math.min(train.size(), (s + 1) * batchSize));
          double loss = learner.fitBatch(batch, lr);
          if (!Double.isFinite(loss)) {
            throw new IllegalStateException("training diverged: the loss of epoch " + epoch
                + " step " + (s + 1) + " is " + loss + " (learning rate " + lr + ")");
          }
          lossSum += loss * batch.size();
          for (TrainingListener l : all) {
            l.onStep(epoch, s + 1, loss);
          }
        }
        last = learner.snapshot();
        Map<String, Double> m = dev.isEmpty() ? Map.of() : metrics.measure(last, dev);
        EpochMetrics em = new EpochMetrics(epoch, lossSum / train.size(), lr, m,
            Duration.ofNanos(System.nanoTime() - epochStart));
        history.add(em);
        for (TrainingListener l : all) {
          l.onEpochEnd(em);
        }
        boolean improved = false;
        if (earlyStopping != null) {
          Double v = m.get(earlyStopping.metric());
          if (v == null) {
            throw new IllegalArgumentException("early stopping watches '" + earlyStopping.metric()
                + "' but the dev metrics are " + m.keySet());
          }
          improved = best == null || earlyStopping.improves(v, bestValue);
          if (improved) {
            best = last;
            bestEpoch = epoch;
            bestValue = v;
            sinceBest = 0;
          } else {
            sinceBest++;
          }
        }
        if (checkpoints != null) {
          checkpoints.epochEnded(epoch, last, improved);
        }
        if (earlyStopping != null && sinceBest >= earlyStopping.patience() && epoch < epochs) {
          outcome = RunOutcome.STOPPED_EARLY;
          break;
        }
      }
    } catch (RuntimeException | Error e) {
      finish(all, RunOutcome.FAILED, e);
      save(new RunRecord(id, trainer.name(), params, seed, fingerprints, history, Map.of(),
          RunEnvironment.current(), start, elapsed(start), RunOutcome.FAILED,
          List.of("failed: " + e)));
      throw e;
    }
    finish(all, outcome, null);
    if (last == null) {
      last = learner.snapshot();
    }
    boolean restore = earlyStopping != null && earlyStopping.restoreBest() && best != null;
    Model<X, Y> model = restore ? best : last;
    int modelEpoch = restore ? bestEpoch : history.size();
    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    if (!history.isEmpty()) {
      finalMetrics.putAll(history.get(modelEpoch - 1).metrics());
      finalMetrics.put("train.loss", history.get(modelEpoch - 1).trainLoss());
    }
    List<String> notes = new ArrayList<>();
    notes.add("model from epoch " + modelEpoch + " of " + history.size());
    RunRecord record = new RunRecord(id, trainer.name(), params, seed, fingerprints, history,
        finalMetrics, RunEnvironment.current(), start, elapsed(start), outcome, notes);
    save(record);
    return new TrainingResult<>(model, Math.max(1, modelEpoch), new TrainingHistory(history),
        outcome, record);
  }

  private static void finish(List<TrainingListener> all, RunOutcome outcome, Throwable failure) {
    for (TrainingListener l : all) {
      try {
        l.onTrainingEnd(outcome);
      } catch (RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
    }
  }

  private Duration elapsed(Instant start) {
    Duration d = Duration.between(start, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void save(RunRecord r) {
    if (workspace != null) {
      RunStore.in(workspace).save(r);
    }
  }

  /** Configures a {@link TrainingLoop}; each setter checks its value. Not thread-safe. */
  public static final class Builder {
    private int epochs = 10;
    private int batchSize = 32;
    private LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3);
    private EarlyStopping earlyStopping;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Workspace workspace;
    private int checkpointEvery;
    private PrintStream progress = System.err;
    private Clock clock = Clock.systemUTC();
    private String runId;
    private DevMetrics<?, ?> devMetrics = DevMetrics.accuracy();

    private Builder() {}

    /**
     * The most epochs to run. Default 10.
     *
     * @param epochs from 1 to 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder epochs(int epochs) {
      if (epochs < 1 || epochs > 1_000_000) {
        throw new IllegalArgumentException("epochs must be between 1 and 1000000 but was "
            + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    /**
     * Examples per mini-batch. Default 32.
     *
     * @param batchSize from 1 to 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 1_000_000) {
        throw new IllegalArgumentException("batchSize must be between 1 and 1000000 but was "
            + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * The learning rate per epoch. Default: constant 0.001.
     *
     * @param schedule the schedule
     * @return this builder
     */
    public Builder learningRate(LearningRateSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /**
     * Stop early on a dev metric. Default: never.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder earlyStopping(EarlyStopping rule) {
      this.earlyStopping = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /**
     * What to measure on the dev set after each epoch. Default {@link DevMetrics#accuracy()}.
     *
     * @param metrics the metrics; their types must match the trainer's
     * @return this builder
     */
    public Builder devMetrics(DevMetrics<?, ?> metrics) {
      this.devMetrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * Adds a listener; listeners are called in the order added. Default: none.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TrainingListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The workspace the run record goes to ({@code runs/<runId>.json}). Default: none.
     *
     * @param workspace the workspace
     * @return this builder
     */
    public Builder workspace(Workspace workspace) {
      this.workspace = Objects.requireNonNull(workspace, "workspace");
      return this;
    }

    /**
     * Save a checkpoint every {@code everyEpochs} epochs, and the best model so far, into
     * {@code runs/<runId>/checkpoints/} of the workspace (which must be set). Default 0: none.
     *
     * @param everyEpochs 0 (none) or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder checkpointEvery(int everyEpochs) {
      if (everyEpochs < 0) {
        throw new IllegalArgumentException("everyEpochs must not be negative but was "
            + everyEpochs);
      }
      this.checkpointEvery = everyEpochs;
      return this;
    }

    /**
     * Show the console progress bar on a stream. Default {@code System.err}.
     *
     * @param out the stream
     * @return this builder
     */
    public Builder progressBar(PrintStream out) {
      this.progress = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Switch the progress bar off (for servers and tests).
     *
     * @return this builder
     */
    public Builder noProgressBar() {
      this.progress = null;
      return this;
    }

    /**
     * The clock for the run's start, duration and the progress bar's ETA. Default: UTC system.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The run's id. Default: made from the trainer's name, start time and seed.
     *
     * @param runId letters, digits, '.', '_' or '-'
     * @return this builder
     * @throws IllegalArgumentException if not of that form
     */
    public Builder runId(String runId) {
      Objects.requireNonNull(runId, "runId");
      if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}")) {
        throw new IllegalArgumentException("runId must be letters, digits, '.', '_' or '-' but was '"
            + runId + "'");
      }
      this.runId = runId;
      return this;
    }

    /**
     * Makes the loop.
     *
     * @return the loop
     * @throws IllegalStateException if checkpoints are asked for without a workspace
     */
    public TrainingLoop build() {
      if (checkpointEvery > 0 && workspace == null) {
        throw new IllegalStateException("checkpointEvery(" + checkpointEvery
            + ") needs a workspace: call workspace(...) too");
      }
      return new TrainingLoop(this);
    }
  }
}
